// Where the library is knowingly stricter than MetalLB itself, and why. The one list: docs/rules.md
// names these, and the MetalLB differential test (e2e/metallb-differential.e2e.test.ts) uses it to
// explain a disagreement with MetalLB's own verdict (library refuses, MetalLB accepts). Each entry
// names the library rule and says, from the INPUT alone (the MetalLB objects as a user writes
// them), whether it applies; never from message text. Anything else the two disagree on is a bug.
import * as YAML from 'yaml';

/** The MetalLB configuration a user writes: the custom resources, or the legacy ConfigMap. */
export interface MetalLbUserInput {
  /** `crs` (MetalLB 0.13+) or `configmap` (the legacy `config` ConfigMap, before 0.13) */
  readonly format: string;
  /** the objects as plain JSON (for `configmap`, one ConfigMap whose `data.config` is YAML) */
  readonly objects: readonly any[];
}

/** A rule the library enforces beyond MetalLB. */
export interface MetalLbStricterRule {
  /** a short id */
  readonly id: string;
  /** the library rule that refuses the input */
  readonly rule: string;
  /** what the library refuses that MetalLB accepts */
  readonly what: string;
  /** why */
  readonly why: string;
  /** whether the input holds what this entry describes */
  readonly applies: (input: MetalLbUserInput) => boolean;
}

/** The address entries of every pool of the input (CR `spec.addresses`, legacy `address-pools[].addresses`). */
function addressEntries(input: MetalLbUserInput): string[] {
  const out: string[] = [];
  for (const o of input.objects) {
    if (o?.kind === 'IPAddressPool') out.push(...(o.spec?.addresses ?? []));
    if (o?.kind === 'ConfigMap' && typeof o.data?.config === 'string') {
      for (const pool of legacyConfig(o.data.config)?.['address-pools'] ?? []) out.push(...(pool?.addresses ?? []));
    }
  }
  return out.filter((a): a is string => typeof a === 'string');
}

function legacyConfig(text: string): any {
  try {
    return YAML.parse(text);
  } catch {
    return undefined;
  }
}

const family = (ip: string): number => (ip.includes(':') ? 6 : 4);

export const STRICTER_THAN_METALLB: readonly MetalLbStricterRule[] = [
  {
    id: 'undefined-community-alias',
    rule: 'M7',
    what: 'a BGPAdvertisement community that is neither a value (`a:b`, `large:a:b:c`) nor an alias defined by a Community object',
    why: 'MetalLB\'s webhook skips aliases (a Community may be created later), but its controller refuses to load the configuration while the alias is undefined: nothing is announced',
    applies: input => {
      if (input.format !== 'crs') return false;
      const defined = new Set<string>();
      for (const o of input.objects) {
        if (o?.kind === 'Community') for (const c of o.spec?.communities ?? []) defined.add(c?.name);
      }
      return input.objects.some(o => o?.kind === 'BGPAdvertisement'
        && (o.spec?.communities ?? []).some((c: unknown) => typeof c === 'string' && !c.includes(':') && !defined.has(c)));
    },
  },
  {
    id: 'mixed-family-range',
    rule: 'M1',
    what: 'an address range whose two ends are of different families (`10.0.6.1-fd00::5`)',
    why: 'MetalLB compares the two ends as 16-byte addresses and accepts it: the pool then spans from ::ffff:10.0.6.1 to fd00::5, almost all of the IPv6 space, which is never what was meant',
    applies: input => addressEntries(input).some(a => {
      const ends = a.split('-');
      return ends.length === 2 && ends[0].trim() !== '' && ends[1].trim() !== '' && family(ends[0].trim()) !== family(ends[1].trim());
    }),
  },
  {
    id: 'community-alias-is-a-value',
    rule: 'M7',
    what: 'a Community alias (or a `bgp-communities` alias of the legacy ConfigMap) that is itself a community value (`1:2`)',
    why: 'MetalLB reads any community containing `:` as a value, so such an alias can never be used',
    applies: input => input.objects.some(o => (o?.kind === 'Community' && (o.spec?.communities ?? []).some((c: any) => typeof c?.name === 'string' && c.name.includes(':')))
      // the legacy ConfigMap's bgp-communities (MetalLB v0.12.1 accepts such an alias too)
      || (o?.kind === 'ConfigMap' && typeof o.data?.config === 'string' && Object.keys(legacyConfig(o.data.config)?.['bgp-communities'] ?? {}).some(a => a.includes(':')))),
  },
];

/** The stricter rule that explains the library's refusal (by rule id) of an input MetalLB accepts, if any. */
export function explainStricterThanMetalLb(rule: string, input: MetalLbUserInput): MetalLbStricterRule | undefined {
  return STRICTER_THAN_METALLB.find(r => r.rule === rule && r.applies(input));
}
