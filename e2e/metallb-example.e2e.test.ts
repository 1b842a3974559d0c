// The article's LoadBalancer step judged by MetalLB itself: its real controllers (built from Go
// modules by e2e/metallb/build.sh) run against the e2e kube-apiserver and hand the synthesized
// Service its address. v0.12.1 reads the legacy ConfigMap (the format of the article's v0.9.3);
// the CR-era release reads IPAddressPool + L2Advertisement through its validating webhook.
import { App, Chart } from 'cdk8s';
import { buildArticleApp } from '../examples/article';
import { ApiServer, applyManifest, KubeObject, resolveResource, resourcePath } from './apiserver/server';
import {
  loadBalancerIps, METALLB_CRS, METALLB_LEGACY, MetalLbController, startMetalLbCluster, startMetalLbController, waitFor,
} from './metallb/controller';
import { synthToFiles } from './util';
import { LoadBalancerService, MetalLb, MetalLbAdvertisement, MetalLbPool, ServiceBackend, TargetPort } from '../src';

let server: ApiServer;

beforeAll(async () => {
  server = await startMetalLbCluster();
});

afterAll(async () => {
  await server?.stop();
});

const FORMATS: Array<{ format: 'configmap' | 'crs'; version: string }> = [
  { format: 'configmap', version: METALLB_LEGACY },
  { format: 'crs', version: METALLB_CRS },
];

async function apply(objects: KubeObject[]): Promise<void> {
  for (const o of objects) await applyManifest(server, o);
}

async function remove(objects: KubeObject[]): Promise<void> {
  for (const o of [...objects].reverse()) {
    const info = await resolveResource(server, o.apiVersion, o.kind);
    const res = await server.request('DELETE', resourcePath(info, o.metadata?.namespace ?? 'default', o.metadata!.name));
    if (res.status >= 300 && res.status !== 404) throw new Error(`deleting ${o.kind} ${o.metadata?.name}: HTTP ${res.status}`);
  }
  // deletion of a Service is immediate, but wait until the controller no longer sees them
  await new Promise(r => setTimeout(r, 300));
}

const backend = ServiceBackend.fromLabels({ app: 'web' });
const ports80 = [{ port: 80, targetPort: TargetPort.fromNumber(8080) }];

for (const { format, version } of FORMATS) {
  describe(`MetalLB ${version} (${format})`, () => {
    let controller: MetalLbController;
    const plain = version.replace(/^v/, '');

    beforeAll(async () => {
      controller = await startMetalLbController(server, version);
    });

    afterAll(async () => {
      await controller?.stop();
    });

    /** Applies MetalLB's config; v0.12.1: waits until the controller has loaded it (its log says so). */
    async function applyConfig(objects: KubeObject[]): Promise<void> {
      const loaded = (): number => controller.logs().split('\n').filter(l => l.includes('"event":"configLoaded"')).length;
      const before = loaded();
      await apply(objects);
      if (format === 'configmap') await waitFor(async () => loaded() > before, 10_000, 'MetalLB to load the ConfigMap');
    }

    test('the article\'s LoadBalancer Service gets 192.168.124.200', async () => {
      const files = synthToFiles(app => buildArticleApp(app, { metalLbLegacyVersion: METALLB_LEGACY, metalLbVersion: METALLB_CRS }));
      const config = files[format === 'configmap' ? 'metallb-layer2-config.k8s.yaml' : 'metallb-crs-layer2.k8s.yaml'];
      const service = files[format === 'configmap' ? 'k8sdemo-service-loadbalancer.k8s.yaml' : 'k8sdemo-service-loadbalancer-crs.k8s.yaml'];
      expect(config.map(o => o.kind)).toEqual(format === 'configmap' ? ['ConfigMap'] : ['IPAddressPool', 'L2Advertisement']);
      await applyConfig(config);
      await apply(service);
      const ips = await loadBalancerIps(server, 'k8sdemo-service');
      expect(ips).toEqual(['192.168.124.200']);
      process.stdout.write(`metallb assigned: ${format} ${ips[0]}\n`);
      await remove(service);
      await remove(config);
    });

    test('a pinned address, a shared address and a pool without autoAssign, as the library writes them', async () => {
      let manualPool: MetalLbPool | undefined;
      const files = synthToFiles(app => {
        const chart = new Chart(app, 'lb');
        MetalLb.configure(chart, { version: plain });
        const pool = new MetalLbPool(chart, 'default', {
          addresses: ['192.168.124.200-192.168.124.210'],
          advertisements: [MetalLbAdvertisement.layer2()],
        });
        manualPool = new MetalLbPool(chart, 'manual', {
          addresses: ['192.168.124.220-192.168.124.221'],
          autoAssign: false,
          advertisements: [MetalLbAdvertisement.layer2()],
        });
        new LoadBalancerService(chart, 'pinned', { metadata: { name: 'pinned' }, backend, ports: ports80, metalLb: { loadBalancerIps: ['192.168.124.205'] } });
        new LoadBalancerService(chart, 'shared-a', { metadata: { name: 'shared-a' }, backend, ports: ports80, metalLb: { pool, allowSharedIp: 'web' } });
        new LoadBalancerService(chart, 'shared-b', {
          metadata: { name: 'shared-b' }, backend, ports: [{ port: 443, targetPort: TargetPort.fromNumber(8443) }], metalLb: { pool, allowSharedIp: 'web' },
        });
        new LoadBalancerService(chart, 'from-manual', { metadata: { name: 'from-manual' }, backend, ports: ports80, metalLb: { pool: manualPool } });
      });
      expect(manualPool!.autoAssign).toBe(false);
      const objects = files['lb.k8s.yaml'];
      const config = objects.filter(o => o.kind !== 'Service');
      const services = objects.filter(o => o.kind === 'Service');
      await applyConfig(config);
      await apply(services);
      expect(await loadBalancerIps(server, 'pinned')).toEqual(['192.168.124.205']);
      const a = await loadBalancerIps(server, 'shared-a');
      const b = await loadBalancerIps(server, 'shared-b');
      expect(a).toHaveLength(1);
      expect(b).toEqual(a);
      // the manual pool hands out addresses only to Services that ask for it
      expect(await loadBalancerIps(server, 'from-manual')).toEqual(['192.168.124.220']);
      await remove(services);
      await remove(config);
    });

    test('a Service with only an autoAssign-false pool: the library refuses it (M12), MetalLB leaves it pending', async () => {
      const configure = (app: App): Chart => {
        const chart = new Chart(app, 'config');
        MetalLb.configure(chart, { version: plain });
        new MetalLbPool(chart, 'manual', { addresses: ['192.168.124.220-192.168.124.221'], autoAssign: false });
        return chart;
      };
      const service = (chart: Chart): void => {
        new LoadBalancerService(chart, 'waiting', { metadata: { name: 'waiting' }, backend, ports: ports80 });
      };
      // one app with both: the library refuses to write it
      expect(() => synthToFiles(app => service(configure(app)))).toThrow(/M12 metalLb: got "no pool and no address"/);
      // written apart (the Service's app does not know the pool), MetalLB agrees: no address
      const config = synthToFiles(app => configure(app))['config.k8s.yaml'];
      const svc = synthToFiles(app => service(new Chart(app, 'svc')))['svc.k8s.yaml'];
      await applyConfig(config);
      await apply(svc);
      await waitFor(async () => {
        const events = await server.request('GET', '/api/v1/namespaces/default/events?fieldSelector=involvedObject.name%3Dwaiting');
        return (events.body?.items ?? []).some((e: { reason?: string }) => e.reason === 'AllocationFailed');
      }, 20_000, 'the AllocationFailed event of Service waiting').catch(e => {
        throw new Error(`${(e as Error).message}\n--- controller log tail ---\n${controller.logs().slice(-3000)}`);
      });
      expect(await loadBalancerIps(server, 'waiting', 'default', 1_000)).toEqual([]);
      await remove(svc);
      await remove(config);
    });
  });
}
