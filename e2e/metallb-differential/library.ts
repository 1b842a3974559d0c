// A case written with the library's public API, synthesized: the library's verdict (the rule ids
// of its errors) and, when it accepts, the MetalLB objects it writes.
import { App, Chart, Duration, Testing } from 'cdk8s';
import { AdvCase, BgpOptionsCase, MetalLbCase, SelectorCase } from './model';
import {
  MetalLb, MetalLbAdvertisement, MetalLbBfdProfile, MetalLbBgpAdvertisement, MetalLbBgpPeer, MetalLbCommunity,
  MetalLbBgpType, MetalLbDynamicAsn, MetalLbL2Advertisement, MetalLbLabelSelector, MetalLbPool, MetalLbSelectorRequirement,
} from '../../src';

export const LIBRARY_VERSIONS = { crs: '0.15.2', configmap: '0.12.1' } as const;

export interface LibraryVerdict {
  accepted: boolean;
  /** rule ids of the errors, in order (M1, M8, ...) */
  rules: string[];
  message?: string;
  /** the objects written, when accepted */
  objects?: any[];
}

function selector(s: SelectorCase): MetalLbLabelSelector {
  return {
    matchLabels: s.matchLabels,
    matchExpressions: s.matchExpressions?.map(r => {
      switch (r.operator) {
        case 'In': return MetalLbSelectorRequirement.isIn(r.key, r.values ?? []);
        case 'NotIn': return MetalLbSelectorRequirement.notIn(r.key, r.values ?? []);
        case 'Exists': return MetalLbSelectorRequirement.exists(r.key);
        default: return MetalLbSelectorRequirement.doesNotExist(r.key);
      }
    }),
  };
}

const selectors = (l?: SelectorCase[]): MetalLbLabelSelector[] | undefined => l?.map(selector);

function bgpOptions(o: BgpOptionsCase) {
  return { aggregationLength: o.aggregationLength, aggregationLengthV6: o.aggregationLengthV6, localPref: o.localPref, communities: o.communities };
}

function build(chart: Chart, c: MetalLbCase): void {
  const bfds = new Map<string, MetalLbBfdProfile>();
  c.bfdProfiles.forEach((b, i) => {
    const p = new MetalLbBfdProfile(chart, `bfd${i}`, { ...b });
    if (!bfds.has(b.name)) bfds.set(b.name, p);
  });
  c.communities.forEach((x, i) => new MetalLbCommunity(chart, `community${i}`, { name: x.name, communities: x.communities }));
  c.pools.forEach((p, i) => new MetalLbPool(chart, `pool${i}`, {
    name: p.name,
    addresses: p.addresses,
    autoAssign: p.autoAssign,
    avoidBuggyIps: p.avoidBuggyIps,
    labels: p.labels,
    serviceAllocation: p.serviceAllocation && {
      priority: p.serviceAllocation.priority,
      namespaces: p.serviceAllocation.namespaces,
      namespaceSelectors: selectors(p.serviceAllocation.namespaceSelectors),
      serviceSelectors: selectors(p.serviceAllocation.serviceSelectors),
    },
    advertisements: c.format === 'crs'
      ? [] // the case's advertisements are objects of their own
      : p.protocol === 'layer2'
        // bgp-advertisements in a layer2 pool: as written, a pool with both kinds
        ? [MetalLbAdvertisement.layer2(), ...(p.bgpAdvertisements ?? []).map(o => MetalLbAdvertisement.bgp(bgpOptions(o)))]
        : (p.bgpAdvertisements ?? [{}]).map(o => MetalLbAdvertisement.bgp(bgpOptions(o))),
  }));
  c.peers.forEach((p, i) => new MetalLbBgpPeer(chart, `peer${i}`, {
    name: p.name,
    myAsn: p.myAsn,
    peerAsn: p.peerAsn,
    dynamicAsn: p.dynamicAsn === undefined ? undefined : p.dynamicAsn === 'internal' ? MetalLbDynamicAsn.INTERNAL : MetalLbDynamicAsn.EXTERNAL,
    peerAddress: p.peerAddress,
    peerInterface: p.peerInterface,
    peerPort: p.peerPort,
    sourceAddress: p.sourceAddress,
    routerId: p.routerId,
    holdTime: p.holdTime === undefined ? undefined : Duration.seconds(p.holdTime),
    keepaliveTime: p.keepaliveTime === undefined ? undefined : Duration.seconds(p.keepaliveTime),
    connectTime: p.connectTime === undefined ? undefined : Duration.seconds(p.connectTime),
    nodeSelectors: selectors(p.nodeSelectors),
    password: p.password,
    passwordSecret: p.passwordSecret,
    // a profile of the case by construct, any other name as a name
    bfdProfile: p.bfdProfile === undefined ? undefined : bfds.get(p.bfdProfile),
    bfdProfileName: p.bfdProfile !== undefined && !bfds.has(p.bfdProfile) ? p.bfdProfile : undefined,
    ebgpMultiHop: p.ebgpMultiHop,
    vrf: p.vrf,
    enableGracefulRestart: p.enableGracefulRestart,
    disableMp: p.disableMp,
    dualStackAddressFamily: p.dualStackAddressFamily,
  }));
  c.advertisements.forEach((a: AdvCase, i) => {
    const selection = { name: a.name, poolNames: a.pools, poolSelectors: selectors(a.poolSelectors) };
    if (a.kind === 'L2Advertisement') {
      new MetalLbL2Advertisement(chart, `adv${i}`, { ...selection, nodeSelectors: selectors(a.nodeSelectors), interfaces: a.interfaces });
    } else {
      new MetalLbBgpAdvertisement(chart, `adv${i}`, { ...selection, ...bgpOptions(a), peers: a.peers, nodeSelectors: selectors(a.nodeSelectors) });
    }
  });
}

/** Rule ids in an error message: `[path] M8 field: ...`, one per line of a validation report. */
export function ruleIds(message: string): string[] {
  const ids: string[] = [];
  for (const m of message.matchAll(/\] ([MSA]\d+) /g)) ids.push(m[1]);
  if (ids.length === 0) {
    const first = /\b([MSA]\d+)\b/.exec(message);
    ids.push(first ? first[1] : 'crash');
  }
  return ids;
}

/** `bgpType`: the mode of the webhook that judges the CR case (FRR unless said otherwise). */
export function libraryVerdict(c: MetalLbCase, bgpType: MetalLbBgpType = MetalLbBgpType.FRR): LibraryVerdict {
  const app: App = Testing.app();
  const warn = console.warn;
  console.warn = () => undefined;
  try {
    const chart = new Chart(app, 'case');
    // the webhook runs in the case's mode (METALLB_BGP_TYPE); the legacy parser has no mode
    MetalLb.configure(chart, { version: LIBRARY_VERSIONS[c.format], bgpType: c.format === 'configmap' ? undefined : bgpType });
    build(chart, c);
    const objects = Testing.synth(chart);
    return { accepted: true, rules: [], objects };
  } catch (e) {
    const message = (e as Error).message;
    return { accepted: false, rules: ruleIds(message), message };
  } finally {
    console.warn = warn;
  }
}
