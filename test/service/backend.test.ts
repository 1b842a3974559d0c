import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, Include } from 'cdk8s';
import * as plus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { ClusterIpService, ServiceBackend, TargetPort } from '../../src';
import { synth, synthError } from '../util';

test('fromLabels selects by the labels, merged with selector', () => {
  const [svc] = synth(c => new ClusterIpService(c, 'svc', {
    metadata: { name: 'web' }, backend: ServiceBackend.fromLabels({ app: 'web' }), selector: { tier: 'front' }, ports: [{ port: 80 }],
  }));
  expect(svc.spec.selector).toEqual({ app: 'web', tier: 'front' });
});

test('fromLabels copies the map it is given', () => {
  const labels: Record<string, string> = { app: 'web' };
  const backend = ServiceBackend.fromLabels(labels);
  labels.app = 'changed';
  const [svc] = synth(c => new ClusterIpService(c, 'svc', { metadata: { name: 'web' }, backend, ports: [{ port: 80 }] }));
  expect(svc.spec.selector).toEqual({ app: 'web' });
});

test('fromWorkload follows containers added after the Service', () => {
  const [, svc] = synth(c => {
    const d = new plus.Deployment(c, 'web');
    new ClusterIpService(c, 'svc', { metadata: { name: 'web' }, backend: ServiceBackend.fromWorkload(d), ports: [{ port: 80, targetPort: TargetPort.fromName('http') }] });
    d.addContainer({ image: 'nginx', ports: [{ number: 8080, name: 'http' }] });
  });
  expect(svc.spec.ports[0].targetPort).toBe('http');
});

test('fromWorkload works with a cdk8s-plus-28 Pod', () => {
  const manifests = synth(c => {
    const pod = new plus.Pod(c, 'pod', { containers: [{ image: 'nginx', portNumber: 80 }] });
    new ClusterIpService(c, 'svc', { metadata: { name: 'pod' }, backend: ServiceBackend.fromWorkload(pod), ports: [{ port: 80 }] });
  });
  const pod = manifests.find(m => m.kind === 'Pod');
  const svc = manifests.find(m => m.kind === 'Service');
  expect(svc.spec.selector['cdk8s.io/metadata.addr']).toBe(pod.metadata.labels['cdk8s.io/metadata.addr']);
});

test('fromApiObject reads a Deployment included from YAML', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'include-'));
  const file = path.join(dir, 'deployment.yaml');
  fs.writeFileSync(file, [
    'apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: k8sdemo-deployment}',
    'spec:', '  replicas: 3', '  selector: {matchLabels: {name: k8sdemo}}',
    '  template:', '    metadata: {labels: {name: k8sdemo}}',
    '    spec: {containers: [{name: k8sdemo, image: "beckjin/k8sdemo:1.0.0", ports: [{containerPort: 80, name: web}]}]}', '',
  ].join('\n'));
  const manifests = synth(c => {
    const inc = new Include(c, 'inc', { url: file });
    const deployment = inc.apiObjects.find(o => o.kind === 'Deployment')!;
    new ClusterIpService(c, 'svc', { metadata: { name: 'k8sdemo-service' }, backend: ServiceBackend.fromApiObject(deployment), ports: [{ port: 80, targetPort: TargetPort.fromName('web') }] });
  });
  expect(manifests.find(m => m.kind === 'Service').spec.selector).toEqual({ name: 'k8sdemo' });
});

test('fromApiObject falls back to pod template labels when there is no selector', () => {
  const [, svc] = synth(c => {
    const rs = new ApiObject(c, 'rs', {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      spec: { template: { metadata: { labels: { app: 'rs' } }, spec: { containers: [{ name: 'c', image: 'x' }] } } },
    } as any);
    new ClusterIpService(c, 'svc', { metadata: { name: 'rs' }, backend: ServiceBackend.fromApiObject(rs), ports: [{ port: 80 }] });
  });
  expect(svc.spec.selector).toEqual({ app: 'rs' });
});

test('fails: an API object without a pod template', () => {
  expect(synthError(c => {
    const cm = new ApiObject(c, 'cm', { apiVersion: 'v1', kind: 'ConfigMap' });
    new ClusterIpService(c, 'svc', { metadata: { name: 'x' }, backend: ServiceBackend.fromApiObject(cm), ports: [{ port: 80 }] });
  })).toMatch(/\[test\/svc\] spec\.selector \(backend\): ConfigMap test\/cm has no pod template/);
});

test('fails: a workload selecting by no label', () => {
  expect(synthError(c => {
    const d = new plus.Deployment(c, 'web', { select: false, containers: [{ image: 'nginx' }] });
    new ClusterIpService(c, 'svc', { metadata: { name: 'x' }, backend: ServiceBackend.fromWorkload(d), ports: [{ port: 80 }] });
  })).toMatch(/spec\.selector \(backend\): workload test\/web selects its pods by no label/);
});

test('S8: a numeric target port that no container declares warns', () => {
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  synth(c => {
    const d = new plus.Deployment(c, 'web', { containers: [{ image: 'nginx', portNumber: 8080 }] });
    new ClusterIpService(c, 'svc', { metadata: { name: 'x' }, backend: ServiceBackend.fromWorkload(d), ports: [{ port: 80, targetPort: TargetPort.fromNumber(9090) }] });
  });
  expect(warn).toHaveBeenCalledWith(expect.stringMatching(/S8 spec\.ports\[0\]\.targetPort 9090 is not a declared container port of workload test\/web \(it declares 8080\)/));
  warn.mockRestore();
});

test('fromWorkload takes an L1 object too, and reads it as fromApiObject does', () => {
  const [, svc] = synth(c => {
    const d = new plus.k8s.KubeDeployment(c, 'web', {
      spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web', v: '1' } }, spec: { containers: [{ name: 'web', image: 'nginx', ports: [{ containerPort: 8080, name: 'http' }] }] } } },
    });
    new ClusterIpService(c, 'svc', { metadata: { name: 'web' }, backend: ServiceBackend.fromWorkload(d), ports: [{ port: 80, targetPort: TargetPort.fromName('http') }] });
  });
  expect(svc.spec.selector).toEqual({ app: 'web' });
});

test('fromWorkload finds the ApiObject of a construct that writes one (as a cdk8s-plus workload of any version does)', () => {
  const [, svc] = synth(c => {
    const wrapper = new Construct(c, 'wrapper');
    new ApiObject(wrapper, 'Resource', {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      spec: { selector: { matchLabels: { app: 'agent' } }, template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'a', image: 'x', ports: [{ containerPort: 9100, name: 'metrics' }] }] } } },
    } as any);
    new ClusterIpService(c, 'svc', { metadata: { name: 'agent' }, backend: ServiceBackend.fromWorkload(wrapper), ports: [{ port: 9100, targetPort: TargetPort.fromName('metrics') }] });
  });
  expect(svc.spec.selector).toEqual({ app: 'agent' });
});

test('fails: fromWorkload of a construct that writes no workload', () => {
  expect(synthError(c => {
    const empty = new Construct(c, 'empty');
    new ClusterIpService(c, 'svc', { metadata: { name: 'x' }, backend: ServiceBackend.fromWorkload(empty), ports: [{ port: 80 }] });
  })).toMatch(/\[test\/svc\] spec\.selector \(backend\): test\/empty is not a workload: neither an ApiObject with a pod template nor a construct/);
});

test('fails: a workload selecting only by match expressions', () => {
  expect(synthError(c => {
    const d = new plus.k8s.KubeDeployment(c, 'web', {
      spec: { selector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['web'] }] }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } } },
    });
    new ClusterIpService(c, 'svc', { metadata: { name: 'x' }, backend: ServiceBackend.fromWorkload(d), ports: [{ port: 80 }] });
  })).toMatch(/spec\.selector \(backend\): Deployment test\/web selects its pods only by match expressions, which a Service selector cannot express/);
});
