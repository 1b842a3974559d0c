// Label selectors of MetalLB objects (nodes, namespaces, Services, pools) and rule M17: the
// syntax Kubernetes checks (metav1.LabelSelectorAsSelector -> labels.NewRequirement, which every
// MetalLB release calls on each selector it reads) and, from 0.13 on, MetalLB's duplicate checks
// (internal/config/config.go validateLabelSelectorDuplicate and
// validateLabelSelectorMatchExpressions, v0.13.5, v0.15.2, v0.16.2).
import { IConstruct } from 'constructs';
import { checkKeys, KeysOf } from '../core/keys';
import { labelValue, qualifiedName } from '../core/syntax';

/**
 * The operator of a label selector requirement (Kubernetes `LabelSelectorOperator`).
 */
export enum MetalLbSelectorOperator {
  /** The label has one of the values. */
  IN = 'In',
  /** The label is missing or has none of the values. */
  NOT_IN = 'NotIn',
  /** The label is present (no values). */
  EXISTS = 'Exists',
  /** The label is absent (no values). */
  DOES_NOT_EXIST = 'DoesNotExist',
}

/**
 * A label selector requirement written as data: key, operator and values.
 */
export interface MetalLbSelectorRequirementProps {
  /** The label key (a qualified name, as `app.kubernetes.io/name`). */
  readonly key: string;
  /** The operator. */
  readonly matchOperator: MetalLbSelectorOperator;
  /**
   * The values: at least one for In and NotIn, none for Exists and DoesNotExist.
   *
   * @default - none
   */
  readonly values?: string[];
}

/**
 * A requirement of a label selector: `key In (values)`, `key NotIn (values)`, `key Exists`,
 * `key DoesNotExist`.
 */
export class MetalLbSelectorRequirement {
  /** The label has one of the values. */
  public static isIn(key: string, values: string[]): MetalLbSelectorRequirement {
    return new MetalLbSelectorRequirement(key, MetalLbSelectorOperator.IN, values);
  }

  /** The label is missing or has none of the values. */
  public static notIn(key: string, values: string[]): MetalLbSelectorRequirement {
    return new MetalLbSelectorRequirement(key, MetalLbSelectorOperator.NOT_IN, values);
  }

  /** The label is present. */
  public static exists(key: string): MetalLbSelectorRequirement {
    return new MetalLbSelectorRequirement(key, MetalLbSelectorOperator.EXISTS, undefined);
  }

  /** The label is absent. */
  public static doesNotExist(key: string): MetalLbSelectorRequirement {
    return new MetalLbSelectorRequirement(key, MetalLbSelectorOperator.DOES_NOT_EXIST, undefined);
  }

  /**
   * A requirement from its parts (any operator of `MetalLbSelectorOperator`). The parts are
   * checked where the selector is used (rule M17).
   */
  public static of(props: MetalLbSelectorRequirementProps): MetalLbSelectorRequirement {
    checkKeys(undefined, 'props', 'MetalLbSelectorRequirementProps', props, REQUIREMENT_KEYS);
    return new MetalLbSelectorRequirement(props.key, props.matchOperator, props.values);
  }

  /** The label key. */
  public readonly key: string;
  /** `In`, `NotIn`, `Exists` or `DoesNotExist`. */
  public readonly matchOperator: MetalLbSelectorOperator;
  /** The values, for In and NotIn. */
  public readonly values?: string[];

  private constructor(key: string, matchOperator: MetalLbSelectorOperator, values: string[] | undefined) {
    this.key = key;
    this.matchOperator = matchOperator;
    this.values = values ? [...values] : undefined;
  }
}

/**
 * A Kubernetes label selector (nodes, namespaces, Services or pools).
 */
export interface MetalLbLabelSelector {
  /**
   * Labels that must all match.
   *
   * @default - none
   */
  readonly matchLabels?: { [key: string]: string };
  /**
   * Requirements that must all hold.
   *
   * @default - none
   */
  readonly matchExpressions?: MetalLbSelectorRequirement[];
}

const OPERATORS = new Set<string>(Object.values(MetalLbSelectorOperator));

/**
 * Why a selector is malformed, or undefined: Kubernetes' checks (keys are qualified names, values
 * label values, a known operator, values for In/NotIn and none for Exists/DoesNotExist) and, with
 * `duplicates` (MetalLB 0.13 on), MetalLB's: no value twice in one requirement, no requirement
 * twice in one selector. @internal
 */
export function selectorProblem(s: MetalLbLabelSelector, duplicates = true): string | undefined {
  if (s === null || typeof s !== 'object') return 'a label selector (matchLabels and/or matchExpressions)';
  for (const [k, v] of Object.entries(s.matchLabels ?? {})) {
    const badKey = qualifiedName(k);
    if (badKey) return `matchLabels key ${JSON.stringify(k)}: ${badKey}`;
    const badValue = typeof v === 'string' ? labelValue(v) : 'a string';
    if (badValue) return `matchLabels[${JSON.stringify(k)}] ${JSON.stringify(v)}: ${badValue}`;
  }
  const seen = new Set<string>();
  for (const r of s.matchExpressions ?? []) {
    if (r === null || typeof r !== 'object') return 'matchExpressions: each a MetalLbSelectorRequirement';
    const badKey = typeof r.key === 'string' ? qualifiedName(r.key) : 'a string';
    if (badKey) return `matchExpressions key ${JSON.stringify(r.key)}: ${badKey}`;
    if (!OPERATORS.has(r.matchOperator)) return `operator ${JSON.stringify(r.matchOperator)}: expected In, NotIn, Exists or DoesNotExist`;
    const values = r.values ?? [];
    const needsValues = r.matchOperator === MetalLbSelectorOperator.IN || r.matchOperator === MetalLbSelectorOperator.NOT_IN;
    if (needsValues && values.length === 0) return `${r.key} ${r.matchOperator}: needs at least one value`;
    if (!needsValues && values.length > 0) return `${r.key} ${r.matchOperator}: takes no values (got ${JSON.stringify(values)})`;
    for (const v of values) {
      const bad = typeof v === 'string' ? labelValue(v) : 'a string';
      if (bad) return `${r.key} ${r.matchOperator} value ${JSON.stringify(v)}: ${bad}`;
    }
    if (!duplicates) continue;
    const dup = values.find((v, i) => values.indexOf(v) !== i);
    if (dup !== undefined) return `${r.key} ${r.matchOperator}: the value ${JSON.stringify(dup)} twice (MetalLB refuses a duplicate match expression value)`;
    const text = requirementKey(r);
    if (seen.has(text)) return `${r.key} ${r.matchOperator}: the same match expression twice (MetalLB refuses duplicate match expressions)`;
    seen.add(text);
  }
  return undefined;
}

/**
 * Why a list of selectors is refused, or undefined: each selector's problem, then (with
 * `duplicates`) two equal selectors, as MetalLB compares them (matchLabels as a map, match
 * expressions in order with their values sorted). @internal
 */
export function selectorListProblem(list: MetalLbLabelSelector[], duplicates = true): { index: number; problem: string } | undefined {
  const seen = new Map<string, number>();
  for (const [index, s] of list.entries()) {
    const p = selectorProblem(s, duplicates);
    if (p) return { index, problem: p };
    if (!duplicates) continue;
    const key = selectorKey(s);
    const first = seen.get(key);
    if (first !== undefined) return { index, problem: `a selector different from selector ${first}: MetalLB refuses the same selector twice in one list` };
    seen.set(key, index);
  }
  return undefined;
}

function requirementKey(r: MetalLbSelectorRequirement): string {
  return JSON.stringify([r.key, r.matchOperator, [...(r.values ?? [])].sort()]);
}

/** The selector as MetalLB compares two of them (LabelSelector.String() after sorting values). @internal */
export function selectorKey(s: MetalLbLabelSelector): string {
  const labels = Object.entries(s.matchLabels ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([labels, (s.matchExpressions ?? []).map(requirementKey)]);
}

/** Whether labels satisfy the selector. @internal */
export function selectorMatches(s: MetalLbLabelSelector, labels: Record<string, string>): boolean {
  for (const [k, v] of Object.entries(s.matchLabels ?? {})) if (labels[k] !== v) return false;
  for (const r of s.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(labels, r.key);
    switch (r.matchOperator) {
      case MetalLbSelectorOperator.IN: if (!has || !(r.values ?? []).includes(labels[r.key])) return false; break;
      case MetalLbSelectorOperator.NOT_IN: if (has && (r.values ?? []).includes(labels[r.key])) return false; break;
      case MetalLbSelectorOperator.EXISTS: if (!has) return false; break;
      case MetalLbSelectorOperator.DOES_NOT_EXIST: if (has) return false; break;
      default: return false;
    }
  }
  return true;
}

/** The selector as Kubernetes JSON. @internal */
export function renderSelector(s: MetalLbLabelSelector): any {
  const out: any = {};
  if (s.matchLabels && Object.keys(s.matchLabels).length) out.matchLabels = { ...s.matchLabels };
  if (s.matchExpressions && s.matchExpressions.length) {
    out.matchExpressions = s.matchExpressions.map(r => (r.values
      ? { key: r.key, operator: r.matchOperator, values: [...r.values] }
      : { key: r.key, operator: r.matchOperator }));
  }
  return out;
}

const REQUIREMENT_KEYS: KeysOf<MetalLbSelectorRequirementProps> = { key: true, matchOperator: true, values: true };
const SELECTOR_KEYS: KeysOf<MetalLbLabelSelector> = { matchLabels: true, matchExpressions: true };

/** K1: no unknown key in any selector of a list (`field[i]`). @internal */
export function checkSelectorKeys(scope: IConstruct, field: string, list: readonly MetalLbLabelSelector[] | undefined): void {
  (list ?? []).forEach((s, i) => checkKeys(scope, `${field}[${i}]`, 'MetalLbLabelSelector', s, SELECTOR_KEYS));
}
