// What the policy's parts share: the resolved policy, a finding and the waiver annotations.
// `service-policy.ts` (the public API) and `evaluate.ts` (the checks) both read this module and
// not each other's types: service-policy -> evaluate -> model, one way.
import { IConstruct } from 'constructs';
import { PolicyRule, PolicySeverity } from './enums';
import { ParsedCidr } from '../core/ip';

/** @internal */
export interface ResolvedPolicy {
  readonly scope: IConstruct;
  readonly severity: ReadonlyMap<PolicyRule, PolicySeverity>;
  readonly allowedExternalIps: readonly ParsedCidr[];
  readonly nodePortRange?: { readonly min: number; readonly max: number; readonly text: string };
  readonly clusterIpRanges?: readonly ParsedCidr[];
  readonly externalNames?: { readonly exact: ReadonlySet<string>; readonly suffixes: readonly string[]; readonly text: string };
}

/** One rule a Service breaks, with the severity its policy gives the rule. @internal */
export interface Finding {
  readonly rule: PolicyRule;
  readonly severity: PolicySeverity;
  /** `P1 spec.externalIPs: got [...]; expected ...; <how to comply> or waive: ServicePolicy.waive(...)` */
  readonly message: string;
}

const WAIVER_PREFIX = 'policy.cdk8s-services.io/waive-';
const RULES = new Set<string>(Object.values(PolicyRule));

/** The annotation that waives a rule: `policy.cdk8s-services.io/waive-p1`. @internal */
export function waiverKey(rule: PolicyRule): string {
  return WAIVER_PREFIX + String(rule).toLowerCase();
}

/** The rule a waiver annotation waives, or undefined. @internal */
export function waivedRule(annotationKey: string): PolicyRule | undefined {
  if (!annotationKey.startsWith(WAIVER_PREFIX)) return undefined;
  const id = annotationKey.slice(WAIVER_PREFIX.length).toUpperCase();
  return RULES.has(id) ? id as PolicyRule : undefined;
}
