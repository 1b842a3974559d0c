/**
 * Manual smoke check of the e2e kube-apiserver and server.ts (not a jest test).
 * From the repo root:
 *
 *   TS_NODE_PROJECT=tsconfig.dev.json npx ts-node e2e/apiserver/smoke.ts [path/to/crd.yaml]
 */
import * as fs from 'node:fs';
import { ApiResponse, ApiServer, applyManifest, KubeObject, startApiServer } from './server';

function check(cond: boolean, what: string, res?: ApiResponse): void {
  if (!cond) {
    throw new Error(`FAIL: ${what}${res ? ` (HTTP ${res.status} ${JSON.stringify(res.body).slice(0, 800)})` : ''}`);
  }
  console.log(`ok: ${what}`);
}

/** Lets the apiserver parse YAML: dry-run create, then keep only what a create accepts. */
async function yamlToObject(server: ApiServer, collection: string, yaml: string): Promise<KubeObject> {
  const res = await server.request('POST', `${collection}?dryRun=All`, yaml, 'application/yaml');
  check(res.status === 201, `dry-run create from YAML at ${collection}`, res);
  const obj = res.body as KubeObject;
  const md = obj.metadata ?? {};
  obj.metadata = { name: md.name, ...(md.labels ? { labels: md.labels } : {}), ...(md.annotations ? { annotations: md.annotations } : {}) };
  delete obj.status;
  return obj;
}

async function main(): Promise<void> {
  const crdPath = process.argv[2] ?? '/work/shared/schemas/metallb/v0.16.1/crds/metallb.io_ipaddresspools.yaml';

  let t = Date.now();
  const server = await startApiServer();
  console.log(`started ${server.url} in ${Date.now() - t} ms`);
  try {
    const version = await server.request('GET', '/version');
    console.log(`version: ${version.body.gitVersion}`);

    const svc = await applyManifest(server, {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'pinned' },
      spec: { type: 'ClusterIP', clusterIP: '10.1.19.92', selector: { app: 'x' }, ports: [{ port: 80, targetPort: 8080 }] },
    });
    check(svc.body.spec.clusterIP === '10.1.19.92', 'ClusterIP Service keeps clusterIP 10.1.19.92', svc);

    const np = await applyManifest(server, {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'np' },
      spec: { type: 'NodePort', selector: { app: 'x' }, ports: [{ port: 80, nodePort: 30080 }] },
    });
    check(np.body.spec.ports[0].nodePort === 30080, 'NodePort Service keeps nodePort 30080', np);

    const bad = await server.request('POST', '/api/v1/namespaces/default/services?dryRun=All', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'bad' },
      spec: { ports: [{ port: 70000 }] },
    });
    check(bad.status === 422, 'dryRun=All of a Service with port 70000 is 422 Invalid', bad);
    const badViaApply = await applyManifest(server, {
      apiVersion: 'v1', kind: 'Service', metadata: { name: 'bad2' }, spec: { ports: [{ port: 70000 }] },
    }, { dryRun: true, throwOnError: false });
    check(badViaApply.status === 422, 'applyManifest dryRun + throwOnError:false returns 422', badViaApply);
    const notThere = await server.request('GET', '/api/v1/namespaces/default/services/bad');
    check(notThere.status === 404, 'dry-run left nothing behind', notThere);

    const dep = await applyManifest(server, {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', labels: { app: 'web' } },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: { containers: [{ name: 'web', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }] },
        },
      },
    });
    check(dep.status === 201 && dep.body.spec.replicas === 2, 'Deployment apps/v1 created', dep);

    const pod = await applyManifest(server, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: { containers: [{ name: 'c', image: 'busybox' }] },
    });
    check(pod.status === 201, 'Pod created (ServiceAccount admission disabled)', pod);

    const ns = await applyManifest(server, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'metallb-system' } });
    check(ns.status === 201, 'Namespace created', ns);

    const ssa = await applyManifest(server, {
      apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm', namespace: 'metallb-system' }, data: { a: '1' },
    }, { mode: 'apply' });
    check(ssa.status === 201 && ssa.body.data.a === '1', 'server-side apply creates ConfigMap', ssa);

    t = Date.now();
    const crd = await yamlToObject(server, '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', fs.readFileSync(crdPath, 'utf8'));
    const crdRes = await applyManifest(server, crd);
    check(crdRes.status === 201, `CRD ${crd.metadata?.name} created and established in ${Date.now() - t} ms`, crdRes);

    const pool = await applyManifest(server, {
      apiVersion: 'metallb.io/v1beta1',
      kind: 'IPAddressPool',
      metadata: { name: 'pool', namespace: 'metallb-system' },
      spec: { addresses: ['192.168.10.0/24'], autoAssign: true },
    });
    check(pool.status === 201 && pool.body.spec.addresses[0] === '192.168.10.0/24', 'IPAddressPool created', pool);

    const badPool = await applyManifest(server, {
      apiVersion: 'metallb.io/v1beta1',
      kind: 'IPAddressPool',
      metadata: { name: 'badpool', namespace: 'metallb-system' },
      spec: { addresses: 'not-a-list' },
    }, { dryRun: true, throwOnError: false });
    check(badPool.status === 422, 'CRD schema validation rejects a bad IPAddressPool (422)', badPool);
  } finally {
    t = Date.now();
    await server.stop();
    console.log(`stopped in ${Date.now() - t} ms; dir removed: ${!fs.existsSync(server.dir)}`);
  }
}

if (require.main === module) {
  main().then(
    () => console.log('SMOKE OK'),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
