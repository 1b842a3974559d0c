import { Construct } from 'constructs';
import { ServiceType } from './enums';
import { PodServiceBase } from './pod-service-base';
import { PodServiceProps } from './pod-service-props';
import { ServicePort } from './service-port';
import { ServiceSpecJson } from './wire';
import { fail, problem } from '../core/errors';

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
}

/**
 * A ClusterIP Service: a virtual IP reachable inside the cluster that load-balances over the
 * selected pods; or, headless, a DNS name for the pods themselves.
 */
export class ClusterIpService extends PodServiceBase {
  public constructor(scope: Construct, id: string, props: ClusterIpServiceProps = {}) {
    super(scope, id, ServiceType.CLUSTER_IP, props.headless === true || props.clusterIp === 'None' || props.clusterIps?.[0] === 'None', props);
    if (props.headless === true && props.clusterIp !== undefined && props.clusterIp !== 'None') {
      fail(this, problem('S12', 'spec.clusterIP', props.clusterIp, 'no pinned cluster IP on a headless Service (headless means clusterIP: None)'));
    }
    for (const port of props.ports ?? []) this.addPort(port);
  }

  /**
   * Adds a port.
   */
  public addPort(port: ServicePort): void {
    this._addPort(port, false);
  }

  /** @internal */
  protected _typeSpec(): Partial<ServiceSpecJson> {
    return {};
  }
}
