// The library's app-wide node-port check (A2) matches the server's allocator.
import { Chart, Testing } from 'cdk8s';
import { LoadBalancerService, NodePortService, Protocol } from '../src';
import { ApiServer, applyManifest } from './apiserver/server';
import { startCluster } from './util';

let server: ApiServer;
beforeAll(async () => { server = await startCluster(); });
afterAll(async () => { await server?.stop(); });

function twoServices(secondProtocol: Protocol, secondIsHealthCheck: boolean): { error?: string; manifests: any[] } {
  const chart = new Chart(Testing.app(), 'a2');
  new NodePortService(chart, 'first', { metadata: { name: `first-${secondProtocol.toLowerCase()}-${secondIsHealthCheck}` }, ports: [{ port: 80, nodePort: 30042 }] });
  if (secondIsHealthCheck) {
    new LoadBalancerService(chart, 'second', {
      metadata: { name: `second-${secondProtocol.toLowerCase()}-hc` }, externalTrafficPolicy: 'Local' as any, healthCheckNodePort: 30042, ports: [{ port: 81, protocol: secondProtocol }],
    });
  } else {
    new NodePortService(chart, 'second', { metadata: { name: `second-${secondProtocol.toLowerCase()}` }, ports: [{ port: 53, protocol: secondProtocol, nodePort: 30042 }] });
  }
  let error: string | undefined;
  try { Testing.synth(chart); } catch (e) { error = (e as Error).message; }
  // the manifests as written without the app-wide check: build each Service alone
  const manifests = chart.node.children.map(c => (c as any).apiObject.toJson());
  return { error, manifests };
}

test.each([
  ['the same protocol', Protocol.TCP, false],
  ['another protocol', Protocol.UDP, false],
  ['a health-check node port', Protocol.TCP, true],
])('A2: a node port used twice, by %s, is refused by the library and by the server', async (_what, protocol, hc) => {
  const { error, manifests } = twoServices(protocol, hc);
  expect(error).toMatch(/A2 .*got 30042; expected a node port no other Service uses/);
  const first = await applyManifest(server, manifests[0]);
  expect(first.status).toBe(201);
  const second = await applyManifest(server, manifests[1], { throwOnError: false });
  // 422 for a node port; kube-apiserver answers a health-check node port clash with a 500
  expect(second.status).toBe(hc ? 500 : 422);
  expect(JSON.stringify(second.body)).toMatch(/30042.*already allocated|already allocated.*30042/);
  await server.request('DELETE', `/api/v1/namespaces/default/services/${manifests[0].metadata.name}`);
});
