import { ClusterIpService, ExternalNameService, LoadBalancerService, NodePortService } from '../../src';
import { synth, synthError } from '../util';

const SOURCE_RANGES = 'service.beta.kubernetes.io/load-balancer-source-ranges';

describe('S24: metadata.generateName', () => {
  test.each(['web-', 'web', 'a-', 'w'.repeat(63), 'w'.repeat(63) + '-', 'x1--'])('accepts %p, even with a name set', (g) => {
    const [svc] = synth(c => new ClusterIpService(c, 's', { metadata: { name: 's' }, generateName: g, ports: [{ port: 80 }] }));
    expect(svc.metadata).toEqual({ name: 's', generateName: g });
  });

  test.each(['Web-', '1web-', '-', 'web_', 'w'.repeat(64), 'w'.repeat(64) + '-', 'web.-x'])('refuses %p', (g) => {
    expect(synthError(c => new ClusterIpService(c, 's', { metadata: { name: 's' }, generateName: g, ports: [{ port: 80 }] })))
      .toMatch(/\[test\/s\] S24 metadata\.generateName: got ".*"; expected a DNS-1035 prefix: a DNS-1035 label/);
  });

  test('read from metadata too (where the server reads it)', () => {
    expect(synthError(c => new NodePortService(c, 's', { metadata: { name: 's', generateName: 'Web-' }, ports: [{ port: 80 }] })))
      .toMatch(/S24 metadata\.generateName: got "Web-"/);
    const [svc] = synth(c => new NodePortService(c, 's', { metadata: { name: 's', generateName: 'web-' }, ports: [{ port: 80 }] }));
    expect(svc.metadata.generateName).toBe('web-');
  });

  test('the server\'s mask of a trailing "-" replaces the last two characters: "9-" passes, "9a-" does not', () => {
    expect(synth(c => new ClusterIpService(c, 's', { metadata: { name: 's' }, generateName: '9-', ports: [{ port: 80 }] }))[0].metadata.generateName).toBe('9-');
    expect(synthError(c => new ClusterIpService(c, 's', { metadata: { name: 's' }, generateName: '9a-', ports: [{ port: 80 }] }))).toMatch(/S24 /);
  });

  test('two different values are refused', () => {
    expect(synthError(c => new ClusterIpService(c, 's', { metadata: { name: 's', generateName: 'a-' }, generateName: 'b-', ports: [{ port: 80 }] })))
      .toMatch(/S24 metadata\.generateName: got "b-"; expected one generateName: metadata\.generateName says "a-"/);
  });

  test('on an ExternalName Service as well', () => {
    expect(synthError(c => new ExternalNameService(c, 's', { metadata: { name: 's' }, generateName: '9a-', externalName: 'example.com' })))
      .toMatch(/S24 metadata\.generateName: got "9a-"/);
  });
});

describe('S25: the load-balancer-source-ranges annotation', () => {
  const lb = (value: string, extra: object = {}) => synth(c => new LoadBalancerService(c, 's', {
    metadata: { name: 's', annotations: { [SOURCE_RANGES]: value } }, ports: [{ port: 80 }], ...extra,
  }));

  test.each(['', '  ', '10.0.0.0/24', ' 10.0.0.0/24 , 192.168.2.0/24\t', 'fd00::/64,10.0.0.0/8'])('accepted on a LoadBalancer: %p', (v) => {
    expect(lb(v)[0].metadata.annotations[SOURCE_RANGES]).toBe(v);
  });

  test.each(['10.0.0.0', '10.0.0.0/24,', '10.0.0.0/33', 'any'])('refused on a LoadBalancer: %p', (v) => {
    expect(synthError(c => new LoadBalancerService(c, 's', { metadata: { name: 's', annotations: { [SOURCE_RANGES]: v } }, ports: [{ port: 80 }] })))
      .toMatch(/S25 metadata\.annotations\["service\.beta\.kubernetes\.io\/load-balancer-source-ranges"\]: got ".*"; expected a comma-separated list of CIDRs/);
  });

  test('ignored, as the server ignores it, when spec.loadBalancerSourceRanges is set', () => {
    expect(lb('bogus', { loadBalancerSourceRanges: ['10.0.0.0/8'] })[0].spec.loadBalancerSourceRanges).toEqual(['10.0.0.0/8']);
  });

  test.each([
    ['ClusterIP', ClusterIpService, {}],
    ['NodePort', NodePortService, {}],
    ['ExternalName', ExternalNameService, { externalName: 'example.com' }],
  ] as const)('even empty, refused on a %s Service', (_type, Type, extra) => {
    const ports = _type === 'ExternalName' ? {} : { ports: [{ port: 80 }] };
    expect(synthError(c => new (Type as any)(c, 's', { metadata: { name: 's', annotations: { [SOURCE_RANGES]: '' } }, ...ports, ...extra })))
      .toMatch(/S25 metadata\.annotations\["service\.beta\.kubernetes\.io\/load-balancer-source-ranges"\]: got ""; expected no load-balancer-source-ranges annotation \(not even an empty one\) unless the Service is a LoadBalancer/);
  });

  test('added after construction, still checked', () => {
    expect(synthError(c => {
      const s = new ClusterIpService(c, 's', { metadata: { name: 's' }, ports: [{ port: 80 }] });
      s.metadata.addAnnotation(SOURCE_RANGES, '10.0.0.0/8');
    })).toMatch(/S25 /);
  });
});

describe('S17: loadBalancerSourceRanges entries are trimmed of white space, as kube-apiserver does', () => {
  test.each(['1.2.3.0/24  ', ' 1.2.3.0/24', '\t1.2.3.0/24\n', '\u00a01.2.3.0/24\u0085'])('accepts %p, written as given', (r) => {
    const [svc] = synth(c => new LoadBalancerService(c, 's', { metadata: { name: 's' }, ports: [{ port: 80 }], loadBalancerSourceRanges: [r] }));
    expect(svc.spec.loadBalancerSourceRanges).toEqual([r]);
  });

  test.each(['\ufeff1.2.3.0/24', '1.2.3.0 /24', '  '])('refuses %p (Go\'s TrimSpace keeps U+FEFF and inner spaces)', (r) => {
    expect(synthError(c => new LoadBalancerService(c, 's', { metadata: { name: 's' }, ports: [{ port: 80 }], loadBalancerSourceRanges: [r] })))
      .toMatch(/S17 spec\.loadBalancerSourceRanges\[0\]: got ".*"; expected a CIDR such as 203\.0\.113\.0\/24 \(white space around it is allowed\)/);
  });
});

describe('S4: the props of proxied Services fail on an ExternalName Service', () => {
  test.each([
    ['sessionAffinity', { mode: 'ClientIP' }, 'spec.sessionAffinity'],
    ['internalTrafficPolicy', 'Local', 'spec.internalTrafficPolicy'],
    ['externalIps', ['192.0.2.1'], 'spec.externalIPs'],
    ['publishNotReadyAddresses', true, 'spec.publishNotReadyAddresses'],
    ['trafficDistribution', 'PreferClose', 'spec.trafficDistribution'],
  ])('%s', (key, value, field) => {
    expect(synthError(c => new ExternalNameService(c, 's', { metadata: { name: 's' }, externalName: 'example.com', [key]: value } as any)))
      .toMatch(new RegExp(`S4 ${field.replace('.', '\\.')}: got .*; expected no ${key === 'externalIps' ? 'externalIPs' : key} on an ExternalName Service`));
  });
});
