import { Chart, Testing } from 'cdk8s';
import { MetalLb, MetalLbBfdProfile } from '../../src';
import { synth, synthError } from '../util';

test('a BFDProfile', () => {
  const [b] = synth(c => new MetalLbBfdProfile(c, 'fast', {
    receiveInterval: 280, transmitInterval: 270, echoMode: false, passiveMode: false, minimumTtl: 254, detectMultiplier: 3, echoInterval: 62,
  }));
  expect(b).toEqual({
    apiVersion: 'metallb.io/v1beta1',
    kind: 'BFDProfile',
    metadata: { name: 'fast', namespace: 'metallb-system' },
    spec: {
      receiveInterval: 280, transmitInterval: 270, echoMode: false, passiveMode: false, minimumTtl: 254, detectMultiplier: 3, echoInterval: 62,
    },
  });
});

test.each([
  ['receiveInterval', 5], ['transmitInterval', 60001], ['detectMultiplier', 1], ['echoInterval', 9], ['minimumTtl', 255],
])('fails M8: %s %p out of range', (field, value) => {
  expect(synthError(c => new MetalLbBfdProfile(c, 'b', { [field]: value }))).toMatch(new RegExp(`M8 ${field}: got ${value}; expected an integer from`));
});

test('fails M0: BFD on MetalLB 0.9 (BFD came with 0.12.0)', () => {
  const app = Testing.app();
  MetalLb.configure(app, { version: '0.9.3' });
  expect(() => new MetalLbBfdProfile(new Chart(app, 'c'), 'b')).toThrow(/M0 BFD profile: got "v0\.9\.3"; expected MetalLB 0\.12\.0 or newer for BFD profiles/);
});
