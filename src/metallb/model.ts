// The MetalLB model as plain data: every MetalLB construct describes itself as one record here,
// and the app-wide checks (checks.ts) and the legacy ConfigMap renderer (legacy-config.ts) read
// only these records, never the constructs. Dependencies run one way:
//   constructs -> installation -> checks / legacy-config -> model
import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import type { AddressRange } from './address-range';
import type { MetalLbPreferredNodeSelector } from './advertisement';
import type { MetalLbLabelSelector } from './selector';
import type { MetalLbVersion } from './version';
import { AppRegistry } from '../core/app-registry';
import type { ParsedIp } from '../core/ip';

/**
 * A MetalLB address pool, as advertisements and Services refer to it.
 */
export interface IMetalLbPool extends IConstruct {
  /** The pool's object name. */
  readonly poolName: string;
}

/** Which Services may draw from a pool. @internal */
export interface ServiceAllocationRecord {
  readonly priority?: number;
  readonly namespaces?: string[];
  readonly namespaceSelectors?: MetalLbLabelSelector[];
  readonly serviceSelectors?: MetalLbLabelSelector[];
}

/** An address pool. @internal */
export interface PoolRecord {
  readonly construct: IConstruct;
  readonly installation: InstallationRecord;
  readonly name: string;
  readonly addresses: readonly string[];
  readonly ranges: readonly AddressRange[];
  readonly autoAssign: boolean;
  readonly avoidBuggyIps: boolean;
  readonly announce: boolean;
  readonly labels: Readonly<Record<string, string>>;
  readonly serviceAllocation?: ServiceAllocationRecord;
}

/** A Layer2 or BGP advertisement. @internal */
export interface AdvertisementRecord {
  readonly construct: IConstruct;
  readonly installation: InstallationRecord;
  readonly name: string;
  readonly mode: 'layer2' | 'bgp';
  /** pools selected by reference */
  readonly pools: readonly PoolRecord[];
  readonly poolNames: readonly string[];
  readonly poolSelectors: readonly MetalLbLabelSelector[];
  readonly nodeSelectors: readonly MetalLbLabelSelector[];
  readonly interfaces: readonly string[];
  readonly aggregationLength?: number;
  readonly aggregationLengthV6?: number;
  readonly localPref?: number;
  readonly communities: readonly string[];
  readonly peers: readonly string[];
  readonly serviceSelectors: readonly MetalLbLabelSelector[];
  readonly preferredNodeSelectors?: readonly MetalLbPreferredNodeSelector[];
  readonly asPathPrepend?: number;
}

/** A BGP peer (durations in whole seconds). @internal */
export interface PeerRecord {
  readonly construct: IConstruct;
  readonly installation: InstallationRecord;
  readonly name: string;
  readonly myAsn: number;
  readonly peerAsn?: number;
  readonly dynamicAsn?: string;
  readonly peerAddress?: string;
  readonly peerInterface?: string;
  readonly peerPort?: number;
  readonly sourceAddress?: string;
  readonly routerId?: string;
  readonly holdSeconds?: number;
  readonly keepaliveSeconds?: number;
  readonly connectSeconds?: number;
  readonly nodeSelectors: readonly MetalLbLabelSelector[];
  readonly password?: string;
  readonly passwordSecret?: string;
  readonly bfdProfile?: string;
  readonly ebgpMultiHop?: boolean;
  readonly vrf?: string;
  readonly enableGracefulRestart?: boolean;
  readonly disableMp?: boolean;
  readonly dualStackAddressFamily?: boolean;
  readonly localAsn?: number;
}

/** A set of BGP community aliases. @internal */
export interface CommunityRecord {
  readonly construct: IConstruct;
  readonly installation: InstallationRecord;
  readonly name: string;
  readonly communities: Readonly<Record<string, string>>;
}

/** A BFD profile. @internal */
export interface BfdProfileRecord {
  readonly construct: IConstruct;
  readonly installation: InstallationRecord;
  readonly name: string;
  readonly receiveInterval?: number;
  readonly transmitInterval?: number;
  readonly detectMultiplier?: number;
  readonly echoInterval?: number;
  readonly echoMode?: boolean;
  readonly passiveMode?: boolean;
  readonly minimumTtl?: number;
}

/** What the app-wide MetalLB checks need to know of a LoadBalancer Service. @internal */
export interface MetalLbServiceView {
  readonly construct: IConstruct;
  readonly name: string;
  readonly namespace: string;
  readonly labels: Record<string, string>;
  readonly selector: Record<string, string>;
  readonly ports: ReadonlyArray<{ readonly protocol: string; readonly port: number }>;
  readonly externalTrafficPolicyLocal: boolean;
  readonly ipFamilies: readonly string[];
  readonly dualStack: boolean;
  readonly loadBalancerClass?: string;
  readonly annotations: Record<string, string>;
}

/** A LoadBalancer Service as MetalLB sees it. @internal */
export interface ServiceRecord {
  readonly construct: IConstruct;
  readonly installation: InstallationRecord;
  /** the pool the Service asks for */
  readonly pool?: PoolRecord;
  readonly ips: readonly ParsedIp[];
  readonly sharingKey?: string;
  /** the MetalLB annotations the library writes */
  readonly annotations: Readonly<Record<string, string>>;
  /** whether the user set spec.loadBalancerIP themselves */
  readonly userSpecIp: boolean;
  /** whether the Service was given MetalLB options */
  readonly explicit: boolean;
  readonly view: () => MetalLbServiceView;
}

/** One MetalLB installation (a version and a namespace) and everything it holds. @internal */
export interface InstallationRecord {
  readonly scope: IConstruct;
  readonly version: MetalLbVersion;
  readonly namespace: string;
  /** errors, not warnings, for what MetalLB accepts (M4, M5 references) */
  readonly strict: boolean;
  /** MetalLbBgpType's value, when the app says which BGP implementation runs */
  readonly bgpType?: string;
  readonly pools: PoolRecord[];
  readonly advertisements: AdvertisementRecord[];
  readonly peers: PeerRecord[];
  readonly communities: CommunityRecord[];
  readonly bfdProfiles: BfdProfileRecord[];
  readonly services: ServiceRecord[];
  /** the legacy ConfigMap, once written (MetalLB before 0.13) */
  legacyConfig?: ApiObject;
}

const INSTALLATIONS = 'metallb-installations';

/** Adds an installation to the app's list (once). @internal */
export function registerInstallation(inst: InstallationRecord, scope: IConstruct): void {
  const r = AppRegistry.of(scope);
  if (!r.list<InstallationRecord>(INSTALLATIONS).includes(inst)) r.add(INSTALLATIONS, inst);
}

/** Every MetalLB installation of the app that holds something. @internal */
export function installationsOf(registry: AppRegistry): readonly InstallationRecord[] {
  return registry.list<InstallationRecord>(INSTALLATIONS);
}

const pools = new WeakMap<IConstruct, PoolRecord>();

/** Remembers the record of a pool construct. @internal */
export function setPoolRecord(pool: IConstruct, record: PoolRecord): void {
  pools.set(pool, record);
}

/** The record of a pool construct (undefined for anything that is not a MetalLbPool). @internal */
export function poolRecordOf(pool: IConstruct): PoolRecord | undefined {
  return pools.get(pool);
}

/**
 * The object name of the `index`-th (from 0) advertisement made for a pool: `<pool>-l2`,
 * `<pool>-bgp`, then `<pool>-bgp-2`, ... within the 253-character object name limit. The one
 * naming of the pool constructs and of the legacy ConfigMap migration. @internal
 */
export function advertisementNameFor(poolName: string, mode: string, index: number): string {
  const suffix = `-${mode === 'bgp' ? 'bgp' : 'l2'}${index === 0 ? '' : `-${index + 1}`}`;
  const max = 253 - suffix.length;
  const base = poolName.length > max ? poolName.slice(0, max).replace(/[^a-z0-9]+$/, '') : poolName;
  return base + suffix;
}
