// The differential's generator and field matching run against a real server in e2e/
// (npm run test:e2e); here, without a server: the cases are reproducible, balanced per rule, and
// the library gives both verdicts on every type.
import { generateCases } from '../e2e/differential/generator';
import { findings, libraryVerdict } from '../e2e/differential/library';
import { sameField } from '../e2e/differential/server';

const shape = { serviceCidrs: ['10.1.0.0/16', 'fd00:10:1::/108'], nodePortRange: '30000-32767' };

test('the same seed gives the same cases', () => {
  expect(generateCases(shape, 42, 60)).toEqual(generateCases(shape, 42, 60));
  expect(generateCases(shape, 43, 60)).not.toEqual(generateCases(shape, 42, 60));
});

test('every rule is aimed at about as often as the others; A2 cases hold several Services', () => {
  const cases = generateCases(shape, 7, 1500);
  const aimed: Record<string, number> = {};
  for (const c of cases) aimed[c.target] = (aimed[c.target] ?? 0) + 1;
  const counts = Object.entries(aimed).filter(([k]) => k !== 'valid').map(([, n]) => n);
  expect(Math.min(...counts)).toBeGreaterThanOrEqual(20);
  expect(Math.max(...counts) / Math.min(...counts)).toBeLessThan(2.5);
  for (const c of cases.filter(x => x.target === 'A2')) expect(c.services.length).toBeGreaterThan(1);
});

test('cases of every type, accepted and refused by the library', () => {
  const seen = new Set<string>();
  for (const c of generateCases(shape, 7, 400)) {
    const v = libraryVerdict(c.services, shape);
    seen.add(`${c.services[0].spec.type}:${v.ok}`);
    if (!v.ok) expect(v.error).toBeDefined();
  }
  for (const t of ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName']) {
    expect(seen).toContain(`${t}:true`);
    expect(seen).toContain(`${t}:false`);
  }
});

test('the library\'s errors are read as (rule, field)', () => {
  const text = 'Validation failed with the following errors:\n  [differential/svc0] S6 spec.ports[0].port: got 70000; expected an integer\n'
    + '  [differential/svc1] S10 spec.selector["app"]: got "x y"; expected a label value';
  expect(findings(text)).toEqual([{ rule: 'S6', field: 'spec.ports[0].port' }, { rule: 'S10', field: 'spec.selector["app"]' }]);
});

test.each([
  ['spec.ports[1]', 'spec.ports[1].port', true],
  ['spec.ports[1].port', 'spec.ports[1]', true],
  ['spec.ports[0].port', 'spec.ports[1].port', false],
  ['spec.clusterIP', 'spec.clusterIPs[0]', true],
  ['spec.selector["app"]', 'spec.selector', true],
  ['metadata.annotations key', 'metadata.annotations', true],
  ['targetPort', 'spec.ports[0].targetPort', true],
  ['targetPort', 'spec.ports[0].port', false],
  ['spec.ipFamilies', 'spec.ipFamilyPolicy', false],
])('library field %s and server field %s name the same thing: %s', (lib, srv, same) => {
  expect(sameField(lib, srv)).toBe(same);
});
