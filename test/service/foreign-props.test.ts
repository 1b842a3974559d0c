import { ClusterIpService, ExternalNameService, LoadBalancerService, NodePortService } from '../../src';
import { synth, synthError } from '../util';

// TypeScript keeps these off the props; JavaScript callers and casts get an error, not silence.
test.each([
  ['ClusterIP', 'externalTrafficPolicy', 'Local', /S19 spec\.externalTrafficPolicy: got "Local"; expected no externalTrafficPolicy on a ClusterIP Service/],
  ['ClusterIP', 'loadBalancerSourceRanges', ['10.0.0.0/8'], /S17 spec\.loadBalancerSourceRanges: .*expected no loadBalancerSourceRanges unless/],
  ['ClusterIP', 'healthCheckNodePort', 30001, /S20 spec\.healthCheckNodePort/],
  ['NodePort', 'loadBalancerClass', 'example.com/x', /S18 spec\.loadBalancerClass: .*unless the Service is a LoadBalancer/],
  ['NodePort', 'allocateLoadBalancerNodePorts', false, /S18 spec\.allocateLoadBalancerNodePorts/],
  ['NodePort', 'headless', true, /S3 spec\.clusterIP: got true; expected a cluster IP or nothing: a NodePort Service cannot be headless/],
  ['LoadBalancer', 'headless', true, /S3 spec\.clusterIP: .*LoadBalancer Service cannot be headless/],
  ['ExternalName', 'ports', [{ port: 80 }], /S4 spec\.ports: .*expected no ports on an ExternalName Service/],
  ['ExternalName', 'clusterIp', '10.0.0.1', /S4 spec\.clusterIP: got "10\.0\.0\.1"; expected no clusterIP on an ExternalName Service/],
  ['ExternalName', 'ipFamilyPolicy', 'SingleStack', /S4 spec\.ipFamilyPolicy/],
])('fails: a %s Service given %s', (type, key, value, msg) => {
  const props: any = { metadata: { name: 'svc' }, ports: [{ port: 80 }], externalName: 'example.com', [key]: value };
  if (type === 'ExternalName' && key !== 'ports') delete props.ports;
  if (type !== 'ExternalName' && key !== 'externalName') delete props.externalName;
  const make: Record<string, any> = {
    ClusterIP: ClusterIpService, NodePort: NodePortService, LoadBalancer: LoadBalancerService, ExternalName: ExternalNameService,
  };
  expect(synthError(c => new make[type](c, 'svc', props))).toMatch(msg);
});

test('headless: false is fine anywhere', () => {
  const [svc] = synth(c => new NodePortService(c, 'svc', { metadata: { name: 'svc' }, ports: [{ port: 80 }], headless: false } as any));
  expect(svc.spec.type).toBe('NodePort');
  expect(svc.spec.clusterIP).toBeUndefined();
});
