// Differential validation: generated Services, valid and invalid, of all four types, exactly as a
// user writes them. The server gets the user's spec (created for real, fieldValidation=Strict);
// the library gets the same spec as a JavaScript user would pass it. Verdicts are compared, and
// when both refuse, the reasons: the field of the server's causes against the library's field.
// A disagreement counts as explained only by an entry of src/core/stricter.ts (rule id + a
// predicate on the input); "right verdict, other reason" is counted apart. Both must be 0.
import * as fs from 'fs';
import * as path from 'path';
import { ApiServer } from './apiserver/server';
import { DiffCase, generateCases } from './differential/generator';
import { libraryVerdict, LibraryVerdict } from './differential/library';
import { sameField, serverVerdict, ServerVerdict, staleIps } from './differential/server';
import { CLUSTER, startCluster } from './util';
import { explainStricter } from '../src/core/stricter';

const SEED = Number(process.env.DIFFERENTIAL_SEED ?? 20261207);
const CASES = Number(process.env.DIFFERENTIAL_CASES ?? 2000);
/** the Kubernetes version the library is told: the server's (read from /version) */
let serverVersion = '';

let server: ApiServer;
beforeAll(async () => {
  server = await startCluster();
  const v = await server.request('GET', '/version');
  serverVersion = `${v.body.major}.${String(v.body.minor).replace(/\+$/, '')}`;
});
afterAll(async () => { await server?.stop(); });

type Kind = 'agree' | 'other-reason' | 'explained' | 'unexplained';

interface Outcome {
  readonly c: DiffCase;
  readonly lib: LibraryVerdict;
  readonly srv: ServerVerdict;
  readonly kind: Kind;
  readonly explanation?: string;
}

function judge(c: DiffCase, lib: LibraryVerdict, srv: ServerVerdict): Outcome {
  if (lib.ok && srv.ok) return { c, lib, srv, kind: 'agree' };
  if (!lib.ok && !srv.ok) {
    const same = lib.errors.some(e => srv.fields.some(f => sameField(e.field, f)));
    return { c, lib, srv, kind: same ? 'agree' : 'other-reason' };
  }
  if (!lib.ok && srv.ok) {
    // the library refused, the server accepted: explained only by rule id + the input
    for (const e of lib.errors) {
      const rule = c.services.map(s => explainStricter(e.rule, s)).find(Boolean);
      if (rule) return { c, lib, srv, kind: 'explained', explanation: rule.id };
    }
  }
  return { c, lib, srv, kind: 'unexplained' };
}

/** The rule ids of docs/rules.md a Service spec can break: S (Service), A (allocation), K (unknown keys). */
function documentedRules(): string[] {
  const doc = fs.readFileSync(path.join(__dirname, '..', 'docs', 'rules.md'), 'utf-8');
  return [...doc.matchAll(/^\| ([SAK][0-9]+) \|/gm)].map(m => m[1]);
}

function show(o: Outcome): string {
  const lib = o.lib.ok ? 'accepts' : o.lib.error!.replace(/\s+/g, ' ').slice(0, 400);
  const srv = o.srv.ok ? 'accepts' : `${o.srv.status} [${o.srv.fields.join(', ')}] ${o.srv.message!.slice(0, 400)}`;
  return `#${o.c.index} ${o.c.mutation}\n  spec:    ${JSON.stringify(o.c.services)}\n  library: ${lib}\n  server:  ${srv}`;
}

test(`differential: generated Services, seed ${SEED}`, async () => {
  const cases = generateCases(CLUSTER, SEED, CASES);
  const outcomes: Outcome[] = [];
  const t0 = Date.now();
  for (const c of cases) {
    const lib = libraryVerdict(c.services, CLUSTER, serverVersion);
    const srv = await serverVerdict(server, c.services);
    outcomes.push(judge(c, lib, srv));
  }
  const count = (k: Kind) => outcomes.filter(o => o.kind === k);
  const accepted = outcomes.filter(o => o.srv.ok).length;
  for (const t of ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName']) {
    const list = outcomes.filter(o => o.c.services[0].spec.type === t);
    console.log(`e2e: ${t}: ${list.length} cases, ${list.filter(o => o.srv.ok).length} accepted by the server, ${list.filter(o => o.lib.ok).length} by the library`);
  }
  // how often each rule was aimed at, and how often the library reported it (errors and warnings)
  const rules = documentedRules();
  const aimed: Record<string, number> = {};
  const reported: Record<string, number> = {};
  for (const o of outcomes) {
    aimed[o.c.target] = (aimed[o.c.target] ?? 0) + 1;
    for (const r of new Set([...o.lib.errors.map(e => e.rule), ...o.lib.warnings])) reported[r] = (reported[r] ?? 0) + 1;
  }
  console.log(`e2e: rules aimed at (cases): ${rules.map(r => `${r}=${aimed[r] ?? 0}`).join(' ')}; valid=${aimed.valid ?? 0}`);
  console.log(`e2e: rules the library reported (cases): ${rules.map(r => `${r}=${reported[r] ?? 0}`).join(' ')}`);
  const explained: Record<string, number> = {};
  for (const o of count('explained')) explained[o.explanation!] = (explained[o.explanation!] ?? 0) + 1;
  const severalServices = outcomes.filter(o => o.c.services.length > 1);
  console.log(`e2e: ${count('agree').length} agreements, ${count('explained').length} explained by src/core/stricter.ts ${JSON.stringify(explained)}, `
    + `${severalServices.length} cases with several Services (${severalServices.filter(o => o.c.target === 'A2').length} A2), ${staleIps.freed} IP allocations freed whose Service was gone, ${staleIps.leftoverServices} Services of earlier cases deleted, ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const bad = [...count('unexplained'), ...count('other-reason')];
  for (const o of bad.slice(0, 40)) console.log(`e2e: ${o.kind.toUpperCase()} ${show(o)}`);
  if (process.env.DIFFERENTIAL_REPORT) fs.writeFileSync(process.env.DIFFERENTIAL_REPORT, bad.map(o => `${o.kind} ${show(o)}`).join('\n\n') + '\n');

  process.stdout.write(`differential: ${outcomes.length} cases (${accepted} accepted), ${count('unexplained').length} unexplained disagreements, ${count('other-reason').length} other reason\n`);
  expect(outcomes.length).toBeGreaterThanOrEqual(1000);
  expect(accepted / outcomes.length).toBeGreaterThanOrEqual(0.3);
  expect(rules.filter(r => (aimed[r] ?? 0) < 20)).toEqual([]);
  expect(severalServices.filter(o => o.c.target === 'A2').length).toBeGreaterThanOrEqual(20);
  expect(count('unexplained').map(show)).toEqual([]);
  expect(count('other-reason').map(show)).toEqual([]);
});
