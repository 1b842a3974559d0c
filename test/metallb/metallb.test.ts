import * as fs from 'fs';
import * as path from 'path';
import { Chart, Testing } from 'cdk8s';
import { LoadBalancerService, MetalLb, MetalLbBgpPeer, MetalLbPool } from '../../src';
import { NEWEST_METALLB } from '../../src/metallb/version';

test('defaults to the newest MetalLB the library knows (0.16.2) in metallb-system', () => {
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

test.each(['latest', '0.x', '1'])('fails M0: version %p is not a release number', (version) => {
  expect(() => MetalLb.configure(Testing.app(), { version })).toThrow(/^\[App\] M0 version: got .*; expected a MetalLB release number such as "0\.9\.3"/);
});

test.each(['1.0.0', '1.0', '0.17.0'])('fails M0: version %p is too new, naming the newest supported', (version) => {
  expect(() => MetalLb.configure(Testing.app(), { version }))
    .toThrow(new RegExp(`^\\[App\\] M0 version: got "${version.replace(/\./g, '\\.')}"; expected a MetalLB release the library supports: v[0-9.]+ is too new, the newest supported is v${NEWEST_METALLB.replace(/\./g, '\\.')}`));
});

test('fails M0: a release older than 0.9 names the oldest supported; the error names the chart path', () => {
  const app = Testing.app();
  expect(() => MetalLb.configure(new Chart(app, 'cluster'), { version: '0.8.3' }))
    .toThrow('[cluster] M0 version: got "0.8.3"; expected a MetalLB release the library supports: v0.8.3 is too old, the oldest supported is v0.9.0');
});

test('a patch release after the newest known one is accepted', () => {
  const [maj, min, patch] = NEWEST_METALLB.split('.').map(Number);
  const app = Testing.app();
  MetalLb.configure(app, { version: `${maj}.${min}.${patch + 5}` });
  expect(MetalLb.versionOf(app)).toBe(`v${maj}.${min}.${patch + 5}`);
});

test('the newest supported release is the one whose CRDs are imported (cdk8s.yaml)', () => {
  const yaml = fs.readFileSync(path.join(__dirname, '..', '..', 'cdk8s.yaml'), 'utf8');
  expect(yaml).toContain(`schemas/metallb/v${NEWEST_METALLB}/`);
});

test.each([
  ['a pool', (c: Chart) => new MetalLbPool(c, 'pool', { addresses: ['10.0.0.0/24'] }), 'c/pool'],
  ['a BGP peer', (c: Chart) => new MetalLbBgpPeer(c, 'peer', { myAsn: 64512, peerAsn: 64513, peerAddress: '10.0.0.1' }), 'c/peer'],
  ['a LoadBalancer Service', (c: Chart) => new LoadBalancerService(c, 'svc', { ports: [{ port: 80 }] }), 'c/svc'],
])('fails M0: MetalLb.configure after %s exists below the scope, naming it', (_what, make, path_) => {
  const app = Testing.app();
  const c = new Chart(app, 'c');
  make(c);
  expect(() => MetalLb.configure(app, { version: '0.12.1' }))
    .toThrow(`[App] M0 MetalLb.configure: got "a call after ${path_} was created"; expected MetalLb.configure before the first MetalLB object or LoadBalancer Service below the scope`);
  expect(() => MetalLb.configure(c, { version: '0.12.1' })).toThrow(/\[c\] M0 MetalLb\.configure/);
});

test('MetalLb.configure of a sibling scope is not blocked by objects elsewhere', () => {
  const app = Testing.app();
  new MetalLbPool(new Chart(app, 'a'), 'pool', { addresses: ['10.0.0.0/24'] });
  const b = new Chart(app, 'b');
  MetalLb.configure(b, { version: '0.12.1' });
  expect(MetalLb.versionOf(b)).toBe('v0.12.1');
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
