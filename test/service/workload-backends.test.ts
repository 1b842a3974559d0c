// Backends from workloads, the same for every Service type that selects pods: an L1 object with a
// pod template, and a named target port that no container of the workload has (S8).
import { Chart } from 'cdk8s';
import * as plus from 'cdk8s-plus-28';
import {
  ClusterIpService, ClusterIpServiceProps, LoadBalancerService, LoadBalancerServiceProps, NodePortService, NodePortServiceProps,
  ServiceBackend, TargetPort,
} from '../../src';
import { synth, synthError } from '../util';

const TYPES: Array<[string, (c: Chart, id: string, props: ClusterIpServiceProps) => unknown]> = [
  ['ClusterIP', (c, id, props) => new ClusterIpService(c, id, props)],
  ['NodePort', (c, id, props) => new NodePortService(c, id, props as NodePortServiceProps)],
  ['LoadBalancer', (c, id, props) => new LoadBalancerService(c, id, props as LoadBalancerServiceProps)],
];

const kubeDeployment = (c: Chart) => new plus.k8s.KubeDeployment(c, 'web', {
  spec: {
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web', tier: 'front' } }, spec: { containers: [{ name: 'web', image: 'nginx', ports: [{ containerPort: 8080, name: 'http' }] }] } },
  },
});

describe.each(TYPES)('%s Service', (_type, make) => {
  test('an L1 KubeDeployment as backend: the selector is its matchLabels', () => {
    const manifests = synth(c => {
      const d = kubeDeployment(c);
      make(c, 'svc', { metadata: { name: 'web' }, backend: ServiceBackend.fromApiObject(d), ports: [{ port: 80, targetPort: TargetPort.fromName('http') }] });
    });
    expect(manifests.find(m => m.kind === 'Service').spec.selector).toEqual({ app: 'web' });
  });

  test.each([
    ['an L1 KubeDeployment', (c: Chart) => ServiceBackend.fromApiObject(kubeDeployment(c)), 'Deployment test/web'],
    ['a cdk8s-plus Deployment', (c: Chart) => ServiceBackend.fromWorkload(new plus.Deployment(c, 'web', {
      containers: [{ image: 'nginx', ports: [{ number: 8080, name: 'http' }] }],
    })), 'workload test/web'],
  ])('fails S8: a misspelled named target port on %s', (_what, backend, owner) => {
    expect(synthError(c => make(c, 'svc', { metadata: { name: 'web' }, backend: backend(c), ports: [{ port: 80, targetPort: TargetPort.fromName('htpp') }] })))
      .toMatch(new RegExp(`\\[test/svc\\] S8 spec\\.ports\\[0\\]\\.targetPort: got "htpp"; expected the name of a container port of ${owner} \\(it has http\\)`));
  });
});
