import { Construct } from 'constructs';
import { checkAddressing } from './addressing';
import { ServiceBackend } from './backend';
import { addEndpointSlices, checkAddressBackendPorts } from './endpoint-slices';
import { IpFamilyPolicy, ServiceType } from './enums';
import { checkNodePorts, NODE_PORT_SERVICES } from './node-ports';
import { PodServiceProps } from './pod-service-props';
import { checkPort, PortRecord, renderPort } from './port-checks';
import { ServiceBase } from './service-base';
import { NodePortServicePort } from './service-port';
import { assignDefined, ServiceSpecJson } from './wire';
import { AppRegistry, appWideChecks } from '../core/app-registry';
import { fail, problem, warn } from '../core/errors';
import { checkLabels } from '../core/labels';

/**
 * The shared part of ClusterIP, NodePort and LoadBalancer Services: ports, selector, cluster IPs,
 * external IPs, traffic policy, session affinity.
 */
export abstract class PodServiceBase extends ServiceBase {
  private readonly _ports: PortRecord[] = [];
  private readonly _selector: Record<string, string> = {};
  private readonly _backend?: ServiceBackend;
  /** the props _renderSpec reads (not the caller's props object: that would keep its ports alive) */
  private readonly _specProps: SpecProps;
  private readonly _headless: boolean;
  private readonly _registry: AppRegistry;
  private _checked?: { readonly version: number; readonly ports: number; readonly appWide: boolean; readonly errors: readonly string[] };

  protected constructor(scope: Construct, id: string, serviceType: ServiceType, headless: boolean, props: PodServiceProps) {
    super(scope, id, serviceType, props);
    this._specProps = specPropsOf(props);
    this._backend = props.backend;
    this._headless = headless;
    this._registry = AppRegistry.of(this);
    if (serviceType !== ServiceType.CLUSTER_IP) this._registry.add(NODE_PORT_SERVICES, this);
    checkAddressing(this, serviceType, props);
    const addresses = props.backend?._addresses;
    if (addresses) {
      if (props.selector && Object.keys(props.selector).length > 0) {
        fail(this, problem('E3', 'spec.selector', props.selector, 'no selector with an address backend: the Service\'s endpoints are the addresses (a selector would make the cluster manage endpoints as well)'));
      }
      const dual = props.ipFamilyPolicy === IpFamilyPolicy.PREFER_DUAL_STACK || props.ipFamilyPolicy === IpFamilyPolicy.REQUIRE_DUAL_STACK;
      addEndpointSlices(this, props.metadata?.namespace, addresses, props.ipFamilies, dual);
    }
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
    if (this._backend?._addresses) {
      fail(this, problem('E3', `spec.selector["${key}"]`, value, 'no selector with an address backend: the Service\'s endpoints are the addresses'));
    }
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
    this._ports.push(checkPort(this, this.serviceType, this._ports, p, allowNodePort));
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
    const props = this._specProps;
    const spec: ServiceSpecJson = { type: this.serviceType };
    const selector = this.selectorOrUndefined();
    const affinity = props.sessionAffinity;
    assignDefined(spec, {
      clusterIP: this._headless ? 'None' : props.clusterIp,
      clusterIPs: props.clusterIps,
      ipFamilies: props.ipFamilies,
      ipFamilyPolicy: props.ipFamilyPolicy,
      selector,
      externalIPs: props.externalIps,
      internalTrafficPolicy: props.internalTrafficPolicy,
      sessionAffinity: affinity?.mode,
      sessionAffinityConfig: affinity?.timeoutSeconds !== undefined ? { clientIP: { timeoutSeconds: affinity.timeoutSeconds } } : undefined,
      publishNotReadyAddresses: props.publishNotReadyAddresses,
      trafficDistribution: props.trafficDistribution,
    });
    if (this._ports.length > 0) spec.ports = this._ports.map(renderPort);
    return assignDefined(spec, this._typeSpec());
  }

  private selectorOrUndefined(): Record<string, string> | undefined {
    const s = this._backend ? this.selector : this._selector;
    for (const _ in s) return s;
    return undefined;
  }

  /** @internal */
  public _validate(): string[] {
    const errors = super._validate();
    // The port checks depend only on this Service's ports and on the app-wide state (settings,
    // other Services' node ports). cdk8s validates the whole app once per chart, so they are
    // computed once per change of either, not once per chart.
    const version = this._registry.version;
    let checked = this._checked;
    const appWide = appWideChecks.enabled;
    if (!checked || checked.version !== version || checked.ports !== this._ports.length || checked.appWide !== appWide) {
      const own: string[] = [];
      if (this._ports.length === 0 && !this._headless) {
        own.push(problem('S2', 'spec.ports', [], 'at least one port (only a headless ClusterIP Service may have none): call addPort() or pass ports'));
      }
      if (this._ports.length > 1) {
        this._ports.forEach((p, i) => {
          if (p.name === undefined) own.push(problem('S5', `spec.ports[${i}].name`, undefined, 'a name on every port when the Service has more than one port'));
        });
      }
      if (this.serviceType !== ServiceType.CLUSTER_IP) checkNodePorts(this, this._registry, own);
      checked = this._checked = { version, ports: this._ports.length, appWide, errors: own.length > 0 ? own : NONE };
    }
    if (checked.errors.length > 0) errors.push(...checked.errors);
    // a workload's containers can change without the app knowing: resolved on every validation
    if (this._backend) this.checkBackend(errors);
    return errors;
  }

  private checkBackend(errors: string[]): void {
    const backend = this._backend!._resolve();
    if (backend.error) {
      errors.push(`spec.selector (backend): ${backend.error}`);
      return;
    }
    checkLabels('spec.selector', backend.selector, errors);
    if (backend.addresses) checkAddressBackendPorts(this._ports, errors);
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
}

const NONE: readonly string[] = Object.freeze([]);

/** The props of a Service that routes to pods that its spec writes as given. */
type SpecProps = Pick<PodServiceProps, typeof SPEC_PROPS[number]>;

const SPEC_PROPS = [
  'clusterIp', 'clusterIps', 'ipFamilies', 'ipFamilyPolicy', 'externalIps', 'internalTrafficPolicy', 'sessionAffinity',
  'publishNotReadyAddresses', 'trafficDistribution',
] as const;

const NO_SPEC_PROPS: SpecProps = Object.freeze({});

/** The spec props given, in an object of their own (one shared empty object when none is). */
function specPropsOf(props: PodServiceProps): SpecProps {
  let out: Record<string, unknown> | undefined;
  for (let i = 0; i < SPEC_PROPS.length; i++) {
    const key = SPEC_PROPS[i];
    if (props[key] !== undefined) (out ??= {})[key] = props[key];
  }
  return out ?? NO_SPEC_PROPS;
}
