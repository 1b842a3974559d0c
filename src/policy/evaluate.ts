// The evaluation of every ServicePolicy of an app, in one pass: each Service's rendered JSON is
// read once, workloads are indexed once (rule P10) and selectors grouped once (rule P11), so an
// app of S Services and W workloads costs O(S + W) plus the policy lookups up the construct tree.
import { IConstruct } from 'constructs';
import { PolicyRule, PolicySeverity } from './enums';
import { Finding, ResolvedPolicy, waivedRule } from './model';
import { WorkloadIndex } from './workloads';
import { problem } from '../core/errors';
import { parseCidr, parseIp, ParsedCidr } from '../core/ip';
import { ServiceBase } from '../service/service-base';

const RULE_NAMES = new Map<string, string>(Object.entries(PolicyRule).map(([name, id]) => [id, name]));

/** What a check needs to know of a Service, from its rendered JSON. */
interface ServiceView {
  readonly service: ServiceBase;
  readonly policy?: ResolvedPolicy;
  readonly name: string;
  /** `default` when the Service has none */
  readonly namespace: string;
  readonly namespaceGiven?: string;
  readonly type: string;
  readonly spec: any;
  readonly annotations: Record<string, string>;
  readonly waivers: ReadonlySet<PolicyRule>;
  /** undefined when empty: such a Service selects nothing by labels */
  readonly selector?: Record<string, string>;
  readonly headless: boolean;
}

interface AppContext {
  readonly workloads?: WorkloadIndex;
  /** namespace + selector -> the Services with it (P11) */
  readonly selectors?: Map<string, ServiceView[]>;
}

/** A broken rule: the problem and how to comply (the waiver hint is added after it). */
interface Violation {
  readonly problem: string;
  readonly comply: string;
}

interface Check {
  readonly rule: PolicyRule;
  readonly run: (v: ServiceView, policy: ResolvedPolicy, app: AppContext) => Violation[];
}

/**
 * Evaluates the policy of every Service below `root` that has one.
 * @internal
 */
export function evaluateApp(root: IConstruct, policyOf: (c: IConstruct) => ResolvedPolicy | undefined): Map<ServiceBase, Finding[]> {
  const services = root.node.findAll()
    .filter((c): c is ServiceBase => c instanceof ServiceBase)
    .map(service => ({ service, policy: policyOf(service) }));
  const active = (rule: PolicyRule) => services.some(s => s.policy && s.policy.severity.get(rule) !== PolicySeverity.OFF);
  // P11 compares a Service with every other Service of the app, policy or not
  const duplicates = active(PolicyRule.DUPLICATE_SELECTOR);
  const views: ServiceView[] = [];
  for (const { service, policy } of services) {
    if (!policy && !duplicates) continue;
    const v = viewOf(service, policy);
    if (v) views.push(v);
  }
  const app: AppContext = {
    workloads: active(PolicyRule.SELECTOR_MATCHES_NO_WORKLOAD) ? WorkloadIndex.of(root) : undefined,
    selectors: duplicates ? groupBySelector(views) : undefined,
  };

  const out = new Map<ServiceBase, Finding[]>();
  for (const v of views) {
    const policy = v.policy;
    if (!policy) continue;
    const findings: Finding[] = [];
    for (const check of CHECKS) {
      const severity = policy.severity.get(check.rule) ?? PolicySeverity.OFF;
      if (severity === PolicySeverity.OFF || v.waivers.has(check.rule)) continue;
      for (const x of check.run(v, policy, app)) {
        const waive = `ServicePolicy.waive(service, PolicyRule.${RULE_NAMES.get(check.rule)}, 'reason')`;
        findings.push({ rule: check.rule, severity, message: `${x.problem}; ${x.comply} or waive: ${waive}` });
      }
    }
    if (findings.length > 0) out.set(v.service, findings);
  }
  return out;
}

function viewOf(service: ServiceBase, policy: ResolvedPolicy | undefined): ServiceView | undefined {
  let json: any;
  try {
    json = service.apiObject.toJson();
  } catch {
    return undefined; // the Service's own validation reports what is wrong
  }
  const meta = json?.metadata ?? {};
  const spec = json?.spec ?? {};
  const annotations: Record<string, string> = meta.annotations ?? {};
  const waivers = new Set<PolicyRule>();
  for (const [key, reason] of Object.entries(annotations)) {
    const rule = waivedRule(key);
    if (rule && typeof reason === 'string' && reason.trim() !== '') waivers.add(rule);
  }
  const selector = spec.selector && typeof spec.selector === 'object' && Object.keys(spec.selector).length > 0 ? spec.selector : undefined;
  return {
    service,
    policy,
    name: meta.name ?? service.name,
    namespace: meta.namespace ?? 'default',
    namespaceGiven: meta.namespace,
    type: spec.type ?? 'ClusterIP',
    spec,
    annotations,
    waivers,
    selector,
    headless: spec.clusterIP === 'None',
  };
}

function selectorKey(namespace: string, selector: Record<string, string>): string {
  const sorted = Object.keys(selector).sort().map(k => [k, selector[k]]);
  return `${namespace}\u0000${JSON.stringify(sorted)}`;
}

/** Services that take part in P11: with a selector, not headless, not waived. */
function groupBySelector(views: ServiceView[]): Map<string, ServiceView[]> {
  const groups = new Map<string, ServiceView[]>();
  for (const v of views) {
    if (!v.selector || v.headless || v.waivers.has(PolicyRule.DUPLICATE_SELECTOR)) continue;
    const key = selectorKey(v.namespace, v.selector);
    let l = groups.get(key);
    if (!l) groups.set(key, l = []);
    l.push(v);
  }
  return groups;
}

/** Labels as messages show them: without cdk8s's own bookkeeping labels. */
function shownLabels(labels: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(labels).filter(([k]) => !k.startsWith('cdk8s.io/')));
}

function within(cidr: ParsedCidr, text: string): boolean {
  const ip = parseIp(text);
  return !!ip && ip.family === cidr.family && ip.value >= cidr.first && ip.value <= cidr.last;
}

const CVE_2020_8554 = 'CVE-2020-8554: a Service with externalIPs can intercept traffic to those addresses';
const CVE_2021_25740 = 'CVE-2021-25740: ingress and gateway controllers forward traffic to whatever the name points to, Services of other namespaces included';
const SOURCE_RANGES_ANNOTATION = 'service.beta.kubernetes.io/load-balancer-source-ranges';

const CHECKS: Check[] = [
  {
    rule: PolicyRule.EXTERNAL_IPS,
    run: (v, p) => {
      const ips: string[] = Array.isArray(v.spec.externalIPs) ? v.spec.externalIPs : [];
      const allowed = p.allowedExternalIps;
      const bad = ips.filter(ip => !allowed.some(c => within(c, ip)));
      if (bad.length === 0) return [];
      if (allowed.length === 0) {
        return [{
          problem: problem(PolicyRule.EXTERNAL_IPS, 'spec.externalIPs', bad, `no external IPs (${CVE_2020_8554})`),
          comply: 'allow-list them with allowedExternalIps',
        }];
      }
      return [{
        problem: problem(PolicyRule.EXTERNAL_IPS, 'spec.externalIPs', bad,
          `only external IPs inside allowedExternalIps (${allowed.map(c => c.text).join(', ')}) (${CVE_2020_8554})`),
        comply: 'use an allowed address, add it to allowedExternalIps',
      }];
    },
  },
  {
    rule: PolicyRule.NODE_PORT_SERVICES,
    run: v => v.type !== 'NodePort' ? [] : [{
      problem: problem(PolicyRule.NODE_PORT_SERVICES, 'spec.type', v.type,
        'a type other than NodePort: the policy forbids NodePort Services (a node port opens on every node, where NetworkPolicy does not apply)'),
      comply: 'use a ClusterIP Service behind an Ingress or Gateway, allow them with nodePortServices: PolicySeverity.OFF',
    }],
  },
  {
    rule: PolicyRule.LOAD_BALANCER_SERVICES,
    run: v => v.type !== 'LoadBalancer' ? [] : [{
      problem: problem(PolicyRule.LOAD_BALANCER_SERVICES, 'spec.type', v.type,
        'a type other than LoadBalancer: the policy forbids LoadBalancer Services (each exposes the Service outside the cluster, and on a cloud each costs a load balancer)'),
      comply: 'use a ClusterIP Service behind the shared Ingress or Gateway, allow them with loadBalancerServices: PolicySeverity.OFF',
    }],
  },
  {
    rule: PolicyRule.EXTERNAL_NAME_SERVICES,
    run: v => v.type !== 'ExternalName' ? [] : [{
      problem: problem(PolicyRule.EXTERNAL_NAME_SERVICES, 'spec.type', v.type,
        `a type other than ExternalName: the policy forbids ExternalName Services (${CVE_2021_25740})`),
      comply: 'let clients use the external name directly, allow them with externalNameServices: PolicySeverity.OFF',
    }],
  },
  {
    rule: PolicyRule.NODE_PORT_RANGE,
    run: (v, p) => {
      const range = p.nodePortRange;
      if (!range) return [];
      const ports: Array<{ field: string; port: unknown }> = [];
      (Array.isArray(v.spec.ports) ? v.spec.ports : []).forEach((port: any, i: number) => {
        if (port?.nodePort !== undefined) ports.push({ field: `spec.ports[${i}].nodePort`, port: port.nodePort });
      });
      if (v.spec.healthCheckNodePort !== undefined) ports.push({ field: 'spec.healthCheckNodePort', port: v.spec.healthCheckNodePort });
      return ports
        .filter(({ port }) => typeof port !== 'number' || port < range.min || port > range.max)
        .map(({ field, port }) => ({
          problem: problem(PolicyRule.NODE_PORT_RANGE, field, port, `a node port in allowedNodePortRange ${range.text}, the ports given to this app`),
          comply: `pick a port in ${range.text}`,
        }));
    },
  },
  {
    rule: PolicyRule.CLUSTER_IP_RANGES,
    run: (v, p) => {
      const ranges = p.clusterIpRanges;
      if (!ranges) return [];
      const pinned: Array<{ field: string; ip: string }> = [];
      const first = v.spec.clusterIP;
      if (typeof first === 'string' && first !== '' && first !== 'None') pinned.push({ field: 'spec.clusterIP', ip: first });
      (Array.isArray(v.spec.clusterIPs) ? v.spec.clusterIPs : []).forEach((ip: string, i: number) => {
        if (ip !== 'None' && !(i === 0 && ip === first)) pinned.push({ field: `spec.clusterIPs[${i}]`, ip });
      });
      const text = ranges.map(c => c.text).join(', ');
      return pinned.filter(({ ip }) => !ranges.some(c => within(c, ip))).map(({ field, ip }) => ({
        problem: problem(PolicyRule.CLUSTER_IP_RANGES, field, ip, `an address in allowedClusterIpRanges (${text})`),
        comply: 'pin an address in these ranges, let the cluster allocate one',
      }));
    },
  },
  {
    rule: PolicyRule.EXTERNAL_NAME_TARGETS,
    run: (v, p) => {
      if (v.type !== 'ExternalName' || typeof v.spec.externalName !== 'string') return [];
      const given: string = v.spec.externalName;
      const name = given.endsWith('.') ? given.slice(0, -1) : given;
      if (name === 'localhost' || name.endsWith('.localhost')) {
        return [{
          problem: problem(PolicyRule.EXTERNAL_NAME_TARGETS, 'spec.externalName', given,
            'a name other than localhost: proxies that follow the Service (ingress controllers, Envoy) would connect to themselves, their admin interface included (Kyverno disallow-localhost-services)'),
          comply: 'point to the real host',
        }];
      }
      const allowed = p.externalNames;
      if (!allowed || allowed.exact.has(name) || allowed.suffixes.some(s => name.endsWith(s))) return [];
      return [{
        problem: problem(PolicyRule.EXTERNAL_NAME_TARGETS, 'spec.externalName', given, `a name of allowedExternalNames (${allowed.text}) (${CVE_2021_25740})`),
        comply: 'point to an allowed name, add it to allowedExternalNames',
      }];
    },
  },
  {
    rule: PolicyRule.DEFAULT_NAMESPACE,
    run: v => v.namespace !== 'default' ? [] : [{
      problem: problem(PolicyRule.DEFAULT_NAMESPACE, 'metadata.namespace', v.namespaceGiven,
        'a namespace other than "default" (a Service without one lands in "default", shared by everyone: RBAC, quotas and NetworkPolicy cannot tell its apps apart)'),
      comply: 'set a namespace (metadata.namespace, or the Chart\'s namespace)',
    }],
  },
  {
    rule: PolicyRule.LOAD_BALANCER_SOURCE_RANGES,
    run: v => {
      if (v.type !== 'LoadBalancer') return [];
      const fromSpec: string[] = Array.isArray(v.spec.loadBalancerSourceRanges) ? v.spec.loadBalancerSourceRanges : [];
      const annotation = v.annotations[SOURCE_RANGES_ANNOTATION];
      // kube-proxy reads the annotation only when the field is empty
      const [field, ranges] = fromSpec.length > 0
        ? ['spec.loadBalancerSourceRanges', fromSpec]
        : [`metadata.annotations["${SOURCE_RANGES_ANNOTATION}"]`, typeof annotation === 'string' ? annotation.split(',').map(s => s.trim()).filter(s => s) : []];
      if (ranges.length === 0) {
        return [{
          problem: problem(PolicyRule.LOAD_BALANCER_SOURCE_RANGES, 'spec.loadBalancerSourceRanges', undefined,
            'the client CIDRs that may connect (without them, every address that reaches the load balancer may)'),
          comply: 'set loadBalancerSourceRanges',
        }];
      }
      const out: Violation[] = [];
      ranges.forEach((r, i) => {
        if (parseCidr(r)?.prefix === 0) {
          out.push({
            problem: problem(PolicyRule.LOAD_BALANCER_SOURCE_RANGES, fromSpec.length > 0 ? `${field}[${i}]` : field, r, 'a range narrower than /0, which admits every client'),
            comply: 'list the client networks',
          });
        }
      });
      return out;
    },
  },
  {
    rule: PolicyRule.SELECTOR_MATCHES_NO_WORKLOAD,
    run: (v, _p, app) => {
      const workloads = app.workloads;
      if (!workloads || workloads.size === 0 || !v.selector || workloads.matches(v.namespace, v.selector)) return [];
      const there = workloads.templatesIn(v.namespace);
      const seen = there.length === 0
        ? `the app's ${workloads.size} workload${workloads.size === 1 ? ' is' : 's are'} in other namespaces`
        : `there: ${there.slice(0, 3).map(t => `${t.description} ${JSON.stringify(shownLabels(t.labels))}`).join(', ')}${there.length > 3 ? ` and ${there.length - 3} more` : ''}`;
      return [{
        problem: problem(PolicyRule.SELECTOR_MATCHES_NO_WORKLOAD, 'spec.selector', v.selector,
          `the labels of a pod template of the app in namespace "${v.namespace}" (${seen}); without matching pods the Service has no endpoints`),
        comply: 'fix the selector or the workload\'s labels',
      }];
    },
  },
  {
    rule: PolicyRule.DUPLICATE_SELECTOR,
    run: (v, _p, app) => {
      if (!v.selector || v.headless || !app.selectors) return [];
      const group = app.selectors.get(selectorKey(v.namespace, v.selector)) ?? [];
      // another construct with the same name and namespace is a later version of this Service
      const others = group.filter(o => o !== v && o.name !== v.name);
      if (others.length === 0) return [];
      const more = others.length > 1 ? ` and ${others.length - 1} more` : '';
      return [{
        problem: problem(PolicyRule.DUPLICATE_SELECTOR, 'spec.selector', v.selector,
          `a selector no other Service of namespace "${v.namespace}" has: ${others[0].service.node.path} (Service "${others[0].name}")${more} selects the same pods`),
        comply: 'merge the Services into one',
      }];
    },
  },
  {
    rule: PolicyRule.NODE_PORT_LOCAL_TRAFFIC,
    run: v => v.type !== 'NodePort' || v.spec.externalTrafficPolicy !== 'Local' ? [] : [{
      problem: problem(PolicyRule.NODE_PORT_LOCAL_TRAFFIC, 'spec.externalTrafficPolicy', 'Local',
        'Cluster on a NodePort Service: with Local, a node without a ready pod of the Service drops what arrives on its node port, and clients of a node port pick the node themselves'),
      comply: 'use Cluster (the default) or a LoadBalancer Service, whose health checks skip such nodes,',
    }],
  },
];
