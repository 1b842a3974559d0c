// The legacy MetalLB configuration read into plain data: communities, BFD profiles and pools (peers:
// legacy-peers.ts). Only what belongs to the format is checked here: YAML types, unknown fields
// (MetalLB parsed strictly), the protocol of a pool and durations. What the values mean (addresses,
// ASNs, communities, ranges, references, overlaps) is checked once, by the constructs the
// configuration is built into (legacy-build.ts).
import type { MetalLbBfdProfileProps } from './bfd-profile';
import { Reader } from './legacy-yaml';

// ---------------------------------------------------------------------------
// constants

export const TOP_KEYS = ['peers', 'bgp-communities', 'address-pools', 'bfd-profiles'];
export const POOL_KEYS = ['name', 'protocol', 'addresses', 'avoid-buggy-ips', 'auto-assign', 'bgp-advertisements'];
export const ADV_KEYS = ['aggregation-length', 'aggregation-length-v6', 'localpref', 'communities'];
// v0.12.1 internal/config/config.go peer (yaml tags); no vrf before the custom resources
export const PEER_KEYS = [
  'my-asn', 'peer-asn', 'peer-address', 'source-address', 'peer-port', 'hold-time', 'keepalive-time',
  'router-id', 'node-selectors', 'password', 'bfd-profile', 'ebgp-multihop',
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
  readonly addresses: string[];
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
}

/** A BFD profile as read: the props of the profile it becomes, named, with where it stands. */
export interface Bfd extends MetalLbBfdProfileProps {
  readonly label: string;
  readonly name: string;
  k8sName: string;
}

/** The whole configuration, as read. */
export interface LegacyConfig {
  readonly communities: Map<string, string>;
  readonly bfdProfiles: Bfd[];
  readonly pools: Pool[];
  readonly peers: Peer[];
}

export function parseCommunities(r: Reader, node: unknown): Map<string, string> {
  return r.stringMap(node, 'bgp-communities');
}

export function parseBfdProfiles(r: Reader, node: unknown): Bfd[] {
  const out: Bfd[] = [];
  r.seq(node, '', 'bfd-profiles').forEach((item, i) => {
    const base = `bfd-profiles[${i}]`;
    const peeked = r.peek(item, 'name');
    const f = r.fields(item, peeked ? `${base} "${peeked}"` : base, BFD_KEYS, 'field');
    if (!f) return;
    const name = r.str(f.get('name'), base, 'name') ?? '';
    const label = name ? `${base} "${name}"` : base;
    const uint32 = (field: string) => r.int(f.get(field), label, field, 0, UINT32_MAX);
    out.push({
      label,
      name,
      k8sName: name,
      receiveInterval: uint32('receive-interval'),
      transmitInterval: uint32('transmit-interval'),
      detectMultiplier: uint32('detect-multiplier'),
      echoInterval: uint32('echo-interval'),
      echoMode: r.bool(f.get('echo-mode'), label, 'echo-mode'),
      passiveMode: r.bool(f.get('passive-mode'), label, 'passive-mode'),
      minimumTtl: uint32('minimum-ttl'),
    });
  });
  return out;
}

export function parsePools(r: Reader, node: unknown): Pool[] {
  const out: Pool[] = [];
  r.seq(node, '', 'address-pools').forEach((item, i) => {
    const base = `address-pools[${i}]`;
    const peeked = r.peek(item, 'name');
    const f = r.fields(item, peeked ? `${base} "${peeked}"` : base, POOL_KEYS, 'field');
    if (!f) return;
    const name = r.str(f.get('name'), base, 'name') ?? '';
    const label = name ? `${base} "${name}"` : base;

    // v0.12.1 internal/config/config.go parseAddressPool: "missing protocol", "unknown protocol"
    const protocol = r.str(f.get('protocol'), label, 'protocol');
    if (protocol === undefined || protocol === '') {
      r.problems.add(label, 'protocol: missing (layer2 or bgp)');
    } else if (protocol !== 'layer2' && protocol !== 'bgp') {
      r.problems.add(label, `protocol "${protocol}": unknown protocol (layer2 or bgp)`);
    }

    const addresses = r.stringList(f.get('addresses'), label, 'addresses');
    const advNodes = r.seq(f.get('bgp-advertisements'), label, 'bgp-advertisements');
    // v0.12.1 parseAddressPool: "bgp advertisements are only allowed for bgp protocol"
    if (protocol === 'layer2' && advNodes.length > 0) {
      r.problems.add(label, 'bgp-advertisements: not allowed in a layer2 pool (only protocol bgp pools are advertised over BGP)');
    }
    const advs: Adv[] = [];
    if (protocol === 'bgp') {
      advNodes.forEach((advNode, j) => {
        const adv = parseAdvertisement(r, advNode, `${label}: bgp-advertisements[${j}]`);
        if (adv) advs.push(adv);
      });
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
  return out;
}

export function parseAdvertisement(r: Reader, node: unknown, label: string): Adv | undefined {
  const f = r.fields(node, label, ADV_KEYS, 'field');
  if (!f) return undefined;
  return {
    label,
    aggregationLength: r.int(f.get('aggregation-length'), label, 'aggregation-length', INT32_MIN, INT32_MAX),
    aggregationLengthV6: r.int(f.get('aggregation-length-v6'), label, 'aggregation-length-v6', INT32_MIN, INT32_MAX),
    localPref: r.int(f.get('localpref'), label, 'localpref', 0, UINT32_MAX),
    communities: r.stringList(f.get('communities'), label, 'communities'),
  };
}
