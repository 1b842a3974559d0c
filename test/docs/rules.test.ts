// docs/rules.md lists every rule id the library reports, with what the library says, and nothing
// else: the ids in the sources and the ids in the tables are the same, each example message has
// the library's shape, and a sample of the examples is reproduced by synthesizing the input.
// (Policy rules, P0-P12, are documented in docs/policy.md: test/policy/docs.test.ts.)
import * as fs from 'fs';
import * as path from 'path';
import { ClusterIpService, InternalTrafficPolicy, NodePortService, Protocol } from '../../src';
import { synthError } from '../util';

const ROOT = path.join(__dirname, '..', '..');
const DOC = fs.readFileSync(path.join(ROOT, 'docs', 'rules.md'), 'utf8');
const POLICY_DOC = fs.readFileSync(path.join(ROOT, 'docs', 'policy.md'), 'utf8');

/** A rule id as the sources write it: a quoted `S6`, `M17`, `A2`, ... */
const ID_IN_SOURCE = /['"`]([A-Z][0-9]{1,2})['"` ]/g;

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    // generated code (k8s and MetalLB imports, install manifests) reports no rule
    if (e.isDirectory()) {
      if (!['imports', 'generated'].includes(e.name)) out.push(...sourceFiles(p));
    } else if (e.name.endsWith('.ts')) {
      out.push(p);
    }
  }
  return out;
}

/** id -> the source files that use it */
function idsInSources(): Map<string, string[]> {
  const ids = new Map<string, string[]>();
  for (const f of sourceFiles(path.join(ROOT, 'src'))) {
    const text = fs.readFileSync(f, 'utf8');
    for (const m of text.matchAll(ID_IN_SOURCE)) {
      const rel = path.relative(ROOT, f);
      const l = ids.get(m[1]) ?? [];
      if (!l.includes(rel)) l.push(rel);
      ids.set(m[1], l);
    }
  }
  return ids;
}

interface Row { readonly id: string; readonly rule: string; readonly says: string; readonly section: string }

/** The rows of the rule tables: `| S6 | rule | `message` |`, with the `## ` section they are in. */
function rows(): Row[] {
  const out: Row[] = [];
  let section = '';
  for (const line of DOC.split('\n')) {
    if (line.startsWith('## ')) section = line.slice(3);
    const m = /^\| ([A-Z][0-9]{1,2}) \| (.*?) \| (.*?) \|(?: .* \|)?$/.exec(line);
    if (m) out.push({ id: m[1], rule: m[2], says: m[3], section });
  }
  return out;
}

const SOURCE_IDS = idsInSources();
const ROWS = rows();
const DOC_IDS = new Set(ROWS.map(r => r.id));
const isPolicy = (id: string) => id.startsWith('P');

test('the sources and docs/rules.md name rules (the check sees them)', () => {
  expect(SOURCE_IDS.size).toBeGreaterThan(50);
  expect(ROWS.length).toBeGreaterThan(50);
});

test('every rule id of the library has a row in docs/rules.md', () => {
  const missing = [...SOURCE_IDS].filter(([id]) => !isPolicy(id) && !DOC_IDS.has(id));
  const help = missing.map(([id, files]) =>
    `${id} (used in ${files.join(', ')}): add a row to the table of its section in docs/rules.md:\n` +
    `  | ${id} | <the rule, and where it comes from> | \`${id} <field>: got <value>; expected <what is allowed>\` |`);
  expect(help).toEqual([]);
});

test('every policy rule id of the library is documented in docs/policy.md', () => {
  const missing = [...SOURCE_IDS.keys()].filter(id => isPolicy(id) && !new RegExp(`\\b${id}\\b`).test(POLICY_DOC));
  expect(missing.map(id => `${id}: document it in docs/policy.md (a "## ${id} ..." section for a rule)`)).toEqual([]);
});

test('every row of docs/rules.md is a rule id of the library (or says it is never an error)', () => {
  const stale = ROWS.filter(r => !SOURCE_IDS.has(r.id) && !/^\(never an error/.test(r.says));
  expect(stale.map(r => `${r.id} (section "${r.section}"): no source file under src/ reports it: remove the row, or reword it as "(never an error: ...)" when the rule holds by construction`)).toEqual([]);
});

test('each id has one row', () => {
  const seen = new Map<string, number>();
  for (const r of ROWS) seen.set(r.id, (seen.get(r.id) ?? 0) + 1);
  expect([...seen].filter(([, n]) => n > 1).map(([id]) => `${id} has more than one row: merge them`)).toEqual([]);
});

test.each(ROWS.filter(r => !/^\(never an error/.test(r.says)).map(r => [r.id, r]))(
  '%s: the example message has the library\'s shape',
  (_id, row) => {
    const r = row as Row;
    // the first code span is the message; a row may add more after it
    const m = /`([^`]+)`/.exec(r.says);
    expect(m).not.toBeNull();
    const message = m![1];
    const warning = /^warning: \[[^\]]+\] (.*)$/.exec(message);
    if (warning) {
      expect(warning[1].startsWith(`${r.id} `)).toBe(true);
    } else {
      // `<id> <field>: got <value>; expected <what is allowed>`
      expect(message).toMatch(new RegExp(`^${r.id} \\S[^:]*: got .+; expected .+`));
    }
  });

/** Examples of docs/rules.md reproduced: the input, and the row's message as the library prints it. */
const REPRODUCED: Array<[string, Parameters<typeof synthError>[0]]> = [
  ['S6', c => new ClusterIpService(c, 'svc', { selector: { app: 'a' }, ports: [{ port: 70000 }] })],
  ['S7', c => new ClusterIpService(c, 'svc', { selector: { app: 'a' }, ports: [{ port: 80, protocol: 'HTTP' as Protocol }] })],
  ['S21', c => new ClusterIpService(c, 'svc', { selector: { app: 'a' }, ports: [{ port: 80 }], internalTrafficPolicy: 'Node' as InternalTrafficPolicy })],
  ['A1', c => new NodePortService(c, 'svc', { selector: { app: 'a' }, ports: [{ port: 80, nodePort: 8080 }] })],
];

test.each(REPRODUCED)('%s: the library prints the message docs/rules.md shows', (id, build) => {
  const row = ROWS.find(r => r.id === id)!;
  const documented = /`([^`]+)`/.exec(row.says)![1];
  const error = synthError(build);
  expect(error).toContain(documented);
});
