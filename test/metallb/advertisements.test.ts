import { Chart, Testing } from 'cdk8s';
import { MetalLb, MetalLbBgpAdvertisement, MetalLbBgpPeer, MetalLbL2Advertisement, MetalLbPool, MetalLbSelectorRequirement } from '../../src';
import { synth, synthError } from '../util';

test('a standalone BGP advertisement for named pools and peers', () => {
  const manifests = synth(c => {
    new MetalLbPool(c, 'a', { addresses: ['10.0.0.0/24'], advertisements: [] });
    new MetalLbBgpPeer(c, 'router', { myAsn: 64512, peerAsn: 64513, peerAddress: '10.0.0.1' });
    new MetalLbBgpAdvertisement(c, 'adv', { poolNames: ['a'], peers: ['router'], localPref: 100, aggregationLength: 24 });
  });
  expect(manifests.find(m => m.kind === 'BGPAdvertisement').spec).toEqual({ ipAddressPools: ['a'], peers: ['router'], localPref: 100, aggregationLength: 24 });
});

test('an advertisement without a selection announces every pool (no M4)', () => {
  const manifests = synth(c => {
    new MetalLbPool(c, 'a', { addresses: ['10.0.0.0/24'], advertisements: [] });
    new MetalLbPool(c, 'b', { addresses: ['10.0.1.0/24'], advertisements: [] });
    new MetalLbL2Advertisement(c, 'all');
  });
  expect(manifests.find(m => m.kind === 'L2Advertisement').spec).toEqual({});
});

test('fails M5: a pool of another MetalLB installation', () => {
  const app = Testing.app();
  const a = new Chart(app, 'a');
  const b = new Chart(app, 'b');
  MetalLb.configure(a, { version: '0.15.0' });
  const pool = new MetalLbPool(a, 'p', { addresses: ['10.0.0.0/24'] });
  expect(() => new MetalLbL2Advertisement(b, 'adv', { pools: [pool] })).toThrow(/\[b\/adv\] M5 pools: got "a\/p"; expected a pool of the same MetalLB installation/);
});

test('fails M17: a malformed selector', () => {
  expect(synthError(c => new MetalLbL2Advertisement(c, 'adv', { nodeSelectors: [{ matchExpressions: [MetalLbSelectorRequirement.isIn('zone', [])] }] })))
    .toMatch(/M17 nodeSelectors\[0\]: .*zone In: needs at least one value/);
});

test('fails M17: the same pool selector twice (MetalLB validateLabelSelectorDuplicate)', () => {
  expect(synthError(c => new MetalLbBgpAdvertisement(c, 'adv', { poolSelectors: [{ matchLabels: { a: 'b' } }, { matchLabels: { a: 'b' } }] })))
    .toMatch(/M17 poolSelectors\[1\]: got \{"matchLabels":\{"a":"b"\}\}; expected a selector different from selector 0/);
});

test('fails M0: Layer2 interfaces in the legacy ConfigMap', () => {
  const app = Testing.app();
  MetalLb.configure(app, { version: '0.12.1' });
  expect(() => new MetalLbL2Advertisement(new Chart(app, 'c'), 'adv', { interfaces: ['eth0'] })).toThrow(/M0 interfaces: got "v0\.12\.1"; expected MetalLB 0\.13\.6 or newer for L2Advertisement interfaces/);
});

describe('advertisement fields of MetalLB 0.16', () => {
  test('serviceSelectors and preferredNodeSelectors (L2), serviceSelectors and asPathPrepend (BGP) are written', () => {
    const out = synth(c => {
      new MetalLbPool(c, 'p', { addresses: ['10.0.0.0/24'], advertisements: [] });
      new MetalLbL2Advertisement(c, 'l2', {
        serviceSelectors: [{ matchLabels: { app: 'web' } }],
        preferredNodeSelectors: [{ weight: 50, preference: { matchExpressions: [MetalLbSelectorRequirement.exists('fast')] } }],
      });
      new MetalLbBgpAdvertisement(c, 'bgp', { serviceSelectors: [{ matchLabels: { app: 'web' } }], asPathPrepend: 3 });
    });
    expect(out.find(o => o.kind === 'L2Advertisement').spec).toEqual({
      serviceSelectors: [{ matchLabels: { app: 'web' } }],
      preferredNodeSelectors: [{ weight: 50, preference: { matchExpressions: [{ key: 'fast', operator: 'Exists' }] } }],
    });
    expect(out.find(o => o.kind === 'BGPAdvertisement').spec).toEqual({ serviceSelectors: [{ matchLabels: { app: 'web' } }], asPathPrepend: 3 });
  });

  test.each([
    ['serviceSelectors with aggregationLength 24', () => ({ serviceSelectors: [{}], aggregationLength: 24 }), /M7 aggregationLength: got 24; expected 32 \(or unset\) with serviceSelectors/],
    ['asPathPrepend 11', () => ({ asPathPrepend: 11 }), /M7 asPathPrepend: got 11; expected an integer from 1 to 10/],
  ])('fails: %s', (_what, props, expected) => {
    expect(synthError(c => new MetalLbBgpAdvertisement(c, 'adv', props() as any))).toMatch(expected);
  });

  test('fails: a preferred node selector weight out of 1-100, a malformed preference (M17)', () => {
    expect(synthError(c => new MetalLbL2Advertisement(c, 'adv', { preferredNodeSelectors: [{ weight: 0, preference: {} }] })))
      .toMatch(/M5 preferredNodeSelectors\[0\]\.weight: got 0; expected an integer from 1 to 100/);
    expect(synthError(c => new MetalLbL2Advertisement(c, 'adv', { preferredNodeSelectors: [{ weight: 1, preference: { matchLabels: { 'a b': 'c' } } }] })))
      .toMatch(/M17 preferredNodeSelectors\[0\]\.preference: .*a qualified name/);
  });

  test('fails M0: serviceSelectors before 0.16.0, preferredNodeSelectors before 0.16.2', () => {
    const app = Testing.app();
    MetalLb.configure(app, { version: '0.15.2' });
    const c = new Chart(app, 'c');
    expect(() => new MetalLbL2Advertisement(c, 'a', { serviceSelectors: [{}] })).toThrow(/M0 serviceSelectors: got "v0\.15\.2"; expected MetalLB 0\.16\.0 or newer/);
    const app2 = Testing.app();
    MetalLb.configure(app2, { version: '0.16.1' });
    expect(() => new MetalLbL2Advertisement(new Chart(app2, 'c'), 'a', { preferredNodeSelectors: [{ weight: 1, preference: {} }] }))
      .toThrow(/M0 preferredNodeSelectors: got "v0\.16\.1"; expected MetalLB 0\.16\.2 or newer/);
  });
});

describe('duplicates MetalLB refuses (validateDuplicate)', () => {
  test('fails M7: a community listed twice in one BGP advertisement', () => {
    const c = new Chart(Testing.app(), 'c');
    const pool = new MetalLbPool(c, 'p', { addresses: ['10.0.0.0/24'], announce: false });
    expect(() => new MetalLbBgpAdvertisement(c, 'adv', { pools: [pool], communities: ['64512:1', '64512:2', '64512:1'] }))
      .toThrow('[c/adv] M7 communities[2]: got "64512:1"; expected each value once: "64512:1" is listed twice, and MetalLB refuses a duplicate definition');
  });

  test('fails M5: a peer listed twice', () => {
    const c = new Chart(Testing.app(), 'c');
    const pool = new MetalLbPool(c, 'p', { addresses: ['10.0.0.0/24'], announce: false });
    expect(() => new MetalLbBgpAdvertisement(c, 'adv', { pools: [pool], peers: ['a', 'a'] })).toThrow(/\[c\/adv\] M5 peers\[1\]: got "a"; expected each value once/);
  });

  test('fails M5: a pool selected by reference and by name', () => {
    const c = new Chart(Testing.app(), 'c');
    const pool = new MetalLbPool(c, 'p', { addresses: ['10.0.0.0/24'], announce: false });
    expect(() => new MetalLbL2Advertisement(c, 'adv', { pools: [pool], poolNames: ['p'] })).toThrow(/\[c\/adv\] M5 pools\/poolNames\[1\]: got "p"; expected each value once/);
  });

  test('the same community in two advertisements is fine', () => {
    const c = new Chart(Testing.app(), 'c');
    const pool = new MetalLbPool(c, 'p', { addresses: ['10.0.0.0/24'], announce: false });
    new MetalLbBgpAdvertisement(c, 'a1', { pools: [pool], communities: ['64512:1'] });
    new MetalLbBgpAdvertisement(c, 'a2', { pools: [pool], communities: ['64512:1'] });
    expect(Testing.synth(c).filter(o => o.kind === 'BGPAdvertisement')).toHaveLength(2);
  });
});
