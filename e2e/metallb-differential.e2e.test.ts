// The MetalLB differential test: generated configurations (fast-check, fixed seed), each judged
// by the library (built with its public API and synthesized) and by MetalLB itself: the v0.15.2
// validating webhook for custom resources (FRR mode, so that BFD and the FRR-only fields are
// judged on their own merits; and a share in native mode, with the library told so, for the
// rules of MetalLB's own BGP speaker), the v0.12.1 controller's parser for the legacy ConfigMap. A
// disagreement is explained only by an entry of src/core/stricter-metallb.ts (rule id + a
// predicate on the input). When the library accepts, MetalLB must also accept what it writes.
import * as fs from 'node:fs';
import * as fc from 'fast-check';
import { ApiServer } from './apiserver/server';
import { METALLB_CRS, METALLB_LEGACY, MetalLbController, startMetalLbCluster, startMetalLbController } from './metallb/controller';
import { MetalLbBgpType } from '../src';
import { libraryVerdict, LibraryVerdict } from './metallb-differential/library';
import { caseToCrs, caseToLegacyConfig, legacyVerdict, MetalLbVerdict, webhookVerdict } from './metallb-differential/mlb';
import { caseArbitrary, MetalLbCase } from './metallb-differential/model';
import { explainStricterThanMetalLb, MetalLbUserInput } from '../src/core/stricter-metallb';

const SEED = Number(process.env.METALLB_DIFFERENTIAL_SEED ?? 10);
const CR_CASES = Number(process.env.METALLB_DIFFERENTIAL_CR_CASES ?? 800);
const LEGACY_CASES = Number(process.env.METALLB_DIFFERENTIAL_LEGACY_CASES ?? 400);
const NATIVE_CASES = Number(process.env.METALLB_DIFFERENTIAL_NATIVE_CASES ?? 200);
const REPORT = process.env.METALLB_DIFFERENTIAL_REPORT; // a file to write every disagreement to (JSON lines)

interface Outcome {
  c: MetalLbCase;
  /** the webhook's mode, for CR cases */
  mode?: MetalLbBgpType;
  input: MetalLbUserInput;
  library: LibraryVerdict;
  metallb: MetalLbVerdict;
  /** MetalLB's verdict on what the library wrote (when the library accepts) */
  written?: MetalLbVerdict;
  explainedBy?: string;
}

let server: ApiServer;

beforeAll(async () => {
  server = await startMetalLbCluster();
});

afterAll(async () => {
  await server?.stop();
});

function userInput(c: MetalLbCase): MetalLbUserInput {
  if (c.format === 'crs') return { format: 'crs', objects: caseToCrs(c) };
  return {
    format: 'configmap',
    objects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'config', namespace: 'metallb-system' }, data: { config: caseToLegacyConfig(c) } }],
  };
}

const METALLB_KINDS = new Set(['IPAddressPool', 'L2Advertisement', 'BGPAdvertisement', 'BGPPeer', 'Community', 'BFDProfile']);
const CREATE_ORDER = ['BFDProfile', 'Community', 'IPAddressPool', 'BGPPeer', 'L2Advertisement', 'BGPAdvertisement'];

async function judge(controller: MetalLbController, cases: MetalLbCase[], mode = MetalLbBgpType.FRR): Promise<Outcome[]> {
  const out: Outcome[] = [];
  for (const c of cases) {
    const input = userInput(c);
    const library = libraryVerdict(c, mode);
    let metallb: MetalLbVerdict;
    let written: MetalLbVerdict | undefined;
    if (c.format === 'crs') {
      metallb = await webhookVerdict(server, input.objects);
      if (library.accepted) {
        const objs = library.objects!.filter(o => METALLB_KINDS.has(o.kind)).sort((a, b) => CREATE_ORDER.indexOf(a.kind) - CREATE_ORDER.indexOf(b.kind));
        written = await webhookVerdict(server, objs);
      }
    } else {
      metallb = await legacyVerdict(server, controller, input.objects[0].data.config);
      if (library.accepted) {
        const cm = library.objects!.find(o => o.kind === 'ConfigMap');
        written = await legacyVerdict(server, controller, cm.data.config);
      }
    }
    const o: Outcome = { c, mode: c.format === 'crs' ? mode : undefined, input, library, metallb, written };
    if (!library.accepted && metallb.accepted) {
      // every rule the library refuses with must be a knowingly stricter one for this input
      const why = library.rules.map(r => explainStricterThanMetalLb(r, input)?.id);
      if (why.every(w => w !== undefined)) o.explainedBy = [...new Set(why)].join(', ');
    }
    out.push(o);
  }
  return out;
}

function disagreement(o: Outcome): string | undefined {
  if (o.library.accepted && !o.metallb.accepted) return 'library accepts, MetalLB refuses';
  if (o.library.accepted && o.written && !o.written.accepted) return 'MetalLB refuses what the library writes';
  if (!o.library.accepted && o.metallb.accepted) return o.explainedBy ? undefined : 'library refuses, MetalLB accepts';
  return undefined;
}

function coverageTable(outcomes: Outcome[]): string {
  const rows = new Map<string, { refused: number; agree: number; stricter: number; unexplained: number }>();
  const row = (k: string) => rows.get(k) ?? rows.set(k, { refused: 0, agree: 0, stricter: 0, unexplained: 0 }).get(k)!;
  for (const o of outcomes) {
    const key = `${o.c.format}${o.mode === MetalLbBgpType.NATIVE ? '-native' : ''} ${o.library.accepted ? 'accepted' : o.library.rules[0]}`;
    const r = row(key);
    r.refused += o.library.accepted ? 0 : 1;
    const d = disagreement(o);
    if (!d && !o.explainedBy) r.agree++;
    else if (o.explainedBy) r.stricter++;
    else r.unexplained++;
  }
  const lines = ['format     library verdict      cases  agree  stricter  unexplained'];
  for (const [k, r] of [...rows].sort()) {
    const [format, verdict] = k.split(' ');
    const n = r.agree + r.stricter + r.unexplained;
    lines.push(`${format.padEnd(10)} ${verdict.padEnd(19)} ${String(n).padStart(6)} ${String(r.agree).padStart(6)} ${String(r.stricter).padStart(9)} ${String(r.unexplained).padStart(12)}`);
  }
  return lines.join('\n');
}

test(`metallb differential: ${CR_CASES} CR (FRR mode) + ${NATIVE_CASES} CR (native mode) + ${LEGACY_CASES} legacy configurations, seed ${SEED}`, async () => {
  const t0 = Date.now();
  const crCases = fc.sample(caseArbitrary('crs'), { seed: SEED, numRuns: CR_CASES });
  const legacyCases = fc.sample(caseArbitrary('configmap'), { seed: SEED + 1, numRuns: LEGACY_CASES });
  const nativeCases = fc.sample(caseArbitrary('crs'), { seed: SEED + 2, numRuns: NATIVE_CASES });

  const outcomes: Outcome[] = [];
  const cr = await startMetalLbController(server, METALLB_CRS, { bgpType: 'frr' });
  try {
    outcomes.push(...await judge(cr, crCases));
  } finally {
    await cr.stop();
  }
  const native = await startMetalLbController(server, METALLB_CRS, { bgpType: 'native' });
  try {
    outcomes.push(...await judge(native, nativeCases, MetalLbBgpType.NATIVE));
  } finally {
    await native.stop();
  }
  const t1 = Date.now();
  const legacy = await startMetalLbController(server, METALLB_LEGACY);
  try {
    outcomes.push(...await judge(legacy, legacyCases));
  } finally {
    await legacy.stop();
  }
  const t2 = Date.now();

  const bad = outcomes.filter(o => disagreement(o) !== undefined);
  if (REPORT) {
    fs.writeFileSync(REPORT, bad.map(o => JSON.stringify({
      why: disagreement(o), format: o.c.format, library: o.library.accepted ? 'accepts' : o.library.message,
      metallb: o.metallb.accepted ? 'accepts' : `${o.metallb.object}: ${o.metallb.message}`,
      written: o.written && !o.written.accepted ? `${o.written.object}: ${o.written.message}` : undefined,
      input: o.c.format === 'crs' ? o.input.objects : o.input.objects[0].data.config,
    })).join('\n') + '\n');
  }
  for (const o of bad.slice(0, 15)) {
    console.log(`UNEXPLAINED (${disagreement(o)}) ${JSON.stringify(o.c)}\n  library: ${o.library.accepted ? 'accepts' : o.library.message}\n  metallb: ${o.metallb.accepted ? 'accepts' : `${o.metallb.object}: ${o.metallb.message}`}${o.written && !o.written.accepted ? `\n  written: ${o.written.object}: ${o.written.message}` : ''}`);
  }
  const accepted = outcomes.filter(o => o.metallb.accepted).length;
  process.stdout.write(`${coverageTable(outcomes)}\n`);
  process.stdout.write(`metallb differential: CRs ${((t1 - t0) / 1000).toFixed(1)} s, legacy ${((t2 - t1) / 1000).toFixed(1)} s; MetalLB accepted ${accepted} of ${outcomes.length}\n`);
  process.stdout.write(`metallb differential: ${outcomes.length} cases, ${bad.length} unexplained disagreements\n`);
  expect(bad.length).toBe(0);
});
