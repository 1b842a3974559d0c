import { Chart, Testing } from 'cdk8s';
import {
  MetalLb, MetalLbAdvertisement, MetalLbBfdProfile, MetalLbBgpAdvertisement, MetalLbBgpPeer, MetalLbCommunity, MetalLbL2Advertisement,
  MetalLbPool,
} from '../../src';
import { synth, synthError } from '../util';

const peer = { myAsn: 64500, peerAsn: 64501 };

describe('M3: one name per kind', () => {
  test.each([
    ['BGP peer', (c: Chart) => {
      new MetalLbBgpPeer(c, 'a', { ...peer, name: 'r', peerAddress: '10.0.0.1' });
      new MetalLbBgpPeer(c, 'b', { ...peer, name: 'r', peerAddress: '10.0.0.2' });
    }],
    ['BFD profile', (c: Chart) => {
      new MetalLbBfdProfile(c, 'a', { name: 'fast' });
      new MetalLbBfdProfile(c, 'b', { name: 'fast' });
    }],
    ['community', (c: Chart) => {
      new MetalLbCommunity(c, 'a', { name: 'cm', communities: { one: '1:1' } });
      new MetalLbCommunity(c, 'b', { name: 'cm', communities: { two: '2:2' } });
    }],
    ['Layer2 advertisement', (c: Chart) => {
      new MetalLbPool(c, 'p', { addresses: ['10.0.0.0/24'], advertisements: [] });
      new MetalLbL2Advertisement(c, 'a', { name: 'adv' });
      new MetalLbL2Advertisement(c, 'b', { name: 'adv' });
    }],
  ])('fails M3: two %s objects of one name', (kind, build) => {
    expect(synthError(build)).toMatch(new RegExp(`\\[test/b\\] M3 name: got "[a-z]+"; expected a ${kind} name not used by another ${kind} \\(test/a has it\\)`));
  });

  test('an L2 and a BGP advertisement may share a name (two kinds)', () => {
    expect(() => synth(c => {
      new MetalLbPool(c, 'p', { addresses: ['10.0.0.0/24'], advertisements: [] });
      new MetalLbL2Advertisement(c, 'a', { name: 'adv' });
      new MetalLbBgpAdvertisement(c, 'b', { name: 'adv' });
    })).not.toThrow();
  });
});

test('fails M7: the same community alias in two Community objects (MetalLB communitiesFromCrs)', () => {
  expect(synthError(c => {
    new MetalLbCommunity(c, 'a', { communities: { 'no-export': '65535:65281' } });
    new MetalLbCommunity(c, 'b', { communities: { 'no-export': '65535:65282' } });
  })).toMatch(/\[test\/b\] M7 communities\["no-export"\]: got "no-export"; expected an alias not defined by another community object \(test\/a defines it\)/);
});

describe('M8: a peer\'s BFD profile by name', () => {
  test('a name the app does not define: a warning from 0.13 (MetalLB retries), an error with strict', () => {
    const spy = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const out = synth(c => new MetalLbBgpPeer(c, 'p', { ...peer, peerAddress: '10.0.0.1', bfdProfileName: 'elsewhere' }));
      expect(out[0].spec.bfdProfile).toBe('elsewhere');
      expect(spy.mock.calls.join('\n')).toMatch(/M8 bfdProfileName: got "elsewhere"; expected the name of a BFD profile \(defined: none\); MetalLB waits/);
    } finally {
      spy.mockRestore();
    }
    expect(synthError(c => {
      MetalLb.configure(c, { strict: true });
      new MetalLbBgpPeer(c, 'p', { ...peer, peerAddress: '10.0.0.1', bfdProfileName: 'elsewhere' });
    })).toMatch(/M8 bfdProfileName: got "elsewhere"/);
  });

  test('fails M8 before 0.13: the legacy parser refuses a peer naming a profile the ConfigMap lacks', () => {
    expect(synthError(c => {
      MetalLb.configure(c, { version: '0.12.1' });
      new MetalLbBgpPeer(c, 'p', { ...peer, peerAddress: '10.0.0.1', bfdProfileName: 'missing' });
    })).toMatch(/\[test\/p\] M8 bfdProfileName: got "missing"; expected the name of a BFD profile \(defined: none\)$/m);
  });
});

describe('M18: BFD echo mode and IPv6 pools', () => {
  const build = (peers: string[] | undefined, echoMode: boolean, addresses: string[]) => (c: Chart) => {
    new MetalLbBfdProfile(c, 'echo', { echoMode });
    new MetalLbBgpPeer(c, 'r1', { ...peer, peerAddress: '10.0.0.1', bfdProfileName: 'echo' });
    new MetalLbPool(c, 'p', { addresses, advertisements: [MetalLbAdvertisement.bgp({ peers })] });
  };
  test('fails M18: an advertisement of an IPv6 pool reaches a peer with BFD echo (every peer, or by name)', () => {
    expect(synthError(build(undefined, true, ['fd00::/120'])))
      .toMatch(/\[test\/p\/bgp\] M18 peers \(every peer\): got "r1"; expected no peer whose BFD profile has echo mode: pool "p" holds IPv6 addresses/);
    expect(synthError(build(['r1'], true, ['10.1.0.0/24', 'fd00::/120']))).toMatch(/M18 peers: got "r1"/);
  });
  test('an IPv4 pool, or a profile without echo, is accepted', () => {
    expect(() => synth(build(undefined, true, ['10.1.0.0/24']))).not.toThrow();
    expect(() => synth(build(undefined, false, ['fd00::/120']))).not.toThrow();
  });
});

test('fails M7 before 0.13: two advertisements that write the same bgp-advertisements entry of a pool', () => {
  const app = Testing.app();
  MetalLb.configure(app, { version: '0.12.1' });
  const c = new Chart(app, 'test');
  new MetalLbPool(c, 'p', { addresses: ['10.0.0.0/24'], advertisements: [MetalLbAdvertisement.bgp({ localPref: 100 }), MetalLbAdvertisement.bgp({ localPref: 100 })] });
  expect(() => Testing.synth(c)).toThrow(/\[test\/p\/bgp-2\] M7 bgp advertisement: got \{"localpref":100\}; expected settings that differ from test\/p\/bgp: both write the same entry of pool "p" in the legacy ConfigMap, and MetalLB v0\.12\.1 refuses duplicate bgp-advertisements/);
});

describe('version-aware: the legacy parser\'s rules before 0.13', () => {
  const legacy = (build: (c: Chart) => void) => (c: Chart) => {
    MetalLb.configure(c, { version: '0.12.1' });
    build(c);
  };
  test('fails M0: a large community before 0.13.10 (v0.12.1 ParseCommunity reads only a:b)', () => {
    expect(synthError(legacy(c => new MetalLbCommunity(c, 'cm', { communities: { big: 'large:64500:1:2' } }))))
      .toMatch(/M0 communities: got "v0\.12\.1"; expected MetalLB 0\.13\.10 or newer for large BGP communities/);
    expect(synthError(legacy(c => new MetalLbPool(c, 'p', { addresses: ['10.0.0.0/24'], advertisements: [MetalLbAdvertisement.bgp({ communities: ['large:1:2:3'] })] }))))
      .toMatch(/M0 communities: got "v0\.12\.1"; expected MetalLB 0\.13\.10 or newer/);
  });
  test('a pool or BFD profile name need not be an object name before 0.13 (v0.12.1 only wants one)', () => {
    const out = synth(legacy(c => {
      new MetalLbBfdProfile(c, 'b', { name: 'Fast_BFD' });
      new MetalLbPool(c, 'p', { name: 'UPPER', addresses: ['10.0.0.0/24'] });
    }));
    expect(out[0].data.config).toContain('name: UPPER');
    expect(synthError(c => new MetalLbPool(c, 'p', { name: 'UPPER', addresses: ['10.0.0.0/24'] }))).toMatch(/M3 name: got "UPPER"; expected a valid object name/);
  });
});

test('fails M9: a namespace twice in serviceAllocation (MetalLB addressPoolServiceAllocationsFromCR)', () => {
  expect(synthError(c => new MetalLbPool(c, 'p', { addresses: ['10.0.0.0/24'], serviceAllocation: { namespaces: ['a', 'a'] } })))
    .toMatch(/M9 serviceAllocation\.namespaces\[1\]: got "a"; expected a namespace not already in the list/);
});

test('aggregationLengthV6 0 is accepted while no selected pool holds IPv6 (the CRD has no minimum)', () => {
  expect(() => synth(c => new MetalLbPool(c, 'p', { addresses: ['10.0.0.0/24'], advertisements: [MetalLbAdvertisement.bgp({ aggregationLengthV6: 0 })] }))).not.toThrow();
  expect(synthError(c => new MetalLbPool(c, 'p', { addresses: ['fd00::/120'], advertisements: [MetalLbAdvertisement.bgp({ aggregationLengthV6: 0 })] })))
    .toMatch(/M7 aggregationLengthV6: got 0; expected at least 120/);
});

// v0.15.2 internal/config/config.go validateBGPAdvPerPool (RN 0.13.10, relaxed in 0.15.0)
describe('M7 local preferences of one pool', () => {
  const pool = (c: Chart, second: Record<string, unknown>, addresses = ['10.0.0.0/24']) => new MetalLbPool(c, 'p', {
    addresses,
    advertisements: [MetalLbAdvertisement.bgp({ localPref: 100 }), MetalLbAdvertisement.bgp(second as any)],
  });
  test('fails: two local preferences for the same BGP update', () => {
    expect(synthError(c => pool(c, { localPref: 200 })))
      .toMatch(/\[test\/p\/bgp-2\] M7 localPref: got 200; expected 100, the localPref of test\/p\/bgp: both announce pool "p" with the same aggregation lengths to the same peers and nodes/);
  });
  test('different updates: another aggregation length of the pool\'s family, disjoint peers, other nodes', () => {
    expect(() => synth(c => pool(c, { localPref: 200, aggregationLength: 24 }))).not.toThrow();
    // an IPv6 aggregation length does not make IPv4 updates different; with both families both must differ
    expect(synthError(c => pool(c, { localPref: 200, aggregationLengthV6: 64 }))).toMatch(/M7 localPref/);
    expect(synthError(c => pool(c, { localPref: 200, aggregationLength: 24 }, ['10.0.0.0/24', 'fc00::/64']))).toMatch(/M7 localPref/);
    expect(() => synth(c => pool(c, { localPref: 200, aggregationLength: 24, aggregationLengthV6: 64 }, ['10.0.0.0/24', 'fc00::/64']))).not.toThrow();
    expect(() => synth(c => {
      new MetalLbBgpPeer(c, 'x', { ...peer, peerAddress: '10.0.0.1' });
      new MetalLbBgpPeer(c, 'yy', { ...peer, peerAddress: '10.0.0.2' });
      new MetalLbPool(c, 'p', {
        addresses: ['10.0.0.0/24'],
        advertisements: [MetalLbAdvertisement.bgp({ localPref: 100, peers: ['x'] }), MetalLbAdvertisement.bgp({ localPref: 200, peers: ['yy'] })],
      });
    })).not.toThrow();
    // the library does not know the cluster's nodes: different node selectors are not compared
    expect(() => synth(c => pool(c, { localPref: 200, nodeSelectors: [{ matchLabels: { rack: 'a' } }] }))).not.toThrow();
  });
  test('before 0.13.10 MetalLB does not compare local preferences', () => {
    expect(() => synth(c => {
      MetalLb.configure(c, { version: '0.13.9' });
      pool(c, { localPref: 200 });
    })).not.toThrow();
  });
});
