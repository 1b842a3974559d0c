'use strict';
// Reads a V8 .cpuprofile (what `node --cpu-prof` writes) and summarizes where the time went:
// self time per function, self time per module group, and inclusive time of the library's own
// functions (lib/), so that work repeated per Service shows up.

const fs = require('fs');
const path = require('path');

/** Which part of the program a script URL belongs to. */
function groupOf(url, repo) {
  if (!url) return '(native / VM)';
  const file = url.startsWith('file://') ? decodeURIComponent(url.slice(7)) : url;
  if (file.startsWith('node:')) return 'node internals';
  const rel = path.relative(repo, file);
  if (!rel.startsWith('..')) {
    if (rel.startsWith(`lib${path.sep}imports${path.sep}`)) return 'library: generated imports (lib/imports)';
    if (rel.startsWith(`lib${path.sep}`)) return 'library: own code (lib/)';
    if (rel.startsWith(`bench${path.sep}`)) return 'bench program';
    const m = /node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(rel);
    if (m) return `npm: ${m[1].replace(/\\/g, '/')}`;
  }
  return 'other';
}

function label(cf, repo) {
  const file = cf.url ? (cf.url.startsWith('file://') ? decodeURIComponent(cf.url.slice(7)) : cf.url) : '';
  let where = file ? path.relative(repo, file) : '';
  if (where.startsWith('..')) where = file;
  where = where.replace(/^node_modules\//, '');
  return `${cf.functionName || '(anonymous)'}${where ? ` ${where}:${cf.lineNumber + 1}` : ''}`;
}

/**
 * Returns { totalMs, self: [{ name, group, ms }], groups: [{ group, ms }], libInclusive: [{ name, ms, calls? }] }.
 */
function summarize(file, repo) {
  const prof = JSON.parse(fs.readFileSync(file, 'utf8'));
  const byId = new Map(prof.nodes.map(n => [n.id, n]));
  const parent = new Map();
  for (const n of prof.nodes) for (const c of n.children || []) parent.set(c, n.id);
  // self time per node from the sample stream (timeDeltas[i] is the time before sample i)
  const selfUs = new Map();
  const { samples, timeDeltas } = prof;
  for (let i = 0; i < samples.length; i++) {
    const dt = timeDeltas[i + 1] ?? 0; // the time until the next sample belongs to this sample
    selfUs.set(samples[i], (selfUs.get(samples[i]) || 0) + Math.max(0, dt));
  }
  const totalUs = [...selfUs.values()].reduce((a, b) => a + b, 0);

  const selfBy = new Map();
  const groups = new Map();
  for (const [id, us] of selfUs) {
    const n = byId.get(id);
    const name = label(n.callFrame, repo);
    const group = groupOf(n.callFrame.url, repo);
    const e = selfBy.get(name) || { name, group, us: 0 };
    e.us += us;
    selfBy.set(name, e);
    groups.set(group, (groups.get(group) || 0) + us);
  }

  // inclusive time of library functions: each sample counts once per distinct lib/ function on its stack
  const inclusive = new Map();
  const stackCache = new Map();
  const libFramesOf = (id) => {
    if (stackCache.has(id)) return stackCache.get(id);
    const names = new Set();
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const cf = byId.get(cur).callFrame;
      if (groupOf(cf.url, repo) === 'library: own code (lib/)') names.add(label(cf, repo));
    }
    stackCache.set(id, names);
    return names;
  };
  for (const [id, us] of selfUs) {
    for (const name of libFramesOf(id)) inclusive.set(name, (inclusive.get(name) || 0) + us);
  }

  const ms = us => us / 1000;
  return {
    totalMs: ms(totalUs),
    self: [...selfBy.values()].sort((a, b) => b.us - a.us).map(e => ({ name: e.name, group: e.group, ms: ms(e.us) })),
    groups: [...groups.entries()].sort((a, b) => b[1] - a[1]).map(([group, us]) => ({ group, ms: ms(us) })),
    libInclusive: [...inclusive.entries()].sort((a, b) => b[1] - a[1]).map(([name, us]) => ({ name, ms: ms(us) })),
  };
}

function printSummary(s, { top = 25 } = {}) {
  const pct = v => `${((v / s.totalMs) * 100).toFixed(1).padStart(5)}%`;
  const row = (ms, text) => `  ${ms.toFixed(1).padStart(8)} ms ${pct(ms)}  ${text}`;
  console.log(`\nProfiled time: ${s.totalMs.toFixed(0)} ms (samples, whole process)`);
  console.log('\nSelf time by module group:');
  for (const g of s.groups) console.log(row(g.ms, g.group));
  console.log(`\nTop ${top} functions by self time:`);
  for (const e of s.self.slice(0, top)) console.log(row(e.ms, `${e.name}  [${e.group}]`));
  const own = s.self.filter(e => e.group === 'library: own code (lib/)');
  console.log(`\nTop ${top} functions of the library's own code (lib/, not the generated imports) by self time:`);
  for (const e of own.slice(0, top)) console.log(row(e.ms, e.name));
  console.log(`\nTop ${top} functions of the library's own code by inclusive time (time with the function on the stack):`);
  for (const e of s.libInclusive.slice(0, top)) console.log(row(e.ms, e.name));
}

module.exports = { summarize, printSummary };
