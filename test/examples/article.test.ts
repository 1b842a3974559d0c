import * as fs from 'fs';
import * as path from 'path';
import { App, Testing } from 'cdk8s';
import * as YAML from 'yaml';
import { buildArticleApp } from '../../examples/article';

function build(): App {
  const app = Testing.app();
  buildArticleApp(app);
  return app;
}

function synthAll(app: App): Record<string, any[]> {
  const out: Record<string, any[]> = {};
  for (const chart of app.charts) out[chart.node.id] = Testing.synth(chart);
  return out;
}

/**
 * The defaults kube-apiserver fills in, so that two manifests can be compared by meaning; the
 * legacy MetalLB config compared as the YAML it holds; the pool binding (the article's cluster
 * has one pool, so binding to it changes nothing) checked on its own.
 */
function withServiceDefaults(obj: any): any {
  if (obj.kind === 'ConfigMap') return { ...obj, data: { config: YAML.parse(obj.data.config) } };
  if (obj.kind !== 'Service') return obj;
  if (obj.metadata.annotations) {
    const { ['metallb.universe.tf/address-pool']: _pool, ...rest } = obj.metadata.annotations;
    obj = { ...obj, metadata: { ...obj.metadata, annotations: Object.keys(rest).length ? rest : undefined } };
    if (!obj.metadata.annotations) delete obj.metadata.annotations;
  }
  const spec = { type: 'ClusterIP', ...obj.spec };
  if (spec.ports) {
    spec.ports = spec.ports.map((p: any) => ({ protocol: 'TCP', targetPort: p.port, ...p }));
  }
  return { ...obj, spec };
}

test('the example app writes one manifest per step of the article (snapshot)', () => {
  const manifests = synthAll(build());
  expect(Object.keys(manifests)).toEqual([
    'k8sdemo-deployment',
    'k8sdemo-service-clusterip',
    'k8sdemo-service-nodeport',
    'metallb-layer2-config',
    'k8sdemo-service-loadbalancer',
    'metallb-crs-layer2',
    'k8sdemo-service-loadbalancer-crs',
    'k8sdemo-external-service',
  ]);
  expect(manifests).toMatchSnapshot();
});

test('each manifest means what the article\'s manifest for that step means', () => {
  const article = YAML.parse(fs.readFileSync(path.join(__dirname, 'fixtures', 'article-manifests.yaml'), 'utf-8'));
  const manifests = synthAll(build());
  for (const [chart, expected] of Object.entries(article)) {
    const objects = manifests[chart].filter(o => o.kind === (expected as any).kind);
    expect(objects.map(withServiceDefaults)).toEqual([withServiceDefaults(expected)]);
  }
});

test('the ClusterIP step pins 10.1.19.92 and the NodePort step 30080', () => {
  const m = synthAll(build());
  expect(m['k8sdemo-service-clusterip'][0].spec.clusterIP).toBe('10.1.19.92');
  expect(m['k8sdemo-service-nodeport'][0].spec.ports[0].nodePort).toBe(30080);
  expect(m['k8sdemo-external-service'][0].spec).toEqual({ type: 'ExternalName', externalName: 'mingdao.com' });
});

test('the LoadBalancer step is bound to the article\'s MetalLB v0.9.3 pool by annotation', () => {
  const m = synthAll(build());
  expect(m['k8sdemo-service-loadbalancer'][0].metadata.annotations).toEqual({ 'metallb.universe.tf/address-pool': 'default' });
  const config = YAML.parse(m['metallb-layer2-config'][0].data.config);
  expect(config).toEqual({ 'address-pools': [{ name: 'default', protocol: 'layer2', addresses: ['192.168.124.200-192.168.124.210'] }] });
});

test('the MetalLB 0.16 variant: IPAddressPool, its L2Advertisement, and the Service bound with metallb.io/', () => {
  const m = synthAll(build());
  const [pool, adv] = m['metallb-crs-layer2'];
  expect(pool).toEqual({
    apiVersion: 'metallb.io/v1beta1',
    kind: 'IPAddressPool',
    metadata: { name: 'default', namespace: 'metallb-system' },
    spec: { addresses: ['192.168.124.200-192.168.124.210'] },
  });
  expect(adv).toMatchObject({ kind: 'L2Advertisement', metadata: { namespace: 'metallb-system' }, spec: { ipAddressPools: ['default'] } });
  expect(m['k8sdemo-service-loadbalancer-crs'][0].metadata.annotations).toEqual({ 'metallb.io/address-pool': 'default' });
});
