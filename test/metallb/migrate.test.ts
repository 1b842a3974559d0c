import * as fs from 'fs';
import * as path from 'path';
import { Chart, Testing } from 'cdk8s';
import * as YAML from 'yaml';
import { meaning } from './manifest-meaning';
import { MetalLbAdvertisement, MetalLbBgpType, MetalLbPool } from '../../src';
import { MetalLbMigration } from '../../src/metallb/migrate';

// Fixtures are copies of MetalLB's own test data (see fixtures/README.md), so the tests also run
// where ../shared is absent.
const FIXTURES = path.join(__dirname, 'fixtures');
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name), 'utf8');

function parseGolden(text: string): any[] {
  return YAML.parseAllDocuments(text).map((d) => d.toJS()).filter((o) => o !== null && o !== undefined);
}

function kinds(objects: any[], kind: string): any[] {
  return objects.filter((o) => o.kind === kind);
}

/** Converts bare `config` data. */
function convert(config: string): any[] {
  return MetalLbMigration.fromConfig(config);
}

/** Runs the conversion expecting a failure and returns the error message. */
function failure(config: string): string {
  try {
    MetalLbMigration.fromConfig(config);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected the conversion to fail');
}

const BGP_PEER = `
peers:
- my-asn: 64500
  peer-asn: 64501
  peer-address: 10.0.0.1
`;

describe('MetalLbMigration: MetalLB v0.16.1 configmaptocrs golden files', () => {
  test.each(['config-yaml-address-pools', 'config-yaml-communities', 'config-yaml-peers'])('%s converts to the same resources', (name) => {
    const got = MetalLbMigration.fromConfigMapYaml(fixture(`${name}.yaml`));
    const want = parseGolden(fixture(`${name}.golden`));
    expect(meaning(got)).toEqual(meaning(want));
  });

  test('the comparison is not vacuous: a changed field is a different meaning', () => {
    const want = parseGolden(fixture('config-yaml-peers.golden'));
    const got = MetalLbMigration.fromConfigMapYaml(fixture('config-yaml-peers.yaml'));
    got[2].spec.holdTime = '1m30s';
    expect(meaning(got)).not.toEqual(meaning(want));
  });

  test('fixtures README says where the data comes from', () => {
    const readme = fixture('README.md');
    expect(readme).toContain('MetalLB');
    expect(readme).toContain('v0.16.1');
    expect(readme).toContain('v0.12.1');
  });
});

describe('MetalLbMigration: MetalLB v0.12.1 example manifests', () => {
  test('example-layer2-config.yaml (snapshot)', () => {
    const objects = MetalLbMigration.fromConfigMapYaml(fixture('example-layer2-config.yaml'));
    expect(MetalLbMigration.toYaml(objects)).toMatchSnapshot();
  });

  test('fails: example-config.yaml as published is rejected by MetalLB v0.12.1 itself', () => {
    // The published example writes `bfdProfile:` (the field is `bfd-profile`, and MetalLB parses
    // strictly: yaml.UnmarshalStrict fails before any value is looked at) and, once that is
    // fixed, sets ebgp-multihop on an iBGP peer (my-asn == peer-asn).
    const message = (text: string) => {
      try {
        MetalLbMigration.fromConfigMapYaml(text);
      } catch (e) {
        return (e as Error).message;
      }
      return '';
    };
    const published = message(fixture('example-config.yaml'));
    expect(published).toContain('(1 problem)');
    expect(published).toContain('peers[0] (10.0.0.1): unknown field "bfdProfile"');
    const spelled = message(fixture('example-config.yaml').replace('bfdProfile: "bfdProfile1"', 'bfd-profile: "bfdprofilename"'));
    expect(spelled).toContain('(1 problem)');
    expect(spelled).toContain('MetalLB v0.12.1 (the ConfigMap): [metallb/peer-1] M8 ebgpMultiHop: got true; expected false for an iBGP peer');
  });

  test('example-config.yaml with its two mistakes fixed (snapshot)', () => {
    const fixed = fixture('example-config.yaml')
      .replace('bfdProfile: "bfdProfile1"', 'bfd-profile: "bfdprofilename"')
      .replace('peer-asn: 64512', 'peer-asn: 64513');
    const objects = MetalLbMigration.fromConfigMapYaml(fixed);
    expect(MetalLbMigration.toYaml(objects)).toMatchSnapshot();

    expect(objects.map((o) => o.kind)).toEqual(['BGPPeer', 'IPAddressPool', 'BGPAdvertisement', 'BFDProfile', 'Community']);
    const [peer] = kinds(objects, 'BGPPeer');
    expect(peer.apiVersion).toBe('metallb.io/v1beta2');
    expect(peer.spec).toEqual({
      myASN: 64512,
      peerASN: 64513,
      peerAddress: '10.0.0.1',
      sourceAddress: '10.0.0.2',
      peerPort: 179,
      holdTime: '2m0s',
      keepaliveTime: '30s',
      routerID: '1.2.3.4',
      nodeSelectors: [{
        matchLabels: { 'kubernetes.io/hostname': 'prod-01' },
        matchExpressions: [{ key: 'beta.kubernetes.io/arch', operator: 'In', values: ['amd64', 'arm'] }],
      }],
      password: 'yourPassword',
      bfdProfile: 'bfdprofilename',
      ebgpMultiHop: true,
    });
    const [pool] = kinds(objects, 'IPAddressPool');
    expect(pool.spec).toEqual({
      addresses: ['198.51.100.0/24', '192.168.0.150-192.168.0.200'],
      autoAssign: false,
      avoidBuggyIPs: true,
    });
    const [adv] = kinds(objects, 'BGPAdvertisement');
    expect(adv.spec).toEqual({
      aggregationLength: 32,
      aggregationLengthV6: 64,
      localPref: 100,
      communities: ['64512:1', 'no-export'],
      ipAddressPools: ['my-ip-space'],
    });
    const [bfd] = kinds(objects, 'BFDProfile');
    expect(bfd.spec).toEqual({
      receiveInterval: 280,
      transmitInterval: 270,
      detectMultiplier: 200,
      echoInterval: 62,
      echoMode: false,
      passiveMode: false,
      minimumTtl: 254,
    });
    const [community] = kinds(objects, 'Community');
    expect(community.spec.communities).toEqual([{ name: 'no-export', value: '65535:65281' }]);
  });
});

describe('MetalLbMigration: conversion', () => {
  test('every object lives in metallb-system by default and has the right apiVersion', () => {
    const objects = MetalLbMigration.fromConfigMapYaml(fixture('config-yaml-peers.yaml'));
    for (const o of objects) {
      expect(o.metadata.namespace).toBe('metallb-system');
      expect(o.apiVersion).toBe(o.kind === 'BGPPeer' ? 'metallb.io/v1beta2' : 'metallb.io/v1beta1');
    }
  });

  test('namespace option, else the ConfigMap namespace (like MetalLB), else metallb-system', () => {
    const cm = fixture('example-layer2-config.yaml').replace('namespace: metallb-system', 'namespace: lb');
    expect(MetalLbMigration.fromConfigMapYaml(cm).map((o) => o.metadata.namespace)).toEqual(['lb', 'lb']);
    expect(MetalLbMigration.fromConfigMapYaml(cm, { metalLbNamespace: 'other' }).map((o) => o.metadata.namespace)).toEqual(['other', 'other']);
    const noNs = fixture('example-layer2-config.yaml').replace('  namespace: metallb-system\n', '');
    expect(MetalLbMigration.fromConfigMapYaml(noNs)[0].metadata.namespace).toBe('metallb-system');
    expect(MetalLbMigration.fromConfig('address-pools: []', { metalLbNamespace: 'x' })).toEqual([]);
    expect(() => MetalLbMigration.fromConfig('', { metalLbNamespace: 'Bad_NS' })).toThrow(/namespace "Bad_NS"/);
  });

  test('layer2 pool: one L2Advertisement selecting it; bgp pool: a default BGPAdvertisement', () => {
    const objects = convert(`
address-pools:
- name: l2
  protocol: layer2
  addresses: [192.168.1.0/28]
- name: b
  protocol: bgp
  addresses: [198.51.100.0/24]
`);
    expect(kinds(objects, 'L2Advertisement')).toEqual([{
      apiVersion: 'metallb.io/v1beta1',
      kind: 'L2Advertisement',
      metadata: { name: 'l2-l2', namespace: 'metallb-system' },
      spec: { ipAddressPools: ['l2'] },
    }]);
    expect(kinds(objects, 'BGPAdvertisement')).toEqual([{
      apiVersion: 'metallb.io/v1beta1',
      kind: 'BGPAdvertisement',
      metadata: { name: 'b-bgp', namespace: 'metallb-system' },
      spec: { ipAddressPools: ['b'] },
    }]);
  });

  test('one BGPAdvertisement per bgp-advertisements entry, in order, names deterministic', () => {
    const config = `
bgp-communities:
  no-export: 65535:65281
address-pools:
- name: b
  protocol: bgp
  addresses: [198.51.100.0/24, 'fc00::/64']
  bgp-advertisements:
  - aggregation-length: 32
    localpref: 100
    communities: [no-export, 64512:1]
  - aggregation-length: 24
    aggregation-length-v6: 64
    localpref: 200
`;
    const objects = convert(config);
    const advs = kinds(objects, 'BGPAdvertisement');
    expect(advs.map((a) => a.metadata.name)).toEqual(['b-bgp', 'b-bgp-2']);
    expect(advs[0].spec).toEqual({ aggregationLength: 32, localPref: 100, communities: ['no-export', '64512:1'], ipAddressPools: ['b'] });
    expect(advs[1].spec).toEqual({ aggregationLength: 24, aggregationLengthV6: 64, localPref: 200, ipAddressPools: ['b'] });
    // community names stay names: MetalLB v0.13+ resolves them through the Community resource
    expect(kinds(objects, 'Community')[0].spec.communities).toEqual([{ name: 'no-export', value: '65535:65281' }]);
    expect(convert(config)).toEqual(objects);
  });

  test('auto-assign is kept when given, avoid-buggy-ips only when true; addresses verbatim', () => {
    const [a, b] = kinds(convert(`
address-pools:
- name: a
  protocol: layer2
  auto-assign: false
  avoid-buggy-ips: false
  addresses: ['10.0.0.0/24', '10.0.1.10 - 10.0.1.20', 'fc00:f853:0ccd:e799::/124']
- name: b
  protocol: layer2
  auto-assign: yes
  avoid-buggy-ips: on
  addresses: [10.0.2.0/24]
`), 'IPAddressPool');
    expect(a.spec).toEqual({ addresses: ['10.0.0.0/24', '10.0.1.10 - 10.0.1.20', 'fc00:f853:0ccd:e799::/124'], autoAssign: false });
    // yes/on are booleans for gopkg.in/yaml.v2 (YAML 1.1), which MetalLB v0.12 used
    expect(b.spec).toEqual({ addresses: ['10.0.2.0/24'], autoAssign: true, avoidBuggyIPs: true });
  });

  test('fails: a single IP, which MetalLB v0.12.1 refuses too (internal/config/config.go ParseCIDR: "invalid CIDR")', () => {
    expect(failure(`
address-pools:
- name: a
  protocol: layer2
  addresses: [10.0.0.7, 'fc00::7']
`)).toContain('MetalLB v0.12.1 (the ConfigMap): [metallb/a] M1 addresses[0]: got "10.0.0.7"; expected a CIDR or a range: MetalLB refuses a bare IP (write 10.0.0.7/32 for one address)');
  });

  test('large communities: MetalLB before 0.13.10 has none, so no legacy ConfigMap has one', () => {
    expect(failure(`
address-pools:
- name: b
  protocol: bgp
  addresses: [198.51.100.0/24]
  bgp-advertisements:
  - communities: [large:1:2:3]
`)).toContain('MetalLB v0.12.1 (the ConfigMap): [metallb/b/bgp] M0 communities: got "v0.12.1"; expected MetalLB 0.13.10 or newer for large BGP communities');
  });

  test('adjacent ranges and CIDRs do not overlap (real ranges are compared)', () => {
    expect(() => convert(`
address-pools:
- name: a
  protocol: layer2
  addresses: [10.0.0.0-10.0.0.127, 10.0.1.0/24]
- name: b
  protocol: layer2
  addresses: [10.0.0.128/25, 10.0.2.0-10.0.2.0, '::a-::f']
- name: c
  protocol: layer2
  addresses: ['::10/124']
`)).not.toThrow();
  });

  test('peer defaults and durations are rendered like Go (1m30s, 2m0s, 1h0m0s, 0s), truncated to seconds', () => {
    const peers = kinds(convert(`
peers:
- {my-asn: 1, peer-asn: 2, peer-address: 10.0.0.1}
- {my-asn: 1, peer-asn: 2, peer-address: 10.0.0.2, hold-time: 90.9s, keepalive-time: 1500ms}
- {my-asn: 1, peer-asn: 2, peer-address: 10.0.0.3, hold-time: 1h}
- {my-asn: 1, peer-asn: 2, peer-address: 10.0.0.4, hold-time: '0', keepalive-time: 0s}
- {my-asn: 1, peer-asn: 2, peer-address: 'fc00::1', hold-time: 1m30s, ebgp-multihop: true}
`), 'BGPPeer');
    expect(peers.map((p) => p.metadata.name)).toEqual(['peer-1', 'peer-2', 'peer-3', 'peer-4', 'peer-5']);
    expect(peers.map((p) => [p.spec.holdTime, p.spec.keepaliveTime])).toEqual([
      ['1m30s', undefined], ['1m30s', '1s'], ['1h0m0s', undefined], ['0s', '0s'], ['1m30s', undefined],
    ]);
    expect(peers[4].spec).toMatchObject({ peerAddress: 'fc00::1', ebgpMultiHop: true });
    // MetalLB's legacy peer has no vrf (v0.12.1 internal/config/config.go peer): an unknown field
    expect(failure(`
peers:
- {my-asn: 1, peer-asn: 2, peer-address: 10.0.0.1, vrf: red}
`)).toContain('peers[0] (10.0.0.1): unknown field "vrf"');
    expect(peers[0].spec).not.toHaveProperty('ebgpMultiHop');
    expect(peers[0].spec).not.toHaveProperty('passwordSecret');
  });

  test('node selectors: match-labels/match-expressions become matchLabels/matchExpressions; Exists has no values', () => {
    const [peer] = kinds(convert(`${BGP_PEER}  node-selectors:
  - match-expressions:
    - {key: gpu, operator: Exists}
  - match-labels: {zone: a}
  - {}
`), 'BGPPeer');
    expect(peer.spec.nodeSelectors).toEqual([
      { matchExpressions: [{ key: 'gpu', operator: 'Exists' }] },
      { matchLabels: { zone: 'a' } },
      {},
    ]);
  });

  test('invalid names are sanitized and every reference follows', () => {
    const objects = convert(`
address-pools:
- name: Capitalized-AddressPool
  protocol: layer2
  addresses: [192.168.1.240/28]
- name: My_BGP.Pool
  protocol: bgp
  addresses: [198.51.100.0/24]
- name: 01-numbered-addresspool
  protocol: layer2
  addresses: [192.168.2.0/24]
peers:
- my-asn: 64512
  peer-asn: 64513
  peer-address: 10.0.0.1
  bfd-profile: underscored_bfd_profile
bfd-profiles:
- name: underscored_bfd_profile
- name: tooLongBFDProfileName01-tooLongBFDProfileName02-tooLongBFDProfileName03-tooLongBFDProfileName04_
`);
    // a name starts at its first letter, as MetalLB's converter makes it (formatToK8S)
    expect(kinds(objects, 'IPAddressPool').map((p) => p.metadata.name))
      .toEqual(['capitalized-addresspool', 'my-bgp.pool', 'numbered-addresspool']);
    expect(kinds(objects, 'L2Advertisement').map((a) => a.spec.ipAddressPools))
      .toEqual([['capitalized-addresspool'], ['numbered-addresspool']]);
    expect(kinds(objects, 'BGPAdvertisement')[0].spec.ipAddressPools).toEqual(['my-bgp.pool']);
    expect(kinds(objects, 'BFDProfile').map((b) => b.metadata.name))
      .toEqual(['underscored-bfd-profile', 'toolongbfdprofilename01-toolongbfdprofilename02-toolongbfdprofi']);
    expect(kinds(objects, 'BGPPeer')[0].spec.bfdProfile).toBe('underscored-bfd-profile');
    const notes = MetalLbMigration._migrate(`
address-pools:
- {name: Capitalized-AddressPool, protocol: layer2, addresses: [192.168.1.240/28]}
`, 'config').notes;
    expect(notes).toEqual([expect.stringContaining('address pool "Capitalized-AddressPool" is renamed "capitalized-addresspool"')]);
  });

  test('names as MetalLB\'s converter gives them (configmaptocrs formatToK8S), else made valid', () => {
    const long = 'x'.repeat(64);
    const pools = (names: string[]) => kinds(convert(`address-pools:\n${names.map((n, i) => `- {name: '${n}', protocol: layer2, addresses: [10.0.${i}.0/24]}`).join('\n')}\n`), 'IPAddressPool')
      .map((p) => p.metadata.name);
    // over 63 characters: cut; a leading digit: dropped up to the first letter; dots kept
    expect(pools([long, '1pool', 'edge.pool', 'My_Pool'])).toEqual(['x'.repeat(63), 'pool', 'edge.pool', 'my-pool']);
    // no letter at all: MetalLB's converter fails; a valid name is kept
    expect(pools(['123'])).toEqual(['123']);
    // what MetalLB's rule leaves invalid is made valid
    expect(pools(['My Pool!'])).toEqual(['my-pool']);
  });

  test('match-expression values are written sorted, as MetalLB\'s converter writes them', () => {
    const [peer] = kinds(convert(`${BGP_PEER}  node-selectors:\n  - match-expressions:\n    - {key: tier, operator: NotIn, values: [web, '', db]}\n`), 'BGPPeer');
    expect(peer.spec.nodeSelectors).toEqual([{ matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['', 'db', 'web'] }] }]);
  });

  test('bgpType: the rules of the target\'s BGP implementation (M19), as MetalLb.configure checks them', () => {
    const config = `
peers:
- {my-asn: 64500, peer-asn: 64501, peer-address: 10.0.0.1, router-id: 10.0.0.9}
- {my-asn: 64500, peer-asn: 64501, peer-address: 10.0.0.2}
`;
    expect(() => MetalLbMigration.fromConfig(config)).not.toThrow();
    expect(() => MetalLbMigration.fromConfig(config, { bgpType: MetalLbBgpType.FRR }))
      .toThrow(/MetalLB v0\.16\.2 \(the custom resources\): \[metallb\/peer-2\] M19 routerId: got ""; expected the router ID of metallb\/peer-1/);
    expect(() => MetalLbMigration.fromConfig(config, { bgpType: 'bird' as MetalLbBgpType })).toThrow(/M19 bgpType: got "bird"/);
    expect(() => MetalLbMigration.fromConfig(config, { bgp_type: 'frr' } as any)).toThrow(/K1 options: got "bgp_type"; expected a key of MetalLbMigrationOptions: did you mean "bgpType"\?/);
  });

  test('fromConfigMapYaml picks the ConfigMap with data.config among other documents and Lists', () => {
    const cm = YAML.parse(fixture('example-layer2-config.yaml'));
    const text = [
      YAML.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'metallb-system' } }),
      YAML.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'other' }, data: { foo: 'bar' } }),
      YAML.stringify({ apiVersion: 'v1', kind: 'List', items: [cm] }),
    ].join('---\n');
    expect(kinds(MetalLbMigration.fromConfigMapYaml(text), 'IPAddressPool')).toHaveLength(1);
  });

  test('empty config converts to nothing', () => {
    expect(MetalLbMigration.fromConfig('')).toEqual([]);
    expect(MetalLbMigration.fromConfig('# nothing\n')).toEqual([]);
  });

  test('toYaml renders parseable multi-document YAML, quoting YAML 1.1 look-alikes', () => {
    const objects = [{ kind: 'A', v: 'yes', w: 'on' }, { kind: 'B', n: 1 }];
    const text = MetalLbMigration.toYaml(objects);
    expect(text).toContain('v: "yes"');
    expect(YAML.parseAllDocuments(text).map((d) => d.toJS())).toEqual(objects);
    expect(MetalLbMigration.toYaml([])).toBe('');
  });

  test('yaml.v2 compatibility: anchors, aliases and merge keys are understood', () => {
    const objects = convert(`
address-pools:
- &base
  name: a
  protocol: layer2
  addresses: [10.0.0.0/24]
- <<: *base
  name: b
  addresses: [10.0.1.0/24]
`);
    expect(kinds(objects, 'L2Advertisement').map((a) => a.spec.ipAddressPools[0])).toEqual(['a', 'b']);
  });
});

describe('MetalLbMigration: validation (every problem is reported, naming object and field)', () => {
  test('fails: unknown top-level key', () => {
    expect(failure('address-pool:\n- name: a\n')).toContain('unknown top-level key "address-pool"');
  });

  test('fails: unknown field in a pool (MetalLB parses strictly)', () => {
    expect(failure(`
address-pools:
- name: a
  protocol: layer2
  addresses: [10.0.0.0/24]
  autoassign: false
`)).toContain('address-pools[0] "a": unknown field "autoassign"');
  });

  test('fails: unknown field in a peer', () => {
    expect(failure(`${BGP_PEER}  bfdProfile: x\n`)).toContain('peers[0] (10.0.0.1): unknown field "bfdProfile"');
  });

  test('fails: unknown field in a bgp advertisement, a node selector and a BFD profile', () => {
    const msg = failure(`${BGP_PEER}  node-selectors:
  - matchLabels: {a: b}
address-pools:
- name: a
  protocol: bgp
  addresses: [10.0.0.0/24]
  bgp-advertisements:
  - local-pref: 1
bfd-profiles:
- name: p
  echo-transmit-interval: 10
`);
    expect(msg).toContain('peers[0] (10.0.0.1): node-selectors[0]: unknown field "matchLabels"');
    expect(msg).toContain('address-pools[0] "a": bgp-advertisements[0]: unknown field "local-pref"');
    expect(msg).toContain('bfd-profiles[0] "p": unknown field "echo-transmit-interval"');
  });

  test('fails: missing pool name (the constructs check it, at MetalLB v0.12.1: any non-empty name)', () => {
    expect(failure('address-pools:\n- protocol: layer2\n  addresses: [10.0.0.0/24]\n'))
      .toContain('MetalLB v0.12.1 (the ConfigMap): [metallb/pool-1] M3 name: got ""; expected a valid object name: a non-empty name');
  });

  test('fails: duplicate pool names, reported once (not again for the advertisements the second pool makes)', () => {
    const msg = failure(`
address-pools:
- {name: a, protocol: layer2, addresses: [10.0.0.0/24]}
- {name: a, protocol: layer2, addresses: [10.0.1.0/24]}
`);
    expect(msg).toContain('(1 problem)');
    expect(msg).toContain('MetalLB v0.12.1 (the ConfigMap): [metallb/a-2] M3 name: got "a"; expected a pool name not used by another pool (metallb/a has it)');
  });

  test('fails: protocol not layer2/bgp, or missing', () => {
    const msg = failure(`
address-pools:
- {name: a, protocol: arp, addresses: [10.0.0.0/24]}
- {name: b, addresses: [10.0.1.0/24]}
`);
    expect(msg).toContain('address-pools[0] "a": protocol "arp": unknown protocol');
    expect(msg).toContain('address-pools[1] "b": protocol: missing');
  });

  test('fails: bad addresses, one problem per pool (the pool construct stops at its first bad entry)', () => {
    const msg = failure(`
address-pools:
- {name: b, protocol: layer2, addresses: [10.0.0.0/33]}
- {name: c, protocol: layer2, addresses: [10.0.0.5-10.0.0.1]}
- {name: d, protocol: layer2, addresses: [10.0.1.1-fc00::1]}
- {name: e, protocol: layer2, addresses: [10.0.2.256/32]}
- {name: f, protocol: layer2, addresses: [10.0.3.1-10.0.3.x]}
`);
    expect(msg).toContain('(5 problems)');
    expect(msg).toContain('MetalLB v0.12.1 (the ConfigMap): [metallb/b] M1 addresses[0]: got "10.0.0.0/33"; expected a CIDR');
    expect(msg).toContain('MetalLB v0.12.1 (the ConfigMap): [metallb/c] M1 addresses[0]: got "10.0.0.5-10.0.0.1"; expected a range whose start is not after its end');
    expect(msg).toContain('MetalLB v0.12.1 (the ConfigMap): [metallb/d] M1 addresses[0]: got "10.0.1.1-fc00::1"; expected a range whose two ends are of one family');
    expect(msg).toContain('MetalLB v0.12.1 (the ConfigMap): [metallb/e] M1 addresses[0]: got "10.0.2.256/32"');
    expect(msg).toContain('MetalLB v0.12.1 (the ConfigMap): [metallb/f] M1 addresses[0]: got "10.0.3.1-10.0.3.x"');
  });

  test('fails: pool without addresses', () => {
    expect(failure('address-pools:\n- {name: a, protocol: layer2, addresses: []}\n'))
      .toContain('MetalLB v0.12.1 (the ConfigMap): [metallb/a] M1 addresses: got []; expected at least one address entry');
  });

  test('fails: overlapping pools (real ranges, within and between pools)', () => {
    const msg = failure(`
address-pools:
- {name: a, protocol: layer2, addresses: [10.0.0.0-10.0.0.130]}
- {name: b, protocol: layer2, addresses: [10.0.0.128/25, 10.0.0.200/32]}
- {name: c, protocol: layer2, addresses: ['fc00::/120', 'fc00::80-fc00::90']}
`);
    expect(msg).toContain('MetalLB v0.12.1 (the ConfigMap): [metallb/b] M2 addresses: got "10.0.0.128/25"; expected addresses no other pool holds: they overlap pool "a" (metallb/a), entry "10.0.0.0-10.0.0.130"');
    expect(msg).toContain('MetalLB v0.12.1 (the ConfigMap): [metallb/b] M2 addresses: got "10.0.0.200/32"; expected addresses no other pool holds: they overlap another entry of the same pool, entry "10.0.0.128/25"');
    expect(msg).toContain('MetalLB v0.12.1 (the ConfigMap): [metallb/c] M2 addresses: got "fc00::80-fc00::90"; expected addresses no other pool holds: they overlap another entry of the same pool, entry "fc00::/120"');
  });

  test('fails: bgp-advertisements on a layer2 pool', () => {
    expect(failure(`
address-pools:
- name: a
  protocol: layer2
  addresses: [10.0.0.0/24]
  bgp-advertisements: [{localpref: 100}]
`)).toContain('address-pools[0] "a": bgp-advertisements: not allowed in a layer2 pool');
  });

  test('fails: aggregation-length above 32 and aggregation-length-v6 above 128', () => {
    const msg = failure(`
address-pools:
- name: a
  protocol: bgp
  addresses: [10.0.0.0/24]
  bgp-advertisements:
  - {aggregation-length: 33}
- name: b
  protocol: bgp
  addresses: ['fc00::/64']
  bgp-advertisements:
  - {aggregation-length-v6: 129}
`);
    expect(msg).toContain('MetalLB v0.12.1 (the ConfigMap): [metallb/a/bgp] M7 aggregationLength: got 33; expected an integer from 0 to 32');
    expect(msg).toContain('MetalLB v0.12.1 (the ConfigMap): [metallb/b/bgp] M7 aggregationLengthV6: got 129; expected an integer from 0 to 128');
  });

  test('fails: aggregation-length shorter than a pool CIDR prefix', () => {
    expect(failure(`
address-pools:
- name: a
  protocol: bgp
  addresses: [10.0.0.0/24]
  bgp-advertisements: [{aggregation-length: 16}]
`)).toContain('MetalLB v0.12.1 (the ConfigMap): [metallb/a/bgp] M7 aggregationLength: got 16; expected at least 24: pool "a" entry "10.0.0.0/24" has a /24 prefix');
  });

  test('fails: aggregation-length-v6 shorter than an IPv6 CIDR prefix (IPv4 entries are not checked against it)', () => {
    const msg = failure(`
address-pools:
- name: a
  protocol: bgp
  addresses: [10.0.0.0/24, 'fc00::/64']
  bgp-advertisements: [{aggregation-length: 24, aggregation-length-v6: 48}]
`);
    expect(msg).toContain('(1 problem)');
    expect(msg).toContain('MetalLB v0.12.1 (the ConfigMap): [metallb/a/bgp] M7 aggregationLengthV6: got 48; expected at least 64: pool "a" entry "fc00::/64" has a /64 prefix');
  });

  test('fails: aggregation-length against a range uses its largest covering CIDR, as MetalLB does', () => {
    const pool = (len: number) => `
address-pools:
- name: a
  protocol: bgp
  addresses: [192.168.0.150-192.168.0.200]
  bgp-advertisements: [{aggregation-length: ${len}}]
`;
    // 192.168.0.150-200 = .150/31 .152/29 .160/27 .192/29 .200/32: the largest block is a /27
    expect(() => convert(pool(27))).not.toThrow();
    expect(failure(pool(26))).toContain('M7 aggregationLength: got 26; expected at least 27: pool "a" entry "192.168.0.150-192.168.0.200" has a /27 prefix');
  });

  test('fails: malformed communities (16-bit halves, undefined names), one problem per advertisement', () => {
    const msg = failure(`
bgp-communities:
  bad-alias: 65536:1
  good: 1:1
address-pools:
- name: a
  protocol: bgp
  addresses: [10.0.0.0/24]
  bgp-advertisements:
  - communities: [good, '70000:1']
- name: b
  protocol: bgp
  addresses: [10.0.1.0/24]
  bgp-advertisements:
  - communities: ['1:2:3']
`);
    expect(msg).toContain('(3 problems)');
    expect(msg).toContain('MetalLB v0.12.1 (the ConfigMap): [metallb/communities] M7 communities["bad-alias"]: got "65536:1"; expected a BGP community');
    expect(msg).toContain('MetalLB v0.12.1 (the ConfigMap): [metallb/a/bgp] M7 communities[1]: got "70000:1"; expected a BGP community');
    expect(msg).toContain('MetalLB v0.12.1 (the ConfigMap): [metallb/b/bgp] M7 communities[0]: got "1:2:3"; expected a BGP community: "a:b" with a and b from 0 to 65535, or "large:a:b:c" with parts from 0 to 4294967295, or the name of a community alias');
    expect(msg).not.toContain('"good"');
  });

  test('fails: peers missing my-asn, peer-asn or peer-address', () => {
    const msg = failure(`
peers:
- {peer-asn: 1, peer-address: 10.0.0.1}
- {my-asn: 1, peer-address: 10.0.0.2}
- {my-asn: 1, peer-asn: 2}
- {my-asn: 1, peer-asn: 2, peer-address: 10.0.0.300}
`);
    expect(msg).toContain('MetalLB v0.12.1 (the ConfigMap): [metallb/peer-1] M8 myAsn: got nothing; expected the ASN MetalLB speaks as');
    expect(msg).toContain('MetalLB v0.12.1 (the ConfigMap): [metallb/peer-2] M8 peerAsn/dynamicAsn: got {}; expected exactly one of peerAsn and dynamicAsn');
    expect(msg).toContain('MetalLB v0.12.1 (the ConfigMap): [metallb/peer-3] M8 peerAddress/peerInterface: got {}; expected exactly one of peerAddress and peerInterface');
    expect(msg).toContain('MetalLB v0.12.1 (the ConfigMap): [metallb/peer-4] M8 peerAddress: got "10.0.0.300"; expected an IP address');
  });

  test('fails: hold-time below 3s (other than 0), negative or not a duration', () => {
    const msg = failure(`
peers:
- {my-asn: 1, peer-asn: 2, peer-address: 10.0.0.1, hold-time: 2s}
- {my-asn: 1, peer-asn: 2, peer-address: 10.0.0.2, hold-time: 2999ms}
`);
    expect(msg).toContain('MetalLB v0.12.1 (the ConfigMap): [metallb/peer-1] M8 holdTime: got "2s"; expected 0 or at least 3 seconds');
    // truncated to whole seconds, as MetalLB does
    expect(msg).toContain('MetalLB v0.12.1 (the ConfigMap): [metallb/peer-2] M8 holdTime: got "2s"; expected 0 or at least 3 seconds');
    const format = failure(`
peers:
- {my-asn: 1, peer-asn: 2, peer-address: 10.0.0.3, hold-time: 120}
- {my-asn: 1, peer-asn: 2, peer-address: 10.0.0.4, hold-time: -5s}
`);
    expect(format).toContain('peers[0] (10.0.0.3): hold-time "120": not a duration');
    expect(format).toContain('peers[1] (10.0.0.4): hold-time "-5s": must not be negative');
  });

  test('fails: keepalive-time longer than hold-time (default hold-time 90s)', () => {
    const msg = failure(`
peers:
- {my-asn: 1, peer-asn: 2, peer-address: 10.0.0.1, hold-time: 30s, keepalive-time: 31s}
- {my-asn: 1, peer-asn: 2, peer-address: 10.0.0.2, keepalive-time: 2m}
`);
    expect(msg).toContain('MetalLB v0.12.1 (the ConfigMap): [metallb/peer-1] M8 keepaliveTime: got "31s"; expected at most the hold time (30s)');
    expect(msg).toContain('MetalLB v0.12.1 (the ConfigMap): [metallb/peer-2] M8 keepaliveTime: got "120s"; expected at most the hold time (90s)');
  });

  test('fails: duplicate peers (equal after defaults), as MetalLB v0.12.1 refuses them', () => {
    const msg = failure(`
peers:
- {my-asn: 1, peer-asn: 2, peer-address: 10.0.0.1}
- {my-asn: 1, peer-asn: 2, peer-address: 10.0.0.1, peer-port: 179, hold-time: 90s}
- {my-asn: 1, peer-asn: 2, peer-address: 10.0.0.1, peer-port: 1790}
`);
    expect(msg).toContain('(1 problem)');
    expect(msg).toContain('MetalLB v0.12.1 (the ConfigMap): [metallb/peer-2] M8 peerAddress: got "10.0.0.1"; expected a peer that differs from metallb/peer-1 in some setting');
  });

  test('fails: bfd-profile referencing an undefined profile', () => {
    const msg = failure(`${BGP_PEER}  bfd-profile: fast
bfd-profiles:
- name: slow
`);
    expect(msg).toContain('(1 problem)');
    expect(msg).toContain('MetalLB v0.12.1 (the ConfigMap): [metallb/peer-1] M8 bfdProfileName: got "fast"; expected the name of a BFD profile (defined: slow)');
  });

  test('fails: ebgp-multihop with my-asn == peer-asn', () => {
    expect(failure(`
peers:
- {my-asn: 64512, peer-asn: 64512, peer-address: 10.0.0.1, ebgp-multihop: true}
`)).toContain('MetalLB v0.12.1 (the ConfigMap): [metallb/peer-1] M8 ebgpMultiHop: got true; expected false for an iBGP peer (myAsn equals peerAsn)');
  });

  test('fails: names that collide after sanitizing', () => {
    const msg = failure(`
address-pools:
- {name: My_Pool, protocol: layer2, addresses: [10.0.0.0/24]}
- {name: my-pool, protocol: layer2, addresses: [10.0.1.0/24]}
bfd-profiles:
- name: Fast
- name: FAST
`);
    expect(msg).toContain('address-pools: names "My_Pool" (address-pools[0] "My_Pool") and "my-pool" (address-pools[1] "my-pool") both become the object name "my-pool"');
    expect(msg).toContain('bfd-profiles: names "Fast" (bfd-profiles[0] "Fast") and "FAST" (bfd-profiles[1] "FAST") both become the object name "fast"');
  });

  test('fails: a name with nothing usable left', () => {
    expect(failure('address-pools:\n- {name: "___", protocol: layer2, addresses: [10.0.0.0/24]}\n'))
      .toContain('address-pools[0] "___": name "___": cannot be turned into a valid Kubernetes object name');
  });

  test('fails: BFD profile values outside MetalLB ranges, duplicate profile names', () => {
    const msg = failure(`
bfd-profiles:
- {name: p, receive-interval: 5}
- {name: q, transmit-interval: 70000}
- {name: r, detect-multiplier: 1}
- {name: s, echo-interval: 9}
- {name: t, minimum-ttl: 255}
`);
    expect(msg).toContain('MetalLB v0.12.1 (the ConfigMap): [metallb/p] M8 receiveInterval: got 5; expected an integer from 10 to 60000');
    expect(msg).toContain('MetalLB v0.12.1 (the ConfigMap): [metallb/q] M8 transmitInterval: got 70000; expected an integer from 10 to 60000');
    expect(msg).toContain('MetalLB v0.12.1 (the ConfigMap): [metallb/r] M8 detectMultiplier: got 1; expected an integer from 2 to 255');
    expect(msg).toContain('MetalLB v0.12.1 (the ConfigMap): [metallb/s] M8 echoInterval: got 9; expected an integer from 10 to 60000');
    expect(msg).toContain('MetalLB v0.12.1 (the ConfigMap): [metallb/t] M8 minimumTtl: got 255; expected an integer from 1 to 254');
    expect(failure('bfd-profiles:\n- {name: p}\n- {name: p}\n'))
      .toContain('MetalLB v0.12.1 (the ConfigMap): [metallb/p-2] M3 name: got "p"; expected a BFD profile name not used by another BFD profile (metallb/p has it)');
  });

  test('fails: conflicting localpref for the same aggregation length (refused from MetalLB 0.13.10, so only by the custom resources)', () => {
    const pool = (second: string) => `
address-pools:
- name: a
  protocol: bgp
  addresses: [10.0.0.0/24]
  bgp-advertisements:
  - {localpref: 100}
  - ${second}
`;
    expect(failure(pool('{localpref: 200}'))).toContain('MetalLB v0.16.2 (the custom resources): [metallb/a/bgp-2] M7 localPref: got 200; expected 100, the localPref of metallb/a/bgp: both announce pool "a" with the same aggregation lengths');
    expect(() => convert(pool('{localpref: 200, aggregation-length: 24}'))).not.toThrow();
    expect(() => MetalLbMigration.fromConfig(pool('{localpref: 200}'), { targetVersion: '0.13.9' })).not.toThrow();
  });

  test('fails: peer-port above the BGPPeer CRD maximum (a uint16 before 0.13), bad router-id and source-address', () => {
    expect(failure(`${BGP_PEER}  peer-port: 20000\n`))
      .toBe('invalid MetalLB legacy configuration (1 problem):\n  - MetalLB v0.16.2 (the custom resources): [metallb/peer-1] M8 peerPort: got 20000; expected a port from 0 to 16384 (the BGPPeer resource\'s maximum)');
    expect(failure(`${BGP_PEER}  router-id: abcd\n`)).toContain('MetalLB v0.12.1 (the ConfigMap): [metallb/peer-1] M8 routerId: got "abcd"; expected an IPv4 address');
    expect(failure(`${BGP_PEER}  source-address: 10.0.0.\n`)).toContain('MetalLB v0.12.1 (the ConfigMap): [metallb/peer-1] M8 sourceAddress: got "10.0.0."; expected an IP address');
  });

  test('fails: invalid node selectors', () => {
    const selector = (s: string) => failure(`${BGP_PEER}  node-selectors:\n  - ${s}\n`);
    expect(selector('match-labels: {\'bad key!\': x}')).toContain('MetalLB v0.12.1 (the ConfigMap): [metallb/peer-1] M17 nodeSelectors[0]: got {"matchLabels":{"bad key!":"x"}}; expected matchLabels key "bad key!": a qualified name');
    expect(selector('match-expressions: [{key: a, operator: in, values: [x]}]')).toContain('expected operator "in": expected In, NotIn, Exists or DoesNotExist');
    expect(selector('match-expressions: [{key: b, operator: In}]')).toContain('expected b In: needs at least one value');
  });

  test('fails: wrong value types', () => {
    const msg = failure(`
peers:
- {my-asn: sixty, peer-asn: 4294967296, peer-address: 10.0.0.1, ebgp-multihop: maybe}
address-pools:
- {name: a, protocol: layer2, addresses: 10.0.0.0/24, auto-assign: 'yes'}
`);
    expect(msg).toContain('peers[0] (10.0.0.1): my-asn: expected an integer in 0..4294967295, got "sixty"');
    expect(msg).toContain('peers[0] (10.0.0.1): peer-asn: expected an integer in 0..4294967295, got 4294967296');
    expect(msg).toContain('peers[0] (10.0.0.1): ebgp-multihop: expected true or false, got "maybe"');
    expect(msg).toContain('address-pools[0] "a": addresses: expected a list');
    expect(msg).toContain('address-pools[0] "a": auto-assign: expected true or false, got "yes"');
  });

  test('fails: invalid YAML and duplicate keys (strict parsing)', () => {
    expect(failure('address-pools: [\n')).toMatch(/^invalid YAML in the MetalLB configuration/);
    expect(failure('peers: []\npeers: []\n')).toContain('Map keys must be unique');
  });

  test('fails: every problem of the constructs is listed in one error; the app-wide ones once every construct could be made', () => {
    const config = (range: string) => `
address-pools:
- {name: a, protocol: bgp, addresses: [10.0.0.0/24], bgp-advertisements: [{aggregation-length: 8}]}
- {name: b, protocol: layer2, addresses: [${range}]}
- {name: c, protocol: layer2, addresses: [10.0.0.128/25]}
peers:
- {my-asn: 1, peer-address: 10.0.0.1}
`;
    // the two constructs that cannot be made
    const first = failure(config('10.0.0.5-10.0.0.1'));
    expect(first).toMatch(/^invalid MetalLB legacy configuration \(2 problems\):\n {2}- /);
    expect(first.split('\n')).toHaveLength(3);
    expect(first).toContain('[metallb/b] M1 addresses[0]');
    expect(first).toContain('[metallb/peer-1] M8 peerAsn/dynamicAsn');
    // with them fixed, the app-wide checks: the aggregation length and the overlap (a construct
    // that could not be made would show up there again as a missing reference)
    const second = failure(config('10.1.0.0/24').replace('{my-asn: 1, ', '{my-asn: 1, peer-asn: 2, '));
    expect(second).toMatch(/^invalid MetalLB legacy configuration \(2 problems\):\n {2}- /);
    expect(second).toContain('[metallb/a/bgp] M7 aggregationLength: got 8');
    expect(second).toContain('[metallb/c] M2 addresses: got "10.0.0.128/25"');
  });

  test('fails: two ConfigMaps with data.config (they overwrite each other)', () => {
    const cm = fixture('example-layer2-config.yaml');
    expect(() => MetalLbMigration.fromConfigMapYaml(`${cm}\n---\n${cm}`)).toThrow(/found 2 ConfigMaps with the data key `config` \(metallb-system\/config, metallb-system\/config\)/);
  });

  test('fails: no ConfigMap with data.config, or config not a string', () => {
    expect(() => MetalLbMigration.fromConfigMapYaml('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: config}\ndata: {other: x}\n'))
      .toThrow(/no ConfigMap with the data key `config`/);
    expect(() => MetalLbMigration.fromConfigMapYaml('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: config}\ndata: {config: {a: 1}}\n'))
      .toThrow(/data.config must be a string/);
  });

  test('fails: errors inside a ConfigMap say which ConfigMap', () => {
    const cm = fixture('example-layer2-config.yaml').replace('protocol: layer2', 'protocol: l2');
    expect(() => MetalLbMigration.fromConfigMapYaml(cm))
      .toThrow('invalid MetalLB legacy configuration in data.config of ConfigMap metallb-system/config (1 problem):\n  - address-pools[0] "my-ip-space": protocol "l2"');
  });
});

describe('MetalLbMigration: the same object names as the constructs', () => {
  test('a migrated layer2 pool and bgp pool name their advertisements as MetalLbPool does', () => {
    const migrated = MetalLbMigration.fromConfig(`
address-pools:
- {name: lan, protocol: layer2, addresses: [10.0.0.0/24]}
- name: wan
  protocol: bgp
  addresses: [10.0.1.0/24]
  bgp-advertisements: [{communities: ['64512:1']}, {communities: ['64512:2']}]
`);
    const app = Testing.app();
    const c = new Chart(app, 'c');
    new MetalLbPool(c, 'lan', { addresses: ['10.0.0.0/24'] });
    new MetalLbPool(c, 'wan', {
      addresses: ['10.0.1.0/24'],
      advertisements: [MetalLbAdvertisement.bgp({ communities: ['64512:1'] }), MetalLbAdvertisement.bgp({ communities: ['64512:2'] })],
    });
    const names = (objects: any[]) => objects.map((o) => `${o.kind}/${o.metadata.name}`).sort();
    expect(names(migrated)).toEqual(names(Testing.synth(c)));
    expect(names(migrated)).toContain('L2Advertisement/lan-l2');
    expect(names(migrated)).toEqual(expect.arrayContaining(['BGPAdvertisement/wan-bgp', 'BGPAdvertisement/wan-bgp-2']));
  });
});
