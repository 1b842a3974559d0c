import { Duration } from 'cdk8s';
import * as plus from 'cdk8s-plus-28';
import {
  ClusterIpService, InternalTrafficPolicy, IpFamily, IpFamilyPolicy, Protocol, ServiceBackend, ServiceType,
  SessionAffinity, TargetPort,
} from '../../src';
import { synth, synthError } from '../util';

test('a ClusterIP Service with every field it allows (snapshot)', () => {
  const manifests = synth(c => new ClusterIpService(c, 'svc', {
    metadata: { name: 'api', namespace: 'shop', labels: { app: 'api' }, annotations: { 'example.com/owner': 'team-a' } },
    selector: { app: 'api' },
    clusterIp: '10.96.0.50',
    clusterIps: ['10.96.0.50', 'fd00:10:96::50'],
    ipFamilies: [IpFamily.IPV4, IpFamily.IPV6],
    ipFamilyPolicy: IpFamilyPolicy.PREFER_DUAL_STACK,
    externalIps: ['198.51.100.7'],
    internalTrafficPolicy: InternalTrafficPolicy.LOCAL,
    sessionAffinity: SessionAffinity.clientIp(Duration.minutes(30)),
    publishNotReadyAddresses: true,
    ports: [
      { name: 'http', port: 80, targetPort: TargetPort.fromName('http'), appProtocol: 'http' },
      { name: 'grpc', port: 9090, protocol: Protocol.TCP, targetPort: TargetPort.fromNumber(9091), appProtocol: 'kubernetes.io/h2c' },
    ],
  }));
  expect(manifests).toMatchSnapshot();
  expect(manifests[0].spec.type).toBe('ClusterIP');
});

test('the article\'s ClusterIP Service', () => {
  const [svc] = synth(c => new ClusterIpService(c, 'svc', {
    metadata: { name: 'k8sdemo-service' },
    selector: { name: 'k8sdemo' },
    clusterIp: '10.1.19.92',
    ports: [{ port: 80, targetPort: TargetPort.fromNumber(80) }],
  }));
  expect(svc).toEqual({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'k8sdemo-service' },
    spec: {
      type: 'ClusterIP',
      clusterIP: '10.1.19.92',
      selector: { name: 'k8sdemo' },
      ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }],
    },
  });
});

test('a headless Service may have no ports (S2)', () => {
  const [svc] = synth(c => {
    const s = new ClusterIpService(c, 'svc', { metadata: { name: 'db' }, headless: true, selector: { app: 'db' } });
    expect(s.headless).toBe(true);
    expect(s.serviceType).toBe(ServiceType.CLUSTER_IP);
  });
  expect(svc.spec).toEqual({ type: 'ClusterIP', clusterIP: 'None', selector: { app: 'db' } });
});

test('clusterIp "None" means headless', () => {
  const [svc] = synth(c => new ClusterIpService(c, 'svc', { metadata: { name: 'db' }, clusterIp: 'None' }));
  expect(svc.spec.clusterIP).toBe('None');
});

test('fails S2: a ClusterIP Service without ports', () => {
  expect(synthError(c => new ClusterIpService(c, 'svc', { metadata: { name: 'web' }, selector: { app: 'web' } })))
    .toMatch(/\[test\/svc\] S2 spec\.ports: got \[\]; expected at least one port \(only a headless ClusterIP Service may have none\)/);
});

test('fails S12: headless with a pinned cluster IP', () => {
  expect(synthError(c => new ClusterIpService(c, 'svc', { metadata: { name: 'db' }, headless: true, clusterIp: '10.0.0.1' })))
    .toMatch(/S12 spec\.clusterIP: got "10\.0\.0\.1"; expected no pinned cluster IP on a headless Service/);
});

test('fails S15: a nodePort on a ClusterIP Service', () => {
  // The type has no nodePort; a JavaScript caller can still pass one.
  const port = { port: 80, nodePort: 30080 } as any;
  expect(synthError(c => new ClusterIpService(c, 'svc', { metadata: { name: 'web' }, ports: [port] })))
    .toMatch(/S15 spec\.ports\[0\]\.nodePort: got 30080; expected no nodePort on a ClusterIP Service \(use NodePortService or LoadBalancerService\)/);
});

describe('backends', () => {
  test('a cdk8s-plus-28 Deployment as backend', () => {
    const manifests = synth(c => {
      const deployment = new plus.Deployment(c, 'web', {
        containers: [{ image: 'nginx', ports: [{ number: 8080, name: 'http' }] }],
      });
      new ClusterIpService(c, 'svc', {
        metadata: { name: 'web' },
        backend: ServiceBackend.fromWorkload(deployment),
        ports: [{ port: 80, targetPort: TargetPort.fromName('http') }],
      });
    });
    const deployment = manifests.find(m => m.kind === 'Deployment');
    const svc = manifests.find(m => m.kind === 'Service');
    expect(svc.spec.selector).toEqual(deployment.spec.selector.matchLabels);
    expect(Object.keys(svc.spec.selector)).toEqual(['cdk8s.io/metadata.addr']);
  });
});

test('clusterIp "None" with clusterIps ["None"] means headless', () => {
  const [svc] = synth(c => new ClusterIpService(c, 'svc', { metadata: { name: 'db' }, clusterIp: 'None', clusterIps: ['None'] }));
  expect(svc.spec).toMatchObject({ clusterIP: 'None', clusterIPs: ['None'] });
});
