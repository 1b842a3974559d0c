// The legacy MetalLB configuration built as the library's constructs: the one model of MetalLB
// config. A plan says which constructs to make with which props (names as MetalLB before 0.13
// knows them, or turned into valid object names for the custom resources); `buildPlan` makes
// them, `toTypeScript` (migrate-typescript.ts) prints them as a program. Every check is the
// constructs' own, at the version of the installation they are built in.
import { App, Chart, Duration } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { MetalLbAdvertisement } from './advertisement';
import { MetalLbBfdProfile } from './bfd-profile';
import { MetalLbBgpPeer } from './bgp-peer';
import { MetalLbCommunity } from './community';
import type { Bfd, Peer, Pool, Selector } from './legacy-read';
import { MetalLb, MetalLbBgpType } from './metallb';
import { MetalLbPool } from './pool';
import { MetalLbLabelSelector, MetalLbSelectorOperator, MetalLbSelectorRequirement } from './selector';

/** The configuration as read (legacy-read.ts, legacy-peers.ts). @internal */
export interface LegacyConfig {
  readonly communities: Map<string, string>;
  readonly bfdProfiles: Bfd[];
  readonly pools: Pool[];
  readonly peers: Peer[];
}

/** A label selector requirement, as written. @internal */
export interface PlannedRequirement {
  readonly key: string;
  readonly operator: string;
  readonly values?: string[];
}

/** A label selector, as written. @internal */
export interface PlannedSelector {
  readonly matchLabels?: Record<string, string>;
  readonly matchExpressions?: PlannedRequirement[];
}

/** A BFD profile as read, with its construct id and the name it gets. @internal */
export interface PlannedBfdProfile extends Omit<Bfd, 'label' | 'k8sName' | 'echoMode' | 'passiveMode'> {
  readonly id: string;
  readonly echoMode: boolean;
  readonly passiveMode: boolean;
}

/** @internal */
export interface PlannedCommunity {
  readonly id: string;
  readonly name: string;
  readonly communities: Record<string, string>;
}

/** @internal */
export interface PlannedAdvertisement {
  readonly mode: 'layer2' | 'bgp';
  readonly aggregationLength?: number;
  readonly aggregationLengthV6?: number;
  readonly localPref?: number;
  readonly communities?: string[];
}

/** @internal */
export interface PlannedPool {
  readonly id: string;
  readonly name: string;
  readonly addresses: string[];
  readonly autoAssign?: boolean;
  readonly avoidBuggyIps?: boolean;
  readonly advertisements: PlannedAdvertisement[];
}

/**
 * A BGP peer: the peer as read (durations in whole seconds; the BFD profile by name), with its
 * construct id and object name. @internal
 */
export interface PlannedPeer extends Omit<Peer, 'label' | 'nodeSelectors'> {
  readonly id: string;
  readonly name: string;
  readonly nodeSelectors?: PlannedSelector[];
}

/** Which constructs the configuration becomes, in the order they are made. @internal */
export interface LegacyPlan {
  readonly bfdProfiles: PlannedBfdProfile[];
  readonly communities: PlannedCommunity[];
  readonly pools: PlannedPool[];
  readonly peers: PlannedPeer[];
}

/** A construct id unique in the scope (the object name; a suffix when two share it). @internal */
export function uniqueId(name: string, fallback: string, taken: Set<string>): string {
  const base = name.replace(/\//g, '-') || fallback;
  let id = base;
  for (let i = 2; taken.has(id); i++) id = `${base}-${i}`;
  taken.add(id);
  return id;
}

const nonEmpty = <T>(list: T[]): T[] | undefined => (list.length > 0 ? list : undefined);

function selectorOf(s: Selector): PlannedSelector {
  return {
    matchLabels: s.matchLabels.size > 0 ? Object.fromEntries(s.matchLabels) : undefined,
    // values sorted, as MetalLB's converter writes them
    matchExpressions: nonEmpty(s.matchExpressions.map((e) => ({ key: e.key, operator: e.operator, values: nonEmpty([...e.values].sort()) }))),
  };
}

/**
 * The constructs a configuration becomes. With `objectNames` the pools and BFD profiles get the
 * valid object names the migration chose (`k8sName`), as the custom resources need; without it
 * the names as MetalLB before 0.13 knows them. Empty strings are MetalLB's "not set".
 * @internal
 */
export function planOf(config: LegacyConfig, objectNames: boolean): LegacyPlan {
  const ids = new Set<string>();
  const nameOf = (x: { name: string; k8sName: string }) => (objectNames ? x.k8sName : x.name);
  const bfdNames = new Map(config.bfdProfiles.map((b) => [b.name, nameOf(b)]));
  const bfdProfiles = config.bfdProfiles.map(({ label, k8sName, ...b }, i): PlannedBfdProfile => ({
    ...b,
    id: uniqueId(k8sName, `bfd-profile-${i + 1}`, ids),
    name: nameOf({ name: b.name, k8sName }),
    echoMode: b.echoMode ?? false,
    passiveMode: b.passiveMode ?? false,
  }));
  const aliases = [...config.communities.keys()].sort();
  const communities: PlannedCommunity[] = aliases.length === 0 ? [] : [{
    id: uniqueId('communities', 'communities', ids),
    name: 'communities',
    communities: Object.fromEntries(aliases.map((a) => [a, config.communities.get(a)!])),
  }];
  const pools = config.pools.map((p, i): PlannedPool => ({
    id: uniqueId(p.k8sName, `pool-${i + 1}`, ids),
    name: nameOf(p),
    addresses: [...p.addresses],
    autoAssign: p.autoAssign,
    avoidBuggyIps: p.avoidBuggyIps || undefined,
    advertisements: p.protocol === 'bgp'
      ? (p.advs.length > 0 ? p.advs : [undefined]).map((a): PlannedAdvertisement => ({
        mode: 'bgp',
        aggregationLength: a?.aggregationLength,
        aggregationLengthV6: a?.aggregationLengthV6,
        localPref: a?.localPref || undefined,
        communities: a ? nonEmpty([...a.communities]) : undefined,
      }))
      : [{ mode: 'layer2' }],
  }));
  const peers = config.peers.map((p, i): PlannedPeer => {
    const name = `peer-${i + 1}`;
    return {
      id: uniqueId(name, name, ids),
      name,
      myAsn: p.myAsn,
      peerAsn: p.peerAsn,
      peerAddress: p.peerAddress || undefined,
      sourceAddress: p.sourceAddress || undefined,
      peerPort: p.peerPort || undefined,
      holdSeconds: p.holdSeconds,
      keepaliveSeconds: p.keepaliveSeconds,
      routerId: p.routerId || undefined,
      nodeSelectors: nonEmpty(p.nodeSelectors.map(selectorOf)),
      password: p.password || undefined,
      bfdProfile: p.bfdProfile ? (bfdNames.get(p.bfdProfile) ?? p.bfdProfile) : undefined,
      ebgpMultiHop: p.ebgpMultiHop || undefined,
    };
  });
  return { bfdProfiles, communities, pools, peers };
}

/** The constructs made from a plan. @internal */
export interface BuiltPlan {
  readonly pools: MetalLbPool[];
  readonly peers: MetalLbBgpPeer[];
  readonly bfdProfiles: MetalLbBfdProfile[];
  readonly communities: MetalLbCommunity[];
  /** The constructors' errors (`[path] rule field: ...`), one per construct that could not be made. */
  readonly errors: string[];
}

function labelSelector(s: PlannedSelector): MetalLbLabelSelector {
  return {
    matchLabels: s.matchLabels,
    matchExpressions: s.matchExpressions?.map((e) => MetalLbSelectorRequirement.of({
      key: e.key, matchOperator: e.operator as MetalLbSelectorOperator, values: e.values,
    })),
  };
}

/**
 * Makes the plan's constructs below `scope`. A construct whose props its checks refuse is not
 * made; its error is collected and the others are still made, so that every problem is found.
 * @internal
 */
export function buildPlan(scope: Construct, plan: LegacyPlan): BuiltPlan {
  const errors: string[] = [];
  const attempt = <T>(id: string, make: () => T): T | undefined => {
    try {
      return make();
    } catch (e) {
      scope.node.tryRemoveChild(id);
      errors.push((e as Error).message);
      return undefined;
    }
  };
  const made = <T>(list: (T | undefined)[]): T[] => list.filter((x): x is T => x !== undefined);

  const bfdProfiles = made(plan.bfdProfiles.map(({ id, ...props }) => attempt(id, () => new MetalLbBfdProfile(scope, id, props))));
  const communities = made(plan.communities.map(({ id, ...props }) => attempt(id, () => new MetalLbCommunity(scope, id, props))));
  const pools = made(plan.pools.map((p) => attempt(p.id, () => new MetalLbPool(scope, p.id, {
    name: p.name,
    addresses: p.addresses,
    autoAssign: p.autoAssign,
    avoidBuggyIps: p.avoidBuggyIps,
    advertisements: p.advertisements.map(({ mode, ...options }) => (mode === 'bgp' ? MetalLbAdvertisement.bgp(options) : MetalLbAdvertisement.layer2())),
  }))));
  const bfdByName = new Map(bfdProfiles.map((b) => [b.profileName, b]));
  const peers = made(plan.peers.map((p) => attempt(p.id, () => new MetalLbBgpPeer(scope, p.id, {
    name: p.name,
    myAsn: p.myAsn!,
    peerAsn: p.peerAsn,
    peerAddress: p.peerAddress,
    sourceAddress: p.sourceAddress,
    peerPort: p.peerPort,
    holdTime: Duration.seconds(p.holdSeconds),
    keepaliveTime: p.keepaliveSeconds !== undefined ? Duration.seconds(p.keepaliveSeconds) : undefined,
    routerId: p.routerId,
    nodeSelectors: p.nodeSelectors?.map(labelSelector),
    password: p.password,
    bfdProfile: p.bfdProfile !== undefined ? bfdByName.get(p.bfdProfile) : undefined,
    bfdProfileName: p.bfdProfile !== undefined && !bfdByName.has(p.bfdProfile) ? p.bfdProfile : undefined,
    ebgpMultiHop: p.ebgpMultiHop,
  }))));
  return { pools, peers, bfdProfiles, communities, errors };
}

/** What a MetalLB installation is configured with. @internal */
export interface TrialSettings {
  readonly version: string;
  readonly metalLbNamespace: string;
  readonly strict?: boolean;
  readonly bgpType?: MetalLbBgpType;
}

/** A plan built alone in a new app: its errors, and its objects when there are none. @internal */
export interface Trial {
  readonly errors: string[];
  readonly objects: any[];
}

/** Every validation error of the app, as cdk8s reports them (`[path] message`). */
function validationErrors(root: IConstruct): string[] {
  const errors: string[] = [];
  for (const c of root.node.findAll()) {
    for (const e of c.node.validate()) errors.push(`[${c.node.path}] ${e}`);
  }
  return errors;
}

/**
 * Builds the plan in a new app of its own (a chart `metallb` configured with `settings`), runs
 * the constructs' and the app-wide checks, and synthesizes it when nothing is wrong. The
 * app-wide checks run only once every construct could be made (a construct that could not be
 * made would be reported again as a missing reference).
 * @internal
 */
export function trial(plan: LegacyPlan, settings: TrialSettings): Trial {
  const app = new App({ outdir: 'dist' });
  const chart = new Chart(app, 'metallb');
  MetalLb.configure(chart, settings);
  const built = buildPlan(chart, plan);
  if (built.errors.length > 0) return { errors: built.errors, objects: [] };
  const errors = validationErrors(app);
  if (errors.length > 0) return { errors, objects: [] };
  return { errors: [], objects: chart.toJson() };
}
