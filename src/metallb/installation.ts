// One MetalLB installation (a version, a namespace): the constructs hand it their records, and
// this is the one place where the app-wide checks are attached to the constructs.
import { ApiObject, ApiObjectProps, Chart, Lazy } from 'cdk8s';
import { Construct, IConstruct, IValidation } from 'constructs';
import { metalLbErrorsFor } from './checks';
import { renderLegacyConfig } from './legacy-config';
import {
  AdvertisementRecord, BfdProfileRecord, CommunityRecord, InstallationRecord, PeerRecord, PoolRecord, registerInstallation,
  ServiceRecord,
} from './model';
import { FEATURES, MetalLbVersion } from './version';
import { AppRegistry } from '../core/app-registry';
import { fail, problem } from '../core/errors';

/** The record lists of an installation that MetalLB objects go to. @internal */
export interface InstallationMembers {
  readonly pools: PoolRecord;
  readonly advertisements: AdvertisementRecord;
  readonly peers: PeerRecord;
  readonly communities: CommunityRecord;
  readonly bfdProfiles: BfdProfileRecord;
}

/**
 * The MetalLB of one cluster: its version, namespace, pools, advertisements, peers, communities
 * and BFD profiles, and the LoadBalancer Services that draw from it. One per scope configured
 * with `MetalLb.configure` (or one for the whole app).
 * @internal
 */
export class MetalLbInstallation {
  /** The plain data the checks and the legacy renderer read. */
  public readonly record: InstallationRecord;

  constructor(scope: IConstruct, version: MetalLbVersion, namespace: string, strict: boolean, bgpType?: string) {
    this.record = {
      scope, version, namespace, strict, bgpType, pools: [], advertisements: [], peers: [], communities: [], bfdProfiles: [], services: [],
    };
  }

  public get scope(): IConstruct {
    return this.record.scope;
  }

  public get version(): MetalLbVersion {
    return this.record.version;
  }

  public get namespace(): string {
    return this.record.namespace;
  }

  /** Whether any MetalLB object or Service belongs to the installation yet. */
  public get empty(): boolean {
    const r = this.record;
    return r.pools.length + r.advertisements.length + r.peers.length + r.communities.length + r.bfdProfiles.length + r.services.length === 0;
  }

  /** The first construct of the installation, for messages. */
  public get firstMember(): IConstruct | undefined {
    const r = this.record;
    return (r.pools[0] ?? r.advertisements[0] ?? r.peers[0] ?? r.communities[0] ?? r.bfdProfiles[0] ?? r.services[0])?.construct;
  }

  /** Adds the record of a MetalLB construct, and attaches the app-wide checks to the construct. */
  public add<K extends keyof InstallationMembers>(kind: K, record: InstallationMembers[K]): void {
    (this.record[kind] as Array<InstallationMembers[K]>).push(record);
    const c = record.construct;
    if (this.version.legacy && !this.record.legacyConfig) {
      // the ConfigMap (`<namespace>/config`) that holds every pool, peer, community and BFD
      // profile of the installation, in the chart of its first MetalLB object
      this.record.legacyConfig = new ApiObject(Chart.of(c), `metallb-legacy-config-${this.namespace}`, {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'config', namespace: this.namespace },
        data: Lazy.any({ produce: () => ({ config: renderLegacyConfig(this.record) }) }),
      } as ApiObjectProps);
    }
    this.attach(c);
  }

  /** Adds a LoadBalancer Service, and attaches the app-wide checks to it. */
  public addService(record: ServiceRecord): void {
    this.record.services.push(record);
    this.attach(record.construct);
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
    return this.record.legacyConfig;
  }

  /** The one place the app-wide checks meet the constructs. */
  private attach(c: IConstruct): void {
    registerInstallation(this.record, c);
    const registry = AppRegistry.of(c);
    registry.changed();
    c.node.addValidation(new MetalLbValidation(c, registry));
  }
}

/** The app-wide MetalLB problems of one construct, as its validation (an object, not a closure). */
class MetalLbValidation implements IValidation {
  constructor(private readonly construct: IConstruct, private readonly registry: AppRegistry) {}

  public validate(): string[] {
    return metalLbErrorsFor(this.construct, this.registry) as string[];
  }
}
