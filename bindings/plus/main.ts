// A fresh cdk8s app as a user writes it, with one cdk8s-plus release: bindings/plus-versions.sh
// turns `cdk8s-plus-28` below into the release under test, installs the packed library, compiles
// this file with tsc (the workloads must be accepted by type) and runs it.
import { App, Chart } from 'cdk8s';
import * as plus from 'cdk8s-plus-28';
import { ClusterIpService, NodePortService, ServiceBackend, TargetPort } from 'cdk8s-services';

const app = new App();
const chart = new Chart(app, 'web');

const deployment = new plus.Deployment(chart, 'deployment', {
  replicas: 2,
  containers: [{ image: 'nginx:1.27', ports: [{ number: 8080, name: 'http' }] }],
});
new NodePortService(chart, 'service', {
  metadata: { name: 'web' },
  backend: ServiceBackend.fromWorkload(deployment),
  ports: [{ port: 80, targetPort: TargetPort.fromName('http'), nodePort: 30080 }],
});

const db = new plus.StatefulSet(chart, 'db', {
  containers: [{ image: 'postgres:16', ports: [{ number: 5432, name: 'pg' }] }],
});
const headless = new ClusterIpService(chart, 'db-headless', {
  metadata: { name: 'db' },
  headless: true,
  backend: ServiceBackend.fromWorkload(db),
  ports: [{ name: 'pg', port: 5432, targetPort: TargetPort.fromName('pg') }],
});
headless.governStatefulSet(db);

app.synth();
