// MetalLb.install(scope): MetalLB's own install manifests, written by the library for the
// configured release, applied to the e2e kube-apiserver as `kubectl apply` would (server-side apply).
import { App } from 'cdk8s';
import { ApiServer, applyManifest, resolveResource } from './apiserver/server';
import { METALLB_CRS, METALLB_LEGACY, metallbModuleDir, readYamlObjects } from './metallb/controller';
import { startCluster, synthToFiles } from './util';
import { MetalLb } from '../src';

let server: ApiServer;

beforeAll(async () => {
  server = await startCluster();
});

afterAll(async () => {
  await server?.stop();
});

function installManifests(version: string) {
  return synthToFiles((app: App) => {
    MetalLb.configure(app, { version });
    MetalLb.install(app);
  })['metallb-install.k8s.yaml'];
}

test(`MetalLB ${METALLB_LEGACY}: every object of the install manifests is accepted; its PodSecurityPolicies are not served`, async () => {
  const objects = installManifests(METALLB_LEGACY);
  const shipped = readYamlObjects(`${metallbModuleDir(METALLB_LEGACY)}/manifests/metallb.yaml`);
  expect(shipped.filter(o => o.kind === 'PodSecurityPolicy').length).toBe(2);
  expect(objects.length).toBe(shipped.length + 1 - 2); // + the Namespace, - the PodSecurityPolicies
  for (const o of objects) {
    const res = await applyManifest(server, o, { mode: 'apply' });
    expect(res.status).toBeLessThan(300);
  }
  const deployment = await server.request('GET', '/apis/apps/v1/namespaces/metallb-system/deployments/controller');
  expect(deployment.body.spec.template.spec.containers[0].image).toBe(`quay.io/metallb/controller:${METALLB_LEGACY}`);
  // why they are left out: Kubernetes 1.25+ does not serve policy/v1beta1 PodSecurityPolicy
  await expect(resolveResource(server, 'policy/v1beta1', 'PodSecurityPolicy')).rejects.toThrow(/not served/);
});

test(`MetalLB ${METALLB_CRS}: every object of metallb-native.yaml is accepted, CRDs established`, async () => {
  const objects = installManifests(METALLB_CRS);
  for (const o of objects) {
    // the bgppeers CRD's conversion webhook needs the in-cluster webhook Service: kept as written
    const res = await applyManifest(server, o, { mode: 'apply', keepConversionWebhook: true });
    expect(res.status).toBeLessThan(300);
  }
  const crds = objects.filter(o => o.kind === 'CustomResourceDefinition').map(o => o.metadata!.name);
  expect(crds).toEqual(expect.arrayContaining(['ipaddresspools.metallb.io', 'l2advertisements.metallb.io', 'bgppeers.metallb.io']));
  const deployment = await server.request('GET', '/apis/apps/v1/namespaces/metallb-system/deployments/controller');
  expect(deployment.body.spec.template.spec.containers[0].image).toBe(`quay.io/metallb/controller:${METALLB_CRS}`);
  const vwc = await server.request('GET', '/apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations/metallb-webhook-configuration');
  expect(vwc.body.webhooks).toHaveLength(6);
  // no MetalLB pod runs here: with failurePolicy Fail the webhook would refuse every MetalLB object
  await server.request('DELETE', '/apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations/metallb-webhook-configuration');
});
