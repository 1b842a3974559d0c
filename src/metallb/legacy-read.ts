// The legacy MetalLB configuration read into plain data: communities, BFD profiles and pools (peers:
// legacy-peers.ts), every problem collected with the object and field it concerns.
import { BFD_LIMITS } from './bfd-profile';
import { communityError, ParsedAddress, parseAddress } from './legacy-values';
import { Problems, Reader, yaml } from './legacy-yaml';

// ---------------------------------------------------------------------------
// constants

export const TOP_KEYS = ['peers', 'bgp-communities', 'address-pools', 'bfd-profiles'];
export const POOL_KEYS = ['name', 'protocol', 'addresses', 'avoid-buggy-ips', 'auto-assign', 'bgp-advertisements'];
export const ADV_KEYS = ['aggregation-length', 'aggregation-length-v6', 'localpref', 'communities'];
export const PEER_KEYS = [
  'my-asn', 'peer-asn', 'peer-address', 'source-address', 'peer-port', 'hold-time', 'keepalive-time',
  'router-id', 'node-selectors', 'password', 'bfd-profile', 'ebgp-multihop', 'vrf',
];
export const SELECTOR_KEYS = ['match-labels', 'match-expressions'];
export const REQUIREMENT_KEYS = ['key', 'operator', 'values'];
export const BFD_KEYS = [
  'name', 'receive-interval', 'transmit-interval', 'detect-multiplier', 'echo-interval',
  'echo-mode', 'passive-mode', 'minimum-ttl',
];

export const UINT16_MAX = 65535;
export const UINT32_MAX = 4294967295;
export const INT32_MIN = -2147483648;
export const INT32_MAX = 2147483647;
/** The v0.13+ BGPPeer CRD limits peerPort to 1..16384. */
export const CRD_PEER_PORT_MAX = 16384;
export const DEFAULT_HOLD_SECONDS = 90;


// ---------------------------------------------------------------------------
// the parsed legacy configuration

export interface Adv {
  readonly label: string;
  readonly aggregationLength?: number;
  readonly aggregationLengthV6?: number;
  readonly localPref?: number;
  readonly communities: string[];
}

export interface Pool {
  readonly label: string;
  readonly name: string;
  k8sName: string;
  readonly protocol?: string;
  readonly addresses: ParsedAddress[];
  readonly autoAssign?: boolean;
  readonly avoidBuggyIps?: boolean;
  readonly advs: Adv[];
}

export interface Selector {
  readonly matchLabels: Map<string, string>;
  readonly matchExpressions: { key: string; operator: string; values: string[] }[];
}

export interface Peer {
  readonly label: string;
  readonly myAsn?: number;
  readonly peerAsn?: number;
  readonly peerAddress?: string;
  readonly sourceAddress?: string;
  readonly peerPort?: number;
  readonly holdSeconds: number;
  readonly keepaliveSeconds?: number;
  readonly routerId?: string;
  readonly nodeSelectors: Selector[];
  readonly password?: string;
  readonly bfdProfile?: string;
  readonly ebgpMultiHop?: boolean;
  readonly vrf?: string;
}

export interface Bfd {
  readonly label: string;
  readonly name: string;
  k8sName: string;
  readonly receiveInterval?: number;
  readonly transmitInterval?: number;
  readonly detectMultiplier?: number;
  readonly echoInterval?: number;
  readonly echoMode?: boolean;
  readonly passiveMode?: boolean;
  readonly minimumTtl?: number;
}


export function parseCommunities(r: Reader, node: unknown): Map<string, string> {
  const communities = r.stringMap(node, 'bgp-communities');
  for (const [name, value] of communities) {
    const where = `bgp-communities "${name}"`;
    if (name === '') r.problems.add('bgp-communities', 'a community alias has an empty name');
    if (value === '') {
      r.problems.add(where, 'missing value');
      continue;
    }
    const err = communityError(value);
    if (err) r.problems.add(where, `value "${value}": ${err}`);
  }
  return communities;
}

export function parseBfdProfiles(r: Reader, node: unknown): Bfd[] {
  const out: Bfd[] = [];
  const seen = new Set<string>();
  r.seq(node, '', 'bfd-profiles').forEach((item, i) => {
    const base = `bfd-profiles[${i}]`;
    const peeked = r.peek(item, 'name');
    const f = r.fields(item, peeked ? `${base} "${peeked}"` : base, BFD_KEYS, 'field');
    if (!f) return;
    const name = r.str(f.get('name'), base, 'name') ?? '';
    const label = name ? `${base} "${name}"` : base;
    if (name === '') r.problems.add(label, 'name: missing');
    else if (seen.has(name)) r.problems.add(label, `name: duplicate BFD profile name "${name}"`);
    seen.add(name);
    const ranged = (field: string, min: number, max: number): number | undefined => {
      const v = r.int(f.get(field), label, field, 0, UINT32_MAX);
      if (v !== undefined && (v < min || v > max)) {
        r.problems.add(label, `${field} ${v}: must be in ${min}..${max}`);
      }
      return v;
    };
    out.push({
      label,
      name,
      k8sName: name,
      receiveInterval: ranged('receive-interval', ...BFD_LIMITS.receiveInterval),
      transmitInterval: ranged('transmit-interval', ...BFD_LIMITS.transmitInterval),
      detectMultiplier: ranged('detect-multiplier', ...BFD_LIMITS.detectMultiplier),
      echoInterval: ranged('echo-interval', ...BFD_LIMITS.echoInterval),
      echoMode: r.bool(f.get('echo-mode'), label, 'echo-mode'),
      passiveMode: r.bool(f.get('passive-mode'), label, 'passive-mode'),
      minimumTtl: ranged('minimum-ttl', ...BFD_LIMITS.minimumTtl),
    });
  });
  return out;
}

export function parsePools(r: Reader, node: unknown, communities: Map<string, string>): Pool[] {
  const out: Pool[] = [];
  const seen = new Set<string>();
  r.seq(node, '', 'address-pools').forEach((item, i) => {
    const base = `address-pools[${i}]`;
    const peeked = r.peek(item, 'name');
    const f = r.fields(item, peeked ? `${base} "${peeked}"` : base, POOL_KEYS, 'field');
    if (!f) return;
    const name = r.str(f.get('name'), base, 'name') ?? '';
    const label = name ? `${base} "${name}"` : base;
    if (name === '') r.problems.add(label, 'name: missing');
    else if (seen.has(name)) r.problems.add(label, `name: duplicate pool name "${name}"`);
    seen.add(name);

    const protocol = r.str(f.get('protocol'), label, 'protocol');
    if (protocol === undefined || protocol === '') {
      r.problems.add(label, 'protocol: missing (layer2 or bgp)');
    } else if (protocol !== 'layer2' && protocol !== 'bgp') {
      r.problems.add(label, `protocol "${protocol}": unknown protocol (layer2 or bgp)`);
    }

    const addresses: ParsedAddress[] = [];
    const rawAddresses = r.stringList(f.get('addresses'), label, 'addresses');
    const addressNode = r.resolve(f.get('addresses'));
    if (rawAddresses.length === 0 && (r.isNull(addressNode) || (yaml().isSeq(addressNode) && addressNode.items.length === 0))) {
      r.problems.add(label, 'addresses: at least one address (CIDR, start-end range or single IP) is required');
    }
    for (const a of rawAddresses) {
      const parsed = parseAddress(a);
      if (typeof parsed === 'string') r.problems.add(label, `address "${a}": ${parsed}`);
      else addresses.push(parsed);
    }

    const advNodes = r.seq(f.get('bgp-advertisements'), label, 'bgp-advertisements');
    if (protocol === 'layer2' && advNodes.length > 0) {
      r.problems.add(label, 'bgp-advertisements: not allowed in a layer2 pool (only protocol bgp pools are advertised over BGP)');
    }
    const advs: Adv[] = [];
    if (protocol === 'bgp') {
      advNodes.forEach((advNode, j) => {
        const adv = parseAdvertisement(r, advNode, `${label}: bgp-advertisements[${j}]`, addresses, communities);
        if (adv) advs.push(adv);
      });
      checkLocalPrefs(r, advs, addresses);
    }

    out.push({
      label,
      name,
      k8sName: name,
      protocol,
      addresses,
      autoAssign: r.bool(f.get('auto-assign'), label, 'auto-assign'),
      avoidBuggyIps: r.bool(f.get('avoid-buggy-ips'), label, 'avoid-buggy-ips'),
      advs,
    });
  });
  checkOverlaps(r.problems, out);
  return out;
}

export function parseAdvertisement(r: Reader, node: unknown, label: string, addresses: ParsedAddress[],
  communities: Map<string, string>): Adv | undefined {
  const f = r.fields(node, label, ADV_KEYS, 'field');
  if (!f) return undefined;
  const aggregationLength = r.int(f.get('aggregation-length'), label, 'aggregation-length', INT32_MIN, INT32_MAX);
  const aggregationLengthV6 = r.int(f.get('aggregation-length-v6'), label, 'aggregation-length-v6', INT32_MIN, INT32_MAX);
  if (aggregationLength !== undefined && (aggregationLength < 1 || aggregationLength > 32)) {
    r.problems.add(label, `aggregation-length ${aggregationLength}: must be in 1..32`);
  }
  if (aggregationLengthV6 !== undefined && (aggregationLengthV6 < 0 || aggregationLengthV6 > 128)) {
    r.problems.add(label, `aggregation-length-v6 ${aggregationLengthV6}: must be in 0..128`);
  }
  // MetalLB compares the aggregation length with each address entry's CIDRs (for a range, the
  // largest CIDR of its summarization): aggregating to a shorter prefix would announce addresses
  // outside the pool.
  for (const a of addresses) {
    const v6 = a.family === 6;
    const len = v6 ? aggregationLengthV6 : aggregationLength;
    if (len === undefined || len < (v6 ? 0 : 1) || len > (v6 ? 128 : 32)) continue;
    if (len < a.lowestMask) {
      const field = v6 ? 'aggregation-length-v6' : 'aggregation-length';
      r.problems.add(label, `${field} ${len}: shorter than the /${a.lowestMask} prefix of address "${a.text}" `
        + '(an aggregated route would cover addresses outside the pool)');
    }
  }
  const localPref = r.int(f.get('localpref'), label, 'localpref', 0, UINT32_MAX);
  const list = r.stringList(f.get('communities'), label, 'communities');
  const seen = new Set<string>();
  for (const c of list) {
    if (seen.has(c)) r.problems.add(label, `communities: "${c}" is listed twice (MetalLB v0.13+ rejects duplicate communities)`);
    seen.add(c);
    if (communities.has(c)) continue;
    const err = communityError(c);
    if (err) r.problems.add(label, `community "${c}": ${err}`);
  }
  return { label, aggregationLength, aggregationLengthV6, localPref, communities: list };
}

/**
 * MetalLB v0.13+ rejects two BGPAdvertisements of one pool that set different localPref values
 * for the same kind of BGP update (same aggregation lengths).
 */
export function checkLocalPrefs(r: Reader, advs: Adv[], addresses: ParsedAddress[]): void {
  const hasV4 = addresses.some((a) => a.family === 4);
  const hasV6 = addresses.some((a) => a.family === 6);
  for (let j = 1; j < advs.length; j++) {
    for (let i = 0; i < j; i++) {
      const a = advs[i];
      const b = advs[j];
      if ((a.localPref ?? 0) === (b.localPref ?? 0)) continue;
      const a4 = a.aggregationLength ?? 32;
      const b4 = b.aggregationLength ?? 32;
      const a6 = a.aggregationLengthV6 ?? 128;
      const b6 = b.aggregationLengthV6 ?? 128;
      const different = (!hasV4 && !hasV6)
        || (a4 !== b4 && !hasV6)
        || (a6 !== b6 && !hasV4)
        || (a4 !== b4 && a6 !== b6);
      if (!different) {
        r.problems.add(b.label, `localpref ${b.localPref ?? 0}: differs from localpref ${a.localPref ?? 0} of `
          + `bgp-advertisements[${i}] for the same aggregation length; MetalLB v0.13+ rejects conflicting local preferences`);
      }
    }
  }
}

export function checkOverlaps(problems: Problems, pools: Pool[]): void {
  const entries = pools.flatMap((p) => p.addresses.map((a) => ({ pool: p, a })));
  for (let j = 1; j < entries.length; j++) {
    for (let i = 0; i < j; i++) {
      const x = entries[i];
      const y = entries[j];
      if (x.a.family !== y.a.family) continue;
      if (x.a.first <= y.a.last && y.a.first <= x.a.last) {
        const of = x.pool === y.pool ? 'of the same pool' : `of ${x.pool.label}`;
        problems.add(y.pool.label, `address "${y.a.text}" overlaps address "${x.a.text}" ${of}`);
      }
    }
  }
}
