// Checks the manifests of bindings/plus/main.ts: node check.js OUTDIR
// The NodePortService selects the Deployment's pods and targets its named port; the StatefulSet
// is governed by the library's headless Service and no other Service selects its pods.
const fs = require('fs');
const path = require('path');
const YAML = require('yaml');

const outdir = process.argv[2];
const objects = fs.readdirSync(outdir).filter(f => f.endsWith('.yaml'))
  .flatMap(f => YAML.parseAllDocuments(fs.readFileSync(path.join(outdir, f), 'utf-8')).map(d => d.toJSON()));
const problems = [];
const expect = (ok, what) => { if (!ok) problems.push(what); };
const sorted = (v) => Array.isArray(v) ? v.map(sorted)
  : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map(k => [k, sorted(v[k])])) : v;
const same = (a, b) => JSON.stringify(sorted(a)) === JSON.stringify(sorted(b));

const deployment = objects.find(o => o.kind === 'Deployment');
const sts = objects.find(o => o.kind === 'StatefulSet');
const services = objects.filter(o => o.kind === 'Service');
const web = services.find(s => s.metadata.name === 'web');
const db = services.find(s => s.metadata.name === 'db');
expect(deployment && sts, 'a Deployment and a StatefulSet are written');
expect(services.length === 2, `two Services are written (got ${services.map(s => s.metadata.name).join(', ')})`);
expect(web && web.spec.type === 'NodePort', 'the Service "web" is a NodePort Service');
if (web && deployment) {
  expect(Object.keys(web.spec.selector ?? {}).length > 0 && same(web.spec.selector, deployment.spec.selector.matchLabels),
    `the selector of "web" (${JSON.stringify(web.spec.selector)}) is the Deployment's (${JSON.stringify(deployment.spec.selector.matchLabels)})`);
  expect(same(web.spec.ports, [{ protocol: 'TCP', port: 80, targetPort: 'http', nodePort: 30080 }]), `the ports of "web": ${JSON.stringify(web.spec.ports)}`);
}
if (db && sts) {
  expect(db.spec.clusterIP === 'None', 'the Service "db" is headless');
  expect(sts.spec.serviceName === 'db', `the StatefulSet's serviceName is "db" (got ${sts.spec.serviceName})`);
  expect(same(db.spec.selector, sts.spec.selector.matchLabels), 'the Service "db" selects the StatefulSet\'s pods');
}
if (problems.length > 0) {
  console.error(`manifests in ${outdir}:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
