// Property-based generation of Service specs, valid and invalid, for all four types; the
// library's verdict (synth succeeds or fails) for each, and the manifest to send the server.
import { Chart, Duration, Testing } from 'cdk8s';
import * as fc from 'fast-check';
import {
  ClusterIpService, ClusterSettings, ExternalNameService, LoadBalancerService, NodePortService, SessionAffinity, TargetPort,
} from '../../src';

export interface PortCase {
  name?: string;
  port: number;
  protocol?: string;
  targetPort?: number | string;
  appProtocol?: string;
  nodePort?: number;
}

export interface ServiceCase {
  type: 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';
  name: string;
  ports: PortCase[];
  selector?: Record<string, string>;
  clusterIP?: string;
  clusterIPs?: string[];
  ipFamilies?: string[];
  ipFamilyPolicy?: string;
  externalIPs?: string[];
  externalTrafficPolicy?: string;
  internalTrafficPolicy?: string;
  healthCheckNodePort?: number;
  sessionAffinity?: string;
  timeoutSeconds?: number;
  publishNotReadyAddresses?: boolean;
  loadBalancerSourceRanges?: string[];
  loadBalancerClass?: string;
  allocateLoadBalancerNodePorts?: boolean;
  externalName?: string;
}

/** What the generated cluster looks like; the library is told the same (ClusterSettings). */
export interface ClusterShape {
  serviceCidrs: string[];
  nodePortRange: string;
}

const opt = <T>(arb: fc.Arbitrary<T>, freq = 1, none = 2): fc.Arbitrary<T | undefined> =>
  fc.oneof({ arbitrary: fc.constant(undefined), weight: none }, { arbitrary: arb, weight: freq });

/** mostly valid, sometimes not: weights [valid, invalid] */
let noisy = true;
const mix = <T>(valid: fc.Arbitrary<T>, invalid: fc.Arbitrary<T>, invalidWeight = 1): fc.Arbitrary<T> =>
  noisy ? fc.oneof({ arbitrary: valid, weight: 6 }, { arbitrary: invalid, weight: invalidWeight }) : valid;

function fieldArbs() {
  const label = fc.stringMatching(/^[a-z][a-z0-9-]{0,10}[a-z0-9]$/);
  const serviceName = mix(label.map(s => `svc-${s}`.slice(0, 63)),
    fc.constantFrom('Svc', '1svc', 'svc_x', 'svc.x', `s${'a'.repeat(63)}`, '-svc', 'svc-'));
  const portNumber = mix(fc.integer({ min: 1, max: 65535 }), fc.constantFrom(0, 65536, 70000, -1));
  const protocol = opt(mix(fc.constantFrom('TCP', 'UDP', 'SCTP'), fc.constantFrom('HTTP', 'tcp', 'ICMP')), 1, 1);
  const portName = mix(fc.constantFrom('http', 'https', 'grpc', 'dns', 'metrics', 'p1', 'web-ui'),
    fc.constantFrom('HTTP', 'a_b', '-x', 'x-', 'a'.repeat(64), 'a.b'));
  const targetPort = opt(fc.oneof(
    mix(fc.integer({ min: 1, max: 65535 }), fc.constantFrom(0, 65536, 100000)),
    mix(fc.constantFrom('http', 'web', 'metrics', 'h2c', 'my-port'), fc.constantFrom('HTTP', 'my--port', '1234', 'a-sixteen-chars-x', '-web', 'web_1')),
  ), 2, 1);
  const appProtocol = opt(mix(fc.constantFrom('http', 'https', 'kubernetes.io/h2c', 'kubernetes.io/ws', 'example.com/custom'),
    fc.constantFrom('a/b/c', '-x', 'Example.com/x', 'x/', '/x')), 1, 3);
  return { label, serviceName, portNumber, protocol, portName, targetPort, appProtocol };
}

/** a node port: in the range, out of it, sometimes in the dynamic band */
function nodePortArb(shape: ClusterShape): fc.Arbitrary<number> {
  const [min, max] = shape.nodePortRange.split('-').map(Number);
  return mix(fc.integer({ min, max: min + 85 }), fc.constantFrom(min - 1, max + 1, 8080, 80, 0, 70000));
}

function portsArb(shape: ClusterShape, withNodePorts: boolean, strayNodePort: boolean): fc.Arbitrary<PortCase[]> {
  const { portName, portNumber, protocol, targetPort, appProtocol } = fieldArbs();
  const np = withNodePorts ? opt(nodePortArb(shape), 1, 2) : strayNodePort ? opt(nodePortArb(shape), 1, 30) : fc.constant(undefined);
  const one = fc.record({ name: opt(portName, 1, 2), port: portNumber, protocol, targetPort, appProtocol, nodePort: np }, { requiredKeys: ['port'] });
  return fc.array(one, { minLength: 0, maxLength: 3 }).map(ports => ports.map(p => {
    const out: PortCase = { port: p.port };
    for (const k of Object.keys(p) as Array<keyof PortCase>) if (p[k] !== undefined) (out as any)[k] = p[k];
    return out;
  }));
}

const selectorArb = () => opt(mix<Record<string, string>>(fc.dictionary(fc.constantFrom('app', 'tier', 'example.com/team'), fc.constantFrom('web', 'api', 'db-1', 'v1.2_x')),
  fc.constantFrom<Record<string, string>>({ 'a b': 'x' }, { app: 'x y' }, { app: '-x' }, { 'a/b/c': 'x' }, { app: 'x'.repeat(64) })), 3, 1);

function addressArbs(shape: ClusterShape) {
  const v4 = shape.serviceCidrs.find(c => !c.includes(':'))!;
  const base = v4.split('/')[0].split('.').map(Number);
  const inV4 = fc.tuple(fc.integer({ min: 1, max: 254 }), fc.integer({ min: 1, max: 254 })).map(([a, b]) => `${base[0]}.${base[1]}.${a}.${b}`);
  const v6 = shape.serviceCidrs.find(c => c.includes(':'));
  const inV6 = v6 ? fc.integer({ min: 1, max: 4000 }).map(n => `${v6.split('/')[0].replace(/::$/, '::')}${n.toString(16)}`) : inV4;
  const clusterIp = opt(fc.oneof(
    { arbitrary: inV4, weight: 4 },
    { arbitrary: inV6, weight: 1 },
    { arbitrary: fc.constantFrom('None'), weight: 2 },
    { arbitrary: fc.constantFrom('10.250.0.5', '192.0.2.1', '10.1.0.300', `${base[0]}.${base[1]}.0.010`, 'fd99::1', 'not-an-ip'), weight: 1 },
  ), 1, 3);
  const externalIp = mix(fc.constantFrom('192.0.2.10', '198.51.100.7', '203.0.113.99', '2001:db8::10'),
    fc.constantFrom('127.0.0.1', '0.0.0.0', '169.254.1.1', '224.0.0.5', '::1', 'fe80::1', 'example.com', '010.0.0.1', '::'));
  return { inV4, inV6, clusterIp, externalIp };
}

/**
 * Half the cases draw only valid field values (they can still break rules across fields), half
 * mix in invalid ones, so both verdicts are common.
 */
export function serviceCaseArb(shape: ClusterShape): fc.Arbitrary<ServiceCase> {
  noisy = false;
  const clean = caseArb(shape);
  noisy = true;
  const dirty = caseArb(shape);
  return fc.oneof(clean, dirty);
}

function caseArb(shape: ClusterShape): fc.Arbitrary<ServiceCase> {
  const { serviceName } = fieldArbs();
  const selector = selectorArb();
  const { inV4, inV6, clusterIp, externalIp } = addressArbs(shape);
  const families = opt(mix<string[]>(fc.constantFrom<string[]>(['IPv4'], ['IPv6'], ['IPv4', 'IPv6'], ['IPv6', 'IPv4']), fc.constantFrom<string[]>(['IPv4', 'IPv4'], ['IPv5'], ['IPv4', 'IPv6', 'IPv4'])), 1, 4);
  const policy = opt(mix(fc.constantFrom('SingleStack', 'PreferDualStack', 'RequireDualStack'), fc.constantFrom('DualStack', 'singlestack')), 1, 4);
  const clusterIps = opt(fc.oneof(fc.tuple(inV4).map(a => [a]), fc.tuple(inV4, inV6), fc.tuple(inV6, inV4), fc.tuple(inV4, inV4), fc.constant(['None'])), 1, 8);
  const etp = mix(fc.constantFrom('Cluster', 'Local'), fc.constantFrom('Node', 'local'));
  const itp = opt(mix(fc.constantFrom('Cluster', 'Local'), fc.constantFrom('Node', 'cluster')), 1, 4);
  const affinity = opt(fc.oneof(fc.constant({ sessionAffinity: 'None' } as { sessionAffinity: string; timeoutSeconds?: number }),
    fc.record({ sessionAffinity: fc.constant('ClientIP'), timeoutSeconds: opt(mix(fc.integer({ min: 1, max: 86400 }), fc.constantFrom(0, 86401, -5)), 2, 1) })), 1, 3);
  const sourceRanges = opt(fc.array(mix(fc.constantFrom('203.0.113.0/24', '10.0.0.0/8', '2001:db8::/32', '0.0.0.0/0'), fc.constantFrom('203.0.113.0/33', 'x', '10.0.0.0', '203.0.113.0/-1')), { minLength: 1, maxLength: 2 }), 1, 3);
  const lbClass = opt(mix(fc.constantFrom('example.com/internal-vip', 'metallb.io/metallb'), fc.constantFrom('-x', 'a/b/c', 'Example.com/x')), 1, 4);
  const externalName = mix(fc.constantFrom('mingdao.com', 'db.example.com', 'db.example.com.', 'a-b.example.org', 'x'),
    fc.constantFrom('Example.com', 'my_db.example.com', 'https://example.com', 'db.example.com:5432', '192.0.2.10', '', 'a..b', '-a.com', `${'a'.repeat(64)}.com`));
  const hc = opt(nodePortArb(shape), 1, 5);

  const common = {
    name: serviceName, selector, clusterIP: clusterIp, clusterIPs: clusterIps, ipFamilies: families, ipFamilyPolicy: policy,
    externalIPs: opt(fc.array(externalIp, { minLength: 1, maxLength: 2 }), 1, 5),
    internalTrafficPolicy: itp, affinity, publishNotReadyAddresses: opt(fc.boolean(), 1, 5),
  };
  const clusterIP = fc.record({ ...common, ports: portsArb(shape, false, true), externalTrafficPolicy: opt(etp, 1, 12) })
    .map(r => finish({ type: 'ClusterIP', ...r }));
  const nodePort = fc.record({ ...common, ports: portsArb(shape, true, false), externalTrafficPolicy: opt(etp, 1, 2), healthCheckNodePort: opt(nodePortArb(shape), 1, 12),
    loadBalancerSourceRanges: opt(fc.constant(['10.0.0.0/8']), 1, 12) })
    .map(r => finish({ type: 'NodePort', ...r }));
  const loadBalancer = fc.record({ ...common, ports: portsArb(shape, true, false), externalTrafficPolicy: opt(etp, 1, 2), healthCheckNodePort: hc,
    loadBalancerSourceRanges: sourceRanges, loadBalancerClass: lbClass, allocateLoadBalancerNodePorts: opt(fc.boolean(), 1, 4) })
    .map(r => finish({ type: 'LoadBalancer', ...r }));
  const externalNameCase = fc.record({ name: serviceName, externalName,
    ports: fc.oneof({ arbitrary: fc.constant([] as PortCase[]), weight: 8 }, { arbitrary: fc.constant([{ port: 80 }]), weight: 1 }),
    clusterIP: opt(fc.constantFrom('10.1.0.9', 'None'), 1, 10), ipFamilyPolicy: opt(fc.constant('SingleStack'), 1, 12) })
    .map(r => finish({ type: 'ExternalName', ...r }));
  return fc.oneof(clusterIP, nodePort, loadBalancer, externalNameCase);
}

function finish(r: any): ServiceCase {
  const out: any = {};
  for (const [k, v] of Object.entries(r)) {
    if (v === undefined) continue;
    if (k === 'affinity') Object.assign(out, v);
    else out[k] = v;
  }
  if (out.timeoutSeconds === undefined) delete out.timeoutSeconds;
  return out as ServiceCase;
}

/** The Service manifest the case describes, as a user would write it by hand. */
export function rawManifest(c: ServiceCase): any {
  const spec: any = { type: c.type };
  const copy = ['selector', 'clusterIP', 'clusterIPs', 'ipFamilies', 'ipFamilyPolicy', 'externalIPs', 'externalTrafficPolicy', 'internalTrafficPolicy',
    'healthCheckNodePort', 'sessionAffinity', 'publishNotReadyAddresses', 'loadBalancerSourceRanges', 'loadBalancerClass', 'allocateLoadBalancerNodePorts',
    'externalName'] as const;
  for (const k of copy) if ((c as any)[k] !== undefined) spec[k] = (c as any)[k];
  if (c.timeoutSeconds !== undefined) spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: c.timeoutSeconds } };
  if (c.ports.length) spec.ports = c.ports.map(p => ({ ...p }));
  return { apiVersion: 'v1', kind: 'Service', metadata: { name: c.name }, spec };
}

export type Verdict = { ok: true; manifest: any } | { ok: false; error: string };

/** Builds the case with the library, as a JavaScript user would (no type checks), and synthesizes it. */
export function libraryVerdict(c: ServiceCase, shape: ClusterShape): Verdict {
  const app = Testing.app();
  ClusterSettings.configure(app, { serviceNodePortRange: shape.nodePortRange, serviceClusterIpRanges: shape.serviceCidrs });
  const chart = new Chart(app, 'differential');
  const warn = console.warn;
  console.warn = () => undefined;
  try {
    const props: any = { metadata: { name: c.name } };
    if (c.type === 'ExternalName') {
      props.externalName = c.externalName;
      if (c.ports.length) props.ports = c.ports;
      if (c.clusterIP !== undefined) props.clusterIp = c.clusterIP;
      if (c.ipFamilyPolicy !== undefined) props.ipFamilyPolicy = c.ipFamilyPolicy;
      new ExternalNameService(chart, 'svc', props);
    } else {
      const map: Record<string, string> = {
        selector: 'selector', clusterIP: 'clusterIp', clusterIPs: 'clusterIps', ipFamilies: 'ipFamilies', ipFamilyPolicy: 'ipFamilyPolicy',
        externalIPs: 'externalIps', externalTrafficPolicy: 'externalTrafficPolicy', internalTrafficPolicy: 'internalTrafficPolicy',
        healthCheckNodePort: 'healthCheckNodePort', publishNotReadyAddresses: 'publishNotReadyAddresses',
        loadBalancerSourceRanges: 'loadBalancerSourceRanges', loadBalancerClass: 'loadBalancerClass', allocateLoadBalancerNodePorts: 'allocateLoadBalancerNodePorts',
      };
      for (const [from, to] of Object.entries(map)) if ((c as any)[from] !== undefined) props[to] = (c as any)[from];
      if (c.sessionAffinity === 'None') props.sessionAffinity = SessionAffinity.none();
      if (c.sessionAffinity === 'ClientIP') {
        props.sessionAffinity = SessionAffinity.clientIp(c.timeoutSeconds === undefined ? undefined : Duration.seconds(c.timeoutSeconds));
      }
      props.ports = c.ports.map(p => {
        const out: any = { port: p.port };
        if (p.name !== undefined) out.name = p.name;
        if (p.protocol !== undefined) out.protocol = p.protocol;
        if (p.appProtocol !== undefined) out.appProtocol = p.appProtocol;
        if (p.nodePort !== undefined) out.nodePort = p.nodePort;
        if (typeof p.targetPort === 'number') out.targetPort = TargetPort.fromNumber(p.targetPort);
        if (typeof p.targetPort === 'string') out.targetPort = TargetPort.fromName(p.targetPort);
        return out;
      });
      const make = c.type === 'ClusterIP' ? ClusterIpService : c.type === 'NodePort' ? NodePortService : LoadBalancerService;
      new make(chart, 'svc', props);
    }
    const [manifest] = Testing.synth(chart);
    return { ok: true, manifest };
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  } finally {
    console.warn = warn;
  }
}
