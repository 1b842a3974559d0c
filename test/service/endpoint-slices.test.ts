import { App, Chart, Testing } from 'cdk8s';
import { ClusterIpService, ClusterSettings, IpFamily, IpFamilyPolicy, NodePortService, Protocol, ServiceBackend, TargetPort } from '../../src';
import { synth, synthError } from '../util';

test('a Service for addresses outside the cluster: no selector, one EndpointSlice per family', () => {
  const manifests = synth(c => new ClusterIpService(c, 'db', {
    metadata: { name: 'db', namespace: 'shop' },
    backend: ServiceBackend.fromAddresses(['192.0.2.10', '2001:db8::10', '192.0.2.11']),
    ipFamilyPolicy: IpFamilyPolicy.PREFER_DUAL_STACK,
    ports: [
      { name: 'pg', port: 5432, targetPort: TargetPort.fromNumber(15432), appProtocol: 'postgresql' },
      { name: 'metrics', port: 9187, protocol: Protocol.TCP },
    ],
  }));
  expect(manifests).toMatchSnapshot();
  const [svc, v4, v6] = manifests;
  expect(svc.spec.selector).toBeUndefined();
  expect(v4).toMatchObject({
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name: 'db-ipv4', namespace: 'shop', labels: { 'kubernetes.io/service-name': 'db', 'endpointslice.kubernetes.io/managed-by': 'cdk8s-services' } },
    addressType: 'IPv4',
    endpoints: [{ addresses: ['192.0.2.10'] }, { addresses: ['192.0.2.11'] }],
    ports: [{ name: 'pg', protocol: 'TCP', port: 15432, appProtocol: 'postgresql' }, { name: 'metrics', protocol: 'TCP', port: 9187 }],
  });
  expect(v6).toMatchObject({ metadata: { name: 'db-ipv6' }, addressType: 'IPv6', endpoints: [{ addresses: ['2001:db8::10'] }] });
  // the slices' port names are the Service's
  expect(v4.ports.map((p: any) => p.name)).toEqual(svc.spec.ports.map((p: any) => p.name));
});

test('a single unnamed port is the unnamed endpoint port; ports added later are in the slice', () => {
  const [, slice] = synth(c => {
    const s = new NodePortService(c, 'db', { metadata: { name: 'db' }, backend: ServiceBackend.fromAddresses(['192.0.2.10']) });
    s.addPort({ port: 80 });
  });
  expect(slice.ports).toEqual([{ name: '', protocol: 'TCP', port: 80 }]);
});

test('E4: at most 1,000 endpoints per EndpointSlice: more are split over several', () => {
  const addresses = Array.from({ length: 2001 }, (_v, i) => `10.${Math.floor(i / 250)}.${i % 250}.1`);
  const out = synth(c => new ClusterIpService(c, 'many', { metadata: { name: 'many' }, backend: ServiceBackend.fromAddresses(addresses), ports: [{ port: 80 }] }));
  const slices = out.filter(o => o.kind === 'EndpointSlice');
  expect(slices.map(s => [s.metadata.name, s.endpoints.length])).toEqual([['many-ipv4', 1000], ['many-ipv4-1', 1000], ['many-ipv4-2', 1]]);
  expect(slices.flatMap(s => s.endpoints.map((e: any) => e.addresses[0]))).toEqual(addresses);
});

describe('E1: the addresses', () => {
  test.each([
    ['db.example.com', /E1 backend\.addresses\[0\]: got "db\.example\.com"; expected an IPv4 or IPv6 address/],
    ['127.0.0.1', /E1 backend\.addresses\[0\]: got "127\.0\.0\.1"; expected an address that is not loopback/],
    ['169.254.1.1', /E1 backend\.addresses\[0\]: got "169\.254\.1\.1"; expected an address that is not link-local unicast/],
    ['::', /E1 backend\.addresses\[0\]: got "::"; expected an address that is not unspecified/],
  ])('%p', (a, msg) => {
    expect(synthError(c => new ClusterIpService(c, 's', { metadata: { name: 's' }, backend: ServiceBackend.fromAddresses([a]), ports: [{ port: 80 }] }))).toMatch(msg);
  });

  test('addresses of a family the Service does not serve', () => {
    const make = (props: object) => synthError(c => new ClusterIpService(c, 's', {
      metadata: { name: 's' }, backend: ServiceBackend.fromAddresses(['192.0.2.1', '2001:db8::1']), ports: [{ port: 80 }], ...props,
    }));
    expect(make({})).toMatch(/E1 backend\.addresses: got \["192\.0\.2\.1","2001:db8::1"\]; expected addresses of one family, or a dual-stack Service/);
    expect(synthError(c => new ClusterIpService(c, 's', {
      metadata: { name: 's' }, backend: ServiceBackend.fromAddresses(['2001:db8::1']), ipFamilies: [IpFamily.IPV4], ports: [{ port: 80 }],
    }))).toMatch(/E1 backend\.addresses: got \["2001:db8::1"\]; expected addresses of the Service's family \(IPv4\): its IPv6 endpoints would never be used/);
  });

  test('none at all', () => {
    expect(() => ServiceBackend.fromAddresses([])).toThrow(/E1 addresses: got \[\]; expected at least one IP address/);
  });

  test('the same address twice', () => {
    expect(synthError(c => new ClusterIpService(c, 's', { metadata: { name: 's' }, backend: ServiceBackend.fromAddresses(['192.0.2.1', '192.0.2.1']), ports: [{ port: 80 }] })))
      .toMatch(/E1 backend\.addresses\[1\]: got "192\.0\.2\.1"; expected an address not listed before \(backend\.addresses\[0\] is the same address\)/);
  });

  test('a non-canonical IPv6 address: refused from 1.33 (strict IP validation of EndpointSlices), written as given before', () => {
    const make = (v: string) => {
      const app: App = Testing.app();
      ClusterSettings.configure(app, { kubernetesVersion: v });
      const c = new Chart(app, 'c');
      new ClusterIpService(c, 's', { metadata: { name: 's' }, backend: ServiceBackend.fromAddresses(['2001:DB8::1']), ports: [{ port: 80 }] });
      return Testing.synth(c);
    };
    expect(make('1.32')[1].endpoints).toEqual([{ addresses: ['2001:DB8::1'] }]);
    expect(() => make('1.33')).toThrow(/E1 backend\.addresses\[0\]: got "2001:DB8::1"; expected the canonical form "2001:db8::1": kube-apiserver 1\.33 accepts IPv6 endpoint addresses in canonical form only/);
  });
});

test('E2: a named target port cannot be resolved without pods', () => {
  expect(synthError(c => new ClusterIpService(c, 's', {
    metadata: { name: 's' }, backend: ServiceBackend.fromAddresses(['192.0.2.1']), ports: [{ port: 80, targetPort: TargetPort.fromName('http') }],
  }))).toMatch(/E2 spec\.ports\[0\]\.targetPort: got "http"; expected a port number: the backend is a list of addresses/);
});

test('E3: no selector with an address backend', () => {
  expect(synthError(c => new ClusterIpService(c, 's', {
    metadata: { name: 's' }, backend: ServiceBackend.fromAddresses(['192.0.2.1']), selector: { app: 'db' }, ports: [{ port: 80 }],
  }))).toMatch(/E3 spec\.selector: got \{"app":"db"\}; expected no selector with an address backend/);
  expect(synthError(c => new ClusterIpService(c, 's', {
    metadata: { name: 's' }, backend: ServiceBackend.fromAddresses(['192.0.2.1']), ports: [{ port: 80 }],
  }).addSelector('app', 'db'))).toMatch(/E3 spec\.selector\["app"\]: got "db"; expected no selector with an address backend/);
});
