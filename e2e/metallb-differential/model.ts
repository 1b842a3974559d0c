// The MetalLB configurations the differential test generates: one plain model per case, written
// both as the library's constructs (library.ts) and as the objects a user would apply (mlb.ts).
import * as fc from 'fast-check';

export interface SelectorCase {
  matchLabels?: Record<string, string>;
  matchExpressions?: Array<{ key: string; operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist'; values?: string[] }>;
}

export interface PoolCase {
  name: string;
  addresses: string[];
  autoAssign?: boolean;
  avoidBuggyIps?: boolean;
  labels?: Record<string, string>;
  /** legacy only: the pool's protocol and its BGP advertisements */
  protocol?: 'layer2' | 'bgp';
  bgpAdvertisements?: BgpOptionsCase[];
  /** CR only */
  serviceAllocation?: { priority?: number; namespaces?: string[]; namespaceSelectors?: SelectorCase[]; serviceSelectors?: SelectorCase[] };
}

export interface BgpOptionsCase {
  aggregationLength?: number;
  aggregationLengthV6?: number;
  localPref?: number;
  communities?: string[];
}

export interface AdvCase extends BgpOptionsCase {
  kind: 'L2Advertisement' | 'BGPAdvertisement';
  name: string;
  pools?: string[];
  poolSelectors?: SelectorCase[];
  nodeSelectors?: SelectorCase[];
  /** L2 only */
  interfaces?: string[];
  /** BGP only */
  peers?: string[];
}

export interface PeerCase {
  name: string;
  myAsn: number;
  peerAsn?: number;
  dynamicAsn?: 'internal' | 'external';
  peerAddress?: string;
  peerInterface?: string;
  peerPort?: number;
  sourceAddress?: string;
  routerId?: string;
  /** seconds */
  holdTime?: number;
  keepaliveTime?: number;
  connectTime?: number;
  nodeSelectors?: SelectorCase[];
  password?: string;
  passwordSecret?: string;
  /** the name of a BFD profile of the case */
  bfdProfile?: string;
  ebgpMultiHop?: boolean;
  vrf?: string;
  enableGracefulRestart?: boolean;
  disableMp?: boolean;
  dualStackAddressFamily?: boolean;
}

export interface CommunityCase { name: string; communities: Record<string, string> }

export interface BfdCase {
  name: string;
  receiveInterval?: number;
  transmitInterval?: number;
  detectMultiplier?: number;
  echoInterval?: number;
  echoMode?: boolean;
  passiveMode?: boolean;
  minimumTtl?: number;
}

export interface MetalLbCase {
  format: 'crs' | 'configmap';
  pools: PoolCase[];
  advertisements: AdvCase[];
  peers: PeerCase[];
  communities: CommunityCase[];
  bfdProfiles: BfdCase[];
}

// ---------------------------------------------------------------------------------------------
// value sets: mostly valid values, with borderline and invalid ones mixed in

/** undefined in `absent` of 10 cases */
const opt = <T>(a: fc.Arbitrary<T>, absent = 6): fc.Arbitrary<T | undefined> =>
  fc.oneof({ weight: absent, arbitrary: fc.constant(undefined) }, { weight: 10 - absent, arbitrary: a });
/** one of `valid` 9 times in 10, else one of `invalid` */
const mostly = <T>(valid: T[], invalid: T[], validWeight = 9): fc.Arbitrary<T> =>
  fc.oneof({ weight: validWeight, arbitrary: fc.constantFrom(...valid) }, { weight: 1, arbitrary: fc.constantFrom(...invalid) });
const list = (...l: string[][]): fc.Arbitrary<string[]> => fc.constantFrom(...l).map(x => [...x]);

const name = mostly(['default', 'public', 'lan', 'p1'], ['Bad_Name', '-lead', 'a.b', 'x'.repeat(64), 'UPPER'], 12);

const V4_CIDRS = ['10.0.0.0/24', '10.0.0.0/30', '10.0.1.0/24', '10.0.0.128/25', '10.0.0.5/32', '192.168.124.0/28', '10.0.9.1/24', '172.16.0.0/16'];
const V4_RANGES = ['10.0.2.10-10.0.2.20', '10.0.2.15-10.0.2.30', '192.168.124.200-192.168.124.210', '10.0.3.1 - 10.0.3.5', '10.0.4.0-10.0.4.255', '10.0.2.20-10.0.2.10'];
const V6 = ['fd00:1::/64', 'fd00:1::/120', 'fd00:2::1-fd00:2::10', 'fd00:1::80/121', 'fd00:3::5/128', '2001:db8::/126'];
const BARE = ['10.0.5.5', 'fd00:5::5'];
const BAD = ['10.0.0.0/33', 'fd00::/129', 'abc', '10.0.0.256/24', '10.0.6.1-fd00::5', '10.0.0.0/', '', '10.0.7.1-', '1.2.3.4/24/5'];
const SPACED = [' 10.0.8.0/24', '10.0.8.0/24 ', ' 10.0.8.1-10.0.8.9', '10.0.8.1-10.0.8.9 ', 'fd00:8::/64 '];
const address = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom(...V4_CIDRS) },
  { weight: 8, arbitrary: fc.constantFrom(...V4_RANGES) },
  { weight: 6, arbitrary: fc.constantFrom(...V6) },
  { weight: 1, arbitrary: fc.constantFrom(...BARE) },
  { weight: 1, arbitrary: fc.constantFrom(...BAD) },
  { weight: 1, arbitrary: fc.constantFrom(...SPACED) },
);

const labelKey = mostly(['app', 'zone', 'example.com/tier'], ['bad key', '-x', 'a/b/c', 'k'.repeat(64)], 15);
const labelValue = mostly(['web', 'db', 'a.b-c', ''], ['bad value!', 'v'.repeat(64)], 15);
const labels = fc.dictionary(labelKey, labelValue, { minKeys: 1, maxKeys: 2 });

const requirement = fc.oneof(
  fc.record({
    key: labelKey,
    operator: fc.constantFrom('In' as const, 'NotIn' as const),
    values: fc.oneof({ weight: 12, arbitrary: fc.array(labelValue, { minLength: 1, maxLength: 2 }) }, { weight: 1, arbitrary: list([]) }, { weight: 1, arbitrary: list(['web', 'web']) }),
  }),
  fc.record({ key: labelKey, operator: fc.constantFrom('Exists' as const, 'DoesNotExist' as const) }),
);
const selector: fc.Arbitrary<SelectorCase> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ matchLabels: labels }) },
  { weight: 3, arbitrary: fc.record({ matchExpressions: fc.array(requirement, { minLength: 1, maxLength: 2 }) }) },
  { weight: 2, arbitrary: fc.record({ matchLabels: labels, matchExpressions: fc.array(requirement, { minLength: 1, maxLength: 1 }) }) },
  // the same requirement twice
  { weight: 1, arbitrary: requirement.map(r => ({ matchExpressions: [r, r] })) },
);
// lists of selectors, sometimes the same one twice
const selectors = fc.oneof(
  { weight: 8, arbitrary: fc.array(selector, { minLength: 1, maxLength: 2 }) },
  { weight: 1, arbitrary: selector.map(x => [x, x]) },
);

const communityValue = mostly(['65535:65281', '64500:100', 'large:64500:1:2', '0:0'], ['65536:1', '1:2:3', 'abc', 'large:4294967296:1:1'], 6);
const ALIASES = ['no-export', 'mine', 'other'];

// ---------------------------------------------------------------------------------------------

function pool(format: 'crs' | 'configmap'): fc.Arbitrary<PoolCase> {
  const common = {
    name,
    addresses: fc.oneof({ weight: 15, arbitrary: fc.array(address, { minLength: 1, maxLength: 2 }) }, { weight: 1, arbitrary: list([]) }),
    autoAssign: opt(fc.boolean()),
    avoidBuggyIps: opt(fc.boolean()),
  };
  if (format === 'crs') {
    return fc.record({
      ...common,
      labels: opt(labels, 7),
      serviceAllocation: opt(fc.record({
        priority: opt(mostly([1, 10], [-1])),
        namespaces: opt(mostly([['default'], ['default', 'kube-system']], [['a', 'a'], ['Bad_NS']])),
        namespaceSelectors: opt(selectors),
        serviceSelectors: opt(selectors),
      }), 8),
    }, { requiredKeys: ['name', 'addresses'] });
  }
  return fc.record({
    ...common,
    protocol: fc.constantFrom('layer2' as const, 'bgp' as const),
    bgpAdvertisements: opt(fc.oneof(
      { weight: 6, arbitrary: fc.array(bgpOptions(format), { minLength: 1, maxLength: 2 }) },
      { weight: 1, arbitrary: bgpOptions(format).map(b => [b, b]) },
    )),
  }, { requiredKeys: ['name', 'addresses', 'protocol'] });
}

function bgpOptions(format: 'crs' | 'configmap'): fc.Arbitrary<BgpOptionsCase> {
  const aliases = format === 'crs' ? ALIASES : ALIASES.slice(0, 2);
  return fc.record({
    aggregationLength: opt(mostly([32, 24, 30, 16], [0, 33])),
    aggregationLengthV6: opt(mostly([128, 64, 120], [0, 129])),
    localPref: opt(fc.constantFrom(100, 0, 4294967295)),
    communities: opt(fc.oneof(
      { weight: 8, arbitrary: fc.array(fc.oneof(communityValue, fc.constantFrom(...aliases)), { minLength: 1, maxLength: 2 }) },
      { weight: 1, arbitrary: list(['65535:65281', '65535:65281']) },
    )),
  });
}

const advPools = mostly([['default'], ['public'], ['default', 'public'], ['lan']], [['missing'], ['default', 'default']], 8);

function adv(): fc.Arbitrary<AdvCase> {
  const selection = {
    pools: opt(advPools, 3),
    poolSelectors: opt(selectors, 8),
    nodeSelectors: opt(selectors, 7),
  };
  const l2 = fc.record({
    kind: fc.constant('L2Advertisement' as const),
    name: mostly(['l2', 'adv', 'l2b'], ['Bad_Name']),
    ...selection,
    interfaces: opt(mostly([['eth0'], ['eth0', 'eth1']], [['eth0', 'eth0']]), 8),
  }, { requiredKeys: ['kind', 'name'] });
  const bgp = fc.record({
    kind: fc.constant('BGPAdvertisement' as const),
    name: mostly(['bgp', 'adv', 'bgp2'], ['Bad_Name']),
    ...selection,
    peers: opt(mostly([['peer'], ['router'], ['peer', 'router']], [['elsewhere'], ['peer', 'peer']]), 7),
  }, { requiredKeys: ['kind', 'name'] }).chain(a => bgpOptions('crs').map(o => ({ ...a, ...o })));
  return fc.oneof(l2, bgp);
}

function peer(format: 'crs' | 'configmap'): fc.Arbitrary<PeerCase> {
  const cr = format === 'crs';
  // how the peer's ASN and address are given: mostly exactly one of each
  const asn = fc.oneof(
    { weight: cr ? 7 : 12, arbitrary: fc.record({ peerAsn: mostly([64500, 64501, 65000], [0]) }) },
    { weight: cr ? 3 : 1, arbitrary: fc.record({ dynamicAsn: fc.constantFrom('internal' as const, 'external' as const) }) },
    { weight: 1, arbitrary: fc.record({ peerAsn: fc.constant(64501), dynamicAsn: fc.constant('external' as const) }) },
    { weight: 1, arbitrary: fc.constant({}) },
  );
  const addr = fc.oneof(
    { weight: cr ? 7 : 12, arbitrary: fc.record({ peerAddress: mostly(['10.0.0.1', '10.0.0.2', 'fd00::1'], ['not-an-ip', ' 10.0.0.1']) }) },
    { weight: cr ? 3 : 1, arbitrary: fc.record({ peerInterface: fc.constantFrom('eth0', 'eth1') }) },
    { weight: 1, arbitrary: fc.record({ peerAddress: fc.constant('10.0.0.3'), peerInterface: fc.constant('eth0') }) },
    { weight: 1, arbitrary: fc.constant({}) },
  );
  const crOnly = cr ? 7 : 9; // fields the legacy format does not have: rarely there
  const rest = fc.record({
    name: mostly(['peer', 'router', 'peer'], ['Bad_Name']),
    myAsn: mostly([64500, 64500, 64501], [0, 4294967295]),
    peerPort: opt(mostly([179, 1179, 16384], [0, 16385, 65535]), 7),
    sourceAddress: opt(mostly(['10.0.0.100', 'fd00::100'], ['bad']), 8),
    routerId: opt(mostly(['10.0.0.9', '10.0.0.10'], ['fd00::9', 'bad']), 8),
    holdTime: opt(mostly([90, 0, 3, 30], [1, 2]), 7),
    keepaliveTime: opt(mostly([30, 0, 1], [100]), 7),
    connectTime: opt(mostly([10, 1], [0]), crOnly),
    nodeSelectors: opt(selectors, 8),
    password: opt(fc.constantFrom('secret', ''), 8),
    passwordSecret: opt(fc.constant('bgp-password'), crOnly),
    bfdProfile: opt(mostly(['bfd', 'echo'], ['missing']), 7),
    ebgpMultiHop: opt(fc.boolean(), 7),
    vrf: opt(mostly(['red'], ['']), crOnly),
    enableGracefulRestart: opt(fc.boolean(), crOnly),
    disableMp: opt(fc.boolean(), cr ? 8 : 10),
    dualStackAddressFamily: opt(fc.boolean(), cr ? 8 : 10),
  }, { requiredKeys: ['name', 'myAsn'] });
  return fc.tuple(rest, asn, addr).map(([r, a, b]) => ({ ...r, ...a, ...b }));
}

const community = fc.record({
  name: mostly(['communities', 'more'], ['Bad_Name']),
  communities: fc.dictionary(mostly(ALIASES, ['1:2', 'Bad Alias']), communityValue, { minKeys: 1, maxKeys: 2 }),
});

const bfd = fc.record({
  name: mostly(['bfd', 'echo', 'bfd'], ['Bad_Name']),
  receiveInterval: opt(mostly([10, 300, 60000], [9, 60001])),
  transmitInterval: opt(mostly([10, 300, 60000], [9, 60001])),
  detectMultiplier: opt(mostly([2, 3, 255], [1, 256])),
  echoInterval: opt(mostly([10, 50, 60000], [9, 60001])),
  echoMode: opt(fc.boolean()),
  passiveMode: opt(fc.boolean()),
  minimumTtl: opt(mostly([1, 254], [0, 255])),
}, { requiredKeys: ['name'] });

export function caseArbitrary(format: 'crs' | 'configmap'): fc.Arbitrary<MetalLbCase> {
  const withBgp = fc.boolean();
  const arb = withBgp.chain(bgp => fc.record({
    format: fc.constant(format),
    pools: fc.array(pool(format), { minLength: 1, maxLength: 2 }),
    advertisements: format === 'crs' ? fc.array(adv(), { minLength: 1, maxLength: 2 }) : fc.constant([] as AdvCase[]),
    peers: bgp ? fc.array(peer(format), { minLength: 1, maxLength: 2 }) : fc.constant([] as PeerCase[]),
    communities: bgp ? fc.array(community, { minLength: 0, maxLength: format === 'crs' ? 2 : 1 }) : fc.constant([] as CommunityCase[]),
    bfdProfiles: bgp ? fc.array(bfd, { minLength: 0, maxLength: 2 }) : fc.constant([] as BfdCase[]),
  }));
  // names and references: mostly distinct names and references to objects of the case; one
  // time in `NOISE` the generated name or reference (a duplicate, a bad name, a missing object)
  const noise = fc.array(fc.integer({ min: 0, max: NOISE - 1 }), { minLength: 16, maxLength: 16 });
  return fc.tuple(arb, noise).map(([c, n]) => {
    let k = 0;
    const keep = (): boolean => n[k++ % n.length] === 0;
    const pools = c.pools.map((p, i) => (keep() ? p : { ...p, name: ['default', 'public'][i] }));
    const poolNames = pools.map(p => p.name);
    const bfdProfiles = c.bfdProfiles.map((b, i) => (keep() ? b : { ...b, name: ['bfd', 'echo'][i] }));
    const peers = c.peers.map((p, i) => {
      const q = { ...p, name: format === 'configmap' || !keep() ? ['peer', 'router'][i] : p.name };
      if (q.bfdProfile !== undefined && !keep()) q.bfdProfile = bfdProfiles.length ? bfdProfiles[i % bfdProfiles.length].name : undefined;
      return q;
    });
    const communities = c.communities.map((x, i) => (format === 'configmap' || !keep() ? { ...x, name: ['communities', 'more'][i] } : x));
    const count: Record<string, number> = {};
    const advertisements = c.advertisements.map(a => {
      const i = count[a.kind] = (count[a.kind] ?? -1) + 1;
      const b = { ...a };
      if (!keep()) b.name = a.kind === 'L2Advertisement' ? ['l2', 'l2b'][i] : ['bgp', 'bgp2'][i];
      if (b.pools !== undefined && !keep()) b.pools = poolNames.slice(0, 1 + (n[k % n.length] % poolNames.length));
      if (b.peers !== undefined && !keep()) b.peers = peers.length ? peers.map(p => p.name).slice(0, 1) : undefined;
      return b;
    });
        return { ...c, pools, bfdProfiles, peers, communities, advertisements };
  });
}

const NOISE = 8;
