import { Construct, IConstruct } from 'constructs';
import { writeInstallManifests } from './install-manifests';
import { MetalLbInstallation } from './installation';
import { installationsOf } from './model';
import { MetalLbVersion, NEWEST_METALLB } from './version';
import { AppRegistry } from '../core/app-registry';
import { fail, problem } from '../core/errors';
import { checkKeys, KeysOf } from '../core/keys';
import { dns1123Label } from '../core/syntax';
import type * as crd from '../imports/metallb-metallb.io';

/**
 * The BGP implementation MetalLB's speakers run (the controller's and webhook's
 * `METALLB_BGP_TYPE`). MetalLB refuses what the other implementations alone support.
 */
export enum MetalLbBgpType {
  /** MetalLB's own BGP speaker (`metallb-native.yaml`): no BFD, VRFs, large communities, IPv6 BGP announcements. */
  NATIVE = 'native',
  /** FRR in the speaker pod (`metallb-frr.yaml`): one router ID for all peers, one myAsn per VRF, no peer twice. */
  FRR = 'frr',
  /** FRR-K8s (`metallb-frr-k8s.yaml`): the FRR rules. */
  FRR_K8S = 'frr-k8s',
}

/**
 * Which MetalLB a cluster runs, and where.
 */
export interface MetalLbProps {
  /**
   * The MetalLB release the cluster runs (`0.9.3`, `0.13`, `v0.16.2`). Before 0.13 the library
   * writes the single legacy ConfigMap `config`; from 0.13 the custom resources. Service
   * annotations use `metallb.io/` from 0.14.9 and `metallb.universe.tf/` before.
   *
   * @default '0.16.2' (the newest release the library knows; its CRDs are the library's imports)
   */
  readonly version?: string;

  /**
   * Errors instead of warnings for what MetalLB accepts but is likely a mistake in this app: a
   * pool no advertisement of the app announces (M4); an advertisement naming a pool or peer the
   * app does not define, or whose pool selector matches no pool of the app (M5).
   *
   * @default false
   */
  readonly strict?: boolean;

  /**
   * The BGP implementation of the cluster's MetalLB (from 0.13, where the webhook checks it).
   * When given, the library refuses what MetalLB refuses for that implementation (M19): in
   * native mode the FRR-only fields, BFD profiles, large communities and IPv6 pools announced by
   * BGP; in FRR modes peers with different router IDs, different myAsn within a VRF, or the same
   * address twice.
   *
   * @default - not known: neither implementation's rules are checked (MetalLB's own
   * `DontValidate` when the type is not one it knows)
   */
  readonly bgpType?: MetalLbBgpType;

  /**
   * The namespace MetalLB runs in; every MetalLB object is written there.
   *
   * @default 'metallb-system'
   */
  readonly metalLbNamespace?: string;
}

const configured = new WeakMap<IConstruct, MetalLbInstallation>();
const defaults = new WeakMap<IConstruct, MetalLbInstallation>();
let crdModule: typeof crd | undefined;

/**
 * MetalLB settings: which release the cluster runs and its namespace.
 *
 * Configure the app (or a chart, for an app that describes several clusters) before creating
 * pools and Services; without it the app targets MetalLB 0.16 in `metallb-system`.
 */
export class MetalLb {
  /**
   * Sets the MetalLB version and namespace for every MetalLB object and LoadBalancer Service
   * below `scope`. The pools, advertisements and Services below one configured scope form one
   * MetalLB installation: the app-wide checks (overlap, IP in pool, sharing, capacity) run per
   * installation.
   */
  public static configure(scope: IConstruct, props: MetalLbProps = {}): void {
    checkKeys(scope, 'props', 'MetalLbProps', props, PROPS_KEYS);
    const versionText = props.version ?? NEWEST_METALLB;
    const version = MetalLbVersion.parse(versionText);
    if (!version) {
      fail(scope, problem('M0', 'version', versionText, `a MetalLB release number such as "0.9.3" or "v${NEWEST_METALLB}"`));
    }
    const unsupported = version.unsupported();
    if (unsupported) fail(scope, problem('M0', 'version', versionText, unsupported));
    const ns = props.metalLbNamespace ?? 'metallb-system';
    const bad = dns1123Label(ns);
    if (bad) fail(scope, problem('M6', 'metalLbNamespace', ns, bad));
    // configuring after the fact would half apply: objects made before keep the old version
    const existing = existingBelow(scope);
    if (existing) {
      fail(scope, problem('M0', 'MetalLb.configure', `a call after ${existing.node.path} was created`,
        'MetalLb.configure before the first MetalLB object or LoadBalancer Service below the scope (objects made before it would keep the MetalLB they were made for)'));
    }
    if (props.bgpType !== undefined && !Object.values(MetalLbBgpType).includes(props.bgpType)) {
      fail(scope, problem('M19', 'bgpType', props.bgpType, `one of ${Object.values(MetalLbBgpType).join(', ')}`));
    }
    configured.set(scope, new MetalLbInstallation(scope, version, ns, props.strict ?? false, props.bgpType));
    AppRegistry.of(scope).changed();
  }

  /**
   * Writes MetalLB itself into the app: the install manifests of the configured release
   * (namespace, CRDs, RBAC, the controller Deployment, the speaker DaemonSet, the webhook), as
   * MetalLB ships them (`config/manifests/metallb-native.yaml`, or `manifests/metallb.yaml`
   * before 0.13), moved to the configured namespace. The library carries the manifests of the
   * releases its tests run (v0.12.1 and v0.15.2); another version is an error (M0). Before 0.13
   * the manifest's PodSecurityPolicies are left out: Kubernetes 1.25 and later do not serve them.
   *
   * The objects go below `scope` (in a new chart `metallb-install` when `scope` is the app).
   * MetalLB is Copyright The MetalLB Authors, Apache License 2.0.
   *
   * @returns the construct that holds the objects
   */
  public static install(scope: Construct): Construct {
    const inst = MetalLb._of(scope);
    return writeInstallManifests(scope, inst.version.toString(), inst.namespace);
  }

  /**
   * The MetalLB version in force at `scope`, as `vX.Y.Z`.
   */
  public static versionOf(scope: IConstruct): string {
    return MetalLb._of(scope).version.toString();
  }

  /** @internal */
  public static _of(scope: IConstruct): MetalLbInstallation {
    let root = scope;
    for (let c: IConstruct | undefined = scope; c; c = c.node.scope) {
      const i = configured.get(c);
      if (i) return i;
      root = c;
    }
    let d = defaults.get(root);
    if (!d) {
      d = new MetalLbInstallation(root, MetalLbVersion.parse(NEWEST_METALLB)!, 'metallb-system', false);
      defaults.set(root, d);
    }
    return d;
  }

  /** The generated MetalLB CRD module (of NEWEST_METALLB), loaded on first use. @internal */
  public static _crds(): typeof crd {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return crdModule ??= require('../imports/metallb-metallb.io') as typeof crd;
  }

  private constructor() {}
}


/** A MetalLB object or LoadBalancer Service already made below `scope` (or at it), if any. */
function existingBelow(scope: IConstruct): IConstruct | undefined {
  for (const inst of installationsOf(AppRegistry.of(scope))) {
    for (const list of [inst.pools, inst.advertisements, inst.peers, inst.communities, inst.bfdProfiles, inst.services]) {
      for (const r of list) {
        if (r.construct.node.scopes.includes(scope)) return r.construct;
      }
    }
  }
  return undefined;
}

const PROPS_KEYS: KeysOf<MetalLbProps> = {
  metalLbNamespace: true,
  version: true,
  strict: true,
  bgpType: true,
};
