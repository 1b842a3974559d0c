import { ApiObject, ApiObjectProps, Chart, Lazy } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { registerInstallation } from './checks';
import { writeInstallManifests } from './install';
import { renderLegacyConfig } from './legacy-config';
import { FEATURES, MetalLbVersion } from './version';
import { AppRegistry } from '../core/app-registry';
import { fail, problem } from '../core/errors';
import { dns1123Label } from '../core/syntax';
import type * as crd from '../imports/metallb-metallb.io';

/**
 * Which MetalLB a cluster runs, and where.
 */
export interface MetalLbProps {
  /**
   * The MetalLB release the cluster runs (`0.9.3`, `0.13`, `v0.16.1`). Before 0.13 the library
   * writes the single legacy ConfigMap `config`; from 0.13 the custom resources. Service
   * annotations use `metallb.io/` from 0.14.9 and `metallb.universe.tf/` before.
   *
   * @default '0.16.1'
   */
  readonly version?: string;

  /**
   * The namespace MetalLB runs in; every MetalLB object is written there.
   *
   * @default 'metallb-system'
   */
  readonly metalLbNamespace?: string;
}

/**
 * The MetalLB of one cluster: its version, namespace, pools, advertisements, peers, communities
 * and BFD profiles, and the LoadBalancer Services that draw from it. One per scope configured
 * with `MetalLb.configure` (or one for the whole app).
 * @internal
 */
export class MetalLbInstallation {
  public readonly pools: IConstruct[] = [];
  public readonly advertisements: IConstruct[] = [];
  public readonly peers: IConstruct[] = [];
  public readonly communities: IConstruct[] = [];
  public readonly bfdProfiles: IConstruct[] = [];
  private configMap?: ApiObject;

  constructor(
    public readonly scope: IConstruct,
    public readonly version: MetalLbVersion,
    public readonly namespace: string,
  ) {}

  /** Registers a MetalLB construct of this installation. */
  public add(kind: 'pools' | 'advertisements' | 'peers' | 'communities' | 'bfdProfiles', c: IConstruct): void {
    this[kind].push(c);
    if (this.version.legacy && !this.configMap) {
      // the ConfigMap (`<namespace>/config`) that holds every pool, peer, community and BFD
      // profile of the installation, in the chart of its first MetalLB object
      this.configMap = new ApiObject(Chart.of(c), `metallb-legacy-config-${this.namespace}`, {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'config', namespace: this.namespace },
        data: Lazy.any({ produce: () => ({ config: renderLegacyConfig(this) }) }),
      } as ApiObjectProps);
    }
    registerInstallation(this, c);
    AppRegistry.of(c).changed();
  }

  /** Fails when the version lacks a feature. */
  public require(scope: IConstruct, feature: keyof typeof FEATURES, field: string): void {
    const f = FEATURES[feature];
    if (!this.version.atLeast(f.since)) {
      fail(scope, problem('M0', field, this.version.toString(), `MetalLB ${f.since} or newer for ${f.what} (the cluster runs ${this.version}; set it with MetalLb.configure)`));
    }
  }

  /**
   * The ApiObject of a MetalLB custom resource of this installation (child `Resource` of
   * `scope`, in the MetalLB namespace), its spec rendered lazily.
   */
  public resource(scope: Construct, gvk: { apiVersion: string; kind: string }, name: string, spec: () => unknown,
    labels?: Record<string, string>): ApiObject {
    return new ApiObject(scope, 'Resource', {
      ...gvk,
      metadata: { name, namespace: this.namespace, labels: labels && Object.keys(labels).length ? labels : undefined },
      spec: Lazy.any({ produce: spec }),
    } as ApiObjectProps);
  }

  /** The legacy ConfigMap, once created. */
  public get legacyConfig(): ApiObject | undefined {
    return this.configMap;
  }
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
    const versionText = props.version ?? '0.16.1';
    const version = MetalLbVersion.parse(versionText);
    if (!version || !version.atLeast('0.9.0')) {
      fail(scope, problem('M0', 'version', versionText, 'a MetalLB release from 0.9 on, as "0.9.3" or "v0.16.1"'));
    }
    const ns = props.metalLbNamespace ?? 'metallb-system';
    const bad = dns1123Label(ns);
    if (bad) fail(scope, problem('M6', 'metalLbNamespace', ns, bad));
    configured.set(scope, new MetalLbInstallation(scope, version, ns));
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
    for (let c: IConstruct | undefined = scope; c; c = c.node.scope) {
      const i = configured.get(c);
      if (i) return i;
    }
    const root = scope.node.root;
    let d = defaults.get(root);
    if (!d) {
      d = new MetalLbInstallation(root, MetalLbVersion.parse('0.16.1')!, 'metallb-system');
      defaults.set(root, d);
    }
    return d;
  }

  /** The generated MetalLB v0.16.1 CRD module, loaded on first use. @internal */
  public static _crds(): typeof crd {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return crdModule ??= require('../imports/metallb-metallb.io') as typeof crd;
  }

  private constructor() {}
}
