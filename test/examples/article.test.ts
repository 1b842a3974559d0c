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

/** The defaults kube-apiserver fills in, so that two manifests can be compared by meaning. */
function withServiceDefaults(obj: any): any {
  if (obj.kind !== 'Service') return obj;
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
    'k8sdemo-service-loadbalancer',
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
