import { Protocol } from './enums';
import { TargetPort } from './target-port';

/**
 * A port of a ClusterIP Service.
 */
export interface ServicePort {
  /**
   * The port the Service exposes (1-65535).
   */
  readonly port: number;

  /**
   * The port's name: a DNS-1123 label, unique within the Service; required when the Service has
   * more than one port.
   *
   * @default - unnamed
   */
  readonly name?: string;

  /**
   * The protocol.
   *
   * @default Protocol.TCP
   */
  readonly protocol?: Protocol;

  /**
   * The port of the pods that traffic goes to.
   *
   * @default - the same number as `port`
   */
  readonly targetPort?: TargetPort;

  /**
   * The application protocol: an IANA service name (`http`), `kubernetes.io/h2c`,
   * `kubernetes.io/ws`, `kubernetes.io/wss`, or a domain-prefixed name (`example.com/proto`).
   *
   * @default - none
   */
  readonly appProtocol?: string;
}

/**
 * A port of a NodePort or LoadBalancer Service: a ServicePort that every node also opens.
 */
export interface NodePortServicePort extends ServicePort {
  /**
   * The port every node opens for this Service port, in the cluster's node-port range
   * (30000-32767 unless configured with `ClusterSettings`). Explicitly chosen ports are safest
   * in the lower, static band of the range (KEP-3668).
   *
   * @default - allocated by the cluster
   */
  readonly nodePort?: number;
}
