import { Chart, Testing } from 'cdk8s';
import { ClusterIpService, ClusterSettings, ExternalNameService, IpFamily, IpFamilyPolicy, NodePortService } from '../../src';

test('the default node-port range', () => {
  const s = ClusterSettings._of(new Chart(Testing.app(), 'c'));
  expect(s).toMatchObject({ nodePortMin: 30000, nodePortMax: 32767, nodePortStaticBandEnd: 30086 });
});

test('the static band follows kube-apiserver: min(max(16, size/32), 128)', () => {
  const app = Testing.app();
  ClusterSettings.configure(app, { serviceNodePortRange: '30000-30009' });
  expect(ClusterSettings._of(app).nodePortStaticBandEnd).toBe(30000);
  ClusterSettings.configure(app, { serviceNodePortRange: '30000-30099' });
  expect(ClusterSettings._of(app).nodePortStaticBandEnd).toBe(30016);
  ClusterSettings.configure(app, { serviceNodePortRange: '1-65535' });
  expect(ClusterSettings._of(app).nodePortStaticBandEnd).toBe(129);
  ClusterSettings.configure(app, { serviceNodePortRange: '31000' });
  expect(ClusterSettings.nodePortRangeOf(app)).toBe('31000-31000');
});

test.each(['abc', '32767-30000', '0-100', '30000-70000', '30000-'])('fails A1: node-port range %p', (range) => {
  expect(() => ClusterSettings.configure(Testing.app(), { serviceNodePortRange: range })).toThrow(/A1 serviceNodePortRange: got .*; expected a port range "min-max"/);
});

test('fails A3: a pinned cluster IP outside the service CIDR', () => {
  const app = Testing.app();
  ClusterSettings.configure(app, { serviceClusterIpRanges: ['10.1.0.0/16', 'fd00:1::/108'] });
  const c = new Chart(app, 'c');
  new ClusterIpService(c, 'in', { metadata: { name: 'in' }, clusterIp: '10.1.19.92', ports: [{ port: 80 }] });
  expect(() => new ClusterIpService(c, 'out', { metadata: { name: 'out' }, clusterIp: '10.2.0.1', ports: [{ port: 80 }] }))
    .toThrow(/\[c\/out\] A3 spec\.clusterIP: got "10\.2\.0\.1"; expected an address in the service CIDR \(10\.1\.0\.0\/16, fd00:1::\/108\)/);
});

test('fails A3: a service CIDR that is not a CIDR', () => {
  expect(() => ClusterSettings.configure(Testing.app(), { serviceClusterIpRanges: ['10.1.0.0'] })).toThrow(/A3 serviceClusterIpRanges\[0\]: got "10\.1\.0\.0"/);
});

test('fails A3: a family or dual-stack policy a single-stack cluster does not have', () => {
  const app = Testing.app();
  ClusterSettings.configure(app, { serviceClusterIpRanges: ['10.1.0.0/16'] });
  const c = new Chart(app, 'c');
  expect(() => new ClusterIpService(c, 'v6', { metadata: { name: 'v6' }, ipFamilies: [IpFamily.IPV6], ports: [{ port: 80 }] }))
    .toThrow(/A3 spec\.ipFamilies\[0\]: got "IPv6"; expected a family the cluster has a service CIDR for \(10\.1\.0\.0\/16\)/);
  expect(() => new ClusterIpService(c, 'ds', { metadata: { name: 'ds' }, ipFamilyPolicy: IpFamilyPolicy.REQUIRE_DUAL_STACK, ports: [{ port: 80 }] }))
    .toThrow(/A3 spec\.ipFamilyPolicy: got "RequireDualStack"; expected SingleStack or PreferDualStack: the cluster is single-stack/);
  expect(() => new ClusterIpService(c, 'pref', { metadata: { name: 'pref' }, ipFamilyPolicy: IpFamilyPolicy.PREFER_DUAL_STACK, ports: [{ port: 80 }] })).not.toThrow();
});

describe('configuration after the fact', () => {
  test('fails when a Service already exists below the scope, naming it; nothing changes', () => {
    const app = Testing.app();
    const c = new Chart(app, 'c');
    new ClusterIpService(c, 'web', { metadata: { name: 'web' }, ports: [{ port: 80 }] });
    expect(() => ClusterSettings.configure(app, { serviceNodePortRange: '31000-31100' }))
      .toThrow('[App] ClusterSettings.configure: got a call after the Service c/web was created below App; expected the cluster settings to be configured before the first Service below the scope');
    expect(() => ClusterSettings.configure(c, { serviceClusterIpRanges: ['10.1.0.0/16'] })).toThrow(/^\[c\] ClusterSettings\.configure: got a call after the Service c\/web/);
    expect(ClusterSettings.nodePortRangeOf(c)).toBe('30000-32767');
    expect(ClusterSettings._of(c).serviceCidrs).toBeUndefined();
  });

  test('every Service type counts; Services of other scopes do not', () => {
    const app = Testing.app();
    const a = new Chart(app, 'a');
    const b = new Chart(app, 'b');
    new ExternalNameService(a, 'db', { metadata: { name: 'db' }, externalName: 'db.example.com' });
    expect(() => ClusterSettings.configure(a, { serviceNodePortRange: '31000-31100' })).toThrow(/a\/db/);
    ClusterSettings.configure(b, { serviceNodePortRange: '31000-31100' });
    new NodePortService(b, 'web', { metadata: { name: 'web' }, ports: [{ port: 80, nodePort: 31000 }] });
    expect(Testing.synth(b)[0].spec.ports[0].nodePort).toBe(31000);
  });

  test('configuring again before any Service is allowed', () => {
    const app = Testing.app();
    ClusterSettings.configure(app, { serviceNodePortRange: '31000-31100' });
    ClusterSettings.configure(app, { serviceNodePortRange: '32000-32100' });
    expect(ClusterSettings.nodePortRangeOf(app)).toBe('32000-32100');
  });
});
