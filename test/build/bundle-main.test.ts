// lib/index.js is one bundled file (build-tools/bundle-main.js, run by `npx projen compile`): it
// must export what jsii's index exports, keep jsii's runtime type information (the jsii kernel
// reads it to know what a returned object is), keep the lazily loaded modules lazy, and share the
// app registry file with whoever sets the app-wide switch from outside (the benchmark).
import * as childProcess from 'child_process';
import * as path from 'path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const buildInfo: { staleReason(): string | undefined } = require('../../build-tools/build-info');
const ROOT = path.resolve(__dirname, '..', '..');

function compiled(): void {
  if (!buildInfo.staleReason()) return;
  const build = childProcess.spawnSync('npx', ['projen', 'compile'], { cwd: ROOT, encoding: 'utf8', timeout: 15 * 60_000 });
  if (build.status !== 0) throw new Error(`npx projen compile failed (${build.status}):\n${build.stdout}\n${build.stderr}`);
}

/** Runs a script in a fresh Node process in the repository and returns what it prints as JSON. */
function inFreshProcess(script: string): any {
  const r = childProcess.spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`node -e failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout);
}

beforeAll(() => compiled(), 16 * 60_000);

test('lib/index.js is the bundle and exports exactly what jsii\'s index (lib/index.modules.js) exports', () => {
  const r = inFreshProcess(`
    const fs = require('fs');
    const bundle = Object.keys(require('./lib/index.js')).sort();
    const modules = Object.keys(require('./lib/index.modules.js')).sort();
    console.log(JSON.stringify({ first: fs.readFileSync('lib/index.js', 'utf8').split('\\n')[0], bundle, modules }));
  `);
  expect(r.first).toMatch(/^\/\/ lib\/index\.js: bundled by build-tools\/bundle-main\.js/);
  expect(r.bundle).toEqual(r.modules);
  expect(r.bundle).toEqual(expect.arrayContaining(['ClusterIpService', 'LoadBalancerService', 'MetalLbPool', 'MetalLbMigration']));
});

test('classes keep jsii\'s runtime type information; lazily loaded modules are not loaded by require()', () => {
  const r = inFreshProcess(`
    const lib = require('./lib/index.js');
    const loaded = Object.keys(require.cache).map(f => require('path').relative(process.cwd(), f));
    const rtti = Symbol.for('jsii.rtti');
    console.log(JSON.stringify({
      rtti: ['ClusterIpService', 'MetalLbPool', 'MetalLbImportedConfig'].map(n => lib[n][rtti]),
      libFiles: loaded.filter(f => f.startsWith('lib')).sort(),
      // the library's own (cdk8s loads a copy of its own, below node_modules/cdk8s)
      yaml: loaded.some(f => f.startsWith('node_modules/yaml/')),
      ipaddr: loaded.some(f => f.startsWith('node_modules/ipaddr.js/')),
    }));
  `);
  expect(r.rtti.map((x: any) => x.fqn)).toEqual(['cdk8s-services.ClusterIpService', 'cdk8s-services.MetalLbPool', 'cdk8s-services.MetalLbImportedConfig']);
  // two files: the bundle and the app registry; not the CRD imports, the install manifests or the migration
  expect(r.libFiles).toEqual(['lib/core/app-registry.js', 'lib/index.js']);
  expect(r.yaml).toBe(false);
  expect(r.ipaddr).toBe(false);
});

test('the bundle works: Services, the lazily loaded migration and CRD imports, and the app-wide switch set from outside', () => {
  const r = inFreshProcess(`
    const { App, Chart, Testing } = require('cdk8s');
    const lib = require('./lib/index.js');
    const twoOnOnePort = () => {
      const app = Testing.app();
      const c = new Chart(app, 'c');
      for (const id of ['a', 'b']) {
        new lib.NodePortService(c, id, { backend: lib.ServiceBackend.fromLabels({ app: id }), ports: [{ port: 80, nodePort: 30080 }] });
      }
      try { Testing.synth(c); return 'accepted'; } catch (e) { return /A2/.test(e.message) ? 'A2' : e.message; }
    };
    const checked = twoOnOnePort();
    require('./lib/core/app-registry.js').appWideChecks.enabled = false;
    const unchecked = twoOnOnePort();
    const crs = lib.MetalLbMigration.fromConfig('address-pools:\\n- {name: default, protocol: layer2, addresses: [192.168.124.200-192.168.124.210]}\\n');
    console.log(JSON.stringify({ checked, unchecked, kinds: crs.map(o => o.kind) }));
  `);
  expect(r).toEqual({ checked: 'A2', unchecked: 'accepted', kinds: ['IPAddressPool', 'L2Advertisement'] });
});
