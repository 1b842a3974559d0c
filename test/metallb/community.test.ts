import { MetalLbCommunity } from '../../src';
import { communityProblem } from '../../src/metallb/community';
import { synth, synthError } from '../util';

test('a Community object', () => {
  const [c] = synth(s => new MetalLbCommunity(s, 'communities', { communities: { 'no-export': '65535:65281', 'big': 'large:1:2:3' } }));
  expect(c).toEqual({
    apiVersion: 'metallb.io/v1beta1',
    kind: 'Community',
    metadata: { name: 'communities', namespace: 'metallb-system' },
    spec: { communities: [{ name: 'no-export', value: '65535:65281' }, { name: 'big', value: 'large:1:2:3' }] },
  });
});

test('fails M7: an alias with a value that is not a community', () => {
  expect(synthError(s => new MetalLbCommunity(s, 'c', { communities: { 'no-export': '65535' } })))
    .toMatch(/M7 communities\["no-export"\]: got "65535"; expected a BGP community/);
});

test('fails M7: an alias that is itself a community value', () => {
  expect(synthError(s => new MetalLbCommunity(s, 'c', { communities: { '1:2': '3:4' } }))).toMatch(/M7 communities alias: got "1:2"/);
});

test('community syntax', () => {
  expect(communityProblem('0:0', false)).toBeUndefined();
  expect(communityProblem('65535:65535', false)).toBeUndefined();
  expect(communityProblem('large:4294967295:0:1', false)).toBeUndefined();
  expect(communityProblem('no-export', true)).toBeUndefined();
  expect(communityProblem('no-export', false)).toMatch(/expected|BGP community/);
  expect(communityProblem('65536:0', true)).toMatch(/BGP community/);
});
