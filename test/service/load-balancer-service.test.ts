import * as plus from 'cdk8s-plus-28';
import { ExternalTrafficPolicy, LoadBalancerService, NodePortService, ServiceBackend, TargetPort } from '../../src';
import { synth, synthError } from '../util';

test('a LoadBalancer Service with every field it allows (snapshot)', () => {
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  const manifests = synth(c => new LoadBalancerService(c, 'svc', {
    metadata: { name: 'web' },
    selector: { app: 'web' },
    externalTrafficPolicy: ExternalTrafficPolicy.LOCAL,
    healthCheckNodePort: 30010,
    loadBalancerClass: 'example.com/internal-vip',
    loadBalancerSourceRanges: ['203.0.113.0/24', '2001:db8::/32'],
    allocateLoadBalancerNodePorts: false,
    loadBalancerIp: '192.0.2.10',
    ports: [{ name: 'https', port: 443, targetPort: TargetPort.fromNumber(8443), nodePort: 30443 }],
  }));
  warn.mockRestore();
  expect(manifests).toMatchSnapshot();
  expect(manifests[0].spec).toMatchObject({ type: 'LoadBalancer', healthCheckNodePort: 30010, allocateLoadBalancerNodePorts: false });
});

test('the article\'s LoadBalancer Service', () => {
  const [svc] = synth(c => new LoadBalancerService(c, 'svc', {
    metadata: { name: 'k8sdemo-service' }, selector: { name: 'k8sdemo' }, ports: [{ port: 80, targetPort: TargetPort.fromNumber(80) }],
  }));
  expect(svc.spec).toEqual({ type: 'LoadBalancer', selector: { name: 'k8sdemo' }, ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }] });
});

test('fails S3: a headless LoadBalancer Service', () => {
  expect(synthError(c => new LoadBalancerService(c, 'svc', { metadata: { name: 'web' }, clusterIp: 'None', ports: [{ port: 80 }] })))
    .toMatch(/S3 spec\.clusterIP: got "None"; expected a cluster IP or nothing: a LoadBalancer Service cannot be headless/);
});

test('fails S17: a source range that is not a CIDR', () => {
  expect(synthError(c => new LoadBalancerService(c, 'svc', { metadata: { name: 'web' }, loadBalancerSourceRanges: ['10.0.0.0/33'], ports: [{ port: 80 }] })))
    .toMatch(/\[test\/svc\] S17 spec\.loadBalancerSourceRanges\[0\]: got "10\.0\.0\.0\/33"; expected a CIDR/);
});

test('fails S18: loadBalancerClass is not a qualified name', () => {
  expect(synthError(c => new LoadBalancerService(c, 'svc', { metadata: { name: 'web' }, loadBalancerClass: '-bad/', ports: [{ port: 80 }] })))
    .toMatch(/S18 spec\.loadBalancerClass: got "-bad\/"; expected a qualified name/);
});

test('fails S20: healthCheckNodePort without externalTrafficPolicy Local', () => {
  expect(synthError(c => new LoadBalancerService(c, 'svc', { metadata: { name: 'web' }, healthCheckNodePort: 30010, ports: [{ port: 80 }] })))
    .toMatch(/S20 spec\.healthCheckNodePort: got 30010; expected no healthCheckNodePort unless externalTrafficPolicy is Local/);
});

test('fails S20: healthCheckNodePort is not a port', () => {
  expect(synthError(c => new LoadBalancerService(c, 'svc', {
    metadata: { name: 'web' }, externalTrafficPolicy: ExternalTrafficPolicy.LOCAL, healthCheckNodePort: 70000, ports: [{ port: 80 }],
  }))).toMatch(/S20 spec\.healthCheckNodePort: got 70000; expected an integer from 1 to 65535/);
});

test('fails A1: healthCheckNodePort outside the node-port range', () => {
  expect(synthError(c => new LoadBalancerService(c, 'svc', {
    metadata: { name: 'web' }, externalTrafficPolicy: ExternalTrafficPolicy.LOCAL, healthCheckNodePort: 10256, ports: [{ port: 80 }],
  }))).toMatch(/A1 spec\.healthCheckNodePort: got 10256; expected a port in the cluster's node-port range 30000-32767/);
});

test('S22: loadBalancerIP is written but warns that it is deprecated', () => {
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  const [svc] = synth(c => new LoadBalancerService(c, 'svc', { metadata: { name: 'web' }, loadBalancerIp: '192.0.2.1', ports: [{ port: 80 }] }));
  expect(svc.spec.loadBalancerIP).toBe('192.0.2.1');
  expect(warn).toHaveBeenCalledWith(expect.stringMatching(/warning: \[test\/svc\] S22 spec\.loadBalancerIP is deprecated since Kubernetes 1\.24/));
  warn.mockRestore();
});

test('fails S23: a LoadBalancer exposing the kubelet port 10250', () => {
  expect(synthError(c => new LoadBalancerService(c, 'svc', { metadata: { name: 'web' }, ports: [{ port: 10250 }] })))
    .toMatch(/S23 spec\.ports\[0\]\.port: got 10250; expected a port other than 10250/);
});

describe('backends', () => {
  test('a cdk8s-plus-28 StatefulSet', () => {
    const manifests = synth(c => {
      const s = new plus.StatefulSet(c, 'db', { containers: [{ image: 'postgres', ports: [{ number: 5432, name: 'pg' }] }] });
      new LoadBalancerService(c, 'svc', { metadata: { name: 'db' }, backend: ServiceBackend.fromWorkload(s), ports: [{ port: 5432, targetPort: TargetPort.fromName('pg') }] });
    });
    const s = manifests.find(m => m.kind === 'StatefulSet');
    expect(manifests.find(m => m.kind === 'Service' && m.spec.type === 'LoadBalancer').spec.selector).toEqual(s.spec.selector.matchLabels);
  });

  test('a cdk8s-plus-28 Deployment', () => {
    const manifests = synth(c => {
      const d = new plus.Deployment(c, 'web', { containers: [{ image: 'nginx', ports: [{ number: 80, name: 'http' }] }] });
      new LoadBalancerService(c, 'svc', { metadata: { name: 'web' }, backend: ServiceBackend.fromWorkload(d), ports: [{ port: 80, targetPort: TargetPort.fromName('http') }] });
    });
    const d = manifests.find(m => m.kind === 'Deployment');
    expect(manifests.find(m => m.kind === 'Service').spec.selector).toEqual(d.spec.selector.matchLabels);
  });
});

test('fails S3: clusterIPs None on a LoadBalancer (found by the differential test)', () => {
  expect(synthError(c => new LoadBalancerService(c, 'svc', { metadata: { name: 'web' }, clusterIps: ['None'], ports: [{ port: 80 }] })))
    .toMatch(/S3 spec\.clusterIP: got "None"; expected a cluster IP or nothing: a LoadBalancer Service cannot be headless/);
});

test('fails S22: loadBalancerIP on a Service that is not a LoadBalancer', () => {
  expect(synthError(c => new NodePortService(c, 'svc', { metadata: { name: 'web' }, loadBalancerIp: '192.0.2.1', ports: [{ port: 80 }] } as any)))
    .toMatch(/\[test\/svc\] S22 spec\.loadBalancerIP: got "192\.0\.2\.1"; expected no loadBalancerIP unless the Service is a LoadBalancer/);
});
