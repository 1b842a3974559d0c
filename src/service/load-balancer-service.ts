import { Construct } from 'constructs';
import { warnIpForm } from './addressing';
import { ExternalTrafficPolicy, IpFamilyPolicy, ServiceType } from './enums';
import { checkExternalTrafficPolicy } from './external-traffic';
import { PodServiceBase } from './pod-service-base';
import { PodServiceProps } from './pod-service-props';
import { metadataMaps } from './service-base';
import { NodePortServicePort } from './service-port';
import { POD_SERVICE_PROPS_KEYS } from './struct-keys';
import { ServiceSpecJson } from './wire';
import { fail, problem, warn } from '../core/errors';
import { parseCidr } from '../core/ip';
import { checkKeys, KeysOf } from '../core/keys';
import { portNumber, qualifiedName, trimSpaceLikeGo } from '../core/syntax';
import type { MetalLbServiceView } from '../metallb/model';
import { MetalLbBinding, MetalLbServiceOptions } from '../metallb/service-binding';

/**
 * Properties of a LoadBalancer Service.
 */
export interface LoadBalancerServiceProps extends PodServiceProps {
  /**
   * The ports, each optionally with a fixed node port. More can be added with `addPort()`.
   *
   * @default - none; at least one is needed before synth
   */
  readonly ports?: NodePortServicePort[];

  /**
   * Where traffic from the load balancer goes. `LOCAL` keeps the client's source IP and makes the
   * cluster allocate a health-check node port.
   *
   * @default ExternalTrafficPolicy.CLUSTER
   */
  readonly externalTrafficPolicy?: ExternalTrafficPolicy;

  /**
   * The node port the load balancer health-checks (only with `externalTrafficPolicy: LOCAL`); in
   * the node-port range and used by no other Service.
   *
   * @default - allocated by the cluster when the policy is LOCAL
   */
  readonly healthCheckNodePort?: number;

  /**
   * The load-balancer implementation that should serve this Service (a qualified name such as
   * `example.com/internal-vip`); others ignore it.
   *
   * @default - the cluster's default implementation
   */
  readonly loadBalancerClass?: string;

  /**
   * Client CIDRs allowed through the load balancer (where the implementation supports it).
   *
   * @default - every client
   */
  readonly loadBalancerSourceRanges?: string[];

  /**
   * Whether node ports are allocated; `false` for load balancers that send traffic straight to pods.
   *
   * @default true
   */
  readonly allocateLoadBalancerNodePorts?: boolean;

  /**
   * The IP to ask the load balancer for (`spec.loadBalancerIP`).
   *
   * @default - assigned by the load balancer
   * @deprecated since Kubernetes 1.24 the field is deprecated and not portable: implementations
   * read their own annotation instead (for MetalLB, bind the Service to a pool with requested IPs).
   */
  readonly loadBalancerIp?: string;

  /**
   * Get the address from MetalLB: a pool, requested addresses, a sharing key, written as the
   * MetalLB annotations of the cluster's MetalLB version (see `MetalLb.configure`).
   *
   * @default - MetalLB (if the cluster runs it) picks an address from a pool with autoAssign
   */
  readonly metalLb?: MetalLbServiceOptions;
}

/**
 * A LoadBalancer Service: a NodePort Service with an external load balancer in front of it,
 * provided by the cloud or, on a self-built cluster, by MetalLB.
 */
export class LoadBalancerService extends PodServiceBase {
  /** the props read after construction (not the caller's props object: that would keep its ports alive) */
  private readonly lbProps: LbProps;
  private readonly externalTrafficPolicy?: ExternalTrafficPolicy;
  private readonly metalLbBinding: MetalLbBinding;

  public constructor(scope: Construct, id: string, props: LoadBalancerServiceProps = {}) {
    super(scope, id, ServiceType.LOAD_BALANCER, false, props);
    // `headless: false` is harmless anywhere (rejectForeignProps lets it through)
    checkKeys(this, 'props', 'LoadBalancerServiceProps', props, PROPS_KEYS, ['headless']);
    checkKeys<MetalLbServiceOptions>(this, 'metalLb', 'MetalLbServiceOptions', props.metalLb, METALLB_OPTIONS_KEYS);
    this.lbProps = lbPropsOf(props);
    this.externalTrafficPolicy = checkExternalTrafficPolicy(this, props.externalTrafficPolicy);
    const hc = props.healthCheckNodePort;
    if (hc !== undefined) {
      if (props.externalTrafficPolicy !== ExternalTrafficPolicy.LOCAL) {
        fail(this, problem('S20', 'spec.healthCheckNodePort', hc, 'no healthCheckNodePort unless externalTrafficPolicy is Local'));
      }
      const bad = portNumber(hc);
      if (bad) fail(this, problem('S20', 'spec.healthCheckNodePort', hc, bad));
    }
    (props.loadBalancerSourceRanges ?? []).forEach((r, i) => {
      // kube-apiserver trims white space around each entry (strings.TrimSpace) before parsing it
      if (typeof r !== 'string' || !parseCidr(trimSpaceLikeGo(r))) {
        fail(this, problem('S17', `spec.loadBalancerSourceRanges[${i}]`, r, 'a CIDR such as 203.0.113.0/24 (white space around it is allowed)'));
      }
    });
    if (props.loadBalancerClass !== undefined) {
      const bad = qualifiedName(props.loadBalancerClass);
      if (bad) fail(this, problem('S18', 'spec.loadBalancerClass', props.loadBalancerClass, bad));
    }
    if (props.loadBalancerIp !== undefined) {
      warnIpForm(this, 'S22', 'spec.loadBalancerIP', props.loadBalancerIp);
      warn(this, 'S22 spec.loadBalancerIP is deprecated since Kubernetes 1.24 and not portable; implementations read their own annotation (MetalLB: metallb.io/loadBalancerIPs)');
    }
    for (const port of props.ports ?? []) this.addPort(port);

    // the binding hands the Service to its MetalLB installation, which checks it app-wide
    // eslint-disable-next-line @typescript-eslint/no-deprecated
    this.metalLbBinding = new MetalLbBinding(this, props.metalLb, props.loadBalancerIp, () => this.metalLbView());
    const annotations = this.metalLbBinding.annotations;
    for (const k in annotations) this.metadata.addAnnotation(k, annotations[k]);
  }

  /**
   * Adds a port, optionally with a fixed node port.
   */
  public addPort(port: NodePortServicePort): void {
    this._addPort(port, true);
  }

  /** @internal */
  protected _specSourceRanges(): number {
    return (this.lbProps.loadBalancerSourceRanges ?? []).length;
  }

  /** @internal */
  public _allNodePorts(): Array<{ port: number; field: string }> {
    const ports = super._allNodePorts();
    const hc = this.lbProps.healthCheckNodePort;
    if (hc !== undefined) ports.push({ port: hc, field: 'spec.healthCheckNodePort' });
    return ports;
  }

  /** @internal */
  protected _typeSpec(): Partial<ServiceSpecJson> {
    const p = this.lbProps;
    return {
      externalTrafficPolicy: this.externalTrafficPolicy,
      healthCheckNodePort: p.healthCheckNodePort,
      loadBalancerClass: p.loadBalancerClass,
      loadBalancerSourceRanges: p.loadBalancerSourceRanges,
      allocateLoadBalancerNodePorts: p.allocateLoadBalancerNodePorts,
      // eslint-disable-next-line @typescript-eslint/no-deprecated
      loadBalancerIP: this.metalLbBinding.specLoadBalancerIp ?? p.loadBalancerIp,
    };
  }

  private metalLbView(): MetalLbServiceView {
    const p = this.lbProps;
    const meta = metadataMaps(this.metadata);
    const families = (p.ipFamilies ?? []) as string[];
    return {
      construct: this,
      name: this.name,
      namespace: this.metadata.namespace ?? 'default',
      labels: meta.labels ?? {},
      annotations: meta.annotations ?? {},
      selector: this.selector,
      ports: this._portRecords,
      externalTrafficPolicyLocal: this.externalTrafficPolicy === ExternalTrafficPolicy.LOCAL,
      ipFamilies: families,
      dualStack: families.length === 2 || p.ipFamilyPolicy === IpFamilyPolicy.REQUIRE_DUAL_STACK,
      loadBalancerClass: p.loadBalancerClass,
    };
  }
}

const PROPS_KEYS: KeysOf<LoadBalancerServiceProps> = {
  ...POD_SERVICE_PROPS_KEYS,
  ports: true,
  externalTrafficPolicy: true,
  healthCheckNodePort: true,
  loadBalancerClass: true,
  loadBalancerSourceRanges: true,
  allocateLoadBalancerNodePorts: true,
  loadBalancerIp: true,
  metalLb: true,
};

const LB_PROPS = [
  'healthCheckNodePort', 'loadBalancerSourceRanges', 'loadBalancerClass', 'allocateLoadBalancerNodePorts', 'loadBalancerIp',
  'ipFamilies', 'ipFamilyPolicy',
] as const;

type LbProps = Pick<LoadBalancerServiceProps, typeof LB_PROPS[number]>;

const NO_LB_PROPS: LbProps = Object.freeze({});

/** The props given that the Service reads after construction (one shared empty object when none is). */
function lbPropsOf(props: LoadBalancerServiceProps): LbProps {
  let out: Record<string, unknown> | undefined;
  for (let i = 0; i < LB_PROPS.length; i++) {
    const key = LB_PROPS[i];
    if (props[key] !== undefined) (out ??= {})[key] = props[key];
  }
  return out ?? NO_LB_PROPS;
}

const METALLB_OPTIONS_KEYS: KeysOf<MetalLbServiceOptions> = { pool: true, loadBalancerIps: true, allowSharedIp: true };
