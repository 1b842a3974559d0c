import { Testing } from 'cdk8s';
import {
  ClusterIpService, ClusterSettings, ExternalNameService, LoadBalancerService, MetalLb, MetalLbBgpAdvertisement, MetalLbBgpPeer,
  MetalLbL2Advertisement, MetalLbPool, MetalLbSelectorOperator, MetalLbSelectorRequirement, NodePortService, ServicePolicy,
} from '../../src';
import { nearestKey } from '../../src/core/keys';
import { synthError } from '../util';

describe('K1: unknown keys in the structs the library receives', () => {
  test('a JavaScript typo in a port names the key and the nearest known one', () => {
    expect(synthError(c => new NodePortService(c, 'svc', { metadata: { name: 'svc' }, ports: [{ port: 80, nodeport: 30080 } as any] })))
      .toMatch(/^\[test\/svc\] K1 spec\.ports\[0\]: got "nodeport"; expected a key of NodePortServicePort: did you mean "nodePort"\? \(known: port, name, protocol, targetPort, appProtocol, nodePort\); an unknown key would be dropped without a word$/);
  });

  test('snake_case keys (a JavaScript caller writing Python names) fail the same way', () => {
    expect(synthError(c => new NodePortService(c, 'svc', { metadata: { name: 'svc' }, ports: [{ port: 80, target_port: 8080 } as any] })))
      .toMatch(/K1 spec\.ports\[0\]: got "target_port"; expected a key of NodePortServicePort: did you mean "targetPort"\?/);
    expect(synthError(c => new ClusterIpService(c, 'svc', { metadata: { name: 'svc' } }).addPort({ port: 80, app_protocol: 'http' } as any)))
      .toMatch(/K1 spec\.ports\[0\]: got "app_protocol"; expected a key of ServicePort: did you mean "appProtocol"\?/);
  });

  test.each([
    [ClusterIpService, 'ClusterIpServiceProps', 'clusterIP', 'clusterIp'],
    [NodePortService, 'NodePortServiceProps', 'externalTrafficPolicyy', 'externalTrafficPolicy'],
    [LoadBalancerService, 'LoadBalancerServiceProps', 'load_balancer_class', 'loadBalancerClass'],
  ] as const)('props of %p', (Type, struct, key, near) => {
    expect(synthError(c => new (Type as any)(c, 'svc', { metadata: { name: 'svc' }, ports: [{ port: 80 }], [key]: 'x' })))
      .toMatch(new RegExp(`K1 props: got "${key}"; expected a key of ${struct}: did you mean "${near}"\\?`));
  });

  test('ExternalNameService props', () => {
    expect(synthError(c => new ExternalNameService(c, 'svc', { metadata: { name: 'svc' }, externalname: 'example.com' } as any)))
      .toMatch(/K1 props: got "externalname"; expected a key of ExternalNameServiceProps: did you mean "externalName"\?/);
  });

  test('a key far from every known one gets no guess', () => {
    expect(synthError(c => new ClusterIpService(c, 'svc', { metadata: { name: 'svc' }, ports: [{ port: 80 }], zzzzzzzz: 1 } as any)))
      .toMatch(/K1 props: got "zzzzzzzz"; expected a key of ClusterIpServiceProps \(known: metadata, /);
  });

  test('MetalLB options of a LoadBalancer Service', () => {
    expect(synthError(c => new LoadBalancerService(c, 'svc', { metadata: { name: 'svc' }, ports: [{ port: 80 }], metalLb: { allowSharedIP: 'k' } as any })))
      .toMatch(/K1 metalLb: got "allowSharedIP"; expected a key of MetalLbServiceOptions: did you mean "allowSharedIp"\?/);
  });

  test('ClusterSettings props', () => {
    expect(() => ClusterSettings.configure(Testing.app(), { kubernetes_version: '1.30' } as any))
      .toThrow(/\[App\] K1 props: got "kubernetes_version"; expected a key of ClusterSettingsProps: did you mean "kubernetesVersion"\?/);
  });

  test('the foreign props of another Service type keep their own rule', () => {
    expect(synthError(c => new ClusterIpService(c, 'svc', { metadata: { name: 'svc' }, ports: [{ port: 80 }], loadBalancerClass: 'a/b' } as any)))
      .toMatch(/S18 spec\.loadBalancerClass/);
  });
});

test('nearestKey', () => {
  expect(nearestKey('node_port', ['port', 'nodePort'])).toBe('nodePort');
  expect(nearestKey('NODEPORT', ['port', 'nodePort'])).toBe('nodePort');
  expect(nearestKey('prot', ['port', 'protocol'])).toBe('port');
  expect(nearestKey('selectr', ['selector', 'backend'])).toBe('selector');
  expect(nearestKey('qqqqqq', ['port'])).toBeUndefined();
});

test('K1: ServicePolicy props', () => {
  expect(() => ServicePolicy.apply(Testing.app(), { externalIP: 'error' } as any))
    .toThrow(/K1 props: got "externalIP"; expected a key of ServicePolicyProps: did you mean "externalIps"\?/);
});

test('K1: MetalLB props (a pool, MetalLb.configure)', () => {
  expect(synthError(c => new MetalLbPool(c, 'p', { addresses: ['10.0.0.0/24'], auto_assign: false } as any)))
    .toMatch(/K1 props: got "auto_assign"; expected a key of MetalLbPoolProps: did you mean "autoAssign"\?/);
  expect(() => MetalLb.configure(Testing.app(), { namespace: 'metallb-system' } as any))
    .toThrow(/K1 props: got "namespace"; expected a key of MetalLbProps/);
});

test('K1: the structs inside MetalLB props (selectors, requirements, service allocation, preferred node selectors)', () => {
  const pool = (c: any) => new MetalLbPool(c, 'p', { addresses: ['10.0.0.0/24'], advertisements: [] });
  expect(synthError(c => new MetalLbPool(c, 'p', { addresses: ['10.0.0.0/24'], serviceAllocation: { namespace: ['a'] } as any })))
    .toMatch(/\[test\/p\] K1 serviceAllocation: got "namespace"; expected a key of MetalLbServiceAllocation: did you mean "namespaces"\?/);
  expect(synthError(c => new MetalLbPool(c, 'p', { addresses: ['10.0.0.0/24'], serviceAllocation: { serviceSelectors: [{ match_labels: { a: 'b' } } as any] } })))
    .toMatch(/K1 serviceAllocation\.serviceSelectors\[0\]: got "match_labels"; expected a key of MetalLbLabelSelector: did you mean "matchLabels"\?/);
  expect(synthError(c => new MetalLbBgpAdvertisement(c, 'a', { pools: [pool(c)], nodeSelectors: [{ matchlabels: { a: 'b' } } as any] })))
    .toMatch(/\[test\/a\] K1 nodeSelectors\[0\]: got "matchlabels"; expected a key of MetalLbLabelSelector: did you mean "matchLabels"\?/);
  expect(synthError(c => new MetalLbBgpAdvertisement(c, 'a', { poolSelectors: [{ matchExpression: [] } as any] })))
    .toMatch(/K1 poolSelectors\[0\]: got "matchExpression"; expected a key of MetalLbLabelSelector: did you mean "matchExpressions"\?/);
  expect(synthError(c => new MetalLbL2Advertisement(c, 'a', { pools: [pool(c)], preferredNodeSelectors: [{ weight: 1, preference: {}, priority: 2 } as any] })))
    .toMatch(/K1 preferredNodeSelectors\[0\]: got "priority"; expected a key of MetalLbPreferredNodeSelector/);
  expect(synthError(c => new MetalLbBgpPeer(c, 'x', { myAsn: 1, peerAsn: 2, peerAddress: '10.0.0.1', nodeSelectors: [{ labels: { a: 'b' } } as any] })))
    .toMatch(/\[test\/x\] K1 nodeSelectors\[0\]: got "labels"; expected a key of MetalLbLabelSelector/);
  expect(() => MetalLbSelectorRequirement.of({ key: 'a', matchOperator: MetalLbSelectorOperator.EXISTS, operator: 'Exists' } as any))
    .toThrow(/K1 props: got "operator"; expected a key of MetalLbSelectorRequirementProps/);
});
