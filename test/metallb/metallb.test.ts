import { Chart, Testing } from 'cdk8s';
import { MetalLb, MetalLbBgpPeer, MetalLbPool } from '../../src';

test('defaults to MetalLB 0.16.2 (the release of the library\'s CRDs) in metallb-system', () => {
  const c = new Chart(Testing.app(), 'c');
  expect(MetalLb.versionOf(c)).toBe('v0.16.2');
  expect(MetalLb._of(c).namespace).toBe('metallb-system');
});

test('the closest configured scope wins', () => {
  const app = Testing.app();
  MetalLb.configure(app, { version: '0.12.1' });
  const a = new Chart(app, 'a');
  const b = new Chart(app, 'b');
  MetalLb.configure(b, { version: 'v0.14' });
  expect(MetalLb.versionOf(a)).toBe('v0.12.1');
  expect(MetalLb.versionOf(b)).toBe('v0.14.0');
  expect(MetalLb._of(a)).not.toBe(MetalLb._of(b));
});

test.each(['1.0', '0.8.0', 'latest', '0.x'])('fails M0: version %p', (version) => {
  expect(() => MetalLb.configure(Testing.app(), { version })).toThrow(/M0 version: got .*; expected a MetalLB release from 0\.9 on/);
});

test('fails M6: a MetalLB namespace that is not a namespace name', () => {
  expect(() => MetalLb.configure(Testing.app(), { metalLbNamespace: 'MetalLB' })).toThrow(/M6 metalLbNamespace: got "MetalLB"; expected a DNS-1123 label/);
});

test('M16: before 0.13 the app writes one ConfigMap holding every pool and peer', () => {
  const app = Testing.app();
  MetalLb.configure(app, { version: '0.12.1' });
  const a = new Chart(app, 'a');
  const b = new Chart(app, 'b');
  new MetalLbPool(a, 'one', { addresses: ['10.0.0.0/24'] });
  new MetalLbPool(b, 'two', { addresses: ['10.0.1.0/24'] });
  new MetalLbBgpPeer(b, 'peer', { myAsn: 64512, peerAsn: 64513, peerAddress: '10.0.0.1' });
  const inA = Testing.synth(a);
  const inB = Testing.synth(b);
  expect(inA).toHaveLength(1);
  expect(inB).toHaveLength(0);
  expect(inA[0]).toMatchObject({ kind: 'ConfigMap', metadata: { name: 'config', namespace: 'metallb-system' } });
  expect(inA[0].data.config).toMatch(/name: one/);
  expect(inA[0].data.config).toMatch(/name: two/);
  expect(inA[0].data.config).toMatch(/peer-address: 10\.0\.0\.1/);
});
