import { Construct } from 'constructs';
import { ExternalTrafficPolicy, ServiceType } from './enums';
import { checkExternalTrafficPolicy } from './external-traffic';
import { PodServiceBase } from './pod-service-base';
import { PodServiceProps } from './pod-service-props';
import { NodePortServicePort } from './service-port';
import { POD_SERVICE_PROPS_KEYS } from './struct-keys';
import { ServiceSpecJson } from './wire';
import { checkKeys, KeysOf } from '../core/keys';

/**
 * Properties of a NodePort Service.
 */
export interface NodePortServiceProps extends PodServiceProps {
  /**
   * The ports, each optionally with a fixed node port. More can be added with `addPort()`.
   *
   * @default - none; at least one is needed before synth
   */
  readonly ports?: NodePortServicePort[];

  /**
   * Where traffic that arrives on a node port goes.
   *
   * @default ExternalTrafficPolicy.CLUSTER
   */
  readonly externalTrafficPolicy?: ExternalTrafficPolicy;
}

/**
 * A NodePort Service: a ClusterIP Service that every node also exposes on a port of the
 * node-port range (`Client > NodeIP:NodePort > ClusterIP:ServicePort > PodIP:ContainerPort`).
 */
export class NodePortService extends PodServiceBase {
  private readonly externalTrafficPolicy?: ExternalTrafficPolicy;

  public constructor(scope: Construct, id: string, props: NodePortServiceProps = {}) {
    super(scope, id, ServiceType.NODE_PORT, false, props);
    // `headless: false` is harmless anywhere (rejectForeignProps lets it through)
    checkKeys(this, 'props', 'NodePortServiceProps', props, PROPS_KEYS, ['headless']);
    this.externalTrafficPolicy = checkExternalTrafficPolicy(this, props.externalTrafficPolicy);
    for (const port of props.ports ?? []) this.addPort(port);
  }

  /**
   * Adds a port, optionally with a fixed node port.
   */
  public addPort(port: NodePortServicePort): void {
    this._addPort(port, true);
  }

  /** @internal */
  protected _typeSpec(): Partial<ServiceSpecJson> {
    return { externalTrafficPolicy: this.externalTrafficPolicy };
  }
}

const PROPS_KEYS: KeysOf<NodePortServiceProps> = { ...POD_SERVICE_PROPS_KEYS, ports: true, externalTrafficPolicy: true };
