// Every manifest the example app writes, applied step by step to a real kube-apiserver, as the
// article does (MetalLB's CRDs first), and read back.
import { buildArticleApp } from '../examples/article';
import { ApiServer, applyManifest, KubeObject } from './apiserver/server';
import { metallbCrds, startCluster, synthToFiles } from './util';

let server: ApiServer;
let files: Record<string, KubeObject[]>;

beforeAll(async () => {
  server = await startCluster();
  files = synthToFiles(app => buildArticleApp(app));
  for (const crd of metallbCrds()) await applyManifest(server, crd);
  await applyManifest(server, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'metallb-system' } });
});

afterAll(async () => {
  await server?.stop();
});

function inCidr(ip: string, prefix: string): boolean {
  return ip.startsWith(prefix);
}

async function deleteService(name: string): Promise<void> {
  const res = await server.request('DELETE', `/api/v1/namespaces/default/services/${name}`);
  expect(res.status).toBe(200);
}

test('the example writes one manifest per step', () => {
  expect(Object.keys(files)).toEqual([
    'k8sdemo-deployment.k8s.yaml',
    'k8sdemo-external-service.k8s.yaml',
    'k8sdemo-service-clusterip.k8s.yaml',
    'k8sdemo-service-loadbalancer-crs.k8s.yaml',
    'k8sdemo-service-loadbalancer.k8s.yaml',
    'k8sdemo-service-nodeport.k8s.yaml',
    'metallb-crs-layer2.k8s.yaml',
    'metallb-layer2-config.k8s.yaml',
  ]);
});

test('step 1: the Deployment is accepted with its 3 replicas', async () => {
  const [deployment] = files['k8sdemo-deployment.k8s.yaml'];
  const res = await applyManifest(server, deployment);
  expect(res.body.spec.replicas).toBe(3);
  expect(res.body.spec.selector.matchLabels).toEqual({ name: 'k8sdemo' });
});

test('step 2: ClusterIP keeps the pinned 10.1.19.92', async () => {
  const [svc] = files['k8sdemo-service-clusterip.k8s.yaml'];
  const res = await applyManifest(server, svc);
  expect(res.body.spec.type).toBe('ClusterIP');
  expect(res.body.spec.clusterIP).toBe('10.1.19.92');
  expect(res.body.spec.clusterIPs).toEqual(['10.1.19.92']);
  expect(res.body.spec.ports).toEqual([{ port: 80, protocol: 'TCP', targetPort: 80 }]);
  await deleteService('k8sdemo-service');
});

test('step 3: NodePort keeps 30080 and gets a cluster IP from the service CIDR', async () => {
  const [svc] = files['k8sdemo-service-nodeport.k8s.yaml'];
  const res = await applyManifest(server, svc);
  expect(res.body.spec.type).toBe('NodePort');
  expect(res.body.spec.ports[0].nodePort).toBe(30080);
  expect(inCidr(res.body.spec.clusterIP, '10.1.')).toBe(true);
  await deleteService('k8sdemo-service');
});

test('step 4: MetalLB v0.9.3 ConfigMap and the LoadBalancer bound to its pool', async () => {
  const [configMap] = files['metallb-layer2-config.k8s.yaml'];
  const cm = await applyManifest(server, configMap);
  expect(cm.body.metadata).toMatchObject({ name: 'config', namespace: 'metallb-system' });
  expect(cm.body.data.config).toContain('192.168.124.200-192.168.124.210');

  const [svc] = files['k8sdemo-service-loadbalancer.k8s.yaml'];
  const res = await applyManifest(server, svc);
  expect(res.body.spec.type).toBe('LoadBalancer');
  expect(res.body.metadata.annotations).toEqual({ 'metallb.universe.tf/address-pool': 'default' });
  const nodePort = res.body.spec.ports[0].nodePort;
  expect(nodePort).toBeGreaterThanOrEqual(30000);
  expect(nodePort).toBeLessThanOrEqual(32767);
  expect(inCidr(res.body.spec.clusterIP, '10.1.')).toBe(true);
  await deleteService('k8sdemo-service');
});

test('step 4 for MetalLB 0.16: IPAddressPool and L2Advertisement pass the CRD schemas', async () => {
  const objects = files['metallb-crs-layer2.k8s.yaml'];
  expect(objects.map(o => o.kind)).toEqual(['IPAddressPool', 'L2Advertisement']);
  for (const o of objects) {
    const res = await applyManifest(server, o);
    expect(res.body.metadata.namespace).toBe('metallb-system');
    // the CRD schema accepts the spec as written (and fills in its defaults)
    expect(res.body.spec).toMatchObject((o as any).spec);
  }
  const [svc] = files['k8sdemo-service-loadbalancer-crs.k8s.yaml'];
  const res = await applyManifest(server, svc);
  expect(res.body.metadata.annotations).toEqual({ 'metallb.io/address-pool': 'default' });
  await deleteService('k8sdemo-service');
});

test('step 5: the ExternalName Service as written', async () => {
  const [svc] = files['k8sdemo-external-service.k8s.yaml'];
  const res = await applyManifest(server, svc);
  expect(res.body.spec.type).toBe('ExternalName');
  expect(res.body.spec.externalName).toBe('mingdao.com');
  expect(res.body.spec.clusterIP).toBeUndefined();
});
