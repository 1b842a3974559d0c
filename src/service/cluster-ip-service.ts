import { ApiObject } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { ExternalTrafficPolicy, ServiceType } from './enums';
import { checkExternalTrafficPolicy } from './external-traffic';
import { PodServiceBase } from './pod-service-base';
import { PodServiceProps } from './pod-service-props';
import { ServicePort } from './service-port';
import { checkGoverned, governStatefulSet, warnDuplicateHeadless } from './stateful-set';
import { POD_SERVICE_PROPS_KEYS } from './struct-keys';
import { ServiceSpecJson } from './wire';
import { ClusterSettings } from '../core/cluster-settings';
import { fail, pathOf, problem, warn } from '../core/errors';
import { minorText, SINCE } from '../core/k8s-version';
import { checkKeys, KeysOf } from '../core/keys';

/**
 * Properties of a ClusterIP Service.
 */
export interface ClusterIpServiceProps extends PodServiceProps {
  /**
   * The ports. More can be added with `addPort()`.
   *
   * @default - none; a Service that is not headless needs at least one before synth
   */
  readonly ports?: ServicePort[];

  /**
   * A headless Service (`clusterIP: None`): no virtual IP; DNS answers with the pods' own IPs.
   * It may have no ports. `clusterIp: 'None'` means the same.
   *
   * @default false
   */
  readonly headless?: boolean;

  /**
   * Where traffic that arrives on an external IP goes. Only with `externalIps`, and only from
   * Kubernetes 1.29 (set the cluster's release with `ClusterSettings.configure`); 1.28 allows it
   * on NodePort and LoadBalancer Services only.
   *
   * @default ExternalTrafficPolicy.CLUSTER (set by the cluster when the Service has external IPs)
   */
  readonly externalTrafficPolicy?: ExternalTrafficPolicy;
}

/**
 * A ClusterIP Service: a virtual IP reachable inside the cluster that load-balances over the
 * selected pods; or, headless, a DNS name for the pods themselves.
 */
export class ClusterIpService extends PodServiceBase {
  private readonly externalTrafficPolicy?: ExternalTrafficPolicy;
  private _governed?: ApiObject[];

  public constructor(scope: Construct, id: string, props: ClusterIpServiceProps = {}) {
    super(scope, id, ServiceType.CLUSTER_IP, props.headless === true || props.clusterIp === 'None' || props.clusterIps?.[0] === 'None', props);
    checkKeys(this, 'props', 'ClusterIpServiceProps', props, PROPS_KEYS);
    if (props.headless === true && props.clusterIp !== undefined && props.clusterIp !== 'None') {
      fail(this, problem('S12', 'spec.clusterIP', props.clusterIp, 'no pinned cluster IP on a headless Service (headless means clusterIP: None)'));
    }
    this.externalTrafficPolicy = checkExternalTrafficPolicy(this, props.externalTrafficPolicy);
    if (this.externalTrafficPolicy !== undefined) {
      const minor = ClusterSettings._of(this).kubernetesMinor;
      if (minor < SINCE.etpOnClusterIpWithExternalIps) {
        fail(this, problem('S19', 'spec.externalTrafficPolicy', this.externalTrafficPolicy,
          `no externalTrafficPolicy on a ClusterIP Service on Kubernetes ${minorText(minor)} (allowed with externalIPs from ${minorText(SINCE.etpOnClusterIpWithExternalIps)}; `
          + 'set kubernetesVersion with ClusterSettings.configure, or use NodePortService or LoadBalancerService)'));
      }
      if ((props.externalIps ?? []).length === 0) {
        fail(this, problem('S19', 'spec.externalTrafficPolicy', this.externalTrafficPolicy,
          'no externalTrafficPolicy on a ClusterIP Service without externalIPs: only externally-accessible Services take it'));
      }
    }
    for (const port of props.ports ?? []) this.addPort(port);
  }

  /**
   * Adds a port.
   */
  public addPort(port: ServicePort): void {
    this._addPort(port, false);
  }

  /**
   * Makes this headless Service the governing Service of a StatefulSet: the set's
   * `spec.serviceName` names it, and the headless Service a cdk8s-plus StatefulSet makes of its
   * own is removed, so that one headless Service selects the set's pods (rule G1). The Service
   * must select the set's pods, e.g. with `backend: ServiceBackend.fromWorkload(statefulSet)`
   * (rule G2, checked at synth).
   *
   * @param statefulSet a cdk8s-plus StatefulSet (28 to 33), a `KubeStatefulSet`, or an ApiObject of kind StatefulSet
   */
  public governStatefulSet(statefulSet: IConstruct): void {
    try {
      (this._governed ??= []).push(governStatefulSet(this, statefulSet));
    } catch (e) {
      throw new Error(`[${pathOf(this)}] ${(e as Error).message}`);
    }
  }

  /** @internal */
  public _validate(): string[] {
    const errors = super._validate();
    for (const set of this._governed ?? []) checkGoverned(this, set, errors);
    if (this.headless) warnDuplicateHeadless(this, message => warn(this, message));
    return errors;
  }

  /** @internal */
  protected _typeSpec(): Partial<ServiceSpecJson> {
    return { externalTrafficPolicy: this.externalTrafficPolicy };
  }
}

const PROPS_KEYS: KeysOf<ClusterIpServiceProps> = { ...POD_SERVICE_PROPS_KEYS, ports: true, headless: true, externalTrafficPolicy: true };
