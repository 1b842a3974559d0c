import { App, Chart, Testing } from 'cdk8s';
import {
  ClusterIpService, ClusterSettings, ExternalTrafficPolicy, LoadBalancerService, NodePortService, TrafficDistribution,
} from '../../src';

/** A chart of an app configured for a Kubernetes release. */
function chartFor(version?: string, extra: { serviceClusterIpRanges?: string[] } = {}): Chart {
  const app: App = Testing.app();
  ClusterSettings.configure(app, { kubernetesVersion: version, ...extra });
  return new Chart(app, 'c');
}

function errorOf(build: () => void): string {
  try {
    build();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected an error');
}

describe('V1: the cluster\'s Kubernetes release', () => {
  test.each(['1.28', '1.35', 'v1.31', '1.31.4'])('accepts %p', (v) => {
    const app = Testing.app();
    ClusterSettings.configure(app, { kubernetesVersion: v });
    expect(ClusterSettings.kubernetesVersionOf(app)).toBe(v.replace(/^v/, '').split('.').slice(0, 2).join('.'));
  });

  test('1.28 by default', () => {
    expect(ClusterSettings.kubernetesVersionOf(Testing.app())).toBe('1.28');
  });

  test.each(['1.27', '1.36', '2.0', '1.3', 'latest', '', '1.28.x'])('refuses %p', (v) => {
    expect(() => ClusterSettings.configure(Testing.app(), { kubernetesVersion: v }))
      .toThrow(/\[App\] V1 kubernetesVersion: got ".*"; expected a Kubernetes release from 1\.28 to 1\.35/);
  });
});

describe('S19: externalTrafficPolicy on a ClusterIP Service with external IPs', () => {
  const props = { metadata: { name: 's' }, externalIps: ['192.0.2.1'], externalTrafficPolicy: ExternalTrafficPolicy.LOCAL, ports: [{ port: 80 }] };

  test('refused on 1.28', () => {
    expect(errorOf(() => new ClusterIpService(chartFor('1.28'), 's', props)))
      .toMatch(/S19 spec\.externalTrafficPolicy: got "Local"; expected no externalTrafficPolicy on a ClusterIP Service on Kubernetes 1\.28 \(allowed with externalIPs from 1\.29/);
  });

  test('written on 1.29', () => {
    const c = chartFor('1.29');
    new ClusterIpService(c, 's', props);
    expect(Testing.synth(c)[0].spec).toMatchObject({ type: 'ClusterIP', externalIPs: ['192.0.2.1'], externalTrafficPolicy: 'Local' });
  });

  test('refused without external IPs on any release', () => {
    expect(errorOf(() => new ClusterIpService(chartFor('1.35'), 's', { ...props, externalIps: undefined })))
      .toMatch(/S19 spec\.externalTrafficPolicy: got "Local"; expected no externalTrafficPolicy on a ClusterIP Service without externalIPs/);
  });
});

describe('S23: port 10250 on a LoadBalancer', () => {
  test.each(['1.28', '1.32'])('refused on %s', (v) => {
    expect(errorOf(() => new LoadBalancerService(chartFor(v), 's', { metadata: { name: 's' }, ports: [{ port: 10250 }] })))
      .toMatch(new RegExp(`S23 spec\\.ports\\[0\\]\\.port: got 10250; expected a port other than 10250: kube-apiserver ${v.replace('.', '\\.')} refuses`));
  });

  test.each(['1.33', '1.35'])('allowed on %s', (v) => {
    const c = chartFor(v);
    new LoadBalancerService(c, 's', { metadata: { name: 's' }, ports: [{ port: 10250 }] });
    expect(Testing.synth(c)[0].spec.ports[0].port).toBe(10250);
  });
});

describe('S26: trafficDistribution', () => {
  const make = (v: string, td: TrafficDistribution) => {
    const c = chartFor(v);
    new NodePortService(c, 's', { metadata: { name: 's' }, ports: [{ port: 80 }], trafficDistribution: td });
    return Testing.synth(c)[0].spec.trafficDistribution;
  };

  test.each(['1.28', '1.29', '1.30'])('no such field on %s', (v) => {
    expect(errorOf(() => make(v, TrafficDistribution.PREFER_CLOSE)))
      .toMatch(/S26 spec\.trafficDistribution: got "PreferClose"; expected no trafficDistribution on Kubernetes 1\.[0-9]+: the field exists from 1\.31 \(1\.30 drops it/);
  });

  test('PreferClose from 1.31', () => {
    expect(make('1.31', TrafficDistribution.PREFER_CLOSE)).toBe('PreferClose');
  });

  test.each([TrafficDistribution.PREFER_SAME_ZONE, TrafficDistribution.PREFER_SAME_NODE])('%s refused on 1.33, written on 1.34', (td) => {
    expect(errorOf(() => make('1.33', td))).toMatch(new RegExp(`S26 spec\\.trafficDistribution: got "${td}"; expected PreferClose on Kubernetes 1\\.33 \\(${td} needs 1\\.34\\)`));
    expect(make('1.34', td)).toBe(td);
  });

  test('a value that is none of them', () => {
    expect(errorOf(() => make('1.35', 'PreferNearby' as TrafficDistribution)))
      .toMatch(/S26 spec\.trafficDistribution: got "PreferNearby"; expected PreferClose, PreferSameZone, PreferSameNode on Kubernetes 1\.35/);
  });
});

describe('A3: addresses the cluster IP allocator never hands out', () => {
  const ranges = { serviceClusterIpRanges: ['10.1.0.0/16', 'fd00:10:1::/64'] };
  const pin = (v: string, clusterIp: string, clusterIps?: string[]) =>
    errorOf(() => new ClusterIpService(chartFor(v, ranges), 's', {
      metadata: { name: 's' }, clusterIp, clusterIps, ipFamilyPolicy: clusterIps ? 'PreferDualStack' as any : undefined, ports: [{ port: 80 }],
    }));

  test.each(['1.28', '1.35'])('the IPv4 network and broadcast addresses (%s)', (v) => {
    expect(pin(v, '10.1.0.0')).toMatch(/A3 spec\.clusterIP: got "10\.1\.0\.0"; expected an address the cluster can allocate, not the network address of 10\.1\.0\.0\/16/);
    expect(pin(v, '10.1.255.255')).toMatch(/A3 spec\.clusterIP: got "10\.1\.255\.255"; expected an address the cluster can allocate, not the broadcast address of 10\.1\.0\.0\/16/);
  });

  test('the IPv6 network address, also as the second of clusterIPs', () => {
    expect(pin('1.35', 'fd00:10:1::')).toMatch(/A3 spec\.clusterIP: got "fd00:10:1::"; expected an address the cluster can allocate, not the network address of fd00:10:1::\/64/);
    expect(pin('1.35', '10.1.0.10', ['10.1.0.10', 'fd00:10:1::'])).toMatch(/A3 spec\.clusterIPs\[1\]: got "fd00:10:1::"; expected an address the cluster can allocate/);
  });

  test('IPv6 beyond the first 65535 addresses: refused before 1.33 (bitmap allocator), allocated from 1.33', () => {
    expect(pin('1.32', 'fd00:10:1::1:0')).toMatch(/A3 spec\.clusterIP: got "fd00:10:1::1:0"; expected an address the cluster can allocate, one of the first 65535 addresses of fd00:10:1::\/64/);
    const c = chartFor('1.33', ranges);
    new ClusterIpService(c, 's', { metadata: { name: 's' }, clusterIp: 'fd00:10:1::1:0', ports: [{ port: 80 }] });
    new ClusterIpService(c, 't', { metadata: { name: 't' }, clusterIp: 'fd00:10:1::ffff', ports: [{ port: 80 }] });
    expect(Testing.synth(c).map(o => o.spec.clusterIP)).toEqual(['fd00:10:1::1:0', 'fd00:10:1::ffff']);
  });

  test('the IPv6 broadcast address is allocatable (the allocators exclude it for IPv4 only)', () => {
    const c = chartFor('1.35', { serviceClusterIpRanges: ['fd00:10:1::/112'] });
    new ClusterIpService(c, 's', { metadata: { name: 's' }, clusterIp: 'fd00:10:1::ffff', ports: [{ port: 80 }] });
    expect(Testing.synth(c)[0].spec.clusterIP).toBe('fd00:10:1::ffff');
  });
});

describe('S12: clusterIPs without clusterIP', () => {
  test('refused, as kube-apiserver refuses it', () => {
    expect(errorOf(() => new ClusterIpService(chartFor(), 's', { metadata: { name: 's' }, clusterIps: ['10.0.0.10'], ports: [{ port: 80 }] })))
      .toMatch(/S12 spec\.clusterIPs: got \["10\.0\.0\.10"\]; expected no clusterIPs unless clusterIP is set too \(kube-apiserver refuses them alone\): add clusterIp: "10\.0\.0\.10"/);
  });

  test('with clusterIP, written as given', () => {
    const c = chartFor();
    new ClusterIpService(c, 's', { metadata: { name: 's' }, clusterIp: '10.0.0.10', clusterIps: ['10.0.0.10'], ports: [{ port: 80 }] });
    expect(Testing.synth(c)[0].spec).toMatchObject({ clusterIP: '10.0.0.10', clusterIPs: ['10.0.0.10'] });
  });
});

describe('IP forms kube-apiserver 1.33+ warns about', () => {
  let warnings: string[];
  beforeEach(() => {
    warnings = [];
    jest.spyOn(console, 'warn').mockImplementation((m: string) => { warnings.push(m); });
  });
  afterEach(() => jest.restoreAllMocks());

  test('a non-canonical IPv6 cluster IP and an IPv4-mapped external IP warn on 1.33, not on 1.32', () => {
    for (const v of ['1.32', '1.33']) {
      const c = chartFor(v);
      new ClusterIpService(c, 's', { metadata: { name: 's' }, clusterIp: 'fd00:10:1:0::7', externalIps: ['::ffff:192.0.2.1'], ports: [{ port: 80 }] });
      Testing.synth(c);
    }
    expect(warnings).toEqual([
      'warning: [c/s] S14 spec.externalIPs[0] "::ffff:192.0.2.1" is not in the standard form "192.0.2.1"; kube-apiserver 1.33 warns about it',
      'warning: [c/s] S12 spec.clusterIPs[0] "fd00:10:1:0::7" is not in the standard form "fd00:10:1::7"; kube-apiserver 1.33 warns about it',
    ]);
  });
});
