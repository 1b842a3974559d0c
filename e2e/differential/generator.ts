// The differential's cases: Services exactly as a user writes them (raw `v1/Service` objects).
// Each case starts from valid Services with random values on every field its type has, then
// (most of the time) one mutation aimed at one rule: an invalid value, a field of another type,
// whitespace, an unknown key. The mutations are drawn evenly per rule, so every rule is hit
// about as often as the others; A2 cases hold several Services.
import { ClusterShape, Gen, RawService, TYPES, validService } from './base';
import { mutations } from './mutations';
import { Random } from './random';

export interface DiffCase {
  readonly index: number;
  /** the rule the mutation aims at, or 'valid' */
  readonly target: string;
  /** what the mutation did, for reports */
  readonly mutation: string;
  readonly services: RawService[];
}

/**
 * `count` cases. A case is valid with probability `validShare`; otherwise it carries one mutation,
 * the rule drawn evenly among the rules the mutations aim at.
 */
export function generateCases(shape: ClusterShape, seed: number, count: number, validShare = 0.3): DiffCase[] {
  const r = new Random(seed);
  const rules = [...new Set(mutations.map(m => m.rule))];
  const cases: DiffCase[] = [];
  const usedIps = new Set<string>();
  for (let index = 0; index < count; index++) {
    const g = new Gen(r, shape, index, usedIps);
    if (r.chance(validShare)) {
      const several = r.chance(0.15);
      const services = several
        ? Array.from({ length: r.int(2, 3) }, (_, k) => validService(g, r.pick(['NodePort', 'LoadBalancer', 'ClusterIP']), k))
        : [validService(g, r.pick(TYPES))];
      cases.push({ index, target: 'valid', mutation: several ? `${services.length} valid Services` : 'valid', services });
      continue;
    }
    const rule = r.pick(rules);
    const m = r.pick(mutations.filter(x => x.rule === rule));
    const services = [validService(g, r.pick(m.types))];
    const what = m.apply(g, services);
    cases.push({ index, target: rule, mutation: `${m.rule} ${what}`, services });
  }
  return cases;
}
