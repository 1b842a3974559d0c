import { IConstruct } from 'constructs';
import { Protocol, ServiceType } from './enums';
import { NodePortServicePort } from './service-port';
import { PORT_KEYS } from './struct-keys';
import { ServicePortJson } from './wire';
import { ClusterSettings } from '../core/cluster-settings';
import { fail, problem } from '../core/errors';
import { minorText, SINCE } from '../core/k8s-version';
import { checkKeys } from '../core/keys';
import { dns1123Label, ianaServiceName, portNumber, qualifiedName } from '../core/syntax';

/** A Service port as the library keeps it. */
export interface PortRecord {
  readonly name?: string;
  readonly protocol: Protocol;
  readonly port: number;
  readonly targetPort?: { portNumber?: number; portName?: string };
  readonly appProtocol?: string;
  readonly nodePort?: number;
}

const PROTOCOLS = new Set<string>([Protocol.TCP, Protocol.UDP, Protocol.SCTP]);

/**
 * Checks a port about to be added after `existing` (S5-S9, S15, S16, S23, A1 syntax) and returns
 * its record. Fails on the first problem.
 */
export function checkPort(
  scope: IConstruct, serviceType: ServiceType, existing: readonly PortRecord[], p: NodePortServicePort, allowNodePort: boolean,
): PortRecord {
  const i = existing.length;
  const at = `spec.ports[${i}]`;
  checkKeys(scope, at, serviceType === ServiceType.CLUSTER_IP ? 'ServicePort' : 'NodePortServicePort', p, PORT_KEYS);
  const bad = portNumber(p.port);
  if (bad) fail(scope, problem('S6', `${at}.port`, p.port, bad));
  const protocol = p.protocol ?? Protocol.TCP;
  if (!PROTOCOLS.has(protocol)) fail(scope, problem('S7', `${at}.protocol`, protocol, 'TCP, UDP or SCTP'));
  if (p.name !== undefined) {
    const badName = dns1123Label(p.name);
    if (badName) fail(scope, problem('S5', `${at}.name`, p.name, badName));
    // (`existing.length === 0 ? -1 :` spares the closure for the first port of every Service)
    const other = existing.length === 0 ? -1 : existing.findIndex(o => o.name === p.name);
    if (other >= 0) fail(scope, problem('S5', `${at}.name`, p.name, `a name unique within the Service (spec.ports[${other}] has it)`));
  }
  const tp = p.targetPort;
  if (tp !== undefined) {
    const badTarget = tp.portName !== undefined ? ianaServiceName(tp.portName) : portNumber(tp.portNumber as number);
    if (badTarget) fail(scope, problem('S8', `${at}.targetPort`, tp.portName ?? tp.portNumber, badTarget));
  }
  if (p.appProtocol !== undefined) {
    const badApp = qualifiedName(p.appProtocol);
    if (badApp) fail(scope, problem('S9', `${at}.appProtocol`, p.appProtocol, `an IANA service name, kubernetes.io/h2c, kubernetes.io/ws, kubernetes.io/wss or domain/name (${badApp})`));
  }
  if (p.nodePort !== undefined) {
    if (!allowNodePort) {
      fail(scope, problem('S15', `${at}.nodePort`, p.nodePort, 'no nodePort on a ClusterIP Service (use NodePortService or LoadBalancerService)'));
    }
    const badNode = portNumber(p.nodePort);
    if (badNode) fail(scope, problem('A1', `${at}.nodePort`, p.nodePort, badNode));
  }
  if (serviceType === ServiceType.LOAD_BALANCER && p.port === 10250) {
    const minor = ClusterSettings._of(scope).kubernetesMinor;
    if (minor < SINCE.kubeletPortAllowed) {
      fail(scope, problem('S23', `${at}.port`, p.port,
        `a port other than 10250: kube-apiserver ${minorText(minor)} refuses to expose the kubelet port through a LoadBalancer (allowed from ${minorText(SINCE.kubeletPortAllowed)})`));
    }
  }
  const dup = existing.length === 0 ? -1 : existing.findIndex(o => o.protocol === protocol && o.port === p.port);
  if (dup >= 0) fail(scope, problem('S16', `${at}`, `${protocol}/${p.port}`, `a (protocol, port) pair unique within the Service (spec.ports[${dup}] has it)`));
  if (p.nodePort !== undefined) {
    const dupNode = existing.length === 0 ? -1 : existing.findIndex(o => o.protocol === protocol && o.nodePort === p.nodePort);
    if (dupNode >= 0) fail(scope, problem('S16', `${at}.nodePort`, `${protocol}/${p.nodePort}`, `a (protocol, nodePort) pair unique within the Service (spec.ports[${dupNode}] has it)`));
  }
  return {
    name: p.name,
    protocol,
    port: p.port,
    targetPort: tp ? { portNumber: tp.portNumber, portName: tp.portName } : undefined,
    appProtocol: p.appProtocol,
    nodePort: p.nodePort,
  };
}

/** A port record as Kubernetes JSON. */
export function renderPort(p: PortRecord): ServicePortJson {
  const out: ServicePortJson = {
    protocol: p.protocol,
    port: p.port,
    targetPort: p.targetPort?.portName ?? p.targetPort?.portNumber ?? p.port,
  };
  if (p.name !== undefined) out.name = p.name;
  if (p.appProtocol !== undefined) out.appProtocol = p.appProtocol;
  if (p.nodePort !== undefined) out.nodePort = p.nodePort;
  return out;
}

