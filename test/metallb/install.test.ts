import { Chart, Testing } from 'cdk8s';
import { MetalLb } from '../../src';
import { RELEASES } from '../../src/generated/metallb-install';
import { METALLB_LICENSE } from '../../src/generated/metallb-install/license';
import { installableReleases, leftOut } from '../../src/metallb/install-manifests';
import { synthApp } from '../util';

const summary = (objects: any[]): string[] => objects.map(o => `${o.apiVersion} ${o.kind} ${o.metadata.namespace ? o.metadata.namespace + '/' : ''}${o.metadata.name}`);

test('the library carries the manifests of the releases the e2e tests build', () => {
  expect(installableReleases()).toEqual(['v0.12.1', 'v0.15.2']);
  expect(RELEASES['v0.15.2']().source).toEqual(['go.universe.tf/metallb@v0.15.2/config/manifests/metallb-native.yaml']);
  expect(RELEASES['v0.12.1']().source).toEqual(['go.universe.tf/metallb@v0.12.1/manifests/namespace.yaml', 'go.universe.tf/metallb@v0.12.1/manifests/metallb.yaml']);
  expect(METALLB_LICENSE).toMatch(/Apache License\s+Version 2\.0/);
});

test('v0.15.2: metallb-native.yaml as MetalLB ships it, in a chart of its own when given the app', () => {
  const app = Testing.app();
  MetalLb.configure(app, { version: '0.15.2' });
  MetalLb.install(app);
  const out = synthApp(app);
  expect(Object.keys(out)).toEqual(['metallb-install']);
  const objects = out['metallb-install'];
  expect(objects).toEqual(RELEASES['v0.15.2']().objects);
  expect(summary(objects)).toMatchSnapshot();
  const controller = objects.find(o => o.kind === 'Deployment');
  expect(controller.spec.template.spec.containers[0].image).toBe('quay.io/metallb/controller:v0.15.2');
  expect(objects.filter(o => o.kind === 'CustomResourceDefinition').map(o => o.metadata.name)).toContain('ipaddresspools.metallb.io');
});

test('v0.12.1: the legacy manifests without the PodSecurityPolicies (not served from Kubernetes 1.25)', () => {
  const app = Testing.app();
  const chart = new Chart(app, 'metallb');
  MetalLb.configure(chart, { version: 'v0.12.1' });
  MetalLb.install(chart);
  const objects = synthApp(app).metallb;
  const shipped = RELEASES['v0.12.1']().objects;
  expect(shipped.filter(o => o.kind === 'PodSecurityPolicy')).toHaveLength(2);
  expect(objects).toEqual(shipped.filter(o => o.kind !== 'PodSecurityPolicy'));
  expect(Object.keys(leftOut())).toEqual(['PodSecurityPolicy']);
  expect(summary(objects)).toMatchSnapshot();
  expect(objects[0]).toEqual({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'metallb-system', labels: { app: 'metallb' } } });
});

test('another namespace: the Namespace and every namespace field move there', () => {
  const app = Testing.app();
  MetalLb.configure(app, { version: '0.15.2', metalLbNamespace: 'lb' });
  MetalLb.install(app);
  const objects = synthApp(app)['metallb-install'];
  expect(objects[0]).toMatchObject({ kind: 'Namespace', metadata: { name: 'lb' } });
  expect(JSON.stringify(objects)).not.toMatch(/"namespace":"metallb-system"/);
  const binding = objects.find(o => o.kind === 'ClusterRoleBinding' && o.metadata.name === 'metallb-system:controller');
  expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name: 'controller', namespace: 'lb' }]);
  const vwc = objects.find(o => o.kind === 'ValidatingWebhookConfiguration');
  expect(vwc.webhooks.every((w: any) => w.clientConfig.service.namespace === 'lb')).toBe(true);
  expect(objects.filter(o => o.metadata.namespace !== undefined).every(o => o.metadata.namespace === 'lb')).toBe(true);
});

test('fails M0: a version whose manifests the library does not carry', () => {
  const app = Testing.app();
  MetalLb.configure(app, { version: '0.16.1' });
  expect(() => MetalLb.install(app)).toThrow(/^\[App\] M0 version: got "v0.16.1"; expected a MetalLB release whose install manifests the library carries \(v0.12.1, v0.15.2\)/);
  expect(app.charts).toHaveLength(0);
});
