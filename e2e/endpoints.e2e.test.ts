// Endpoints from the real controllers: kube-controller-manager (same release as the e2e
// kube-apiserver) runs the deployment, replicaset, statefulset and endpointslice controllers; the
// test plays the kubelet (a Node, a binding per Pod, a status patch Running/Ready with a pod IP).
// The example's Service then gets an EndpointSlice with the three k8sdemo pods, a named targetPort
// written by the library resolves to the container's port, and a StatefulSet governed by the
// library's headless Service gets its pods' DNS names (hostname + subdomain) from it.
import { Chart } from 'cdk8s';
import * as plus from 'cdk8s-plus-28';
import { k8s } from 'cdk8s-plus-28';
import { buildArticleApp } from '../examples/article';
import { ClusterIpService, IpFamilyPolicy, ServiceBackend, TargetPort } from '../src';
import { ControllerManager, startControllerManager } from './apiserver/controller-manager';
import { ApiServer, applyManifest, KubeObject, waitForResource } from './apiserver/server';
import { startCluster, synthToFiles } from './util';

const NS = '/api/v1/namespaces/default';
const NODE = 'node-1';

let server: ApiServer;
let kcm: ControllerManager | undefined;

beforeAll(async () => {
  server = await startCluster();
  const t0 = Date.now();
  kcm = await startControllerManager(server, ['deployment', 'replicaset', 'statefulset', 'endpointslice']);
  console.log(`e2e: kube-controller-manager (${kcm.controllers.join(',')}) started in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  // a Pod on a Node that does not exist is skipped by the endpointslice controller
  await applyManifest(server, { apiVersion: 'v1', kind: 'Node', metadata: { name: NODE } });
});

afterAll(async () => {
  await kcm?.stop(); // before the apiserver: otherwise the apiserver waits for its watches
  await server?.stop();
});

let nextIp = 10;

/** What a kubelet does for the pods the ReplicaSet controller created: bind, start, report Ready. */
async function runPods(selector: string, count: number): Promise<Map<string, string>> {
  const pods = await waitForResource(server, `${NS}/pods?labelSelector=${encodeURIComponent(selector)}`,
    b => b.items?.length === count, { timeoutMs: 60_000 }).catch(e => { throw new Error(`${e.message}\n${kcm?.logTail()}`); });
  const ips = new Map<string, string>();
  for (const pod of pods.items) {
    const name: string = pod.metadata.name;
    const ip = `10.244.0.${nextIp++}`;
    const bind = await server.request('POST', `${NS}/pods/${name}/binding`,
      { apiVersion: 'v1', kind: 'Binding', metadata: { name }, target: { apiVersion: 'v1', kind: 'Node', name: NODE } });
    expect(bind.status).toBe(201);
    const now = new Date().toISOString();
    const status = await server.request('PATCH', `${NS}/pods/${name}/status`, {
      status: {
        phase: 'Running',
        hostIP: '192.168.124.10',
        podIP: ip,
        podIPs: [{ ip }],
        startTime: now,
        conditions: ['PodScheduled', 'Initialized', 'ContainersReady', 'Ready'].map(type => ({ type, status: 'True', lastTransitionTime: now })),
      },
    }, 'application/strategic-merge-patch+json');
    expect(status.status).toBe(200);
    ips.set(name, ip);
  }
  return ips;
}

/** The EndpointSlices of a Service once they hold `count` ready endpoints. */
async function slicesOf(service: string, count: number): Promise<any[]> {
  const body = await waitForResource(server,
    `/apis/discovery.k8s.io/v1/namespaces/default/endpointslices?labelSelector=${encodeURIComponent(`kubernetes.io/service-name=${service}`)}`,
    b => (b.items ?? []).flatMap((s: any) => s.endpoints ?? []).filter((e: any) => e.conditions?.ready).length === count,
    { timeoutMs: 30_000 }).catch(e => { throw new Error(`${e.message}\n${kcm?.logTail()}`); });
  return body.items;
}

test('the example Service gets an EndpointSlice with the three k8sdemo pods on port 80', async () => {
  const files = synthToFiles(app => buildArticleApp(app));
  const [deployment] = files['k8sdemo-deployment.k8s.yaml'];
  const [service] = files['k8sdemo-service-clusterip.k8s.yaml'];
  await applyManifest(server, deployment);
  await applyManifest(server, service);
  const ips = await runPods('name=k8sdemo', 3);

  const slices = await slicesOf('k8sdemo-service', 3);
  expect(slices).toHaveLength(1);
  const [slice] = slices;
  expect(slice.addressType).toBe('IPv4');
  expect(slice.metadata.ownerReferences).toEqual([expect.objectContaining({ kind: 'Service', name: 'k8sdemo-service' })]);
  expect(slice.ports).toEqual([{ name: '', port: 80, protocol: 'TCP' }]);
  const endpoints = slice.endpoints.map((e: any) => ({ ip: e.addresses[0], pod: e.targetRef.name, node: e.nodeName, ready: e.conditions.ready }));
  expect(endpoints.sort((a: any, b: any) => a.ip.localeCompare(b.ip)))
    .toEqual([...ips].map(([pod, ip]) => ({ ip, pod, node: NODE, ready: true })).sort((a, b) => a.ip.localeCompare(b.ip)));
  process.stdout.write(`endpoints: ${service.metadata!.name} ${endpoints.length} pods on port ${slice.ports[0].port}\n`);
});

test('a named targetPort written by the library resolves to the container port', async () => {
  const files = synthToFiles(app => {
    const chart = new Chart(app, 'named');
    const deployment = new k8s.KubeDeployment(chart, 'web', {
      metadata: { name: 'web' },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: { containers: [{ name: 'web', image: 'nginx', ports: [{ name: 'metrics', containerPort: 9100 }, { name: 'http', containerPort: 8080 }] }] },
        },
      },
    });
    new ClusterIpService(chart, 'svc', {
      metadata: { name: 'web' },
      backend: ServiceBackend.fromApiObject(deployment),
      ports: [{ name: 'web', port: 80, targetPort: TargetPort.fromName('http') }],
    });
  });
  const objects: KubeObject[] = files['named.k8s.yaml'];
  const service = objects.find(o => o.kind === 'Service')!;
  expect((service as any).spec.ports).toEqual([{ name: 'web', port: 80, protocol: 'TCP', targetPort: 'http' }]);
  for (const o of objects) await applyManifest(server, o);
  const ips = await runPods('app=web', 2);

  const [slice] = await slicesOf('web', 2);
  // the Service's port 80 goes to the container port named http: 8080
  expect(slice.ports).toEqual([{ name: 'web', port: 8080, protocol: 'TCP' }]);
  expect(slice.endpoints.map((e: any) => e.addresses[0]).sort()).toEqual([...ips.values()].sort());
});

test('endpoints by hand: a Service without a selector and the EndpointSlices the library writes, applied and read back', async () => {
  const files = synthToFiles(app => {
    const chart = new Chart(app, 'outside');
    new ClusterIpService(chart, 'db', {
      metadata: { name: 'orders-db' },
      backend: ServiceBackend.fromAddresses(['192.0.2.10', '2001:db8::10', '192.0.2.11']),
      ipFamilyPolicy: IpFamilyPolicy.PREFER_DUAL_STACK,
      ports: [
        { name: 'pg', port: 5432, targetPort: TargetPort.fromNumber(15432) },
        { name: 'metrics', port: 9187 },
      ],
    });
  });
  const objects: KubeObject[] = files['outside.k8s.yaml'];
  expect(objects.map(o => o.kind)).toEqual(['Service', 'EndpointSlice', 'EndpointSlice']);
  const service = objects[0] as any;
  expect(service.spec.selector).toBeUndefined();
  for (const o of objects) await applyManifest(server, o);

  const svc = (await server.request('GET', `${NS}/services/orders-db`)).body;
  expect(svc.spec.ipFamilies).toEqual(['IPv4', 'IPv6']);
  const path = `/apis/discovery.k8s.io/v1/namespaces/default/endpointslices?labelSelector=${encodeURIComponent('kubernetes.io/service-name=orders-db')}`;
  const read = async () => ((await server.request('GET', path)).body.items as any[])
    .map(s => ({ name: s.metadata.name, addressType: s.addressType, addresses: s.endpoints.map((e: any) => e.addresses[0]), ports: s.ports }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const written = objects.slice(1).map((s: any) => ({ name: s.metadata.name, addressType: s.addressType, addresses: s.endpoints.map((e: any) => e.addresses[0]), ports: s.ports }));
  expect(await read()).toEqual(written);
  expect(written.map(s => [s.addressType, s.addresses])).toEqual([['IPv4', ['192.0.2.10', '192.0.2.11']], ['IPv6', ['2001:db8::10']]]);
  // the slices carry the Service's port names, with the target port numbers
  expect(written[0].ports.map((p: any) => [p.name, p.port])).toEqual([['pg', 15432], ['metrics', 9187]]);
  // the endpointslice controller leaves slices it does not manage alone
  await new Promise(resolve => setTimeout(resolve, 1500));
  expect(await read()).toEqual(written);
  process.stdout.write(`endpoints: orders-db ${written.flatMap(s => s.addresses).length} addresses in ${written.length} EndpointSlices, read back as written\n`);
});

test('a StatefulSet governed by the library\'s headless Service: the pods get hostname and subdomain, the slices their DNS names', async () => {
  const files = synthToFiles(app => {
    const chart = new Chart(app, 'data');
    const db = new plus.StatefulSet(chart, 'db', {
      replicas: 2,
      podManagementPolicy: plus.PodManagementPolicy.PARALLEL,
      containers: [{ image: 'postgres:16', ports: [{ number: 5432, name: 'pg' }] }],
    });
    const headless = new ClusterIpService(chart, 'db-headless', {
      metadata: { name: 'db' },
      headless: true,
      backend: ServiceBackend.fromWorkload(db),
      ports: [{ name: 'pg', port: 5432, targetPort: TargetPort.fromName('pg') }],
    });
    headless.governStatefulSet(db);
  });
  const objects: KubeObject[] = files['data.k8s.yaml'];
  // one Service: cdk8s-plus's own headless Service was replaced by the library's
  expect(objects.filter(o => o.kind === 'Service').map(o => o.metadata!.name)).toEqual(['db']);
  const set = objects.find(o => o.kind === 'StatefulSet') as any;
  expect(set.spec.serviceName).toBe('db');
  for (const o of objects) await applyManifest(server, o);

  const ips = await runPods(Object.entries(set.spec.selector.matchLabels).map(([k, v]) => `${k}=${v}`).join(','), 2);
  // what the statefulset controller made of spec.serviceName
  const pods = (await server.request('GET', `${NS}/pods?labelSelector=${encodeURIComponent(Object.entries(set.spec.selector.matchLabels).map(([k, v]) => `${k}=${v}`).join(','))}`)).body.items;
  const setName = set.metadata.name;
  expect(pods.map((p: any) => [p.metadata.name, p.spec.hostname, p.spec.subdomain]).sort())
    .toEqual([[`${setName}-0`, `${setName}-0`, 'db'], [`${setName}-1`, `${setName}-1`, 'db']]);
  // the endpointslice controller gives each endpoint its pod's hostname: db-0.db.<ns>.svc resolves
  const [slice] = await slicesOf('db', 2);
  expect(slice.endpoints.map((e: any) => [e.hostname, e.addresses[0]]).sort())
    .toEqual([...ips].map(([pod, ip]) => [pod, ip]).sort());
  expect(slice.ports).toEqual([{ name: 'pg', port: 5432, protocol: 'TCP' }]);
  process.stdout.write(`endpoints: StatefulSet ${setName} governed by headless Service db: ${slice.endpoints.map((e: any) => `${e.hostname}.db`).sort().join(', ')}\n`);
});
