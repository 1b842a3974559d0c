import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, Chart, Include, Testing } from 'cdk8s';
import * as plus from 'cdk8s-plus-28';
import { KubeConfigMap, KubeCronJob, KubeDeployment, KubePod } from '../../src/imports/k8s';
import { podTemplateLabels, WorkloadIndex } from '../../src/policy/workloads';

describe('podTemplateLabels', () => {
  test.each([
    ['a Pod: its own labels', { apiVersion: 'v1', kind: 'Pod', metadata: { labels: { app: 'p' } } }, { app: 'p' }],
    ['a Deployment: the template labels', { kind: 'Deployment', spec: { template: { metadata: { labels: { app: 'd' } } } } }, { app: 'd' }],
    ['a template without labels', { kind: 'StatefulSet', spec: { template: { spec: { containers: [] } } } }, {}],
    ['a CronJob: the job template\'s pod template', { kind: 'CronJob', spec: { jobTemplate: { spec: { template: { metadata: { labels: { app: 'c' } } } } } } }, { app: 'c' }],
    ['a custom resource whose template has containers', { kind: 'Rollout', spec: { template: { metadata: { labels: { app: 'r' } }, spec: { containers: [{}] } } } }, { app: 'r' }],
    ['a custom resource whose template is no pod template', { kind: 'MachineDeployment', spec: { template: { metadata: { labels: { app: 'm' } }, spec: {} } } }, undefined],
    ['a ConfigMap', { kind: 'ConfigMap', data: {} }, undefined],
    ['nothing', undefined, undefined],
  ])('%s', (_what, json, labels) => {
    expect(podTemplateLabels(json)).toEqual(labels);
  });
});

describe('WorkloadIndex', () => {
  test('indexes the workloads of every chart by namespace, whatever wrote them', () => {
    const app = Testing.app();
    const a = new Chart(app, 'a', { namespace: 'shop' });
    const b = new Chart(app, 'b');
    new plus.Deployment(a, 'web', { containers: [{ image: 'nginx' }], podMetadata: { labels: { tier: 'fe' } } });
    new KubeDeployment(b, 'api', {
      metadata: { namespace: 'shop' },
      spec: { selector: { matchLabels: { app: 'api' } }, template: { metadata: { labels: { app: 'api', tier: 'be' } }, spec: { containers: [{ name: 'a', image: 'api' }] } } },
    });
    new KubePod(b, 'pod', { metadata: { labels: { app: 'debug' } }, spec: { containers: [{ name: 'a', image: 'busybox' }] } });
    new KubeCronJob(b, 'cron', { spec: { schedule: '@daily', jobTemplate: { spec: { template: { metadata: { labels: { app: 'cron' } }, spec: { containers: [{ name: 'c', image: 'c' }] } } } } } });
    new KubeConfigMap(b, 'cm', { data: { a: 'b' } });
    const index = WorkloadIndex.of(app);
    expect(index.size).toBe(4);
    expect(index.matches('shop', { tier: 'fe' })).toBe(true);
    expect(index.matches('shop', { app: 'api', tier: 'be' })).toBe(true);
    expect(index.matches('shop', { app: 'api', tier: 'fe' })).toBe(false);
    expect(index.matches('shop', { app: 'debug' })).toBe(false);
    expect(index.matches('default', { app: 'debug' })).toBe(true);
    expect(index.matches('default', { app: 'cron' })).toBe(true);
    expect(index.matches('nowhere', { app: 'cron' })).toBe(false);
    expect(index.templatesIn('shop').map(t => t.description)).toEqual(['Deployment a/web', 'Deployment b/api']);
  });

  test('objects read from YAML with Include count', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'include-')), 'w.yaml');
    fs.writeFileSync(file, [
      'apiVersion: apps/v1', 'kind: DaemonSet', 'metadata: { name: agent, namespace: ops }',
      'spec: { selector: { matchLabels: { app: agent } }, template: { metadata: { labels: { app: agent } }, spec: { containers: [{ name: a, image: a }] } } }',
    ].join('\n'));
    const app = Testing.app();
    new Include(new Chart(app, 'c'), 'vendor', { url: file });
    expect(WorkloadIndex.of(app).matches('ops', { app: 'agent' })).toBe(true);
  });

  test('an object whose JSON cannot be rendered is skipped', () => {
    const app = Testing.app();
    const o = new ApiObject(new Chart(app, 'c'), 'broken', { apiVersion: 'v1', kind: 'Pod' });
    jest.spyOn(o, 'toJson').mockImplementation(() => {
      throw new Error('boom');
    });
    expect(WorkloadIndex.of(app).size).toBe(0);
  });
});
