// Differential validation: for generated Service specs, valid and invalid, of all four types,
// the library's verdict (synth succeeds or fails) against kube-apiserver's (a server-side dry-run
// create). Every disagreement is a bug, unless the library is knowingly stricter
// (src/core/stricter.ts, named in docs/rules.md).
import * as fc from 'fast-check';
import { explainStricter } from '../src/core/stricter';
import { ApiServer, applyManifest } from './apiserver/server';
import { libraryVerdict, rawManifest, serviceCaseArb, ServiceCase } from './differential/cases';
import { CLUSTER, startCluster } from './util';

const SEED = Number(process.env.DIFFERENTIAL_SEED ?? 20261130);
const CASES = Number(process.env.DIFFERENTIAL_CASES ?? 1200);

let server: ApiServer;
beforeAll(async () => { server = await startCluster(); });
afterAll(async () => { await server?.stop(); });

interface Outcome {
  readonly c: ServiceCase;
  readonly library: string | true;
  readonly server: string | true;
  readonly explanation?: string;
}

test(`differential: ${CASES} generated Services, seed ${SEED}`, async () => {
  const cases = fc.sample(serviceCaseArb(CLUSTER), { seed: SEED, numRuns: CASES });
  const outcomes: Outcome[] = [];
  const t0 = Date.now();
  for (const c of cases) {
    const lib = libraryVerdict(c, CLUSTER);
    // what the library wrote when it accepted; the spec as written by hand when it refused
    const manifest = lib.ok ? lib.manifest : rawManifest(c);
    let res = await applyManifest(server, manifest, { dryRun: true, throwOnError: false });
    if (res.status < 300) {
      // A dry-run create skips the allocators (node-port range, service CIDR): what the dry run
      // accepts is created for real, to get the verdict `kubectl apply` would get, then deleted.
      res = await applyManifest(server, manifest, { throwOnError: false });
      if (res.status < 300) {
        const del = await server.request('DELETE', `/api/v1/namespaces/default/services/${encodeURIComponent(manifest.metadata.name)}`);
        if (del.status >= 300) throw new Error(`cannot delete ${manifest.metadata.name}: ${del.status}`);
      }
    }
    if (res.status >= 500 || res.status === 0) throw new Error(`server error ${res.status}: ${JSON.stringify(res.body)}`);
    const serverVerdict = res.status < 300 ? true : `${res.status} ${res.body?.message ?? JSON.stringify(res.body)}`;
    const libraryResult = lib.ok ? true : lib.error;
    let explanation: string | undefined;
    if (libraryResult !== true && serverVerdict === true) explanation = explainStricter(libraryResult)?.id;
    outcomes.push({ c, library: libraryResult, server: serverVerdict, explanation });
  }
  const agree = outcomes.filter(o => (o.library === true) === (o.server === true));
  const disagreements = outcomes.filter(o => (o.library === true) !== (o.server === true));
  const unexplained = disagreements.filter(o => !o.explanation);
  const byType = (t: string) => outcomes.filter(o => o.c.type === t);
  for (const t of ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName']) {
    const list = byType(t);
    console.log(`e2e: ${t}: ${list.length} cases, ${list.filter(o => o.server === true).length} accepted by the server, ${list.filter(o => o.library === true).length} by the library`);
  }
  const explained: Record<string, number> = {};
  for (const d of disagreements) if (d.explanation) explained[d.explanation] = (explained[d.explanation] ?? 0) + 1;
  console.log(`e2e: ${agree.length} agreements, ${disagreements.length} disagreements (${JSON.stringify(explained)} explained by src/core/stricter.ts), ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  for (const u of unexplained.slice(0, 25)) {
    console.log(`e2e: UNEXPLAINED ${JSON.stringify(u.c)}\n  library: ${u.library === true ? 'accepts' : u.library}\n  server:  ${u.server === true ? 'accepts' : u.server}`);
  }
  process.stdout.write(`differential: ${outcomes.length} cases, ${unexplained.length} unexplained disagreements\n`);
  expect(outcomes.length).toBeGreaterThanOrEqual(1000);
  expect(agree.filter(o => o.library === true).length).toBeGreaterThan(100);
  expect(agree.filter(o => o.library !== true).length).toBeGreaterThan(100);
  expect(unexplained).toEqual([]);
});
