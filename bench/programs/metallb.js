'use strict';
// The MetalLB app: P address pools (in one chart) and S LoadBalancer Services bound to them (in
// the charts of common.chartCount); by default 1,000 pools and 10,000 Services (P = S / 10,
// or BENCH_METALLB_POOLS). Synthesized with and without the app-wide checks, so that run.js can
// tell what the checks cost.
//
//   node bench/programs/metallb.js <services> <checks|nochecks> <outdir> [reportFile]
//
// The program reports `skipped` (with a note run.js prints) instead of measuring when
//   - lib/index.js does not export the MetalLB constructs (the library is older than MetalLB
//     support, or lib/ has not been rebuilt with `npx jsii` since), or
//   - the mode is `nochecks` and no way to turn the app-wide checks off was given. Give it as
//       BENCH_METALLB_NOCHECKS_ENV="NAME=value"      an environment variable the library reads, set
//                                                   in the child before the library is required; or
//       BENCH_METALLB_NOCHECKS_CONTEXT="key=value"   a cdk8s context value set on the App
//                                                   (the value is parsed as JSON when it parses); or
//       BENCH_METALLB_NOCHECKS_SET="module.js:a.b=value"
//                                                   a property of a module of the compiled library
//                                                   set after it is loaded (module path relative to
//                                                   the directory of lib/index.js; value as JSON),
//                                                   e.g. "core/app-registry.js:appWideChecks.enabled=false"
//                                                   for the library's internal switch (the default of
//                                                   run.js), which every app-wide check consults.
//
// The parts that depend on the MetalLB API are the three functions at the top: `available`,
// `addPool` and `addService`. Everything else (timing, modes, sizes) is generic.
//
// What is measured (the `phases` of the report): `construct` (creating pools and Services, which
// includes the checks done at construction) and `synth` (app.synth(): validation, where the
// app-wide checks run, and writing the YAML). run.js takes construct + synth as "synth" and
// checks = synth(with checks) - synth(without checks), per size. Next to that, the report has
// `appWideCpuMs`: the CPU time inside the library's app-wide index computations, timed directly
// (see timeAppWideComputations), which needs no switch and is less noisy than a difference.

const common = require('./common');

/** Whether the compiled library has the MetalLB constructs this program uses. */
function available(lib) {
  return typeof lib.MetalLbPool === 'function' && typeof lib.LoadBalancerService === 'function';
}

/** Pool k: one /24 of its own in 10.0.0.0/8 (no two pools overlap), announced with Layer2 (the default). */
function addPool(lib, chart, k) {
  const name = `pool-${k}`;
  const prefix = `10.${Math.floor(k / 256) % 256}.${k % 256}`;
  const construct = new lib.MetalLbPool(chart, name, { name, addresses: [`${prefix}.0/24`] });
  return { construct, prefix };
}

/**
 * Service i, drawing its address from `pool` (the typed `metalLb` option, written as MetalLB's
 * address-pool annotation); every other Service also asks for a fixed address of its pool (the
 * Services of one pool use .10, .11, ... in turn, so no two ask for the same one).
 */
function addService(lib, chart, i, pool) {
  const metalLb = { pool: pool.construct };
  if (i % 2 === 0) {
    const j = Math.floor(i / pool.total); // the how-many-th Service of this pool
    metalLb.loadBalancerIps = [`${pool.prefix}.${10 + j}`];
  }
  new lib.LoadBalancerService(chart, `lb-${i}`, {
    metadata: { name: `lb-${i}` },
    selector: { app: `app-${i % 50}` },
    ports: [{ name: 'http', port: 80, protocol: lib.Protocol.TCP, targetPort: lib.TargetPort.fromNumber(8080) }],
    metalLb,
  });
}

/**
 * A direct measurement next to the with/without difference: the CPU time spent computing the
 * app-wide indexes (the library's AppRegistry.memo computations: MetalLB errors, node-port
 * owners), and how many times each was computed (more than once per synth means repeated work).
 * Uses the compiled module lib/core/app-registry.js; without it (another layout), nothing.
 */
function timeAppWideComputations() {
  let mod;
  try {
    mod = require(require('path').join(require('path').dirname(common.LIB_MAIN), 'core', 'app-registry.js'));
  } catch {
    return undefined;
  }
  const byKey = {};
  const count = (key, cpuMs) => {
    const e = byKey[key] ??= { cpuMs: 0, computations: 0 };
    e.cpuMs += cpuMs;
    e.computations++;
  };
  if (mod.appWideHooks) {
    // the library's own hook: AppRegistry.memo times each computation
    mod.appWideHooks.onCompute = count;
  } else {
    // an older build without the hook: wrap AppRegistry.memo
    const { AppRegistry } = mod;
    if (!AppRegistry || typeof AppRegistry.prototype.memo !== 'function') return undefined;
    const original = AppRegistry.prototype.memo;
    AppRegistry.prototype.memo = function (key, compute) {
      return original.call(this, key, () => {
        const t0 = process.cpuUsage();
        try {
          return compute();
        } finally {
          const t = process.cpuUsage(t0);
          count(key, (t.user + t.system) / 1000);
        }
      });
    };
  }
  return {
    result: () => ({
      appWideCpuMs: Object.values(byKey).reduce((a, e) => a + e.cpuMs, 0),
      appWide: byKey,
    }),
  };
}

function parseAssignment(text) {
  const eq = text.indexOf('=');
  if (eq <= 0) throw new Error(`expected NAME=value, got ${JSON.stringify(text)}`);
  return [text.slice(0, eq), text.slice(eq + 1)];
}

function main() {
  const { n, mode, outdir } = common.args();
  if (mode !== 'checks' && mode !== 'nochecks') throw new Error(`mode must be checks or nochecks, got ${mode}`);
  const pools = Number(process.env.BENCH_METALLB_POOLS || 0) || Math.max(1, Math.round(n / 10));
  const envSwitch = process.env.BENCH_METALLB_NOCHECKS_ENV;
  const contextSwitch = process.env.BENCH_METALLB_NOCHECKS_CONTEXT;
  const setSwitch = process.env.BENCH_METALLB_NOCHECKS_SET;
  if (mode === 'nochecks') {
    if (!envSwitch && !contextSwitch && !setSwitch) {
      common.report({ n, pools, mode, skipped: true, note: 'no switch for turning the app-wide checks off: set BENCH_METALLB_NOCHECKS_ENV="NAME=value", BENCH_METALLB_NOCHECKS_CONTEXT="key=value" or BENCH_METALLB_NOCHECKS_SET="module.js:prop=value" (see bench/programs/metallb.js)' });
      return;
    }
    if (envSwitch) {
      const [name, value] = parseAssignment(envSwitch);
      process.env[name] = value;
    }
  }
  const cdk8s = require('cdk8s');
  const lib = require(common.LIB_MAIN);
  common.phase('require');
  if (!available(lib)) {
    common.report({ n, pools, mode, skipped: true, note: 'lib/index.js does not export MetalLbPool (no MetalLB support in the compiled library yet: rebuild with `npx jsii` once it exists)' });
    return;
  }
  if (mode === 'nochecks' && setSwitch) {
    const colon = setSwitch.indexOf(':');
    const [prop, text] = parseAssignment(setSwitch.slice(colon + 1));
    const mod = require(require('path').join(require('path').dirname(common.LIB_MAIN), setSwitch.slice(0, colon)));
    const keys = prop.split('.');
    const owner = keys.slice(0, -1).reduce((o, k) => o[k], mod);
    if (!owner || !(keys[keys.length - 1] in owner)) throw new Error(`BENCH_METALLB_NOCHECKS_SET: ${prop} not found in ${setSwitch.slice(0, colon)}`);
    owner[keys[keys.length - 1]] = JSON.parse(text);
  }
  const direct = timeAppWideComputations();
  const app = new cdk8s.App({ outdir });
  if (mode === 'nochecks' && contextSwitch) {
    const [key, text] = parseAssignment(contextSwitch);
    let value = text;
    try { value = JSON.parse(text); } catch { /* a plain string */ }
    app.node.setContext(key, value);
  }
  const poolChart = new cdk8s.Chart(app, 'metallb');
  const poolRefs = [];
  for (let k = 0; k < pools; k++) poolRefs.push({ ...addPool(lib, poolChart, k), total: pools });
  let chart;
  let current = -1;
  for (let i = 0; i < n; i++) {
    const c = common.chartIndex(i, n);
    if (c !== current) {
      current = c;
      chart = new cdk8s.Chart(app, `services-${c}`);
    }
    addService(lib, chart, i, poolRefs[i % pools]);
  }
  common.phase('construct');
  app.synth();
  common.phase('synth');
  common.report({ n, pools, mode, ...(direct ? direct.result() : {}) });
}

main();
