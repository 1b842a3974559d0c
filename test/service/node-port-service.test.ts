import { App, Chart, Testing } from 'cdk8s';
import * as plus from 'cdk8s-plus-28';
import {
  ClusterSettings, ExternalTrafficPolicy, LoadBalancerService, NodePortService, Protocol, ServiceBackend, TargetPort,
} from '../../src';
import { synth, synthError } from '../util';

test('a NodePort Service with every field it allows (snapshot)', () => {
  const manifests = synth(c => new NodePortService(c, 'svc', {
    metadata: { name: 'web' },
    selector: { app: 'web' },
    externalTrafficPolicy: ExternalTrafficPolicy.LOCAL,
    ports: [
      { name: 'http', port: 80, targetPort: TargetPort.fromNumber(8080), nodePort: 30080 },
      { name: 'metrics', port: 9100 },
    ],
  }));
  expect(manifests).toMatchSnapshot();
  expect(manifests[0].spec).toMatchObject({ type: 'NodePort', externalTrafficPolicy: 'Local' });
});

test('the article\'s NodePort Service, 30080 on every node', () => {
  const [svc] = synth(c => new NodePortService(c, 'svc', {
    metadata: { name: 'k8sdemo-service' },
    selector: { name: 'k8sdemo' },
    ports: [{ port: 80, targetPort: TargetPort.fromNumber(80), nodePort: 30080 }],
  }));
  expect(svc.spec).toEqual({
    type: 'NodePort',
    selector: { name: 'k8sdemo' },
    ports: [{ port: 80, protocol: 'TCP', targetPort: 80, nodePort: 30080 }],
  });
});

test('fails S3: a headless NodePort Service', () => {
  expect(synthError(c => new NodePortService(c, 'svc', { metadata: { name: 'web' }, clusterIp: 'None', ports: [{ port: 80 }] })))
    .toMatch(/\[test\/svc\] S3 spec\.clusterIP: got "None"; expected a cluster IP or nothing: a NodePort Service cannot be headless/);
});

test('fails S19: externalTrafficPolicy is not Cluster or Local', () => {
  expect(synthError(c => new NodePortService(c, 'svc', {
    metadata: { name: 'web' }, externalTrafficPolicy: 'Node' as ExternalTrafficPolicy, ports: [{ port: 80 }],
  }))).toMatch(/S19 spec\.externalTrafficPolicy: got "Node"; expected Cluster or Local/);
});

test('fails A1: a node port outside the default range 30000-32767', () => {
  expect(synthError(c => new NodePortService(c, 'svc', { metadata: { name: 'web' }, ports: [{ port: 80, nodePort: 8080 }] })))
    .toMatch(/\[test\/svc\] A1 spec\.ports\[0\]\.nodePort: got 8080; expected a port in the cluster's node-port range 30000-32767/);
});

test('A1: the range can be configured on the app or a chart', () => {
  const app = Testing.app();
  ClusterSettings.configure(app, { serviceNodePortRange: '20000-22767' });
  const inApp = new Chart(app, 'a');
  new NodePortService(inApp, 'svc', { metadata: { name: 'a' }, ports: [{ port: 80, nodePort: 20080 }] });
  expect(Testing.synth(inApp)[0].spec.ports[0].nodePort).toBe(20080);

  const other = new Chart(app, 'b');
  ClusterSettings.configure(other, { serviceNodePortRange: '40000-40100' });
  new NodePortService(other, 'svc', { metadata: { name: 'b' }, ports: [{ port: 80, nodePort: 20081 }] });
  expect(() => Testing.synth(other)).toThrow(/A1 spec\.ports\[0\]\.nodePort: got 20081; expected a port in the cluster's node-port range 40000-40100/);
  expect(ClusterSettings.nodePortRangeOf(other)).toBe('40000-40100');
});

test('fails A2: two Services of the app ask for one node port', () => {
  const msg = synthError(c => {
    new NodePortService(c, 'first', { metadata: { name: 'first' }, ports: [{ port: 80, nodePort: 30080 }] });
    new NodePortService(c, 'second', { metadata: { name: 'second' }, ports: [{ port: 53, protocol: Protocol.UDP, nodePort: 30080 }] });
  });
  expect(msg).toMatch(/\[test\/second\] A2 spec\.ports\[0\]\.nodePort: got 30080; expected a node port no other Service uses: test\/first already uses it \(spec\.ports\[0\]\.nodePort\)/);
  expect(msg).not.toMatch(/\[test\/first\] A2/);
});

test('fails A2: across charts and Service types, health-check node port included', () => {
  const app = Testing.app();
  const a = new Chart(app, 'a');
  const b = new Chart(app, 'b');
  new LoadBalancerService(a, 'lb', {
    metadata: { name: 'lb' }, externalTrafficPolicy: ExternalTrafficPolicy.LOCAL, healthCheckNodePort: 30500, ports: [{ port: 80 }],
  });
  new NodePortService(b, 'np', { metadata: { name: 'np' }, ports: [{ port: 80, nodePort: 30500 }] });
  expect(() => Testing.synth(b)).toThrow(/\[b\/np\] A2 spec\.ports\[0\]\.nodePort: got 30500; expected a node port no other Service uses: a\/lb already uses it \(spec\.healthCheckNodePort\)/);
});

test('A2: one Service may use a node port for TCP and UDP', () => {
  const [svc] = synth(c => new NodePortService(c, 'dns', {
    metadata: { name: 'dns' },
    ports: [{ name: 'tcp', port: 53, nodePort: 30053 }, { name: 'udp', port: 53, protocol: Protocol.UDP, nodePort: 30053 }],
  }));
  expect(svc.spec.ports.map((p: any) => p.nodePort)).toEqual([30053, 30053]);
});

test('A2: successive versions of one Service (same name and namespace) do not collide', () => {
  const app = new App({ outdir: Testing.app().outdir });
  new NodePortService(new Chart(app, 'v1'), 'svc', { metadata: { name: 'web' }, ports: [{ port: 80, nodePort: 30080 }] });
  new LoadBalancerService(new Chart(app, 'v2'), 'svc', { metadata: { name: 'web' }, ports: [{ port: 80, nodePort: 30080 }] });
  expect(() => app.synth()).not.toThrow();
});

test('A4: an explicit node port in the dynamic band warns', () => {
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  synth(c => new NodePortService(c, 'svc', { metadata: { name: 'web' }, ports: [{ port: 80, nodePort: 32000 }] }));
  expect(warn).toHaveBeenCalledWith(expect.stringMatching(/warning: \[test\/svc\] A4 spec\.ports\[0\]\.nodePort 32000 is in the dynamic band of the node-port range \(30086-32767\).*safest in 30000-30085/));
  warn.mockRestore();
});

test('A4: a port in the static band does not warn', () => {
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  synth(c => new NodePortService(c, 'svc', { metadata: { name: 'quiet' }, ports: [{ port: 80, nodePort: 30085 }] }));
  expect(warn).not.toHaveBeenCalled();
  warn.mockRestore();
});

describe('backends', () => {
  test('a cdk8s-plus-28 Deployment', () => {
    const manifests = synth(c => {
      const d = new plus.Deployment(c, 'web', { containers: [{ image: 'nginx', portNumber: 8080 }] });
      new NodePortService(c, 'svc', { metadata: { name: 'web' }, backend: ServiceBackend.fromWorkload(d), ports: [{ port: 80, targetPort: TargetPort.fromNumber(8080) }] });
    });
    const d = manifests.find(m => m.kind === 'Deployment');
    expect(manifests.find(m => m.kind === 'Service').spec.selector).toEqual(d.spec.selector.matchLabels);
  });
});

test('A1/A2: checks remembered between validations are computed again when the app changes', () => {
  const app = Testing.app();
  const c = new Chart(app, 'c');
  new NodePortService(c, 'first', { metadata: { name: 'first' }, ports: [{ port: 80, nodePort: 30001 }] });
  expect(() => Testing.synth(c)).not.toThrow();
  // a later Service takes the same node port
  new NodePortService(c, 'second', { metadata: { name: 'second' }, ports: [{ port: 80, nodePort: 30001 }] });
  expect(() => Testing.synth(c)).toThrow(/\[c\/second\] A2/);
  // the range cannot change after the Services were made
  const other = new Chart(Testing.app(), 'o');
  const s = new NodePortService(other, 'svc', { metadata: { name: 'svc' }, ports: [{ port: 80, nodePort: 30002 }] });
  expect(() => Testing.synth(other)).not.toThrow();
  expect(() => ClusterSettings.configure(other, { serviceNodePortRange: '31000-31100' })).toThrow(/^\[o\] ClusterSettings\.configure: got a call after the Service o\/svc was created below o;/);
  expect(ClusterSettings.nodePortRangeOf(other)).toBe('30000-32767');
  // and a port added later is checked too
  s.addPort({ name: 'b', port: 81 });
  expect(() => Testing.synth(other)).toThrow(/S5 spec\.ports\[0\]\.name/);
});
