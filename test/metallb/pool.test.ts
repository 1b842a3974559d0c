import { Chart, Testing } from 'cdk8s';
import { MetalLb, MetalLbAdvertisement, MetalLbPool, MetalLbSelectorRequirement } from '../../src';
import { synth, synthError } from '../util';

test('a pool with every field (snapshot)', () => {
  const manifests = synth(c => new MetalLbPool(c, 'public', {
    addresses: ['203.0.113.0/28', '203.0.113.100-203.0.113.110', '203.0.113.200/32', 'fd00:1::/120'],
    autoAssign: false,
    avoidBuggyIps: true,
    labels: { zone: 'a' },
    serviceAllocation: {
      priority: 10,
      namespaces: ['shop'],
      namespaceSelectors: [{ matchLabels: { team: 'web' } }],
      serviceSelectors: [{ matchExpressions: [MetalLbSelectorRequirement.isIn('tier', ['front'])] }],
    },
    advertisements: [MetalLbAdvertisement.layer2({ interfaces: ['eth0'] }), MetalLbAdvertisement.bgp({ aggregationLength: 32, communities: ['65535:65281'] })],
  }));
  expect(manifests).toMatchSnapshot();
  expect(manifests.map(m => m.kind)).toEqual(['IPAddressPool', 'L2Advertisement', 'BGPAdvertisement']);
  expect(manifests.every(m => m.metadata.namespace === 'metallb-system')).toBe(true);
});

test('a pool is announced by Layer2 by default', () => {
  const [pool, adv] = synth(c => new MetalLbPool(c, 'default', { addresses: ['192.168.124.200-192.168.124.210'] }));
  expect(pool.spec).toEqual({ addresses: ['192.168.124.200-192.168.124.210'] });
  expect(adv).toEqual({
    apiVersion: 'metallb.io/v1beta1',
    kind: 'L2Advertisement',
    metadata: { name: 'default-l2', namespace: 'metallb-system' },
    spec: { ipAddressPools: ['default'] },
  });
});

test('autoAssign: true is written when given (as MetalLB\'s converter writes a given auto-assign), left out when defaulted', () => {
  const [given] = synth(c => new MetalLbPool(c, 'given', { addresses: ['10.0.0.0/30'], autoAssign: true }));
  expect(given.spec).toEqual({ addresses: ['10.0.0.0/30'], autoAssign: true });
  const [defaulted] = synth(c => new MetalLbPool(c, 'defaulted', { addresses: ['10.0.0.0/30'] }));
  expect(defaulted.spec).toEqual({ addresses: ['10.0.0.0/30'] });
});

test('announce: false makes no advertisement and is not an M4 error', () => {
  const manifests = synth(c => new MetalLbPool(c, 'quiet', { addresses: ['10.0.0.0/30'], announce: false }));
  expect(manifests.map(m => m.kind)).toEqual(['IPAddressPool']);
});

test('addAdvertisement adds more advertisements with distinct names', () => {
  const manifests = synth(c => {
    const p = new MetalLbPool(c, 'p', { addresses: ['10.0.0.0/24'] });
    p.addAdvertisement(MetalLbAdvertisement.bgp());
  });
  expect(manifests.map(m => `${m.kind}/${m.metadata.name}`)).toEqual(['IPAddressPool/p', 'L2Advertisement/p-l2', 'BGPAdvertisement/p-bgp-2']);
});

test.each([
  ['not an address', 'pool-a', /M1 addresses\[0\]: got "pool-a"; expected a CIDR/],
  ['a range whose start is after its end', '10.0.0.20-10.0.0.10', /M1 addresses\[0\]: got "10\.0\.0\.20-10\.0\.0\.10"; expected a range whose start is not after its end/],
  ['a range across families', '10.0.0.1-fd00::1', /expected a range whose two ends are of one family/],
  ['a CIDR with a bad prefix', '10.0.0.0/33', /M1 addresses\[0\]: got "10\.0\.0\.0\/33"/],
])('fails M1: %s', (_what, address, msg) => {
  expect(synthError(c => new MetalLbPool(c, 'p', { addresses: [address] }))).toMatch(msg);
});

test('fails M1: a pool without addresses', () => {
  expect(synthError(c => new MetalLbPool(c, 'p', { addresses: [] }))).toMatch(/\[test\/p\] M1 addresses: got \[\]; expected at least one address entry/);
});

test('fails M3: a pool name that is not an object name', () => {
  expect(synthError(c => new MetalLbPool(c, 'Public_Pool', { addresses: ['10.0.0.0/24'] })))
    .toMatch(/M3 name: got "Public_Pool"; expected a valid object name: .*\(the name defaults to the construct id: set name\)/);
});

test('fails M3: two pools with one name', () => {
  const msg = synthError(c => {
    new MetalLbPool(c, 'a', { name: 'same', addresses: ['10.0.0.0/24'] });
    new MetalLbPool(c, 'b', { name: 'same', addresses: ['10.0.1.0/24'] });
  });
  expect(msg).toMatch(/\[test\/b\] M3 name: got "same"; expected a pool name not used by another pool \(test\/a has it\)/);
});

test('M9: an empty serviceAllocation is never written (and warns)', () => {
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  const [pool] = synth(c => new MetalLbPool(c, 'p', { addresses: ['10.0.0.0/24'], serviceAllocation: {} }));
  expect(pool.spec.serviceAllocation).toBeUndefined();
  expect(warn).toHaveBeenCalledWith(expect.stringMatching(/M9 serviceAllocation is empty: not written/));
  warn.mockRestore();
});

test('fails M9: a serviceAllocation namespace that is not a namespace name', () => {
  expect(synthError(c => new MetalLbPool(c, 'p', { addresses: ['10.0.0.0/24'], serviceAllocation: { namespaces: ['Shop'] } })))
    .toMatch(/M9 serviceAllocation\.namespaces\[0\]: got "Shop"/);
});

test('fails M0: serviceAllocation before MetalLB 0.13.9 (release notes, 0.13.9: IPPool service allocation)', () => {
  const app = Testing.app();
  const c = new Chart(app, 'c');
  MetalLb.configure(c, { version: '0.13.8' });
  expect(() => new MetalLbPool(c, 'p', { addresses: ['10.0.0.0/24'], serviceAllocation: { priority: 1 } }))
    .toThrow(/M0 serviceAllocation: got "v0\.13\.8"; expected MetalLB 0\.13\.9 or newer for IPAddressPool serviceAllocation/);
});

test('M6: every object is written in the configured MetalLB namespace', () => {
  const app = Testing.app();
  const c = new Chart(app, 'c');
  MetalLb.configure(c, { metalLbNamespace: 'lb' });
  new MetalLbPool(c, 'p', { addresses: ['10.0.0.0/24'] });
  expect(Testing.synth(c).map(m => m.metadata.namespace)).toEqual(['lb', 'lb']);
});
