// The library's verdict on a case: the Services built with the library as a JavaScript user
// would write them from the same spec (no type checks: what they typed is what the library gets),
// one app, synthesized. Errors and warnings are read as (rule, field) pairs.
import { Chart, Duration, Testing } from 'cdk8s';
import { ClusterShape, RawService } from './base';
import { ClusterIpService, ClusterSettings, ExternalNameService, LoadBalancerService, NodePortService, SessionAffinity, TargetPort } from '../../src';

export interface Finding {
  readonly rule: string;
  readonly field: string;
}

export interface LibraryVerdict {
  readonly ok: boolean;
  /** the error text when it refused */
  readonly error?: string;
  readonly errors: Finding[];
  /** rule ids of the warnings it printed */
  readonly warnings: string[];
}

/** spec field -> the library's prop name */
const PROPS: Record<string, string> = {
  selector: 'selector',
  clusterIP: 'clusterIp',
  clusterIPs: 'clusterIps',
  ipFamilies: 'ipFamilies',
  ipFamilyPolicy: 'ipFamilyPolicy',
  externalIPs: 'externalIps',
  externalTrafficPolicy: 'externalTrafficPolicy',
  internalTrafficPolicy: 'internalTrafficPolicy',
  healthCheckNodePort: 'healthCheckNodePort',
  publishNotReadyAddresses: 'publishNotReadyAddresses',
  loadBalancerSourceRanges: 'loadBalancerSourceRanges',
  loadBalancerClass: 'loadBalancerClass',
  allocateLoadBalancerNodePorts: 'allocateLoadBalancerNodePorts',
  loadBalancerIP: 'loadBalancerIp',
  externalName: 'externalName',
  trafficDistribution: 'trafficDistribution',
  ports: 'ports',
};

/** A port as the user writes it for the library: the same keys, targetPort through TargetPort. */
function portProps(p: any): any {
  const out: any = { ...p };
  if (typeof p.targetPort === 'number') out.targetPort = TargetPort.fromNumber(p.targetPort);
  if (typeof p.targetPort === 'string') out.targetPort = TargetPort.fromName(p.targetPort);
  return out;
}

/** The props a user passes for this Service. Fields the library has no prop for are reported. */
export function propsOf(svc: RawService): any {
  const props: any = { metadata: { ...svc.metadata } };
  const spec = svc.spec;
  for (const [k, v] of Object.entries(spec)) {
    if (k === 'type' || k === 'sessionAffinity' || k === 'sessionAffinityConfig') continue;
    const prop = PROPS[k];
    if (!prop) throw new Error(`differential: no library prop for spec.${k}`);
    props[prop] = k === 'ports' && Array.isArray(v) ? v.map(portProps) : v;
  }
  if (spec.sessionAffinity === 'ClientIP') {
    const t = spec.sessionAffinityConfig?.clientIP?.timeoutSeconds;
    props.sessionAffinity = SessionAffinity.clientIp(t === undefined ? undefined : Duration.seconds(t));
  } else if (spec.sessionAffinity === 'None') {
    props.sessionAffinity = SessionAffinity.none();
  } else if (spec.sessionAffinity !== undefined) {
    throw new Error(`differential: no library value for sessionAffinity ${spec.sessionAffinity}`);
  }
  return props;
}

/** `[path] S6 spec.ports[0].port: got ...` -> (S6, spec.ports[0].port); every error of the text */
export function findings(text: string): Finding[] {
  const out: Finding[] = [];
  for (const m of text.matchAll(/(?:^|\]\s)([A-Z][0-9]+) ([^\n]+?): got /gm)) out.push({ rule: m[1], field: m[2] });
  return out;
}

export function libraryVerdict(services: RawService[], shape: ClusterShape, kubernetesVersion?: string): LibraryVerdict {
  const app = Testing.app();
  const settings: any = { serviceNodePortRange: shape.nodePortRange, serviceClusterIpRanges: shape.serviceCidrs };
  if (kubernetesVersion) settings.kubernetesVersion = kubernetesVersion;
  const warnings: string[] = [];
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    for (const m of String(args[0]).matchAll(/\] ([A-Z][0-9]+) /g)) warnings.push(m[1]);
  };
  try {
    ClusterSettings.configure(app, settings);
    const chart = new Chart(app, 'differential');
    services.forEach((svc, i) => {
      const props = propsOf(svc);
      const id = `svc${i}`;
      switch (svc.spec.type) {
        case 'ClusterIP': new ClusterIpService(chart, id, props); break;
        case 'NodePort': new NodePortService(chart, id, props); break;
        case 'LoadBalancer': new LoadBalancerService(chart, id, props); break;
        case 'ExternalName': new ExternalNameService(chart, id, props); break;
        default: throw new Error(`differential: type ${svc.spec.type}`);
      }
    });
    Testing.synth(chart);
    return { ok: true, errors: [], warnings };
  } catch (e) {
    const error = (e as Error).message;
    return { ok: false, error, errors: findings(error), warnings };
  } finally {
    console.warn = warn;
  }
}
