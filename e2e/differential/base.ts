// Valid Services as a user writes them (raw `v1/Service` objects), with random values on every
// field of their type: the starting point of every differential case.
import { Random } from './random';

export type ServiceType = 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';

/** A Service as the user writes it (what kubectl would send). */
export interface RawService {
  apiVersion: 'v1';
  kind: 'Service';
  metadata: { name?: string; generateName?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec: Record<string, any> & { type: ServiceType };
}

/** What the generated cluster looks like; the library is told the same (ClusterSettings). */
export interface ClusterShape {
  readonly serviceCidrs: string[];
  readonly nodePortRange: string;
}

/**
 * Generation context: the cluster, a random source, node ports not yet used in this case, and the
 * cluster IPs drawn in the whole run (a pinned IP is never drawn twice: the server may still hold
 * an earlier case's IP when the next case asks for it, and would refuse it as already allocated).
 */
export class Gen {
  public readonly v4Prefix: string;
  public readonly v6Prefix: string;
  public readonly nodePortMin: number;
  public readonly nodePortMax: number;
  /** end of the static band (KEP-3668), as kube-apiserver computes it */
  public readonly staticEnd: number;
  private readonly usedNodePorts = new Set<number>();

  constructor(public readonly r: Random, public readonly shape: ClusterShape, public readonly index: number,
    private readonly usedIps: Set<string> = new Set()) {
    const v4 = shape.serviceCidrs.find(c => !c.includes(':'))!;
    this.v4Prefix = v4.split('.').slice(0, 2).join('.');
    this.v6Prefix = shape.serviceCidrs.find(c => c.includes(':'))!.split('/')[0].replace(/::$/, '::');
    [this.nodePortMin, this.nodePortMax] = shape.nodePortRange.split('-').map(Number);
    const size = this.nodePortMax - this.nodePortMin + 1;
    this.staticEnd = this.nodePortMin + Math.min(Math.max(16, Math.floor(size / 32)), 128) - 1;
  }

  /** a node port no other Service of the case uses; in the static band unless `dynamic` */
  public nodePort(dynamic = false): number {
    for (;;) {
      const p = dynamic ? this.r.int(this.staticEnd + 1, this.nodePortMax) : this.r.int(this.nodePortMin, this.staticEnd);
      if (!this.usedNodePorts.has(p)) { this.usedNodePorts.add(p); return p; }
    }
  }

  /** an address of the IPv4 service CIDR not drawn before in this run */
  public ipv4(): string {
    return this.unused(() => `${this.v4Prefix}.${this.r.int(1, 254)}.${this.r.int(2, 254)}`);
  }

  /** an address of the /108 IPv6 service CIDR not drawn before in this run: the last 20 bits vary */
  public ipv6(): string {
    return this.unused(() => `${this.v6Prefix}${this.r.int(0, 0xf).toString(16)}:${this.r.int(0x10, 0xffff).toString(16)}`);
  }

  private unused(draw: () => string): string {
    for (;;) {
      const ip = draw();
      if (!this.usedIps.has(ip)) { this.usedIps.add(ip); return ip; }
    }
  }

  public name(k = 0): string {
    return `svc-${this.index}${k ? `-${k}` : ''}-${this.r.pick(['web', 'api', 'db', 'x1', 'metrics'])}`;
  }
}

const PORT_NAMES = ['http', 'https', 'grpc', 'dns', 'metrics', 'p1', 'web-ui', 'a'];
const TARGET_NAMES = ['http', 'web', 'metrics', 'h2c', 'my-port', 'a'.repeat(15)];
const APP_PROTOCOLS = ['http', 'https', 'kubernetes.io/h2c', 'kubernetes.io/ws', 'kubernetes.io/wss', 'example.com/custom', 'grpc'];

/** 1-3 valid ports, names unique, (protocol, port) unique; node ports when `nodePorts` */
export function validPorts(g: Gen, nodePorts: boolean): any[] {
  const { r } = g;
  const count = r.pick([1, 1, 1, 2, 2, 3]);
  const names = r.some(PORT_NAMES, count);
  const numbers = r.some([80, 443, 53, 8080, 9090, 1, 65535, 5432, 6443, 3000], count);
  return numbers.map((port, i) => {
    const p: any = {};
    if (count > 1 || r.chance(0.4)) p.name = names[i];
    p.port = port;
    if (r.chance(0.6)) p.protocol = r.pick(['TCP', 'TCP', 'UDP', 'SCTP']);
    if (r.chance(0.6)) p.targetPort = r.chance(0.5) ? r.int(1, 65535) : r.pick(TARGET_NAMES);
    if (r.chance(0.25)) p.appProtocol = r.pick(APP_PROTOCOLS);
    if (nodePorts && r.chance(0.5)) p.nodePort = g.nodePort(r.chance(0.3));
    return p;
  });
}

function validMetadata(g: Gen, k: number): RawService['metadata'] {
  const { r } = g;
  const m: RawService['metadata'] = {};
  const gen = r.chance(0.15) ? r.pick(['web-', 'gen', 'svc-gen-', `${'g'.repeat(62)}-`]) : undefined;
  if (!gen || r.chance(0.5)) m.name = g.name(k);
  if (gen) m.generateName = gen;
  if (r.chance(0.3)) m.labels = r.pick<Record<string, string>>([{ app: 'web' }, { 'app.kubernetes.io/name': 'k8sdemo', 'tier': 'front_end.1' }, { 'example.com/team': '' }]);
  if (r.chance(0.3)) {
    m.annotations = r.pick<Record<string, string>>([{ 'example.com/owner': 'team a' }, { description: 'free text, with: punctuation' }, { 'a.b/c': '', 'kubernetes.io/x': 'y' }]);
  }
  return m;
}

/** a valid Service of the given type with random values on the fields of that type */
export function validService(g: Gen, type: ServiceType, k = 0): RawService {
  const { r } = g;
  const svc: RawService = { apiVersion: 'v1', kind: 'Service', metadata: validMetadata(g, k), spec: { type } };
  const s = svc.spec;
  if (type === 'ExternalName') {
    s.externalName = r.pick(['mingdao.com', 'db.example.com', 'db.example.com.', 'a-b.example.org', 'x', 'localhost']);
    return svc;
  }
  const headless = type === 'ClusterIP' && r.chance(0.15);
  s.ports = headless && r.chance(0.4) ? undefined : validPorts(g, type !== 'ClusterIP');
  if (s.ports === undefined) delete s.ports;
  if (r.chance(0.7)) s.selector = r.pick<Record<string, string>>([{ app: 'web' }, { name: 'k8sdemo' }, { 'example.com/team': 'db-1', 'tier': 'v1.2_x' }, { app: '' }]);
  // addressing: families, policy and pinned IPs that fit together
  const fam = r.pick(['none', 'none', 'v4', 'v6', 'dual46', 'dual64']);
  if (headless) {
    s.clusterIP = 'None';
    if (r.chance(0.3)) s.clusterIPs = ['None'];
  }
  if (fam !== 'none') {
    const families = { v4: ['IPv4'], v6: ['IPv6'], dual46: ['IPv4', 'IPv6'], dual64: ['IPv6', 'IPv4'] }[fam]!;
    if (r.chance(0.7)) s.ipFamilies = families.length === 2 && r.chance(0.3) ? [families[0]] : families;
    s.ipFamilyPolicy = families.length === 2 ? r.pick(['PreferDualStack', 'RequireDualStack']) : r.pick(['SingleStack', 'PreferDualStack']);
    if (s.ipFamilies?.length === 1 && s.ipFamilyPolicy === 'RequireDualStack') s.ipFamilyPolicy = 'PreferDualStack';
    if (!headless && r.chance(0.4)) {
      const ips = families.map(f => (f === 'IPv4' ? g.ipv4() : g.ipv6()));
      const pinned = s.ipFamilies ? ips.slice(0, s.ipFamilies.length) : ips;
      if (pinned.length === 2 && !s.ipFamilyPolicy.includes('Dual')) s.ipFamilyPolicy = 'PreferDualStack';
      s.clusterIP = pinned[0];
      if (pinned.length === 2 || r.chance(0.5)) s.clusterIPs = pinned;
      if (!s.ipFamilies && pinned.length === 1 && s.ipFamilyPolicy !== 'SingleStack') s.ipFamilyPolicy = 'SingleStack';
    }
  } else if (!headless && r.chance(0.3)) {
    s.clusterIP = g.ipv4();
  }
  if (r.chance(0.2)) s.externalIPs = r.some(['192.0.2.10', '198.51.100.7', '203.0.113.99', '2001:db8::10', '8.8.8.8'], r.int(1, 2));
  if (r.chance(0.25)) s.internalTrafficPolicy = r.pick(['Cluster', 'Local']);
  if (r.chance(0.25)) {
    s.sessionAffinity = r.pick(['None', 'ClientIP', 'ClientIP']);
    if (s.sessionAffinity === 'ClientIP' && r.chance(0.6)) s.sessionAffinityConfig = { clientIP: { timeoutSeconds: r.pick([1, 60, 10800, 86400]) } };
  }
  if (r.chance(0.15)) s.publishNotReadyAddresses = r.chance(0.5);
  if (r.chance(0.15)) s.trafficDistribution = r.pick(['PreferClose', 'PreferSameZone', 'PreferSameNode']);
  if (type === 'ClusterIP') return svc;
  if (r.chance(0.4)) s.externalTrafficPolicy = r.pick(['Cluster', 'Local']);
  if (type === 'NodePort') return svc;
  if (r.chance(0.3)) s.loadBalancerSourceRanges = r.some(['203.0.113.0/24', '10.0.0.0/8', '2001:db8::/32', '0.0.0.0/0', '192.168.1.7/32'], r.int(1, 2));
  if (r.chance(0.1)) {
    svc.metadata.annotations = { ...svc.metadata.annotations, 'service.beta.kubernetes.io/load-balancer-source-ranges': r.pick(['10.0.0.0/8', '10.0.0.0/8,192.168.0.0/16', '203.0.113.0/24, 2001:db8::/32']) };
  }
  if (r.chance(0.2)) s.loadBalancerClass = r.pick(['example.com/internal-vip', 'metallb.io/metallb', 'a/b']);
  if (r.chance(0.2)) s.allocateLoadBalancerNodePorts = r.chance(0.5);
  if (s.allocateLoadBalancerNodePorts === false && r.chance(0.5)) for (const p of s.ports ?? []) delete p.nodePort;
  if (s.externalTrafficPolicy === 'Local' && r.chance(0.4)) s.healthCheckNodePort = g.nodePort();
  return svc;
}

export const TYPES: ServiceType[] = ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'];
