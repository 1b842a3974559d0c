#!/usr/bin/env node
'use strict';
// The synth benchmark (`npm run bench`): cdk8s-services against raw cdk8s ApiObjects and
// cdk8s-plus-28, each program run as a whole Node process; see bench/README.md.
//
//   node bench/run.js                 equivalence check, then the measured runs; writes
//                                     bench/results.json and docs/bench.svg
//   node bench/run.js --check         only the equivalence check
//   node bench/run.js --profile [N] [variant]
//                                     one run of a variant (default: library, N=10000) under
//                                     `node --cpu-prof`, and where its time goes
//
// Environment (all optional):
//   BENCH_N="100,1000,10000"   Service counts           BENCH_RUNS=5     measured runs per program
//   BENCH_WARMUP=1             unmeasured runs first    BENCH_CHECK_N=200 size of the equivalence check
//   BENCH_SYNTH=synth          synth | synthYaml        BENCH_CHARTS=10  charts per App, for every N
//   BENCH_CHART_SIZE=<unset>   Services per chart instead (more charts as N grows)
//   BENCH_METALLB_SIZES="1000,3000,10000"  LoadBalancer Services of the MetalLB app (pools = N/10)
//   BENCH_METALLB_NOCHECKS_ENV / _CONTEXT / _SET   how to turn the app-wide checks off
//                              (see bench/programs/metallb.js)
//   BENCH_RESULTS=bench/results.json  BENCH_SVG=docs/bench.svg  BENCH_TMPDIR=<os tmpdir>
//   BENCH_LIB=lib/index.js     the compiled library to measure (another build, to compare two)
//   BENCH_PROFILE_INTERVAL=200 sampling interval of --profile, microseconds

const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const BENCH = __dirname;
const REPO = path.resolve(BENCH, '..');
const LIB_MAIN = process.env.BENCH_LIB ? path.resolve(REPO, process.env.BENCH_LIB) : path.join(REPO, 'lib', 'index.js');
const PROGRAMS = path.join(BENCH, 'programs');

const env = process.env;
// The library's one internal switch for every app-wide check (A2, MetalLB's, the ServicePolicy
// evaluation, G3; benchmarking only, not part of its API: appWideChecks in src/core/app-registry.ts).
if (!env.BENCH_METALLB_NOCHECKS_ENV && !env.BENCH_METALLB_NOCHECKS_CONTEXT && !env.BENCH_METALLB_NOCHECKS_SET) {
  env.BENCH_METALLB_NOCHECKS_SET = 'core/app-registry.js:appWideChecks.enabled=false';
}
const list = (text, dflt) => (text || dflt).split(',').map(s => Number(s.trim().replace(/_/g, ''))).filter(n => n > 0);
const CONFIG = {
  ns: list(env.BENCH_N, '100,1000,10000'),
  runs: Math.max(1, Number(env.BENCH_RUNS || 5)),
  warmup: Math.max(0, Number(env.BENCH_WARMUP ?? 1)),
  checkN: Number(env.BENCH_CHECK_N || 200),
  synth: env.BENCH_SYNTH || 'synth',
  charts: Number(env.BENCH_CHARTS || 10),
  chartSize: Number(env.BENCH_CHART_SIZE || 0) || undefined,
  metallbSizes: list(env.BENCH_METALLB_SIZES, '1000,3000,10000'),
  results: path.resolve(REPO, env.BENCH_RESULTS || 'bench/results.json'),
  svg: path.resolve(REPO, env.BENCH_SVG || 'docs/bench.svg'),
  tmp: env.BENCH_TMPDIR || os.tmpdir(),
};

const VARIANTS = ['library', 'raw', 'plus'];
const VARIANT_NAMES = { library: 'cdk8s-services', raw: 'raw ApiObject', plus: 'cdk8s-plus-28' };
// issue 13: library/raw CPU <= 1.10 at 10,000 Services, require() <= 1.10x cdk8s alone, memory <= 1.1x raw
const GOALS = { cpuVsRaw: 1.10, memoryVsRaw: 1.1, importVsCdk8s: 1.10, checksShare: 0.10, at: 10000 };

// ---------------------------------------------------------------------------------------------

function die(message) {
  console.error(`bench: ${message}`);
  process.exit(2);
}

function checkBuild() {
  if (env.BENCH_LIB) {
    if (!fs.existsSync(LIB_MAIN)) die(`BENCH_LIB=${env.BENCH_LIB}: ${LIB_MAIN} not found`);
    console.log(`bench: measuring the build at ${LIB_MAIN} (BENCH_LIB)`);
    return;
  }
  if (!fs.existsSync(LIB_MAIN)) {
    die('lib/index.js not found: the benchmark runs the compiled library. Build it first with\n'
      + '  npx jsii            (or: npx projen compile)\nthen run `npm run bench` again.');
  }
  // lib/build-info.json (written by `npx projen compile`) records the sources lib/ was built from
  const why = require('../build-tools/build-info').staleReason();
  if (why) die(`refusing to measure: ${why}`);
}

/** The commit measured and whether the tree had changes beside it (bench outputs aside). */
function provenance() {
  const git = (...a) => spawnSync('git', a, { cwd: REPO, encoding: 'utf8' });
  const head = git('rev-parse', 'HEAD');
  const status = git('status', '--porcelain', '--untracked-files=normal');
  const outputs = new Set([path.relative(REPO, CONFIG.results), path.relative(REPO, CONFIG.svg)]);
  const changed = status.status === 0
    ? status.stdout.split('\n').filter(l => l.trim()).map(l => l.slice(3)).filter(f => !outputs.has(f))
    : null;
  return {
    commit: head.status === 0 ? head.stdout.trim() : null,
    cleanTree: changed === null ? null : changed.length === 0,
    changedFiles: changed && changed.length ? changed.slice(0, 20) : undefined,
  };
}

/** min, median and max of the per-run ratios a[i] / b[i] (runs paired by their round). */
function paired(as, bs, field) {
  const k = Math.min(as?.length ?? 0, bs?.length ?? 0);
  const rs = [];
  for (let i = 0; i < k; i++) {
    const x = as[i][field];
    const y = bs[i][field];
    if (Number.isFinite(x) && y) rs.push(x / y);
  }
  if (rs.length === 0) return null;
  const r3 = v => +v.toFixed(3);
  return { min: r3(Math.min(...rs)), median: r3(median(rs)), max: r3(Math.max(...rs)), runs: rs.length };
}

function pairedRatios(samples) {
  const out = {};
  for (const n of CONFIG.ns) {
    const lib = samples.library?.[n];
    out[n] = {
      cpuVsRaw: paired(lib, samples.raw?.[n], 'cpuMs'),
      cpuVsPlus: paired(lib, samples.plus?.[n], 'cpuMs'),
      memoryVsRaw: paired(lib, samples.raw?.[n], 'maxRssKb'),
      memoryVsPlus: paired(lib, samples.plus?.[n], 'maxRssKb'),
    };
  }
  const rl = samples['require-library']?.[0];
  const rc = samples['require-cdk8s']?.[0];
  const req = (xs) => xs && xs.map(r => ({ cpuMs: r.phases?.require?.cpuMs }));
  out.require = paired(req(rl), req(rc), 'cpuMs');
  return out;
}

/** Runs one program as a child process; returns its report plus the wall time seen from here. */
function runProgram(program, n, mode, { keepOutdir, nodeArgs = [], extraEnv = {} } = {}) {
  const work = fs.mkdtempSync(path.join(CONFIG.tmp, 'cdk8s-services-bench-'));
  const outdir = path.join(work, 'out');
  const reportFile = path.join(work, 'report.json');
  const script = path.join(PROGRAMS, `${program}.js`);
  const childEnv = { ...env, JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION: env.JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION ?? '20', ...extraEnv };
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [...nodeArgs, script, String(n), mode, outdir, reportFile], {
    cwd: REPO, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024,
  });
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const stderr = r.stderr ? r.stderr.toString() : '';
  if (r.status !== 0 || !fs.existsSync(reportFile)) {
    fs.rmSync(work, { recursive: true, force: true });
    throw new Error(`${program} N=${n} ${mode} failed (exit ${r.status}${r.signal ? `, ${r.signal}` : ''}):\n${stderr.slice(0, 4000)}`);
  }
  const rep = JSON.parse(fs.readFileSync(reportFile, 'utf8'));
  rep.wallMs = wallMs;
  rep.stderr = stderr;
  if (keepOutdir) rep.outdir = outdir;
  else fs.rmSync(work, { recursive: true, force: true });
  rep.work = work;
  return rep;
}

function median(xs) {
  const s = xs.filter(x => Number.isFinite(x)).sort((a, b) => a - b);
  if (s.length === 0) return undefined;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const ratio = (a, b) => (a !== undefined && b ? +(a / b).toFixed(3) : null);
const f0 = v => (v === undefined || v === null ? '-' : v.toFixed(0));
const f2 = v => (v === undefined || v === null ? '-' : v.toFixed(2));

// ---------------------------------------------------------------------------------------------
// Equivalence

/** The three programs' output compared at every size that is timed (and BENCH_CHECK_N). */
function equivalence() {
  const sizes = [...new Set([CONFIG.checkN, ...CONFIG.ns])].filter(n => n > 0).sort((a, b) => a - b);
  const each = sizes.map(equivalenceAt);
  return { ok: each.every(e => e.ok), sizes, synth: CONFIG.synth, each };
}

function equivalenceAt(n) {
  const { checkEquivalence } = require('./lib/equivalence');
  const common = require('./programs/common');
  // the YAML parser cdk8s itself uses (a dependency of cdk8s, so nothing to install)
  const YAML = require(require.resolve('yaml', { paths: [path.dirname(require.resolve('cdk8s'))] }));
  console.log(`Equivalence check: N=${n}, ${CONFIG.synth}, the three variants against the manifests the mix describes`);
  const dirs = {};
  const works = [];
  const warnings = [];
  try {
    for (const v of VARIANTS) {
      const rep = runProgram(v, n, CONFIG.synth, { keepOutdir: true });
      dirs[v] = rep.outdir;
      works.push(rep.work);
      if (rep.stderr.trim()) warnings.push(`${v}: ${rep.stderr.trim().split('\n').slice(0, 5).join('\n  ')}`);
    }
    const result = checkEquivalence({
      dirs,
      expected: common.serviceSpecs(n).map(common.manifest),
      parseAll: text => YAML.parseAllDocuments(text).map(d => d.toJSON()),
    });
    if (warnings.length) {
      result.ok = false;
      result.problems.push(...warnings.map(w => `printed to stderr (the mix must not trigger warnings, or the variants would not do the same work): ${w}`));
    }
    console.log(`  ${result.objects} objects in ${result.files} files per variant`);
    if (result.normalizations.length === 0) console.log('  normalized: nothing');
    for (const x of result.normalizations) {
      console.log(`  normalized (${x.rule}): ${VARIANT_NAMES[x.variant]} ${x.field}, ${x.count} object(s)`);
    }
    if (!result.ok) {
      console.error('  NOT EQUIVALENT:');
      for (const p of result.problems.slice(0, 20)) console.error(`  - ${p}`);
      if (result.problems.length > 20) console.error(`  ... ${result.problems.length - 20} more`);
    } else {
      console.log('  equivalent: yes');
    }
    return { n, synth: CONFIG.synth, ok: result.ok, objects: result.objects, files: result.files, normalizations: result.normalizations, problems: result.problems.slice(0, 50) };
  } finally {
    for (const w of works) fs.rmSync(w, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// Measured runs

function jobsFor(rep) {
  // Round-robin: every program once per repetition; the order of the three variants rotates
  // from one repetition to the next so that none always runs first or last.
  const rot = (xs, k) => xs.map((_, i) => xs[(i + k) % xs.length]);
  const jobs = rot([
    { key: 'empty', program: 'empty', n: 0, mode: 'synth' },
    { key: 'require-cdk8s', program: 'require-cdk8s', n: 0, mode: 'synth' },
    { key: 'require-library', program: 'require-library', n: 0, mode: 'synth' },
  ], rep);
  for (const n of CONFIG.ns) {
    for (const v of rot(VARIANTS, rep)) jobs.push({ key: v, program: v, n, mode: CONFIG.synth });
  }
  return jobs;
}

function metallbJobs(state, rep) {
  if (state.skipped) return [];
  const jobs = [];
  for (const n of CONFIG.metallbSizes) {
    const modes = rep % 2 ? ['nochecks', 'checks'] : ['checks', 'nochecks'];
    for (const mode of modes) {
      if (state.skippedModes.has(mode)) continue;
      jobs.push({ key: `metallb-${mode}`, program: 'metallb', n, mode });
    }
  }
  return jobs;
}

function measure() {
  const samples = {}; // key -> n -> [report]
  const metallb = { skipped: false, skippedModes: new Set(), notes: new Set(), error: undefined };
  const total = CONFIG.warmup + CONFIG.runs;
  const stderrSeen = new Set();
  for (let rep = 0; rep < total; rep++) {
    const warm = rep < CONFIG.warmup;
    const jobs = [...jobsFor(rep), ...metallbJobs(metallb, rep)];
    process.stdout.write(`${warm ? 'warm-up' : `run ${rep - CONFIG.warmup + 1}/${CONFIG.runs}`}: `);
    for (const job of jobs) {
      if (job.program === 'metallb' && (metallb.skipped || metallb.skippedModes.has(job.mode))) continue;
      let r;
      try {
        r = runProgram(job.program, job.n, job.mode);
      } catch (e) {
        if (job.program !== 'metallb') throw e;
        metallb.skipped = true;
        metallb.error = String(e.message || e).split('\n').slice(0, 6).join('\n');
        console.error(`\nbench: the MetalLB program failed; the app-checks figures are left out:\n${metallb.error}`);
        continue;
      }
      if (r.skipped) {
        if (job.mode === 'nochecks') metallb.skippedModes.add('nochecks');
        else metallb.skipped = true;
        metallb.notes.add(`${job.mode}: ${r.note}`);
        continue;
      }
      if (r.stderr.trim() && !stderrSeen.has(job.key)) {
        stderrSeen.add(job.key);
        console.warn(`\nbench: warning: ${job.key} N=${job.n} printed to stderr: ${r.stderr.trim().split('\n')[0]}`);
      }
      process.stdout.write('.');
      if (warm) continue;
      ((samples[job.key] ??= {})[job.n] ??= []).push(r);
    }
    process.stdout.write('\n');
  }
  return { samples, metallb };
}

function summarizeSamples(reps) {
  const phaseNames = [...new Set(reps.flatMap(r => Object.keys(r.phases || {})))];
  const phases = {};
  for (const p of phaseNames) phases[p] = { cpuMs: median(reps.map(r => r.phases[p]?.cpuMs)), wallMs: median(reps.map(r => r.phases[p]?.wallMs)) };
  return {
    runs: reps.length,
    wallMs: median(reps.map(r => r.wallMs)),
    cpuMs: median(reps.map(r => r.cpuMs)),
    userMs: median(reps.map(r => r.userMs)),
    sysMs: median(reps.map(r => r.sysMs)),
    maxRssKb: median(reps.map(r => r.maxRssKb)),
    cpuMsAll: reps.map(r => +r.cpuMs.toFixed(1)),
    phases,
  };
}

// ---------------------------------------------------------------------------------------------
// Results

function machineInfo() {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model,
    node: process.version,
    v8: process.versions.v8,
    platform: `${os.platform()} ${os.release()}`,
    arch: os.arch(),
    totalMemMb: Math.round(os.totalmem() / 2 ** 20),
    loadAvgAtStart: os.loadavg().map(x => +x.toFixed(2)),
    nodeOptions: env.NODE_OPTIONS || undefined,
  };
}

function packageVersions() {
  const v = name => {
    try {
      return JSON.parse(fs.readFileSync(path.join(REPO, 'node_modules', name, 'package.json'), 'utf8')).version;
    } catch {
      return undefined;
    }
  };
  return { cdk8s: v('cdk8s'), 'cdk8s-plus-28': v('cdk8s-plus-28'), constructs: v('constructs') };
}

function buildResults({ medians, metallb, equiv, loadAtStart, started }) {
  const byN = (fn) => Object.fromEntries(CONFIG.ns.map(n => [String(n), fn(n)]));
  const lib = n => medians.library?.[n];
  const raw = n => medians.raw?.[n];
  const plus = n => medians.plus?.[n];
  const synthCpu = m => (m ? (m.phases.construct?.cpuMs ?? 0) + (m.phases.synth?.cpuMs ?? 0) : undefined);
  const ratios = {
    libraryVsRaw: byN(n => ratio(lib(n)?.cpuMs, raw(n)?.cpuMs)),
    libraryVsPlus: byN(n => ratio(lib(n)?.cpuMs, plus(n)?.cpuMs)),
    memoryVsRaw: byN(n => ratio(lib(n)?.maxRssKb, raw(n)?.maxRssKb)),
    memoryVsPlus: byN(n => ratio(lib(n)?.maxRssKb, plus(n)?.maxRssKb)),
    wallVsRaw: byN(n => ratio(lib(n)?.wallMs, raw(n)?.wallMs)),
    wallVsPlus: byN(n => ratio(lib(n)?.wallMs, plus(n)?.wallMs)),
    // construct + synth phases only (no Node startup, no require): the cost of the Services themselves
    synthOnlyVsRaw: byN(n => ratio(synthCpu(lib(n)), synthCpu(raw(n)))),
    synthOnlyVsPlus: byN(n => ratio(synthCpu(lib(n)), synthCpu(plus(n)))),
  };

  const e = medians.empty?.[0];
  const rc = medians['require-cdk8s']?.[0];
  const rl = medians['require-library']?.[0];
  const imp = {
    ratio: ratio(rl?.phases.require?.cpuMs, rc?.phases.require?.cpuMs),
    definition: 'CPU time of the require() call alone, measured inside the process: require(lib/index.js) / require("cdk8s") (medians)',
    processRatio: ratio(rl?.cpuMs, rc?.cpuMs),
    netOfBaselineRatio: rl && rc && e ? ratio(rl.cpuMs - e.cpuMs, rc.cpuMs - e.cpuMs) : null,
    memoryRatio: ratio(rl?.maxRssKb, rc?.maxRssKb),
    library: rl ? { requireCpuMs: rl.phases.require?.cpuMs, processCpuMs: rl.cpuMs, wallMs: rl.wallMs, maxRssKb: rl.maxRssKb } : null,
    cdk8s: rc ? { requireCpuMs: rc.phases.require?.cpuMs, processCpuMs: rc.cpuMs, wallMs: rc.wallMs, maxRssKb: rc.maxRssKb } : null,
    emptyProcess: e ? { processCpuMs: e.cpuMs, wallMs: e.wallMs, maxRssKb: e.maxRssKb } : null,
  };

  const checksScaling = [];
  for (const n of CONFIG.metallbSizes) {
    const w = medians['metallb-checks']?.[n];
    const wo = medians['metallb-nochecks']?.[n];
    if (!w) continue;
    const synthWith = synthCpu(w);
    const point = { services: n, pools: w.pools, synthCpuMs: +synthWith.toFixed(1), maxRssKb: w.maxRssKb };
    if (w.appWideCpuMs !== undefined) {
      point.directCpuMs = +w.appWideCpuMs.toFixed(1);
      point.directShareOfSynth = +(w.appWideCpuMs / synthWith).toFixed(4);
      point.computations = w.appWideComputations;
    }
    if (wo) {
      const synthWithout = synthCpu(wo);
      point.synthCpuMsWithoutChecks = +synthWithout.toFixed(1);
      point.differenceCpuMs = +(synthWith - synthWithout).toFixed(1);
      point.differenceShareOfSynth = +((synthWith - synthWithout) / synthWith).toFixed(4);
      point.maxRssKbWithoutChecks = wo.maxRssKb;
    }
    // the series and the goal: the time measured inside the app-wide computations (issue 13), the
    // with/without difference of two noisy runs only when the library has no hook
    point.checksCpuMs = point.directCpuMs ?? point.differenceCpuMs ?? null;
    point.shareOfSynth = point.directShareOfSynth ?? point.differenceShareOfSynth ?? null;
    point.method = point.directCpuMs !== undefined ? 'direct' : point.differenceCpuMs !== undefined ? 'difference' : null;
    if (point.checksCpuMs !== null) checksScaling.push(point);
  }
  const main = checksScaling.find(p => p.services === 10000) ?? checksScaling[checksScaling.length - 1];
  const notes = [...metallb.notes];
  if (metallb.error) notes.push(`the MetalLB program failed: ${metallb.error}`);
  const appChecks = {
    shareOfSynth: main ? main.shareOfSynth : null,
    at: main ? { services: main.services, pools: main.pools } : null,
    method: main ? main.method : null,
    definition: 'synth = CPU of construct + app.synth() (medians, MetalLB app, pools = services/10). '
      + 'difference: checks = synth with checks - synth without (BENCH_METALLB_NOCHECKS_*); '
      + 'direct: CPU inside the library\'s app-wide index computations (AppRegistry.memo), timed in the process. '
      + 'shareOfSynth uses the direct time (AppRegistry appWideHooks), the difference only for a build without the hook.',
    scaling: checksScaling,
    note: main ? undefined : (notes.join('; ') || 'the MetalLB program did not run'),
  };
  if (main && notes.length) appChecks.notes = notes;

  const goalN = CONFIG.ns.includes(GOALS.at) ? GOALS.at : Math.max(...CONFIG.ns);
  const atNote = goalN === GOALS.at ? '' : ` (N=${goalN}: ${GOALS.at} was not run)`;
  const goals = [
    { goal: `library vs raw CPU at ${GOALS.at} <= ${GOALS.cpuVsRaw}x${atNote}`, value: ratios.libraryVsRaw[goalN], limit: GOALS.cpuVsRaw },
    { goal: `library vs raw peak memory at ${GOALS.at} <= ${GOALS.memoryVsRaw}x${atNote}`, value: ratios.memoryVsRaw[goalN], limit: GOALS.memoryVsRaw },
    ...CONFIG.ns.map(n => ({ goal: `library faster than cdk8s-plus-28 at N=${n} (CPU ratio < 1)`, value: ratios.libraryVsPlus[n], limit: 1, strict: true })),
    { goal: `require(library) <= ${GOALS.importVsCdk8s}x require(cdk8s)`, value: imp.ratio, limit: GOALS.importVsCdk8s },
    { goal: `app-wide checks <= ${GOALS.checksShare * 100}% of synth (MetalLB app)`, value: appChecks.shareOfSynth, limit: GOALS.checksShare },
  ].map(g => ({ ...g, pass: g.value === null || g.value === undefined ? null : (g.strict ? g.value < g.limit : g.value <= g.limit) }));

  const round = (m) => m && ({
    ...m,
    wallMs: +m.wallMs.toFixed(1), cpuMs: +m.cpuMs.toFixed(1), userMs: +m.userMs.toFixed(1), sysMs: +m.sysMs.toFixed(1),
    maxRssMb: +(m.maxRssKb / 1024).toFixed(1),
    phases: Object.fromEntries(Object.entries(m.phases).map(([k, v]) => [k, { cpuMs: +v.cpuMs.toFixed(1), wallMs: +v.wallMs.toFixed(1) }])),
  });
  const mediansOut = {};
  for (const [key, perN] of Object.entries(medians)) {
    mediansOut[key] = Object.fromEntries(Object.entries(perN).map(([n, m]) => [n, round(m)]));
  }

  return {
    ratios,
    import: imp,
    appChecks,
    goals,
    medians: mediansOut,
    definitions: {
      cpuMs: 'user+sys CPU time of the whole child process (process.cpuUsage() at its end: Node startup, require, construct, synth), median of the measured runs',
      maxRssKb: 'peak resident set size of the child process (process.resourceUsage().maxRSS at its end), median',
      wallMs: 'wall time of the child process seen by run.js (spawn to exit), median',
      phases: 'CPU and wall time of the phases the program marks: require, specs (building the plain descriptors of the mix; the same for all variants), construct, synth',
      ratios: 'ratio of the medians, library / other',
    },
    config: {
      ns: CONFIG.ns,
      synthMethod: CONFIG.synth === 'synth' ? 'app.synth() into a temp outdir' : 'app.synthYaml(), written to a temp outdir',
      charts: CONFIG.chartSize ? `charts of ${CONFIG.chartSize} Services (BENCH_CHART_SIZE)` : `${CONFIG.charts} charts for every N (BENCH_CHARTS)`,
      chartsNote: 'cdk8s validates the whole app once per chart at synth (Chart.toJson -> App._synthChart -> validate(app)), so every validation runs charts + 1 times',
      mix: 'ClusterIP/NodePort/LoadBalancer/ExternalName in rotation; 2-3 selector labels, 1 or 2 ports (named when 2, some UDP, some named target ports); every other NodePort Service pins its first node port while the static band lasts (at most 80, 30000-30079); see bench/programs/common.js',
      metallbSizes: CONFIG.metallbSizes,
    },
    runs: CONFIG.runs,
    warmup: CONFIG.warmup,
    equivalence: equiv,
    machine: { ...machineInfo(), loadAvgAtStart: loadAtStart },
    versions: { ...packageVersions(), library: (() => { try { return JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')).version; } catch { return undefined; } })() },
    date: new Date().toISOString(),
    durationS: +((Date.now() - started) / 1000).toFixed(1),
  };
}

function printTable(results) {
  const { medians, ratios } = results;
  const line = '-'.repeat(96);
  console.log(`\n${line}`);
  console.log(`Medians of ${results.runs} runs (after ${results.warmup} warm-up), whole process; Node ${results.machine.node}, ${results.machine.cpus} CPUs`);
  console.log(line);
  console.log(`${'program'.padEnd(20)}${'N'.padStart(7)}${'wall ms'.padStart(10)}${'CPU ms'.padStart(10)}${'RSS MB'.padStart(9)}${'require'.padStart(10)}${'construct'.padStart(11)}${'synth'.padStart(9)}   CPU of all runs`);
  const row = (name, n, m) => {
    if (!m) return;
    console.log(`${name.padEnd(20)}${String(n).padStart(7)}${f0(m.wallMs).padStart(10)}${f0(m.cpuMs).padStart(10)}${f0(m.maxRssMb).padStart(9)}`
      + `${f0(m.phases.require?.cpuMs).padStart(10)}${f0(m.phases.construct?.cpuMs).padStart(11)}${f0(m.phases.synth?.cpuMs).padStart(9)}   ${m.cpuMsAll.map(x => x.toFixed(0)).join(' ')}`);
  };
  row('empty node', '-', medians.empty?.[0]);
  row('require cdk8s', '-', medians['require-cdk8s']?.[0]);
  row('require library', '-', medians['require-library']?.[0]);
  for (const n of CONFIG.ns) for (const v of VARIANTS) row(VARIANT_NAMES[v], n, medians[v]?.[n]);
  for (const n of CONFIG.metallbSizes) {
    row('metallb checks', n, medians['metallb-checks']?.[n]);
    row('metallb nochecks', n, medians['metallb-nochecks']?.[n]);
  }
  console.log(line);
  console.log(`${'ratio (library / other)'.padEnd(34)}${CONFIG.ns.map(n => `N=${n}`.padStart(10)).join('')}`);
  const rrow = (name, r) => console.log(`${name.padEnd(34)}${CONFIG.ns.map(n => f2(r[n]).padStart(10)).join('')}`);
  rrow('CPU vs raw', ratios.libraryVsRaw);
  rrow('CPU vs cdk8s-plus-28', ratios.libraryVsPlus);
  rrow('peak RSS vs raw', ratios.memoryVsRaw);
  rrow('peak RSS vs cdk8s-plus-28', ratios.memoryVsPlus);
  rrow('construct+synth CPU vs raw', ratios.synthOnlyVsRaw);
  rrow('construct+synth CPU vs plus', ratios.synthOnlyVsPlus);
  const imp = results.import;
  console.log(`import: require(library) / require(cdk8s) = ${f2(imp.ratio)} (require call CPU ${f0(imp.library?.requireCpuMs)} vs ${f0(imp.cdk8s?.requireCpuMs)} ms); whole process ${f2(imp.processRatio)}, net of the empty process ${f2(imp.netOfBaselineRatio)}`);
  const ac = results.appChecks;
  if (ac.shareOfSynth === null) console.log(`app-wide checks: n/a (${ac.note})`);
  else {
    console.log(`app-wide checks (MetalLB app): ${(ac.shareOfSynth * 100).toFixed(1)}% of synth at ${ac.at.services} Services / ${ac.at.pools} pools (${ac.method})`);
    const pc = v => (v === undefined ? '-' : `${(v * 100).toFixed(1)}%`);
    for (const p of ac.scaling) {
      console.log(`  ${String(p.services).padStart(6)} Services, ${String(p.pools).padStart(5)} pools: synth ${p.synthCpuMs} ms; `
        + `with - without checks ${p.differenceCpuMs ?? '-'} ms (${pc(p.differenceShareOfSynth)}); `
        + `app-wide computations timed directly ${p.directCpuMs ?? '-'} ms (${pc(p.directShareOfSynth)})${p.computations ? `, computed ${JSON.stringify(p.computations)} time(s)` : ''}`);
    }
  }
  console.log(line);
  console.log('Goals:');
  for (const g of results.goals) {
    const verdict = g.pass === null ? ' n/a' : g.pass ? 'PASS' : 'FAIL';
    console.log(`  [${verdict}] ${g.goal}: ${g.value === null || g.value === undefined ? 'no data' : g.value}`);
  }
  console.log(line);
}

// ---------------------------------------------------------------------------------------------
// --profile

function profile(args) {
  const { summarize, printSummary } = require('./lib/profile');
  const n = Number(args.find(a => /^\d[\d_]*$/.test(a))?.replace(/_/g, '') || 10000);
  const variant = args.find(a => VARIANTS.includes(a)) || 'library';
  const dir = path.join(BENCH, '.work', 'profile');
  fs.mkdirSync(dir, { recursive: true });
  const name = `${variant}-${n}-${Date.now()}.cpuprofile`;
  const interval = Number(env.BENCH_PROFILE_INTERVAL || 200);
  console.log(`Profiling ${variant} at N=${n} (${CONFIG.synth}, --cpu-prof-interval ${interval}us)...`);
  const r = runProgram(variant, n, CONFIG.synth, {
    nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${dir}`, `--cpu-prof-name=${name}`, `--cpu-prof-interval=${interval}`],
  });
  console.log(`process: CPU ${f0(r.cpuMs)} ms, wall ${f0(r.wallMs)} ms, peak RSS ${f0(r.maxRssKb / 1024)} MB (profiling adds overhead)`);
  console.log(`phases (CPU ms): ${Object.entries(r.phases).map(([k, v]) => `${k} ${f0(v.cpuMs)}`).join(', ')}`);
  const file = path.join(dir, name);
  printSummary(summarize(file, REPO), { top: Number(env.BENCH_PROFILE_TOP || 25) });
  console.log(`\nprofile: ${path.relative(REPO, file)} (open in Chrome DevTools > Performance, or speedscope)`);
}

// ---------------------------------------------------------------------------------------------

function main() {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    console.log(fs.readFileSync(__filename, 'utf8').split('\n').slice(2, 27).filter(l => l.startsWith('//')).map(l => l.replace(/^\/\/ ?/, '')).join('\n'));
    return;
  }
  checkBuild();
  if (args.includes('--profile')) {
    profile(args);
    return;
  }
  const started = Date.now();
  const prov = provenance();
  if (prov.cleanTree === false) console.warn(`bench: warning: the tree has changes beside commit ${prov.commit}: results.json records cleanTree: false`);
  const loadAtStart = os.loadavg().map(x => +x.toFixed(2));
  const equiv = equivalence();
  if (!equiv.ok) die('the variants do not write equivalent manifests (see above); not timing them');
  if (args.includes('--check')) return;
  console.log(`\nMeasuring: N=${CONFIG.ns.join(',')}, ${CONFIG.runs} runs + ${CONFIG.warmup} warm-up, round-robin; MetalLB sizes ${CONFIG.metallbSizes.join(',')}`);
  const { samples, metallb } = measure();
  const medians = {};
  for (const [key, perN] of Object.entries(samples)) {
    medians[key] = {};
    for (const [n, reps] of Object.entries(perN)) {
      medians[key][n] = summarizeSamples(reps);
      if (reps[0].pools !== undefined) medians[key][n].pools = reps[0].pools;
      if (reps[0].appWideCpuMs !== undefined) {
        medians[key][n].appWideCpuMs = median(reps.map(r => r.appWideCpuMs));
        medians[key][n].appWideComputations = Object.fromEntries(Object.entries(reps[0].appWide || {}).map(([k, v]) => [k, v.computations]));
      }
    }
  }
  const results = buildResults({ medians, metallb, equiv, loadAtStart, started });
  results.provenance = { ...prov, node: process.version, cdk8s: results.versions.cdk8s };
  results.pairedRatios = pairedRatios(samples);
  results.definitions.pairedRatios = 'min, median and max over the measured runs of library/other, each run of the library paired with the run of the other program in the same round (round-robin)';
  results.machine.loadAvgAtEnd = os.loadavg().map(x => +x.toFixed(2));
  fs.mkdirSync(path.dirname(CONFIG.results), { recursive: true });
  // the commit measured first, where a reader looks for it
  fs.writeFileSync(CONFIG.results, JSON.stringify({ commit: prov.commit, cleanTree: prov.cleanTree, ...results }, null, 2) + '\n');
  const { benchSvg } = require('./lib/svg');
  fs.writeFileSync(CONFIG.svg, benchSvg({
    medians,
    ns: CONFIG.ns,
    checksScaling: results.appChecks.scaling,
    subtitle: `medians of ${CONFIG.runs} runs per point, whole Node process; Node ${process.version}, ${os.cpus().length} CPUs, ${results.date.slice(0, 10)}`,
  }));
  printTable(results);
  console.log(`wrote ${path.relative(REPO, CONFIG.results)} and ${path.relative(REPO, CONFIG.svg)}`);
}

main();
