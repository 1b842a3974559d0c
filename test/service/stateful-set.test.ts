import { Chart, Testing } from 'cdk8s';
import * as plus from 'cdk8s-plus-28';
import * as plus33 from 'cdk8s-plus-33';
import { ClusterIpService, NodePortService, ServiceBackend, TargetPort } from '../../src';
import { chart, synthError } from '../util';

function plusSet(c: Chart, id = 'db'): plus.StatefulSet {
  return new plus.StatefulSet(c, id, { containers: [{ image: 'postgres:16', ports: [{ number: 5432, name: 'pg' }] }] });
}

test('a cdk8s-plus StatefulSet governed by a headless ClusterIpService: serviceName written, no second Service', () => {
  const c = chart();
  const set = plusSet(c);
  const svc = new ClusterIpService(c, 'db-headless', {
    metadata: { name: 'db' },
    headless: true,
    backend: ServiceBackend.fromWorkload(set),
    ports: [{ name: 'pg', port: 5432, targetPort: TargetPort.fromName('pg') }],
  });
  svc.governStatefulSet(set);
  const manifests = Testing.synth(c);
  expect(manifests).toMatchSnapshot();
  const services = manifests.filter(m => m.kind === 'Service');
  expect(services.map(s => s.metadata.name)).toEqual(['db']);
  const sts = manifests.find(m => m.kind === 'StatefulSet');
  expect(sts.spec.serviceName).toBe('db');
  expect(services[0].spec.selector).toEqual(sts.spec.selector.matchLabels);
});

function l1Set(c: Chart, namespace?: string) {
  return new plus.k8s.KubeStatefulSet(c, 'cache', {
    metadata: { name: 'cache', namespace },
    spec: {
      serviceName: 'something-else',
      selector: { matchLabels: { app: 'cache' } },
      template: { metadata: { labels: { app: 'cache', tier: 'data' } }, spec: { containers: [{ name: 'redis', image: 'redis:7', ports: [{ containerPort: 6379, name: 'redis' }] }] } },
    },
  });
}

test('an L1 KubeStatefulSet governed: its serviceName is replaced, the Service comes first', () => {
  const c = chart();
  const set = l1Set(c);
  const svc = new ClusterIpService(c, 'cache-headless', { metadata: { name: 'cache' }, headless: true, backend: ServiceBackend.fromWorkload(set) });
  svc.governStatefulSet(set);
  const manifests = Testing.synth(c);
  expect(manifests.map(m => m.kind)).toEqual(['Service', 'StatefulSet']);
  expect(manifests[1].spec.serviceName).toBe('cache');
  expect(manifests[0].spec).toEqual({ type: 'ClusterIP', clusterIP: 'None', selector: { app: 'cache' } });
});

test('a Service selecting the set by a subset of its pod labels may govern it', () => {
  const c = chart();
  const set = l1Set(c);
  new ClusterIpService(c, 'svc', { metadata: { name: 'cache' }, headless: true, selector: { tier: 'data' } }).governStatefulSet(set);
  expect(Testing.synth(c)[1].spec.serviceName).toBe('cache');
});

describe('G1: what cannot govern a StatefulSet, and nothing changes', () => {
  test('a Service that is not headless', () => {
    const c = chart();
    const set = plusSet(c);
    const svc = new ClusterIpService(c, 'svc', { metadata: { name: 'db' }, backend: ServiceBackend.fromWorkload(set), ports: [{ port: 5432 }] });
    expect(() => svc.governStatefulSet(set)).toThrow('[test/svc] G1 spec.clusterIP: got "a cluster IP"; expected None to govern StatefulSet test/db: a StatefulSet\'s governing Service is headless (headless: true)');
    // cdk8s-plus's own Service is still there, and the set still names it
    const manifests = Testing.synth(c);
    expect(manifests.filter(m => m.kind === 'Service')).toHaveLength(2);
    expect(manifests.find(m => m.kind === 'StatefulSet').spec.serviceName).not.toBe('db');
  });

  test('something that is not a StatefulSet', () => {
    const c = chart();
    const d = new plus.Deployment(c, 'web', { containers: [{ image: 'nginx', portNumber: 80 }] });
    const svc = new ClusterIpService(c, 'svc', { metadata: { name: 'web' }, headless: true, backend: ServiceBackend.fromWorkload(d) });
    expect(() => svc.governStatefulSet(d)).toThrow('[test/svc] G1 governStatefulSet(statefulSet): got "Deployment test/web"; expected a StatefulSet: a cdk8s-plus StatefulSet, a KubeStatefulSet or an ApiObject of kind StatefulSet');
  });

  test('a set another Service already governs', () => {
    const c = chart();
    const set = l1Set(c);
    new ClusterIpService(c, 'first', { metadata: { name: 'cache' }, headless: true, selector: { app: 'cache' } }).governStatefulSet(set);
    const second = new ClusterIpService(c, 'second', { metadata: { name: 'cache2' }, headless: true, selector: { app: 'cache' } });
    expect(() => second.governStatefulSet(set)).toThrow('[test/second] G1 governStatefulSet(statefulSet): got "test/cache"; expected a StatefulSet no other Service governs: test/first already does (a set has one spec.serviceName)');
  });

  test('a Service of another namespace', () => {
    const c = chart();
    const set = l1Set(c, 'data');
    const svc = new ClusterIpService(c, 'svc', { metadata: { name: 'cache' }, headless: true, selector: { app: 'cache' } });
    expect(() => svc.governStatefulSet(set)).toThrow(/^\[test\/svc\] G1 metadata\.namespace: got "default"; expected the namespace of StatefulSet test\/cache \(data\)/);
  });
});

test('fails G2: the governing Service does not select the pods of the set', () => {
  expect(synthError(c => {
    const set = l1Set(c);
    new ClusterIpService(c, 'svc', { metadata: { name: 'cache' }, headless: true, selector: { app: 'db' } }).governStatefulSet(set);
  })).toMatch(/\[test\/svc\] G2 spec\.selector: got \{"app":"db"\}; expected labels that the pods of StatefulSet test\/cache carry \(\{"app":"cache","tier":"data"\}\)/);
});

describe('G3: a second headless Service selecting the same pods warns', () => {
  let warn: jest.SpyInstance;
  beforeEach(() => { warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined); });
  afterEach(() => warn.mockRestore());
  const g3 = () => warn.mock.calls.map(a => String(a[0])).filter(l => / G3 /.test(l));

  test('next to the headless Service a cdk8s-plus StatefulSet makes of its own', () => {
    const c = chart();
    const set = plusSet(c);
    new ClusterIpService(c, 'svc', { metadata: { name: 'db' }, headless: true, backend: ServiceBackend.fromWorkload(set) });
    Testing.synth(c);
    expect(g3()).toEqual([expect.stringMatching(/^warning: \[test\/svc\] G3 spec\.selector: headless Service test\/db\/Service \(test-db-service-c8\w+\) selects the same pods \(\{"cdk8s\.io\/metadata\.addr":"test-db-c8\w+"\}\); a StatefulSet is governed by one headless Service/)]);
  });

  test('two of the library\'s headless Services, one selector holding the other', () => {
    const c = chart();
    new ClusterIpService(c, 'a', { metadata: { name: 'a' }, headless: true, selector: { app: 'cache' } });
    new ClusterIpService(c, 'b', { metadata: { name: 'b' }, headless: true, selector: { app: 'cache', tier: 'data' } });
    Testing.synth(c);
    expect(g3()).toHaveLength(2);
    expect(g3()[0]).toMatch(/\[test\/a\] G3 spec\.selector: headless Service test\/b \(b\) selects the same pods/);
  });

  test('not once the library\'s Service governs the set; not for other namespaces, other pods or Services with a cluster IP', () => {
    const c = chart();
    const set = plusSet(c);
    const svc = new ClusterIpService(c, 'svc', { metadata: { name: 'db' }, headless: true, backend: ServiceBackend.fromWorkload(set) });
    svc.governStatefulSet(set);
    new ClusterIpService(c, 'other-ns', { metadata: { name: 'x', namespace: 'other' }, headless: true, selector: { app: 'cache' } });
    new ClusterIpService(c, 'other-pods', { metadata: { name: 'y' }, headless: true, selector: { app: 'web' } });
    new ClusterIpService(c, 'with-ip', { metadata: { name: 'z' }, selector: { app: 'cache' }, ports: [{ port: 80 }] });
    new ClusterIpService(c, 'cache', { metadata: { name: 'cache' }, headless: true, selector: { app: 'cache', tier: 'data' } });
    Testing.synth(c);
    expect(g3()).toEqual([]);
  });
});

test('cdk8s-plus-33 workloads are accepted by type and at run time: a Deployment as backend, a StatefulSet governed', () => {
  const c = chart();
  const web = new plus33.Deployment(c, 'web', { containers: [{ image: 'nginx', ports: [{ number: 8080, name: 'http' }] }] });
  new NodePortService(c, 'web-svc', { metadata: { name: 'web' }, backend: ServiceBackend.fromWorkload(web), ports: [{ port: 80, targetPort: TargetPort.fromName('http') }] });
  const set = new plus33.StatefulSet(c, 'db', { containers: [{ image: 'postgres:16', ports: [{ number: 5432, name: 'pg' }] }] });
  new ClusterIpService(c, 'db-svc', { metadata: { name: 'db' }, headless: true, backend: ServiceBackend.fromWorkload(set) }).governStatefulSet(set);
  const manifests = Testing.synth(c);
  const deployment = manifests.find(m => m.kind === 'Deployment');
  const services = manifests.filter(m => m.kind === 'Service');
  expect(services.map(s => s.metadata.name)).toEqual(['web', 'db']);
  expect(services[0].spec.selector).toEqual(deployment.spec.selector.matchLabels);
  expect(services[0].spec.ports[0].targetPort).toBe('http');
  const sts = manifests.find(m => m.kind === 'StatefulSet');
  expect(sts.spec.serviceName).toBe('db');
  expect(services[1].spec.selector).toEqual(sts.spec.selector.matchLabels);
  // a misspelled named port of a plus-33 container is caught like any other
  const c2 = chart();
  const web2 = new plus33.Deployment(c2, 'web', { containers: [{ image: 'nginx', ports: [{ number: 8080, name: 'http' }] }] });
  new NodePortService(c2, 'svc', { metadata: { name: 'web' }, backend: ServiceBackend.fromWorkload(web2), ports: [{ port: 80, targetPort: TargetPort.fromName('htpp') }] });
  expect(() => Testing.synth(c2)).toThrow(/\[test\/svc\] S8 spec\.ports\[0\]\.targetPort: got "htpp"; expected the name of a container port of workload test\/web \(it has http\)/);
});
