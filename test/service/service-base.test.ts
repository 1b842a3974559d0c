import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart, JsonPatch, Testing } from 'cdk8s';
import { ClusterIpService, ExternalNameService, NodePortService } from '../../src';
import { synth, synthError } from '../util';

test('fails S1: metadata.name is not a DNS-1035 label', () => {
  expect(synthError(c => new ExternalNameService(c, 'svc', { metadata: { name: '1web' }, externalName: 'a.com' })))
    .toMatch(/\[test\/svc\] S1 metadata\.name: got "1web"; expected a DNS-1035 label/);
});

test('fails S1: a generated name is not a DNS-1035 label either', () => {
  const app = Testing.app();
  const c = new Chart(app, '9lives');
  expect(() => new ClusterIpService(c, 'svc', { ports: [{ port: 80 }] }))
    .toThrow(/\[9lives\/svc\] S1 metadata\.name: got "9lives-svc-c8[0-9a-f]+"; expected a DNS-1035 label.*\(generated from the construct path: set metadata\.name\)/);
});

test('S1: a generated name that is a DNS-1035 label is fine', () => {
  const [svc] = synth(c => new ClusterIpService(c, 'svc', { ports: [{ port: 80 }] }));
  expect(svc.metadata.name).toMatch(/^test-svc-c8[0-9a-f]+$/);
});

test('fails S1: namespace is not a DNS-1123 label', () => {
  expect(synthError(c => new ClusterIpService(c, 'svc', { metadata: { name: 'web', namespace: 'My_NS' }, ports: [{ port: 80 }] })))
    .toMatch(/S1 metadata\.namespace: got "My_NS"; expected a DNS-1123 label/);
});

test('fails S10: metadata labels and annotation keys', () => {
  const msg = synthError(c => {
    const s = new ClusterIpService(c, 'svc', { metadata: { name: 'web' }, ports: [{ port: 80 }] });
    s.metadata.addLabel('app', 'bad value');
    s.metadata.addAnnotation('not a key', 'x');
  });
  expect(msg).toMatch(/\[test\/svc\] S10 metadata\.labels\["app"\]: got "bad value"/);
  expect(msg).toMatch(/\[test\/svc\] S10 metadata\.annotations key: got "not a key"/);
});

test('the L1 object stays reachable for JSON patches', () => {
  const [svc] = synth(c => {
    const s = new ClusterIpService(c, 'svc', { metadata: { name: 'web' }, ports: [{ port: 80 }] });
    s.apiObject.addJsonPatch(JsonPatch.add('/spec/trafficDistribution', 'PreferClose'));
  });
  expect(svc.spec.trafficDistribution).toBe('PreferClose');
});

test('dnsName uses the namespace and cluster domain', () => {
  const c = new Chart(Testing.app(), 'c');
  const s = new ClusterIpService(c, 'svc', { metadata: { name: 'web', namespace: 'shop' }, ports: [{ port: 80 }] });
  expect(s.dnsName()).toBe('web.shop.svc.cluster.local');
  expect(s.dnsName('example.internal')).toBe('web.shop.svc.example.internal');
});

test('a failed synth writes nothing: no chart of the app is written', () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-services-'));
  const app = new App({ outdir });
  new ClusterIpService(new Chart(app, 'good'), 'svc', { metadata: { name: 'good' }, ports: [{ port: 80 }] });
  new NodePortService(new Chart(app, 'bad'), 'svc', { metadata: { name: 'bad' } }); // S2: no ports
  expect(() => app.synth()).toThrow(/\[bad\/svc\] S2 spec\.ports/);
  expect(fs.readdirSync(outdir)).toEqual([]);
});
