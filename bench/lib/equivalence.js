'use strict';
// Checks that the variants write equivalent manifests: parse every YAML file each variant wrote,
// normalize the known harmless differences (and record each one), and compare object by object
// against the manifests the mix describes (common.manifest).

const fs = require('fs');
const path = require('path');
const { isDeepStrictEqual } = require('util');

/** Every document of every *.yaml file below dir, in file-name order, with the file it came from. */
function readManifests(dir, parseAll) {
  const files = fs.readdirSync(dir).filter(f => /\.ya?ml$/.test(f)).sort();
  const docs = [];
  for (const f of files) {
    for (const doc of parseAll(fs.readFileSync(path.join(dir, f), 'utf8'))) {
      if (doc !== null && doc !== undefined) docs.push({ file: f, doc });
    }
  }
  return { files, docs };
}

/** a.b[*].c: array indices folded so that one rule counts once per field. */
function pattern(p) {
  return p.replace(/\[\d+\]/g, '[*]');
}

/**
 * Known harmless differences, each removed and recorded (variant, rule, field pattern, count):
 *  - empty-collection: an empty array or mapping (e.g. cdk8s-plus-28 writes `externalIPs: []` and,
 *    without a selector, `selector: {}`); Kubernetes reads them as the field left out.
 *  - plus-label: labels cdk8s-plus-28 adds to metadata (cdk8s.io/..., cdk8s-plus...).
 */
function normalize(obj, variant, record, at = '') {
  if (Array.isArray(obj)) {
    return obj.map((v, i) => normalize(v, variant, record, `${at}[${i}]`));
  }
  if (obj === null || typeof obj !== 'object') return obj;
  const out = {};
  for (const [k, v] of Object.entries(obj)) {
    const p = at ? `${at}.${k}` : k;
    if (at === 'metadata.labels' && /^cdk8s(\.io|-plus)/.test(k)) {
      record(variant, 'plus-label', pattern(p));
      continue;
    }
    if (v !== null && typeof v === 'object' && Object.keys(v).length === 0) {
      record(variant, 'empty-collection', `${pattern(p)}: ${Array.isArray(v) ? '[]' : '{}'}`);
      continue;
    }
    const n = normalize(v, variant, record, p);
    if (n !== null && typeof n === 'object' && !Array.isArray(n) && Object.keys(n).length === 0 && at === 'metadata' && k === 'labels') {
      continue;
    }
    out[k] = n;
  }
  return out;
}

function key(doc) {
  const m = doc.metadata || {};
  return `${doc.apiVersion}/${doc.kind} ${m.namespace || 'default'}/${m.name}`;
}

/** The first difference between a and b, as a path and the two values, or undefined. */
function firstDifference(a, b, at = '') {
  if (isDeepStrictEqual(a, b)) return undefined;
  if (a && b && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    for (const k of keys) {
      const d = firstDifference(a[k], b[k], Array.isArray(a) ? `${at}[${k}]` : (at ? `${at}.${k}` : k));
      if (d) return d;
    }
  }
  return { at: at || '(root)', expected: a, got: b };
}

/**
 * dirs: { variant: outdir }, expected: the manifests in mix order. Returns
 * { ok, objects, files, normalizations: [{ variant, rule, field, count }], problems: [string] }.
 */
function checkEquivalence({ dirs, expected, parseAll }) {
  const counts = new Map();
  const record = (variant, rule, field) => {
    const k = `${variant}\u0000${rule}\u0000${field}`;
    counts.set(k, (counts.get(k) || 0) + 1);
  };
  const problems = [];
  const want = new Map(expected.map(m => [key(m), m]));
  const fileSets = {};
  for (const [variant, dir] of Object.entries(dirs)) {
    const { files, docs } = readManifests(dir, parseAll);
    fileSets[variant] = files.join(',');
    const seen = new Set();
    const order = [];
    for (const { file, doc } of docs) {
      const k = key(doc);
      if (seen.has(k)) problems.push(`${variant}: ${k} written twice`);
      seen.add(k);
      order.push(k);
      const exp = want.get(k);
      if (!exp) {
        problems.push(`${variant}: unexpected object ${k} in ${file}`);
        continue;
      }
      const d = firstDifference(exp, normalize(doc, variant, record));
      if (d) problems.push(`${variant}: ${k} differs at ${d.at}: expected ${JSON.stringify(d.expected)}, got ${JSON.stringify(d.got)}`);
    }
    for (const k of want.keys()) if (!seen.has(k)) problems.push(`${variant}: ${k} missing`);
    const expectedOrder = expected.map(key);
    if (order.length === expectedOrder.length && order.some((k, i) => k !== expectedOrder[i])) {
      problems.push(`${variant}: objects written in a different order than created`);
    }
  }
  const fileLists = new Set(Object.values(fileSets));
  if (fileLists.size > 1) problems.push(`the variants wrote different files: ${JSON.stringify(fileSets)}`);
  const normalizations = [...counts.entries()].map(([k, count]) => {
    const [variant, rule, field] = k.split('\u0000');
    return { variant, rule, field, count };
  }).sort((a, b) => (a.variant + a.rule + a.field).localeCompare(b.variant + b.rule + b.field));
  return { ok: problems.length === 0, objects: expected.length, files: fileSets[Object.keys(fileSets)[0]]?.split(',').length ?? 0, normalizations, problems };
}

module.exports = { checkEquivalence };
