#!/usr/bin/env node
// What lib/ was compiled from: `npx projen compile` ends with `node build-tools/build-info.js write`,
// which records a hash of every file under src/ in lib/build-info.json. Whatever runs the compiled
// library (the benchmark, the compiled-CLI test) compares it with the sources it sits beside, so
// a stale lib/ is never measured or tested by mistake.
//
//   node build-tools/build-info.js write   # after jsii
//   node build-tools/build-info.js check   # exit 1 with the reason when lib/ is stale or missing
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const SRC = path.join(ROOT, 'src');
const INFO = path.join(ROOT, 'lib', 'build-info.json');

function filesUnder(dir) {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...filesUnder(p));
    else if (e.isFile()) out.push(p);
  }
  return out;
}

/** sha256 over the relative path and content of every file under src/, in a fixed order. */
function sourceHash() {
  const h = crypto.createHash('sha256');
  for (const f of filesUnder(SRC).map(p => path.relative(ROOT, p).split(path.sep).join('/')).sort()) {
    h.update(f);
    h.update('\0');
    h.update(fs.readFileSync(path.join(ROOT, f)));
    h.update('\0');
  }
  return h.digest('hex');
}

function write() {
  const info = { sourceHash: sourceHash(), compiledAt: new Date().toISOString() };
  fs.mkdirSync(path.dirname(INFO), { recursive: true });
  fs.writeFileSync(INFO, JSON.stringify(info, null, 2) + '\n');
  return info;
}

/** undefined when lib/ was compiled from the sources under src/, else why not. */
function staleReason() {
  if (!fs.existsSync(path.join(ROOT, 'lib', 'index.js'))) return 'lib/index.js is missing (run `npx projen compile`)';
  if (!fs.existsSync(INFO)) return 'lib/build-info.json is missing: lib/ was not compiled by `npx projen compile` (run it)';
  let recorded;
  try {
    recorded = JSON.parse(fs.readFileSync(INFO, 'utf8')).sourceHash;
  } catch (e) {
    return `lib/build-info.json cannot be read (${e.message}): run \`npx projen compile\``;
  }
  const now = sourceHash();
  if (recorded !== now) return `lib/ is stale: compiled from sources with hash ${String(recorded).slice(0, 12)}, src/ now hashes to ${now.slice(0, 12)} (run \`npx projen compile\`)`;
  return undefined;
}

module.exports = { sourceHash, write, staleReason };

if (require.main === module) {
  const cmd = process.argv[2];
  if (cmd === 'write') {
    const info = write();
    console.log(`build-info: lib/ compiled from src/ ${info.sourceHash.slice(0, 12)}`);
  } else if (cmd === 'check') {
    const why = staleReason();
    if (why) {
      console.error(`build-info: ${why}`);
      process.exit(1);
    }
    console.log('build-info: lib/ matches src/');
  } else {
    console.error('usage: node build-tools/build-info.js write|check');
    process.exit(2);
  }
}
