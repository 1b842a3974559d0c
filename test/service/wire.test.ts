import { Duration } from 'cdk8s';
import {
  ExternalTrafficPolicy, InternalTrafficPolicy, IpFamily, IpFamilyPolicy, LoadBalancerService, SessionAffinity, TargetPort,
} from '../../src';
import * as k8s from '../../src/imports/k8s';
import { synth } from '../util';

// The library writes Service JSON itself; the generated k8s@1.28.0 import is the reference for
// the wire names. Every field, written both ways, must come out the same.
test('every spec field has the wire name the generated k8s@1.28.0 converter gives it', () => {
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  const [svc] = synth(c => new LoadBalancerService(c, 'svc', {
    metadata: { name: 'web' },
    selector: { app: 'web' },
    clusterIp: '10.0.0.10',
    clusterIps: ['10.0.0.10', 'fd00::10'],
    ipFamilies: [IpFamily.IPV4, IpFamily.IPV6],
    ipFamilyPolicy: IpFamilyPolicy.REQUIRE_DUAL_STACK,
    externalIps: ['192.0.2.1'],
    internalTrafficPolicy: InternalTrafficPolicy.LOCAL,
    externalTrafficPolicy: ExternalTrafficPolicy.LOCAL,
    healthCheckNodePort: 30010,
    sessionAffinity: SessionAffinity.clientIp(Duration.seconds(60)),
    publishNotReadyAddresses: true,
    loadBalancerClass: 'example.com/lb',
    loadBalancerSourceRanges: ['203.0.113.0/24'],
    allocateLoadBalancerNodePorts: true,
    loadBalancerIp: '192.0.2.50',
    ports: [
      { name: 'http', port: 80, targetPort: TargetPort.fromName('http'), appProtocol: 'http', nodePort: 30080 },
      { name: 'https', port: 443, targetPort: TargetPort.fromNumber(8443) },
    ],
  }));
  warn.mockRestore();
  const reference = k8s.toJson_ServiceSpec({
    type: 'LoadBalancer',
    selector: { app: 'web' },
    clusterIp: '10.0.0.10',
    clusterIPs: ['10.0.0.10', 'fd00::10'],
    ipFamilies: ['IPv4', 'IPv6'],
    ipFamilyPolicy: 'RequireDualStack',
    externalIPs: ['192.0.2.1'],
    internalTrafficPolicy: 'Local',
    externalTrafficPolicy: 'Local',
    healthCheckNodePort: 30010,
    sessionAffinity: 'ClientIP',
    sessionAffinityConfig: { clientIp: { timeoutSeconds: 60 } },
    publishNotReadyAddresses: true,
    loadBalancerClass: 'example.com/lb',
    loadBalancerSourceRanges: ['203.0.113.0/24'],
    allocateLoadBalancerNodePorts: true,
    loadBalancerIp: '192.0.2.50',
    ports: [
      { name: 'http', port: 80, protocol: 'TCP', targetPort: k8s.IntOrString.fromString('http'), appProtocol: 'http', nodePort: 30080 },
      { name: 'https', port: 443, protocol: 'TCP', targetPort: k8s.IntOrString.fromNumber(8443) },
    ],
  });
  expect(svc.spec).toEqual(JSON.parse(JSON.stringify(reference)));
});
