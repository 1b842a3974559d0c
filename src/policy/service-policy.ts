import { IConstruct } from 'constructs';
import { PolicyRule, PolicySeverity } from './enums';
import type * as Evaluate from './evaluate';
import { Finding, ResolvedPolicy, waiverKey } from './model';
import { appWideChecks } from '../core/app-registry';
import { fail, problem, warn } from '../core/errors';
import { parseCidr, parseIp, ParsedCidr } from '../core/ip';
import { checkKeys, KeysOf } from '../core/keys';
import { dns1123Subdomain } from '../core/syntax';
import { ServiceBase } from '../service/service-base';

// The evaluation is loaded when a policy is first applied, not when the library is required.
let evaluateModule: typeof Evaluate | undefined;
function evaluation(): typeof Evaluate {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return evaluateModule ??= require('./evaluate') as typeof Evaluate;
}

/**
 * The rules of a `ServicePolicy`: a severity per rule and the rules' parameters. Every rule has a
 * default, so `ServicePolicy.apply(app, {})` is a baseline a security-minded platform team can
 * start from: external IPs are errors, risky-but-legitimate choices are warnings, and forbidding
 * whole Service types is left to the cluster's owner.
 */
export interface ServicePolicyProps {
  /**
   * P1: Services with `spec.externalIPs` (outside `allowedExternalIps`). CVE-2020-8554: an
   * external IP makes every node route the cluster's traffic for that address to the Service,
   * so whoever can create one can intercept traffic meant for any address. Like the
   * DenyServiceExternalIPs admission plugin, external IPs need an explicit opt-in.
   *
   * @default PolicySeverity.ERROR
   */
  readonly externalIps?: PolicySeverity;

  /**
   * P1: external IPs that are allowed: addresses (`192.0.2.10`) or CIDRs (`192.0.2.0/24`).
   * Addresses inside them pass rule P1.
   *
   * @default - none: any external IP is a P1 finding
   */
  readonly allowedExternalIps?: string[];

  /**
   * P2: Services of type NodePort (a node port opens on every node, where NetworkPolicy does not
   * apply).
   *
   * @default PolicySeverity.OFF
   */
  readonly nodePortServices?: PolicySeverity;

  /**
   * P3: Services of type LoadBalancer (each exposes the Service outside the cluster).
   *
   * @default PolicySeverity.OFF
   */
  readonly loadBalancerServices?: PolicySeverity;

  /**
   * P4: Services of type ExternalName (CVE-2021-25740: controllers forward to the name, wherever
   * it points).
   *
   * @default PolicySeverity.OFF
   */
  readonly externalNameServices?: PolicySeverity;

  /**
   * P5: what a node port outside `allowedNodePortRange` is. Only checked when
   * `allowedNodePortRange` is given.
   *
   * @default PolicySeverity.ERROR
   */
  readonly nodePortRange?: PolicySeverity;

  /**
   * P5: the node ports this app may ask for, `min-max` (`30000-30100`) or one port: the part of
   * the cluster's node-port range the platform team gave the app. Checks every explicit
   * `nodePort` and `healthCheckNodePort` (ports the cluster allocates cannot be checked).
   *
   * @default - any port (the cluster's range is checked by rule A1 of ClusterSettings)
   */
  readonly allowedNodePortRange?: string;

  /**
   * P6: what a pinned cluster IP outside `allowedClusterIpRanges` is. Only checked when
   * `allowedClusterIpRanges` is given.
   *
   * @default PolicySeverity.ERROR
   */
  readonly clusterIpRanges?: PolicySeverity;

  /**
   * P6: the CIDRs pinned cluster IPs (`spec.clusterIP`, `spec.clusterIPs`) must lie in.
   *
   * @default - any address (the service CIDR is checked by rule A3 of ClusterSettings)
   */
  readonly allowedClusterIpRanges?: string[];

  /**
   * P7: what an ExternalName target outside `allowedExternalNames`, or `localhost`, is.
   *
   * @default PolicySeverity.ERROR
   */
  readonly externalNameTargets?: PolicySeverity;

  /**
   * P7: the names ExternalName Services may point to: exact names (`db.example.com`) or suffix
   * patterns (`*.example.com`: any name below example.com, not example.com itself). Whatever the
   * list, `localhost` and names below it are P7 findings.
   *
   * @default - any name except localhost
   */
  readonly allowedExternalNames?: string[];

  /**
   * P8: Services in the `default` namespace; a Service without a namespace (from its metadata or
   * its Chart) counts as `default`.
   *
   * @default PolicySeverity.WARNING
   */
  readonly defaultNamespace?: PolicySeverity;

  /**
   * P9: LoadBalancer Services that accept every client: no `loadBalancerSourceRanges` (nor the
   * `service.beta.kubernetes.io/load-balancer-source-ranges` annotation), or a range of `/0`.
   *
   * @default PolicySeverity.WARNING
   */
  readonly loadBalancerSourceRanges?: PolicySeverity;

  /**
   * P10: Services whose selector matches no pod template of the app in their namespace. Only
   * checked when the app has workloads (Pods, Deployments, StatefulSets, DaemonSets, ReplicaSets,
   * Jobs, CronJobs, in any chart, from cdk8s-plus, L1 objects or Include).
   *
   * @default PolicySeverity.WARNING
   */
  readonly selectorMatchesNoWorkload?: PolicySeverity;

  /**
   * P11: two Services of one namespace with the same selector. Successive versions of one Service
   * (same name and namespace) and headless Services are not compared.
   *
   * @default PolicySeverity.WARNING
   */
  readonly duplicateSelector?: PolicySeverity;

  /**
   * P12: NodePort Services with `externalTrafficPolicy: Local` (a node without a ready pod of the
   * Service drops what arrives on its node port).
   *
   * @default PolicySeverity.WARNING
   */
  readonly nodePortLocalTraffic?: PolicySeverity;
}

/** The severity props, by rule, with their defaults. */
const SEVERITY_PROPS: ReadonlyArray<[PolicyRule, keyof ServicePolicyProps, PolicySeverity]> = [
  [PolicyRule.EXTERNAL_IPS, 'externalIps', PolicySeverity.ERROR],
  [PolicyRule.NODE_PORT_SERVICES, 'nodePortServices', PolicySeverity.OFF],
  [PolicyRule.LOAD_BALANCER_SERVICES, 'loadBalancerServices', PolicySeverity.OFF],
  [PolicyRule.EXTERNAL_NAME_SERVICES, 'externalNameServices', PolicySeverity.OFF],
  [PolicyRule.NODE_PORT_RANGE, 'nodePortRange', PolicySeverity.ERROR],
  [PolicyRule.CLUSTER_IP_RANGES, 'clusterIpRanges', PolicySeverity.ERROR],
  [PolicyRule.EXTERNAL_NAME_TARGETS, 'externalNameTargets', PolicySeverity.ERROR],
  [PolicyRule.DEFAULT_NAMESPACE, 'defaultNamespace', PolicySeverity.WARNING],
  [PolicyRule.LOAD_BALANCER_SOURCE_RANGES, 'loadBalancerSourceRanges', PolicySeverity.WARNING],
  [PolicyRule.SELECTOR_MATCHES_NO_WORKLOAD, 'selectorMatchesNoWorkload', PolicySeverity.WARNING],
  [PolicyRule.DUPLICATE_SELECTOR, 'duplicateSelector', PolicySeverity.WARNING],
  [PolicyRule.NODE_PORT_LOCAL_TRAFFIC, 'nodePortLocalTraffic', PolicySeverity.WARNING],
];

const policies = new WeakMap<IConstruct, ResolvedPolicy>();
const RULES = new Set<string>(Object.values(PolicyRule));
const SEVERITIES = new Set<string>(Object.values(PolicySeverity));

/**
 * Service rules that clusters enforce at admission (Kyverno, Gatekeeper, the
 * DenyServiceExternalIPs plugin) or lint (kube-linter, kube-score), checked at synth time with the
 * whole app in view: an ERROR finding stops synth before any YAML is written, a WARNING prints
 * once.
 *
 * Apply a policy to an App for every Service of the app, or to a Chart for the Services of that
 * chart: the closest policy wins, in full (a chart's policy does not inherit the app's settings).
 * Without a policy, no rule is checked.
 */
export class ServicePolicy {
  /**
   * Applies a policy to every Service below `scope` (an App or a Chart), whenever the Services
   * are created. Applying again to the same scope replaces its policy.
   */
  public static apply(scope: IConstruct, props: ServicePolicyProps = {}): void {
    checkKeys(scope, 'props', 'ServicePolicyProps', props, PROPS_KEYS);
    policies.set(scope, resolve(scope, props));
    registerRoot(scope);
  }

  /**
   * Exempts one Service from one rule, with the reason. The reason is written to the Service as
   * the annotation `policy.cdk8s-services.io/waive-<rule id>` (see `waiverAnnotation`), so the
   * exception is visible in the manifest and in review; a Service that carries that annotation
   * (from any source) is waived.
   *
   * @param service the Service to exempt
   * @param rule the rule it is exempt from
   * @param reason why (required, not blank), e.g. a ticket or the approver
   */
  public static waive(service: ServiceBase, rule: PolicyRule, reason: string): void {
    if (!RULES.has(rule)) fail(service, problem('P0', 'rule', rule, `a PolicyRule (${[...RULES].join(', ')})`));
    if (typeof reason !== 'string' || reason.trim() === '') {
      fail(service, problem(rule, 'waiver reason', reason, 'a reason that is not blank: it is kept in the manifest as the annotation ' + ServicePolicy.waiverAnnotation(rule)));
    }
    service.metadata.addAnnotation(ServicePolicy.waiverAnnotation(rule), reason.trim());
  }

  /**
   * The annotation that waives `rule` for a Service: `policy.cdk8s-services.io/waive-p1` for P1.
   */
  public static waiverAnnotation(rule: PolicyRule): string {
    return waiverKey(rule);
  }

  /**
   * The policy in force at `scope` (the closest one above it), if any.
   * @internal
   */
  public static _of(scope: IConstruct): ResolvedPolicy | undefined {
    for (let c: IConstruct | undefined = scope; c; c = c.node.scope) {
      const p = policies.get(c);
      if (p) return p;
    }
    return undefined;
  }

  private constructor() {}
}

const roots = new WeakSet<IConstruct>();
const checked = new WeakSet<ServiceBase>();
const findings = new WeakMap<IConstruct, Map<ServiceBase, Finding[]>>();

/**
 * One validation on the app root evaluates every Service below a policy, in one pass (the root is
 * validated before the constructs below it); it prints the warnings and hands each Service with
 * errors a validation of its own, so errors name the Service like its other synth-time problems.
 * App-wide: with `appWideChecks` off it evaluates nothing (and the Services report no findings).
 */
function registerRoot(scope: IConstruct): void {
  const root = scope.node.root;
  if (roots.has(root)) return;
  roots.add(root);
  root.node.addValidation({
    validate: () => {
      if (!appWideChecks.enabled) {
        findings.set(root, new Map());
        return [];
      }
      const all = evaluation().evaluateApp(root, c => ServicePolicy._of(c));
      findings.set(root, all);
      for (const [service, list] of all) {
        for (const f of list) if (f.severity === PolicySeverity.WARNING) warn(service, f.message);
        if (!checked.has(service) && list.some(f => f.severity === PolicySeverity.ERROR)) {
          checked.add(service);
          service.node.addValidation({ validate: () => errorsOf(service) });
        }
      }
      return [];
    },
  });
}

function errorsOf(service: ServiceBase): string[] {
  const list = findings.get(service.node.root)?.get(service) ?? [];
  return list.filter(f => f.severity === PolicySeverity.ERROR).map(f => f.message);
}

function resolve(scope: IConstruct, props: ServicePolicyProps): ResolvedPolicy {
  const severity = new Map<PolicyRule, PolicySeverity>();
  for (const [rule, prop, fallback] of SEVERITY_PROPS) {
    const value = props[prop] as PolicySeverity | undefined;
    if (value !== undefined && !SEVERITIES.has(value)) {
      fail(scope, problem(rule, prop, value, 'PolicySeverity.ERROR, WARNING or OFF'));
    }
    severity.set(rule, value ?? fallback);
  }

  const allowedExternalIps = (props.allowedExternalIps ?? []).map((text, i) =>
    addressOrCidr(text) ?? fail(scope, problem(PolicyRule.EXTERNAL_IPS, `allowedExternalIps[${i}]`, text, 'an IP address or a CIDR such as 192.0.2.0/24')));

  let nodePortRange: ResolvedPolicy['nodePortRange'];
  if (props.allowedNodePortRange !== undefined) {
    const text = props.allowedNodePortRange;
    const m = /^([0-9]{1,5})(?:-([0-9]{1,5}))?$/.exec(String(text).trim());
    const min = m ? Number(m[1]) : NaN;
    const max = m ? Number(m[2] ?? m[1]) : NaN;
    if (!m || min < 1 || max > 65535 || min > max) {
      fail(scope, problem(PolicyRule.NODE_PORT_RANGE, 'allowedNodePortRange', text, 'a port range "min-max" within 1-65535, min <= max'));
    }
    nodePortRange = { min, max, text: min === max ? `${min}` : `${min}-${max}` };
  }

  const clusterIpRanges = props.allowedClusterIpRanges?.map((text, i) =>
    parseCidr(text) ?? fail(scope, problem(PolicyRule.CLUSTER_IP_RANGES, `allowedClusterIpRanges[${i}]`, text, 'a CIDR such as 10.96.0.0/16')));

  let externalNames: ResolvedPolicy['externalNames'];
  if (props.allowedExternalNames !== undefined) {
    const exact = new Set<string>();
    const suffixes: string[] = [];
    props.allowedExternalNames.forEach((text, i) => {
      const name = typeof text === 'string' && text.endsWith('.') ? text.slice(0, -1) : text;
      const wildcard = typeof name === 'string' && name.startsWith('*.');
      const bare = wildcard ? name.slice(2) : name;
      if (typeof bare !== 'string' || dns1123Subdomain(bare)) {
        fail(scope, problem(PolicyRule.EXTERNAL_NAME_TARGETS, `allowedExternalNames[${i}]`, text,
          'a lowercase DNS name (db.example.com) or a suffix pattern (*.example.com)'));
      }
      if (wildcard) suffixes.push('.' + bare);
      else exact.add(bare);
    });
    externalNames = { exact, suffixes, text: props.allowedExternalNames.join(', ') };
  }

  return { scope, severity, allowedExternalIps, nodePortRange, clusterIpRanges, externalNames };
}

/** An address as a one-address CIDR, or a CIDR. */
function addressOrCidr(text: string): ParsedCidr | undefined {
  if (typeof text !== 'string') return undefined;
  if (text.includes('/')) return parseCidr(text);
  const ip = parseIp(text);
  return ip ? { family: ip.family, prefix: ip.family === 4 ? 32 : 128, first: ip.value, last: ip.value, text } : undefined;
}

const PROPS_KEYS: KeysOf<ServicePolicyProps> = {
  externalIps: true,
  allowedExternalIps: true,
  nodePortServices: true,
  loadBalancerServices: true,
  externalNameServices: true,
  nodePortRange: true,
  allowedNodePortRange: true,
  clusterIpRanges: true,
  allowedClusterIpRanges: true,
  externalNameTargets: true,
  allowedExternalNames: true,
  defaultNamespace: true,
  loadBalancerSourceRanges: true,
  selectorMatchesNoWorkload: true,
  duplicateSelector: true,
  nodePortLocalTraffic: true,
};
