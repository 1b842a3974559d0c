import { App, Chart, Testing } from 'cdk8s';
import {
  ClusterIpService, LoadBalancerService, MetalLbPool, NodePortService, PolicySeverity, ServicePolicy,
} from '../../src';
import { appWideChecks, appWideHooks } from '../../src/core/app-registry';

// An app with one problem for each app-wide check: A2 (a node port used twice), M2 (two MetalLB
// pools overlap), P2 (a NodePort Service under a policy that refuses them) and G3 (two headless
// Services selecting the same pods, a warning).
function appWithEveryAppWideProblem(): App {
  const app = Testing.app();
  ServicePolicy.apply(app, { nodePortServices: PolicySeverity.ERROR });
  const c = new Chart(app, 'test');
  new NodePortService(c, 'a', { metadata: { name: 'a' }, selector: { app: 'a' }, ports: [{ port: 80, nodePort: 30001 }] });
  new NodePortService(c, 'b', { metadata: { name: 'b' }, selector: { app: 'b' }, ports: [{ port: 80, nodePort: 30001 }] });
  const pool = new MetalLbPool(c, 'p1', { name: 'p1', addresses: ['10.0.0.0/24'] });
  new MetalLbPool(c, 'p2', { name: 'p2', addresses: ['10.0.0.128/25'] });
  new LoadBalancerService(c, 'lb', { metadata: { name: 'lb' }, selector: { app: 'lb' }, ports: [{ port: 443 }], metalLb: { pool } });
  new ClusterIpService(c, 'h1', { metadata: { name: 'h1' }, headless: true, selector: { app: 'db' } });
  new ClusterIpService(c, 'h2', { metadata: { name: 'h2' }, headless: true, selector: { app: 'db', tier: 'data' } });
  return app;
}

describe('appWideChecks: one switch for every app-wide check', () => {
  let warn: jest.SpyInstance;
  const computed: string[] = [];
  beforeEach(() => {
    warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    computed.length = 0;
    appWideHooks.onCompute = key => computed.push(key);
  });
  afterEach(() => {
    warn.mockRestore();
    appWideHooks.onCompute = undefined;
    appWideChecks.enabled = true;
  });
  const g3 = () => warn.mock.calls.map(a => String(a[0])).filter(l => / G3 /.test(l));

  test('is on by default: A2, the MetalLB checks, the ServicePolicy evaluation and G3 all run', () => {
    expect(appWideChecks.enabled).toBe(true);
    const app = appWithEveryAppWideProblem();
    let message = '';
    try {
      app.synthYaml();
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/\[test\/b\] A2 spec\.ports\[0\]\.nodePort: got 30001/);
    expect(message).toMatch(/\[test\/p2\] M2 addresses: got "10\.0\.0\.128\/25"/);
    expect(message).toMatch(/\[test\/a\] P2 /);
    expect(g3()).toHaveLength(2);
    expect(computed).toEqual(expect.arrayContaining(['node-port-owners', 'metallb-errors']));
  });

  test('off: none of them runs, the app synthesizes, and the checks of one construct still run', () => {
    appWideChecks.enabled = false;
    const app = appWithEveryAppWideProblem();
    const yaml = app.synthYaml();
    expect(yaml).toContain('nodePort: 30001');
    expect(g3()).toEqual([]);
    expect(computed).toEqual([]); // neither the node-port index nor the MetalLB checks were computed
    // a check of one Service (A1: a node port out of range) is not switched off
    const c = new Chart(Testing.app(), 'one');
    new NodePortService(c, 'x', { metadata: { name: 'x' }, selector: { app: 'x' }, ports: [{ port: 80, nodePort: 40000 }] });
    expect(() => Testing.synth(c)).toThrow(/A1 spec\.ports\[0\]\.nodePort: got 40000/);
  });

  test('turned on again, the same app reports its problems again (nothing stale is remembered)', () => {
    const app = appWithEveryAppWideProblem();
    appWideChecks.enabled = false;
    expect(() => app.synthYaml()).not.toThrow();
    appWideChecks.enabled = true;
    expect(() => app.synthYaml()).toThrow(/A2[\s\S]*M2|M2[\s\S]*A2/);
    expect(() => app.synthYaml()).toThrow(/P2 /);
  });
});
