// The differential generator runs against a real server in e2e/ (npm run test:e2e); here, without
// a server, check that it is reproducible and produces both verdicts for every type.
import * as fc from 'fast-check';
import { libraryVerdict, rawManifest, serviceCaseArb } from '../e2e/differential/cases';

const shape = { serviceCidrs: ['10.1.0.0/16', 'fd00:10:1::/108'], nodePortRange: '30000-32767' };

test('the same seed gives the same cases', () => {
  const a = fc.sample(serviceCaseArb(shape), { seed: 42, numRuns: 50 });
  const b = fc.sample(serviceCaseArb(shape), { seed: 42, numRuns: 50 });
  expect(a).toEqual(b);
});

test('cases of every type, accepted and refused by the library', () => {
  const cases = fc.sample(serviceCaseArb(shape), { seed: 7, numRuns: 400 });
  const seen = new Set<string>();
  for (const c of cases) {
    const v = libraryVerdict(c, shape);
    seen.add(`${c.type}:${v.ok}`);
    if (v.ok) expect(v.manifest.spec.type).toBe(c.type);
    expect(rawManifest(c).metadata.name).toBe(c.name);
  }
  for (const t of ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName']) {
    expect(seen).toContain(`${t}:true`);
    expect(seen).toContain(`${t}:false`);
  }
});
