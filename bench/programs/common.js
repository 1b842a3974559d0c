'use strict';
// Shared by the benchmark programs: argv, the deterministic Service mix, the cdk8s app and the
// report each program writes about itself (CPU time and peak RSS of its own process).
//
// Every program is run by bench/run.js as a whole process:
//
//   node bench/programs/<name>.js <N> <mode> <outdir> [reportFile]
//
//   N          number of Services (ignored by the require-only and empty programs)
//   mode       synth     - app.synth() into <outdir> (the default, and what is timed)
//              synthYaml - app.synthYaml(), the string written to <outdir>/app.k8s.yaml
//              (the MetalLB program takes `checks` or `nochecks` instead; see metallb.js)
//   outdir     where the manifests go (run.js creates a temp dir and removes it afterwards)
//   reportFile where the JSON report goes; without it the report is printed on stdout
//
// This module itself only uses Node built-ins, so requiring it costs the same in every program.

const fs = require('fs');
const path = require('path');

const REPO = path.resolve(__dirname, '..', '..');
// The compiled library: lib/index.js, or another build given as BENCH_LIB (e.g. to compare two builds).
const LIB_MAIN = process.env.BENCH_LIB ? path.resolve(REPO, process.env.BENCH_LIB) : path.join(REPO, 'lib', 'index.js');

// CPU and wall clock at the first line of the program (after Node's own bootstrap).
const startCpu = process.cpuUsage();
const startWall = process.hrtime.bigint();

const phases = {};
let lastCpu = startCpu;
let lastWall = startWall;

/** Ends a phase: CPU (user+sys) and wall ms since the previous phase ended (or the program started). */
function phase(name) {
  const cpu = process.cpuUsage();
  const wall = process.hrtime.bigint();
  phases[name] = {
    cpuMs: (cpu.user - lastCpu.user + cpu.system - lastCpu.system) / 1000,
    wallMs: Number(wall - lastWall) / 1e6,
  };
  lastCpu = cpu;
  lastWall = wall;
}

function args() {
  const [n, mode, outdir, reportFile] = process.argv.slice(2);
  return {
    n: n === undefined ? 100 : Number(n),
    mode: mode ?? 'synth',
    outdir: outdir ?? fs.mkdtempSync(path.join(require('os').tmpdir(), 'cdk8s-services-bench-')),
    reportFile,
  };
}

/**
 * Writes the report: the whole process's CPU time (user+sys, including Node's bootstrap) and peak
 * RSS, plus the phases the program marked. Called as the program's last statement.
 */
function report(extra = {}) {
  const cpu = process.cpuUsage();
  const ru = process.resourceUsage();
  const out = {
    cpuMs: (cpu.user + cpu.system) / 1000,
    userMs: cpu.user / 1000,
    sysMs: cpu.system / 1000,
    maxRssKb: ru.maxRSS,
    programWallMs: Number(process.hrtime.bigint() - startWall) / 1e6,
    phases,
    ...extra,
  };
  const reportFile = process.argv[5];
  const text = JSON.stringify(out);
  if (reportFile) fs.writeFileSync(reportFile, text);
  else process.stdout.write(text + '\n');
}

// ---------------------------------------------------------------------------------------------
// The Service mix: the same N descriptors for every variant.
// ---------------------------------------------------------------------------------------------

const TYPES = ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'];
const TIERS = ['web', 'api', 'worker'];

// Pinned node ports stay in the static band of the default node-port range (30000-30085 for
// 30000-32767, KEP-3668): ports above it make the library print an A4 warning per port (which
// raw ApiObjects and cdk8s-plus-28 do not do), and the whole range has only 2,768 ports. Every
// other NodePort Service pins its first port until the band is used up; the rest are allocated.
const NODE_PORT_BASE = 30000;
const MAX_PINNED_NODE_PORTS = 80;

/**
 * How the Services are spread over the charts of the App: BENCH_CHARTS charts (default 10) for
 * every N, or, when BENCH_CHART_SIZE is set, charts of that many Services (so more charts as N
 * grows). This matters a lot: cdk8s validates the whole app once per chart at synth
 * (Chart.toJson -> App._synthChart -> validate(app)), so every construct's validations run
 * charts + 1 times, and a fixed chart size makes synth quadratic in N for every variant.
 */
const CHARTS = Number(process.env.BENCH_CHARTS || 10);
const CHART_SIZE = Number(process.env.BENCH_CHART_SIZE || 0) || undefined;

/** The number of charts for n Services. */
function chartCount(n) {
  return Math.max(1, CHART_SIZE ? Math.ceil(n / CHART_SIZE) : Math.min(CHARTS, n));
}

/** The chart (0-based) of the i-th of n Services: consecutive Services share a chart. */
function chartIndex(i, n) {
  return Math.floor((i * chartCount(n)) / n);
}

/**
 * The i-th Service of the mix, as plain data:
 *   { type, name, namespace?, labels?, selector?, ports?: [{ name?, port, protocol,
 *     target: { number } | { name }, nodePort? }], externalName? }
 * Types rotate ClusterIP, NodePort, LoadBalancer, ExternalName. Pod-routing Services have 2-3
 * selector labels and 1 or 2 ports; a second port is named, sometimes UDP, and targets a named
 * container port half the time.
 */
function serviceSpec(i, state) {
  const type = TYPES[i % 4];
  const d = { type, name: `svc-${i}` };
  if (i % 5 === 0) d.namespace = `team-${i % 7}`;
  if (i % 3 === 0) d.labels = { 'app.kubernetes.io/part-of': `shop-${i % 11}`, 'tier': TIERS[i % 3] };
  if (type === 'ExternalName') {
    d.externalName = `db-${i}.example.com`;
    return d;
  }
  d.selector = { app: `app-${i % 50}`, tier: TIERS[i % 3] };
  if (i % 2 === 0) d.selector['app.kubernetes.io/version'] = `v${i % 4}`;
  const twoPorts = Math.floor(i / 4) % 2 === 1;
  const ports = [];
  if (twoPorts) {
    ports.push({ name: 'http', port: 80, protocol: 'TCP', target: { number: 8080 } });
    if (i % 3 === 0) {
      ports.push({ name: 'dns', port: 53, protocol: 'UDP', target: { name: 'dns' } });
    } else {
      ports.push({ name: 'metrics', port: 9090, protocol: 'TCP', target: i % 2 === 0 ? { name: 'metrics' } : { number: 9090 } });
    }
  } else {
    ports.push({ port: 443, protocol: 'TCP', target: i % 3 === 1 ? { name: 'https' } : { number: 8443 } });
  }
  if (type === 'NodePort') {
    state.nodePortServices = (state.nodePortServices ?? 0) + 1;
    const pinned = state.pinned ?? 0;
    if (state.nodePortServices % 2 === 1 && pinned < MAX_PINNED_NODE_PORTS) {
      ports[0].nodePort = NODE_PORT_BASE + pinned;
      state.pinned = pinned + 1;
    }
  }
  d.ports = ports;
  return d;
}

/** All N descriptors. Built before the timed construction phase of every variant. */
function serviceSpecs(n) {
  const state = {};
  const out = [];
  for (let i = 0; i < n; i++) out.push(serviceSpec(i, state));
  return out;
}

/** The manifest the mix describes: what every variant must write (raw ApiObjects write exactly this). */
function manifest(d) {
  const metadata = { name: d.name };
  if (d.namespace) metadata.namespace = d.namespace;
  if (d.labels) metadata.labels = { ...d.labels };
  const spec = { type: d.type };
  if (d.type === 'ExternalName') {
    spec.externalName = d.externalName;
  } else {
    spec.selector = { ...d.selector };
    spec.ports = d.ports.map(p => {
      const port = { port: p.port, protocol: p.protocol, targetPort: p.target.name ?? p.target.number };
      if (p.name !== undefined) port.name = p.name;
      if (p.nodePort !== undefined) port.nodePort = p.nodePort;
      return port;
    });
  }
  return { apiVersion: 'v1', kind: 'Service', metadata, spec };
}

/**
 * Creates the App, spreads the Services over its charts (see chartCount) and calls
 * `add(chart, spec, i)` for each. Returns the app. `cdk8s` is passed in so that it is required
 * inside the timed phase.
 */
function buildApp(cdk8s, specs, outdir, add) {
  const app = new cdk8s.App({ outdir });
  let chart;
  let current = -1;
  for (let i = 0; i < specs.length; i++) {
    const c = chartIndex(i, specs.length);
    if (c !== current) {
      current = c;
      chart = new cdk8s.Chart(app, `chart-${c}`);
    }
    add(chart, specs[i], i);
  }
  return app;
}

/** Synthesizes the app the way `mode` says (the same way for every variant). */
function synth(app, mode, outdir) {
  if (mode === 'synthYaml') {
    fs.mkdirSync(outdir, { recursive: true });
    fs.writeFileSync(path.join(outdir, 'app.k8s.yaml'), app.synthYaml());
  } else if (mode === 'synth') {
    app.synth();
  } else {
    throw new Error(`unknown mode ${mode} (synth or synthYaml)`);
  }
}

/**
 * The usual program: require (phase `require`), build the descriptors (`specs`, not part of any
 * variant's cost but inside the process), construct (`construct`), synthesize (`synth`), report.
 */
function runServicesProgram(load, add) {
  const { n, mode, outdir } = args();
  const mods = load();
  phase('require');
  const specs = serviceSpecs(n);
  phase('specs');
  const app = buildApp(mods.cdk8s, specs, outdir, (chart, d, i) => add(mods, chart, d, i));
  phase('construct');
  synth(app, mode, outdir);
  phase('synth');
  report({ n, mode });
}

module.exports = {
  REPO,
  LIB_MAIN,
  CHARTS,
  CHART_SIZE,
  chartCount,
  chartIndex,
  MAX_PINNED_NODE_PORTS,
  args,
  phase,
  report,
  serviceSpec,
  serviceSpecs,
  manifest,
  buildApp,
  synth,
  runServicesProgram,
};
