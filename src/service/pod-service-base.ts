import { Construct } from 'constructs';
import { ServiceBackend } from './backend';
import { InternalTrafficPolicy, IpFamily, IpFamilyPolicy, Protocol, ServiceType } from './enums';
import { ServiceBase, ServiceProps } from './service-base';
import { NodePortServicePort } from './service-port';
import { SessionAffinity } from './session-affinity';
import { assignDefined, ServicePortJson, ServiceSpecJson } from './wire';
import { AppRegistry } from '../core/app-registry';
import { ClusterSettings } from '../core/cluster-settings';
import { fail, pathOf, problem, warn } from '../core/errors';
import { parseIp, specialIpReason } from '../core/ip';
import { checkLabels } from '../core/labels';
import { dns1123Label, ianaServiceName, portNumber, qualifiedName } from '../core/syntax';

/**
 * Properties of the Services that route to pods: ClusterIP, NodePort and LoadBalancer.
 */
export interface PodServiceProps extends ServiceProps {
  /**
   * Select pods by these labels (keys and values in label syntax). Combined with the selector
   * of `backend` when both are given. More can be added with `addSelector()`.
   *
   * @default - no labels; see `backend`
   */
  readonly selector?: { [key: string]: string };

  /**
   * The workload whose pods the Service selects: a cdk8s-plus-28 workload, an L1 object with a
   * pod template, or plain labels. Named target ports are checked against its containers.
   *
   * @default - no backend: the Service selects by `selector` only (without either, its endpoints are managed by hand)
   */
  readonly backend?: ServiceBackend;

  /**
   * Pin the Service's cluster IP (`spec.clusterIP`). It must be free and inside the cluster's
   * service CIDR.
   *
   * @default - allocated by the cluster (and changes when the Service is re-created)
   */
  readonly clusterIp?: string;

  /**
   * Pin the cluster IPs of a dual-stack Service (`spec.clusterIPs`), at most one per family; the
   * first must equal `clusterIp` when both are given (`clusterIP` is written as the first when
   * only `clusterIps` is given, as kube-apiserver requires).
   *
   * @default - allocated by the cluster
   */
  readonly clusterIps?: string[];

  /**
   * The IP families of the Service, primary first.
   *
   * @default - the cluster's primary family
   */
  readonly ipFamilies?: IpFamily[];

  /**
   * Single or dual stack.
   *
   * @default IpFamilyPolicy.SINGLE_STACK
   */
  readonly ipFamilyPolicy?: IpFamilyPolicy;

  /**
   * IPs outside the cluster's control for which nodes accept traffic for this Service. Each is a
   * valid IP, not unspecified, loopback or link-local. Note CVE-2020-8554: a Service with external
   * IPs can intercept traffic to those addresses.
   *
   * @default - none
   */
  readonly externalIps?: string[];

  /**
   * Where traffic from inside the cluster goes.
   *
   * @default InternalTrafficPolicy.CLUSTER
   */
  readonly internalTrafficPolicy?: InternalTrafficPolicy;

  /**
   * Whether a client's connections stick to one pod.
   *
   * @default SessionAffinity.none()
   */
  readonly sessionAffinity?: SessionAffinity;

  /**
   * Publish endpoints of pods that are not ready (for peer discovery of stateful sets).
   *
   * @default false
   */
  readonly publishNotReadyAddresses?: boolean;
}

interface PortRecord {
  readonly name?: string;
  readonly protocol: Protocol;
  readonly port: number;
  readonly targetPort?: { portNumber?: number; portName?: string };
  readonly appProtocol?: string;
  readonly nodePort?: number;
}

/** @internal */
export interface NodePortUse {
  readonly service: PodServiceBase;
  readonly field: string;
}

const NODE_PORT_SERVICES = 'node-port-services';

/**
 * The shared part of ClusterIP, NodePort and LoadBalancer Services: ports, selector, cluster IPs,
 * external IPs, traffic policy, session affinity.
 */
export abstract class PodServiceBase extends ServiceBase {
  private readonly _ports: PortRecord[] = [];
  private readonly _selector: Record<string, string> = {};
  private readonly _backend?: ServiceBackend;
  private readonly _props: PodServiceProps;
  private readonly _headless: boolean;
  private readonly _registry: AppRegistry;
  private _checked?: { readonly version: number; readonly ports: number; readonly errors: string[] };

  protected constructor(scope: Construct, id: string, serviceType: ServiceType, headless: boolean, props: PodServiceProps) {
    super(scope, id, serviceType, props);
    this._props = props;
    this._backend = props.backend;
    this._headless = headless;
    this._registry = AppRegistry.of(this);
    if (serviceType !== ServiceType.CLUSTER_IP) this._registry.add(NODE_PORT_SERVICES, this);
    this.checkAddressing(props);
    if (props.selector) {
      Object.assign(this._selector, props.selector);
      this.checkSelector();
    }
  }

  /**
   * Whether the Service is headless (`clusterIP: None`).
   */
  public get headless(): boolean {
    return this._headless;
  }

  /**
   * Selects pods that also carry this label.
   */
  public addSelector(key: string, value: string): void {
    const before = this._selector[key];
    this._selector[key] = value;
    try {
      this.checkSelector();
    } catch (e) {
      if (before === undefined) delete this._selector[key];
      else this._selector[key] = before;
      throw e;
    }
  }

  private checkSelector(): void {
    const errors: string[] = [];
    checkLabels('spec.selector', this._selector, errors);
    if (errors.length) fail(this, errors.join('; '));
  }

  /**
   * The label selector: the backend's labels plus those added with `selector` and `addSelector()`.
   */
  public get selector(): { [key: string]: string } {
    const fromBackend = this._backend?._resolve().selector ?? {};
    return { ...fromBackend, ...this._selector };
  }

  /**
   * Adds a port; checks it against the ports already there.
   * @internal
   */
  public _addPort(p: NodePortServicePort, allowNodePort: boolean): void {
    const i = this._ports.length;
    const at = `spec.ports[${i}]`;
    const bad = portNumber(p.port);
    if (bad) fail(this, problem('S6', `${at}.port`, p.port, bad));
    const protocol = p.protocol ?? Protocol.TCP;
    if (!PROTOCOLS.has(protocol)) fail(this, problem('S7', `${at}.protocol`, protocol, 'TCP, UDP or SCTP'));
    if (p.name !== undefined) {
      const badName = dns1123Label(p.name);
      if (badName) fail(this, problem('S5', `${at}.name`, p.name, badName));
      const other = this._ports.findIndex(o => o.name === p.name);
      if (other >= 0) fail(this, problem('S5', `${at}.name`, p.name, `a name unique within the Service (spec.ports[${other}] has it)`));
    }
    const tp = p.targetPort;
    if (tp !== undefined) {
      const badTarget = tp.portName !== undefined ? ianaServiceName(tp.portName) : portNumber(tp.portNumber as number);
      if (badTarget) fail(this, problem('S8', `${at}.targetPort`, tp.portName ?? tp.portNumber, badTarget));
    }
    if (p.appProtocol !== undefined) {
      const badApp = qualifiedName(p.appProtocol);
      if (badApp) fail(this, problem('S9', `${at}.appProtocol`, p.appProtocol, `an IANA service name, kubernetes.io/h2c, kubernetes.io/ws, kubernetes.io/wss or domain/name (${badApp})`));
    }
    if (p.nodePort !== undefined) {
      if (!allowNodePort) {
        fail(this, problem('S15', `${at}.nodePort`, p.nodePort, 'no nodePort on a ClusterIP Service (use NodePortService or LoadBalancerService)'));
      }
      const badNode = portNumber(p.nodePort);
      if (badNode) fail(this, problem('A1', `${at}.nodePort`, p.nodePort, badNode));
    }
    if (this.serviceType === ServiceType.LOAD_BALANCER && p.port === 10250) {
      fail(this, problem('S23', `${at}.port`, p.port, 'a port other than 10250: kube-apiserver (up to at least 1.31) refuses to expose the kubelet port through a LoadBalancer'));
    }
    const dup = this._ports.findIndex(o => o.protocol === protocol && o.port === p.port);
    if (dup >= 0) fail(this, problem('S16', `${at}`, `${protocol}/${p.port}`, `a (protocol, port) pair unique within the Service (spec.ports[${dup}] has it)`));
    if (p.nodePort !== undefined) {
      const dupNode = this._ports.findIndex(o => o.protocol === protocol && o.nodePort === p.nodePort);
      if (dupNode >= 0) fail(this, problem('S16', `${at}.nodePort`, `${protocol}/${p.nodePort}`, `a (protocol, nodePort) pair unique within the Service (spec.ports[${dupNode}] has it)`));
    }
    this._ports.push({
      name: p.name,
      protocol,
      port: p.port,
      targetPort: tp ? { portNumber: tp.portNumber, portName: tp.portName } : undefined,
      appProtocol: p.appProtocol,
      nodePort: p.nodePort,
    });
    if (p.nodePort !== undefined) this._registry.changed();
  }

  /**
   * The ports of the Service, in order.
   * @internal
   */
  public get _portRecords(): readonly PortRecord[] {
    return this._ports;
  }

  /**
   * Type-specific fields of the spec.
   * @internal
   */
  protected abstract _typeSpec(): Partial<ServiceSpecJson>;

  /** @internal */
  public _renderSpec(): ServiceSpecJson {
    const props = this._props;
    const spec: ServiceSpecJson = { type: this.serviceType };
    const selector = this.selectorOrUndefined();
    const affinity = props.sessionAffinity;
    assignDefined(spec, {
      // kube-apiserver wants clusterIP set whenever clusterIPs is: it is clusterIPs[0]
      clusterIP: this._headless ? 'None' : props.clusterIp ?? props.clusterIps?.[0],
      clusterIPs: props.clusterIps,
      ipFamilies: props.ipFamilies,
      ipFamilyPolicy: props.ipFamilyPolicy,
      selector,
      externalIPs: props.externalIps,
      internalTrafficPolicy: props.internalTrafficPolicy,
      sessionAffinity: affinity?.mode,
      sessionAffinityConfig: affinity?.timeoutSeconds !== undefined ? { clientIP: { timeoutSeconds: affinity.timeoutSeconds } } : undefined,
      publishNotReadyAddresses: props.publishNotReadyAddresses,
    });
    if (this._ports.length > 0) spec.ports = this._ports.map(renderPort);
    return assignDefined(spec, this._typeSpec());
  }

  private selectorOrUndefined(): Record<string, string> | undefined {
    const s = this._backend ? this.selector : this._selector;
    return Object.keys(s).length > 0 ? s : undefined;
  }

  /** @internal */
  public _validate(): string[] {
    const errors = super._validate();
    // The port checks depend only on this Service's ports and on the app-wide state (settings,
    // other Services' node ports). cdk8s validates the whole app once per chart, so they are
    // computed once per change of either, not once per chart.
    const version = this._registry.version;
    let checked = this._checked;
    if (!checked || checked.version !== version || checked.ports !== this._ports.length) {
      const own: string[] = [];
      if (this._ports.length === 0 && !this._headless) {
        own.push(problem('S2', 'spec.ports', [], 'at least one port (only a headless ClusterIP Service may have none): call addPort() or pass ports'));
      }
      if (this._ports.length > 1) {
        this._ports.forEach((p, i) => {
          if (p.name === undefined) own.push(problem('S5', `spec.ports[${i}].name`, undefined, 'a name on every port when the Service has more than one port'));
        });
      }
      if (this.serviceType !== ServiceType.CLUSTER_IP) this.checkNodePorts(own);
      checked = this._checked = { version, ports: this._ports.length, errors: own };
    }
    errors.push(...checked.errors);
    // a workload's containers can change without the app knowing: resolved on every validation
    if (this._backend) this.checkBackend(errors);
    return errors;
  }

  private checkBackend(errors: string[]): void {
    const backend = this._backend!._resolve();
    if (backend.error) {
      errors.push(`backend: ${backend.error}`);
      return;
    }
    checkLabels('spec.selector', backend.selector, errors);
    const containerPorts = backend.containerPorts;
    if (!containerPorts) return;
    this._ports.forEach((p, i) => {
      const name = p.targetPort?.portName;
      if (name !== undefined) {
        if (!containerPorts.some(c => c.name === name)) {
          const names = containerPorts.filter(c => c.name).map(c => c.name);
          errors.push(problem('S8', `spec.ports[${i}].targetPort`, name,
            `the name of a container port of ${backend.description} (${names.length ? 'it has ' + names.join(', ') : 'it names no port'})`));
        }
        return;
      }
      const num = p.targetPort?.portNumber ?? p.port;
      if (containerPorts.length > 0 && !containerPorts.some(c => c.port === num)) {
        warn(this, `S8 spec.ports[${i}].targetPort ${num} is not a declared container port of ${backend.description} (it declares ${containerPorts.map(c => c.port).join(', ')}); traffic to it only works if the container listens there anyway`);
      }
    });
  }

  /**
   * A1 (in range), A2 (one Service per node port in the app), A4 (static band).
   */
  private checkNodePorts(errors: string[]): void {
    const s = ClusterSettings._of(this);
    const owners = this._registry.memo('node-port-owners', () => buildNodePortIndex(this._registry));
    for (const { port, field } of this._allNodePorts()) {
      if (port < s.nodePortMin || port > s.nodePortMax) {
        errors.push(problem('A1', field, port, `a port in the cluster's node-port range ${s.nodePortRangeText} (configure it with ClusterSettings.configure)`));
        continue;
      }
      const owner = owners.get(port);
      if (owner && owner.service !== this && !sameObject(owner.service, this)) {
        errors.push(problem('A2', field, port, `a node port no other Service uses: ${pathOf(owner.service)} already uses it (${owner.field}); the cluster allocates each node port to one Service, whatever the protocol`));
      } else if (port >= s.nodePortStaticBandEnd) {
        warn(this, `A4 ${field} ${port} is in the dynamic band of the node-port range (${s.nodePortStaticBandEnd}-${s.nodePortMax}), where the cluster also allocates ports at random; explicitly chosen ports are safest in ${s.nodePortMin}-${s.nodePortStaticBandEnd - 1} (KEP-3668)`);
      }
    }
  }

  /**
   * The node ports this Service asks for explicitly (LoadBalancerService adds its health-check
   * node port), with the field that asks, for A1 and A2.
   * @internal
   */
  public _allNodePorts(): Array<{ port: number; field: string }> {
    const out: Array<{ port: number; field: string }> = [];
    this._ports.forEach((p, i) => {
      if (p.nodePort !== undefined) out.push({ port: p.nodePort, field: `spec.ports[${i}].nodePort` });
    });
    return out;
  }

  private checkAddressing(props: PodServiceProps): void {
    const clusterCidrs = ClusterSettings._of(this).serviceCidrs;
    const clusterIp = props.clusterIp;
    if (this.serviceType !== ServiceType.CLUSTER_IP && (clusterIp === 'None' || props.clusterIps?.includes('None'))) {
      fail(this, problem('S3', 'spec.clusterIP', 'None', `a cluster IP or nothing: a ${this.serviceType} Service cannot be headless`));
    }
    if (clusterIp !== undefined && clusterIp !== 'None') {
      const ip = parseIp(clusterIp);
      if (!ip) fail(this, problem('S12', 'spec.clusterIP', clusterIp, 'a valid IPv4 or IPv6 address'));
      const cidrs = clusterCidrs;
      if (cidrs && !cidrs.some(c => c.family === ip.family && ip.value >= c.first && ip.value <= c.last)) {
        fail(this, problem('A3', 'spec.clusterIP', clusterIp, `an address in the service CIDR (${cidrs.map(c => c.text).join(', ')})`));
      }
    }
    const families = props.ipFamilies ?? [];
    families.forEach((f, i) => {
      if (f !== IpFamily.IPV4 && f !== IpFamily.IPV6) fail(this, problem('S13', `spec.ipFamilies[${i}]`, f, 'IPv4 or IPv6'));
    });
    if (families.length > 2) fail(this, problem('S13', 'spec.ipFamilies', families, 'at most two families'));
    if (families.length === 2 && families[0] === families[1]) fail(this, problem('S13', 'spec.ipFamilies', families, 'no family twice'));
    const policy = props.ipFamilyPolicy;
    if (policy !== undefined && !Object.values(IpFamilyPolicy).includes(policy)) {
      fail(this, problem('S13', 'spec.ipFamilyPolicy', policy, 'SingleStack, PreferDualStack or RequireDualStack'));
    }
    if (families.length === 2 && (policy === undefined || policy === IpFamilyPolicy.SINGLE_STACK)) {
      fail(this, problem('S13', 'spec.ipFamilyPolicy', policy ?? 'SingleStack (the default)', 'PreferDualStack or RequireDualStack when two ipFamilies are given'));
    }
    if (clusterCidrs) {
      // what the cluster's service CIDRs say about families (kube-apiserver refuses the rest)
      const has = (f: IpFamily) => clusterCidrs.some(c => (c.family === 4) === (f === IpFamily.IPV4));
      families.forEach((f, i) => {
        if (!has(f)) fail(this, problem('A3', `spec.ipFamilies[${i}]`, f, `a family the cluster has a service CIDR for (${clusterCidrs.map(c => c.text).join(', ')})`));
      });
      if (policy === IpFamilyPolicy.REQUIRE_DUAL_STACK && !(has(IpFamily.IPV4) && has(IpFamily.IPV6))) {
        fail(this, problem('A3', 'spec.ipFamilyPolicy', policy, `SingleStack or PreferDualStack: the cluster is single-stack (${clusterCidrs.map(c => c.text).join(', ')})`));
      }
    }
    const ips = props.clusterIps;
    if (ips !== undefined) {
      if (ips.length > 2) fail(this, problem('S12', 'spec.clusterIPs', ips, 'at most two IPs, one per family'));
      if (clusterIp !== undefined && ips.length > 0 && ips[0] !== clusterIp) {
        fail(this, problem('S12', 'spec.clusterIPs[0]', ips[0], `the same value as clusterIP (${clusterIp})`));
      }
      if (ips.length === 0 && clusterIp !== undefined) {
        fail(this, problem('S12', 'spec.clusterIPs', ips, `[${JSON.stringify(clusterIp)}] (clusterIPs[0] must equal clusterIP) or leave clusterIPs unset`));
      }
      const parsed = ips.map((s, i) => {
        if (s === 'None') {
          if (i !== 0 || ips.length > 1) fail(this, problem('S12', `spec.clusterIPs[${i}]`, s, '"None" only as the first and only value'));
          return undefined;
        }
        const ip = parseIp(s);
        if (!ip) fail(this, problem('S12', `spec.clusterIPs[${i}]`, s, 'a valid IPv4 or IPv6 address'));
        return ip;
      });
      if (parsed.length === 2 && parsed[0] && parsed[1] && parsed[0].family === parsed[1].family) {
        fail(this, problem('S12', 'spec.clusterIPs', ips, 'at most one IP per family'));
      }
      if (parsed.length === 2 && (policy === undefined || policy === IpFamilyPolicy.SINGLE_STACK)) {
        fail(this, problem('S13', 'spec.ipFamilyPolicy', policy ?? 'SingleStack (the default)', 'PreferDualStack or RequireDualStack when two clusterIPs are given'));
      }
      parsed.forEach((ip, i) => {
        const fam = families[i];
        if (ip && fam !== undefined && (fam === IpFamily.IPV4) !== (ip.family === 4)) {
          fail(this, problem('S12', `spec.clusterIPs[${i}]`, ips[i], `an ${fam} address, as ipFamilies[${i}] says`));
        }
      });
    } else if (clusterIp !== undefined && clusterIp !== 'None' && families.length > 0) {
      const ip = parseIp(clusterIp)!;
      if ((families[0] === IpFamily.IPV4) !== (ip.family === 4)) {
        fail(this, problem('S12', 'spec.clusterIP', clusterIp, `an ${families[0]} address, as ipFamilies[0] says`));
      }
    }
    (props.externalIps ?? []).forEach((s, i) => {
      const ip = parseIp(s);
      if (!ip) fail(this, problem('S14', `spec.externalIPs[${i}]`, s, 'a valid IPv4 or IPv6 address'));
      const special = specialIpReason(ip);
      if (special) fail(this, problem('S14', `spec.externalIPs[${i}]`, s, `an address that is not ${special}: not unspecified, loopback or link-local`));
    });
    const itp = props.internalTrafficPolicy;
    if (itp !== undefined && !Object.values(InternalTrafficPolicy).includes(itp)) {
      fail(this, problem('S21', 'spec.internalTrafficPolicy', itp, 'Cluster or Local'));
    }
    const aff = props.sessionAffinity;
    if (aff !== undefined && aff.mode !== 'None' && aff.mode !== 'ClientIP') {
      fail(this, problem('S11', 'spec.sessionAffinity', aff.mode, 'None or ClientIP'));
    }
    const timeout = aff?.timeoutSeconds;
    if (timeout !== undefined && (!Number.isInteger(timeout) || timeout < 1 || timeout > 86400)) {
      fail(this, problem('S11', 'spec.sessionAffinityConfig.clientIP.timeoutSeconds', timeout, 'whole seconds from 1 to 86400'));
    }
  }
}

/**
 * Two constructs that write the same namespace/name are successive versions of one Service (a
 * later manifest replaces the earlier one), not two Services competing for a node port.
 */
function sameObject(a: PodServiceBase, b: PodServiceBase): boolean {
  return a.name === b.name && (a.apiObject.metadata.namespace ?? 'default') === (b.apiObject.metadata.namespace ?? 'default');
}

function renderPort(p: PortRecord): ServicePortJson {
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

const PROTOCOLS = new Set<string>([Protocol.TCP, Protocol.UDP, Protocol.SCTP]);

/** port -> the first Service (in creation order) that asks for it */
function buildNodePortIndex(registry: AppRegistry): Map<number, NodePortUse> {
  const owners = new Map<number, NodePortUse>();
  for (const service of registry.list<PodServiceBase>(NODE_PORT_SERVICES)) {
    for (const { port, field } of service._allNodePorts()) {
      if (!owners.has(port)) owners.set(port, { service, field });
    }
  }
  return owners;
}
