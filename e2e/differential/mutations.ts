// One mutation per kind of mistake (or edge a user may write), aimed at one rule of docs/rules.md.
// `apply` changes the case's Services and says what it did. Invalid values, fields of another
// Service type, whitespace, unknown keys; A2 adds Services that share a node port.
import { Gen, RawService, ServiceType, validService } from './base';

export interface Mutation {
  readonly rule: string;
  /** the types of the Service the mutation starts from */
  readonly types: ServiceType[];
  apply(g: Gen, services: RawService[]): string;
}

const PROXIED: ServiceType[] = ['ClusterIP', 'NodePort', 'LoadBalancer'];
const NODE: ServiceType[] = ['NodePort', 'LoadBalancer'];
const ALL: ServiceType[] = ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'];

/** one of `values`, set by `set`; says which */
function oneOf<T>(rule: string, types: ServiceType[], values: readonly T[], set: (s: RawService, v: T, g: Gen) => string | void): Mutation {
  return {
    rule,
    types,
    apply: (g, [s]) => {
      const v = g.r.pick(values);
      return set(s, v, g) || JSON.stringify(v);
    },
  };
}

/** the first port, made to exist */
function port0(s: RawService): any {
  if (!s.spec.ports?.length) s.spec.ports = [{ port: 80 }];
  return s.spec.ports[0];
}

/** two ports with distinct names */
function twoPorts(s: RawService): [any, any] {
  const ports = s.spec.ports?.length ? s.spec.ports : [{ port: 80 }];
  if (ports.length < 2) ports.push({ port: ports[0].port === 81 ? 82 : 81 });
  ports.forEach((p: any, i: number) => { p.name = `p${i}`; });
  s.spec.ports = ports;
  return [ports[0], ports[1]];
}

/** no pinned addresses or families (a headless Service becomes a plain one, with a port) */
function unpin(s: RawService): void {
  for (const k of ['clusterIP', 'clusterIPs', 'ipFamilies', 'ipFamilyPolicy']) delete s.spec[k];
  if (s.spec.type !== 'ExternalName' && !s.spec.ports?.length) s.spec.ports = [{ port: 80 }];
}

function addAnnotation(s: RawService, key: string, value: string): void {
  s.metadata.annotations = { ...s.metadata.annotations, [key]: value };
}

const LB_SOURCE_RANGES = 'service.beta.kubernetes.io/load-balancer-source-ranges';

export const mutations: Mutation[] = [
  // S1 names
  oneOf('S1', ALL, ['Svc', '1svc', 'svc_x', 'svc.x', `s${'a'.repeat(63)}`, '-svc', 'svc-', ' svc', 'svc '], (s, v) => { s.metadata.name = v; }),
  // an empty name: kube-apiserver 1.35 allocates cluster IPs before it validates the name (and fails
  // on the IPAddress object it writes), so only ExternalName gets the name's own refusal
  oneOf('S1', ['ExternalName'], [''], (s, v) => { s.metadata.name = v; delete s.metadata.generateName; return 'empty name'; }),
  // S24 generateName
  oneOf('S24', ALL, ['Gen-', 'gen_', `${'g'.repeat(64)}`, '-gen', '1gen-', 'gen.x-', ' gen-'], (s, v, g) => {
    s.metadata.generateName = v;
    if (g.r.chance(0.5)) s.metadata.name = g.name();
    else delete s.metadata.name;
  }),
  // S2 ports required
  oneOf('S2', PROXIED, [[], undefined], (s, v) => {
    if (s.spec.clusterIP === 'None') unpin(s);
    if (v === undefined) delete s.spec.ports; else s.spec.ports = v;
    return v === undefined ? 'no ports' : 'ports: []';
  }),
  // S3 NodePort / LoadBalancer headless
  oneOf('S3', NODE, ['None'], (s, v, g) => { unpin(s); s.spec.clusterIP = v; if (g.r.chance(0.3)) s.spec.clusterIPs = [v]; }),
  // S4 externalName, and fields ExternalName does not have
  oneOf('S4', ['ExternalName'], ['Example.com', 'my_db.example.com', 'https://example.com', 'db.example.com:5432', '', 'a..b', '-a.com',
    `${'a'.repeat(64)}.com`, ' db.example.com', 'db.example.com ', '192.0.2.10', 'db.example.com..'], (s, v) => { s.spec.externalName = v; }),
  oneOf('S4', ['ExternalName'], ['ports', 'selector', 'clusterIP', 'clusterIPs', 'ipFamilies', 'ipFamilyPolicy', 'clusterIP None', 'externalIPs',
    'publishNotReadyAddresses', 'healthCheckNodePort'], (s, v) => {
    const values: Record<string, [string, unknown]> = {
      'ports': ['ports', [{ port: 80 }]],
      'selector': ['selector', { app: 'web' }],
      'clusterIP': ['clusterIP', '10.1.0.9'],
      'clusterIPs': ['clusterIPs', ['10.1.0.9']],
      'ipFamilies': ['ipFamilies', ['IPv4']],
      'ipFamilyPolicy': ['ipFamilyPolicy', 'SingleStack'],
      'clusterIP None': ['clusterIP', 'None'],
      'externalIPs': ['externalIPs', ['192.0.2.10']],
      'publishNotReadyAddresses': ['publishNotReadyAddresses', true],
      'healthCheckNodePort': ['healthCheckNodePort', 30001],
    };
    const [k, val] = values[v];
    s.spec[k] = val;
    return `ExternalName with ${v}`;
  }),
  oneOf('S4', PROXIED, ['db.example.com', 'x'], (s, v) => { s.spec.externalName = v; return `externalName ${v} on ${s.spec.type}`; }),
  // S5 port names
  oneOf('S5', PROXIED, ['HTTP', 'a_b', '-x', 'x-', 'a'.repeat(64), 'a.b', ' http'], (s, v) => { port0(s).name = v; }),
  oneOf('S5', PROXIED, ['missing', 'duplicate'], (s, v) => {
    const [a, b] = twoPorts(s);
    if (v === 'missing') delete b.name; else b.name = a.name;
    return `second port name ${v}`;
  }),
  // S6 port numbers
  oneOf('S6', PROXIED, [0, 65536, 70000, -1], (s, v) => { port0(s).port = v; }),
  // S7 protocol
  oneOf('S7', PROXIED, ['HTTP', 'tcp', 'ICMP', ' TCP', ''], (s, v) => { port0(s).protocol = v; }),
  // S8 target port
  oneOf('S8', PROXIED, [0, 65536, 100000, -1, 'HTTP', 'my--port', '1234', 'a-sixteen-chars-x', '-web', 'web_1', 'web-', ' web'], (s, v) => { port0(s).targetPort = v; }),
  // S9 app protocol
  oneOf('S9', PROXIED, ['a/b/c', '-x', 'Example.com/x', 'x/', '/x', 'http ', 'a_b'], (s, v) => { port0(s).appProtocol = v; }),
  // S10 labels: selector, metadata labels and annotations
  oneOf<Record<string, string>>('S10', PROXIED, [{ 'a b': 'x' }, { app: 'x y' }, { app: '-x' }, { 'a/b/c': 'x' }, { app: 'x'.repeat(64) }, { '': 'x' }, { app: ' web' }], (s, v) => { s.spec.selector = v; }),
  oneOf<Record<string, string>>('S10', ALL, [{ 'a b': 'x' }, { app: 'x y' }, { 'Example.com/x': 'y' }, { app: 'web ' }], (s, v) => { s.metadata.labels = v; return `labels ${JSON.stringify(v)}`; }),
  oneOf<Record<string, string>>('S10', ALL, [{ 'a b': 'x' }, { '-x/y': 'z' }, { 'example.com/': 'x' }, { [`${'a'.repeat(64)}`]: 'x' }], (s, v) => { s.metadata.annotations = v; return `annotations ${JSON.stringify(v)}`; }),
  // S11 session affinity
  // (a negative timeout cannot be written: cdk8s's Duration refuses it before the library sees it)
  oneOf('S11', PROXIED, [0, 86401], (s, v) => {
    s.spec.sessionAffinity = 'ClientIP';
    s.spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: v } };
  }),
  oneOf('S11', ['ExternalName'], ['ClientIP', 'None'], (s, v) => { s.spec.sessionAffinity = v; return `ExternalName with sessionAffinity ${v}`; }),
  // S12 cluster IPs
  oneOf('S12', PROXIED, ['not-an-ip', '10.1.0.300', '10.1.0.010', ' 10.1.2.3', '10.1.2.3/32', 'fd00:10:1::zz'], (s, v) => { unpin(s); s.spec.clusterIP = v; }),
  oneOf('S12', PROXIED, ['mismatch', 'two v4', 'None second', 'three', 'family'], (s, v, g) => {
    unpin(s);
    const a = g.ipv4();
    const b = g.ipv4();
    if (v === 'mismatch') { s.spec.clusterIP = a; s.spec.clusterIPs = [b]; }
    if (v === 'two v4') { s.spec.clusterIPs = [a, b]; s.spec.ipFamilyPolicy = 'PreferDualStack'; }
    if (v === 'None second') { s.spec.clusterIPs = [a, 'None']; s.spec.ipFamilyPolicy = 'PreferDualStack'; }
    if (v === 'three') { s.spec.clusterIPs = [a, g.ipv6(), b]; s.spec.ipFamilyPolicy = 'RequireDualStack'; }
    if (v === 'family') { s.spec.clusterIP = g.ipv6(); s.spec.ipFamilies = ['IPv4']; }
    return `clusterIPs ${v}`;
  }),
  // S13 families and policy
  oneOf('S13', PROXIED, [['IPv5'], ['IPv4', 'IPv4'], ['IPv4', 'IPv6', 'IPv4'], ['IPv4', 'IPv6'], ['ipv4']], (s, v) => {
    unpin(s);
    s.spec.ipFamilies = v;
    if (v.length === 2 && v[0] !== v[1]) s.spec.ipFamilyPolicy = 'SingleStack';
  }),
  oneOf('S13', PROXIED, ['DualStack', 'singlestack', ''], (s, v) => { unpin(s); s.spec.ipFamilyPolicy = v; }),
  oneOf('S13', PROXIED, ['two clusterIPs, SingleStack'], (s, v, g) => { unpin(s); s.spec.clusterIPs = [g.ipv4(), g.ipv6()]; s.spec.clusterIP = s.spec.clusterIPs[0]; s.spec.ipFamilyPolicy = 'SingleStack'; return v; }),
  // S14 external IPs
  oneOf('S14', PROXIED, ['127.0.0.1', '0.0.0.0', '169.254.1.1', '224.0.0.5', '::1', 'fe80::1', 'example.com', '010.0.0.1', '::', ' 192.0.2.10', '192.0.2.0/24'],
    (s, v) => { s.spec.externalIPs = [v]; }),
  // S15 nodePort on ClusterIP
  oneOf('S15', ['ClusterIP'], ['static', 'dynamic'], (s, v, g) => { if (s.spec.clusterIP === 'None') unpin(s); port0(s).nodePort = g.nodePort(v === 'dynamic'); }),
  // S16 duplicate (protocol, port) and (protocol, nodePort)
  oneOf('S16', PROXIED, ['port'], (s) => {
    if (s.spec.clusterIP === 'None') unpin(s);
    const [a, b] = twoPorts(s);
    b.port = a.port;
    b.protocol = a.protocol;
    delete b.nodePort;
    return 'same (protocol, port) twice';
  }),
  oneOf('S16', NODE, ['nodePort'], (s, _, g) => {
    const [a, b] = twoPorts(s);
    a.nodePort = g.nodePort();
    b.nodePort = a.nodePort;
    b.protocol = a.protocol;
    return 'same (protocol, nodePort) twice';
  }),
  // S17 load balancer source ranges (field and annotation)
  oneOf('S17', ['LoadBalancer'], ['203.0.113.0/33', 'x', '10.0.0.0', '203.0.113.0/-1', '10.0.0.1/8', '', '1.2.3.0/24  ', ' 10.0.0.0/8'], (s, v) => { s.spec.loadBalancerSourceRanges = [v]; }),
  oneOf('S17', ['ClusterIP', 'NodePort', 'ExternalName'], ['10.0.0.0/8'], (s, v) => { s.spec.loadBalancerSourceRanges = [v]; return `loadBalancerSourceRanges on ${s.spec.type}`; }),
  // S25 the load-balancer-source-ranges annotation
  oneOf('S25', ['LoadBalancer'], ['x', '10.0.0.0/33', '10.0.0.0/8,,', '10.0.0.0/8;192.168.0.0/16', ' 10.0.0.0/8 , 192.168.0.0/16 ', ''], (s, v) => {
    addAnnotation(s, LB_SOURCE_RANGES, v);
    return `annotation ${JSON.stringify(v)}`;
  }),
  oneOf('S25', ['ClusterIP', 'NodePort', 'ExternalName'], ['10.0.0.0/8', ''], (s, v) => {
    addAnnotation(s, LB_SOURCE_RANGES, v);
    return `annotation ${JSON.stringify(v)} on ${s.spec.type}`;
  }),
  // S18 load balancer class and node-port allocation
  oneOf('S18', ['LoadBalancer'], ['-x', 'a/b/c', 'Example.com/x', 'x/', ' example.com/x'], (s, v) => { s.spec.loadBalancerClass = v; }),
  oneOf('S18', ['ClusterIP', 'NodePort', 'ExternalName'], ['loadBalancerClass', 'allocateLoadBalancerNodePorts'], (s, v) => {
    s.spec[v] = v === 'loadBalancerClass' ? 'example.com/x' : false;
    return `${v} on ${s.spec.type}`;
  }),
  // S19 external traffic policy
  oneOf('S19', NODE, ['Node', 'local', ''], (s, v) => { s.spec.externalTrafficPolicy = v; }),
  oneOf('S19', ['ClusterIP', 'ExternalName'], ['Cluster', 'Local'], (s, v) => { s.spec.externalTrafficPolicy = v; return `externalTrafficPolicy ${v} on ${s.spec.type}`; }),
  oneOf('S19', ['ClusterIP'], ['Cluster', 'Local'], (s, v) => {
    unpin(s);
    s.spec.externalIPs = ['192.0.2.10'];
    s.spec.externalTrafficPolicy = v;
    return `externalTrafficPolicy ${v} on a ClusterIP with externalIPs`;
  }),
  // S20 health-check node port
  oneOf('S20', ['LoadBalancer'], ['Cluster', 'none'], (s, v, g) => {
    if (v === 'Cluster') s.spec.externalTrafficPolicy = 'Cluster'; else delete s.spec.externalTrafficPolicy;
    s.spec.healthCheckNodePort = g.nodePort();
    return `healthCheckNodePort with externalTrafficPolicy ${v}`;
  }),
  oneOf('S20', ['ClusterIP', 'NodePort'], ['Local'], (s, v, g) => {
    if (s.spec.type === 'NodePort') s.spec.externalTrafficPolicy = v;
    if (s.spec.clusterIP === 'None') unpin(s);
    s.spec.healthCheckNodePort = g.nodePort();
    return `healthCheckNodePort on ${s.spec.type}`;
  }),
  oneOf('S20', ['LoadBalancer'], [0, -1, 70000], (s, v) => { s.spec.externalTrafficPolicy = 'Local'; s.spec.healthCheckNodePort = v; }),
  // S21 internal traffic policy
  oneOf('S21', PROXIED, ['Node', 'cluster', ''], (s, v) => { s.spec.internalTrafficPolicy = v; }),
  oneOf('S21', ['ExternalName'], ['Cluster', 'Local'], (s, v) => { s.spec.internalTrafficPolicy = v; return `internalTrafficPolicy ${v} on ExternalName`; }),
  // S22 loadBalancerIP: written with a warning on a LoadBalancer; a field of LoadBalancer only
  oneOf('S22', ['LoadBalancer'], ['192.0.2.50', '2001:db8::50'], (s, v) => { s.spec.loadBalancerIP = v; }),
  oneOf('S22', ['LoadBalancer'], ['x', '192.0.2.300', ' 192.0.2.50'], (s, v) => { s.spec.loadBalancerIP = v; return `loadBalancerIP ${JSON.stringify(v)}`; }),
  oneOf('S22', ['ClusterIP', 'NodePort', 'ExternalName'], ['192.0.2.50'], (s, v) => { s.spec.loadBalancerIP = v; return `loadBalancerIP on ${s.spec.type}`; }),
  // S23 port 10250 (the kubelet's) on a LoadBalancer
  oneOf('S23', ['LoadBalancer'], [10250], (s, v) => { port0(s).port = v; }),
  // S26 traffic distribution
  oneOf('S26', PROXIED, ['preferclose', 'Nearest', 'PreferSameRegion', ' PreferClose'], (s, v) => { s.spec.trafficDistribution = v; }),
  oneOf('S26', ['ExternalName'], ['PreferClose'], (s, v) => { s.spec.trafficDistribution = v; return `trafficDistribution ${v} on ExternalName`; }),
  // A1 node-port range
  oneOf('A1', NODE, ['below', 'above', 8080, 80], (s, v, g) => {
    const p = v === 'below' ? g.nodePortMin - 1 : v === 'above' ? g.nodePortMax + 1 : v as number;
    port0(s).nodePort = p;
    return `nodePort ${p}`;
  }),
  oneOf('A1', ['LoadBalancer'], ['below', 'above'], (s, v, g) => {
    s.spec.externalTrafficPolicy = 'Local';
    s.spec.healthCheckNodePort = v === 'below' ? g.nodePortMin - 1 : g.nodePortMax + 1;
    return `healthCheckNodePort ${s.spec.healthCheckNodePort}`;
  }),
  // A2 a node port used by two Services of the case
  { rule: 'A2', types: NODE, apply: (g, services) => a2(g, services, g.r.pick(['same protocol', 'other protocol', 'health check', 'three Services'])) },
  // A3 pinned cluster IP outside the service CIDR
  oneOf('A3', PROXIED, ['10.250.0.5', '192.0.2.1', 'fd99::1', '10.2.0.1'], (s, v) => {
    unpin(s);
    s.spec.clusterIP = v;
    if (v.includes(':')) s.spec.ipFamilies = ['IPv6'];
  }),
  // A4 a node port in the dynamic band (a warning)
  oneOf('A4', NODE, ['dynamic'], (s, _, g) => {
    const p = port0(s);
    p.nodePort = g.nodePort(true);
    return `nodePort ${p.nodePort}`;
  }),
  // unknown keys: what a JavaScript typo or a Python dict (snake_case) sends
  oneOf('K1', PROXIED, ['nodeport', 'targetport', 'target_port', 'node_port', 'app_protocol', 'protocl'], (s, v, g) => {
    const p = port0(s);
    p[v] = v.includes('node') ? g.nodePort() : v.includes('target') ? 8080 : v.includes('app') ? 'http' : 'TCP';
    return `port key ${v}`;
  }),
];

/** A2: other Services of the case reuse a node port of the first one */
function a2(g: Gen, services: RawService[], how: string): string {
  const first = services[0];
  const p = port0(first);
  p.nodePort ??= g.nodePort();
  const second = validService(g, g.r.pick(['NodePort', 'LoadBalancer']), 1);
  const q = port0(second);
  if (how === 'health check') {
    second.spec.type = 'LoadBalancer';
    second.spec.externalTrafficPolicy = 'Local';
    second.spec.healthCheckNodePort = p.nodePort;
    delete second.spec.allocateLoadBalancerNodePorts;
  } else {
    q.nodePort = p.nodePort;
    q.protocol = how === 'other protocol' ? (p.protocol === 'UDP' ? 'TCP' : 'UDP') : p.protocol;
  }
  services.push(second);
  if (how === 'three Services') services.push(validService(g, 'NodePort', 2));
  return `${services.length} Services, node port ${p.nodePort} twice (${how})`;
}
