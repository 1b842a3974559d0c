/**
 * A requirement of a label selector: `key In (values)`, `key NotIn (values)`, `key Exists`,
 * `key DoesNotExist`.
 */
export class MetalLbSelectorRequirement {
  /** The label has one of the values. */
  public static isIn(key: string, values: string[]): MetalLbSelectorRequirement {
    return new MetalLbSelectorRequirement(key, 'In', values);
  }

  /** The label is missing or has none of the values. */
  public static notIn(key: string, values: string[]): MetalLbSelectorRequirement {
    return new MetalLbSelectorRequirement(key, 'NotIn', values);
  }

  /** The label is present. */
  public static exists(key: string): MetalLbSelectorRequirement {
    return new MetalLbSelectorRequirement(key, 'Exists', undefined);
  }

  /** The label is absent. */
  public static doesNotExist(key: string): MetalLbSelectorRequirement {
    return new MetalLbSelectorRequirement(key, 'DoesNotExist', undefined);
  }

  /** The label key. */
  public readonly key: string;
  /** `In`, `NotIn`, `Exists` or `DoesNotExist`. */
  public readonly matchOperator: string;
  /** The values, for In and NotIn. */
  public readonly values?: string[];

  private constructor(key: string, matchOperator: string, values: string[] | undefined) {
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

const OPERATORS = new Set(['In', 'NotIn', 'Exists', 'DoesNotExist']);

/** Why a selector is malformed, or undefined. @internal */
export function selectorProblem(s: MetalLbLabelSelector): string | undefined {
  for (const r of s.matchExpressions ?? []) {
    if (!OPERATORS.has(r.matchOperator)) return `operator ${JSON.stringify(r.matchOperator)}: expected In, NotIn, Exists or DoesNotExist`;
    const needsValues = r.matchOperator === 'In' || r.matchOperator === 'NotIn';
    if (needsValues && !(r.values && r.values.length)) return `${r.key} ${r.matchOperator}: needs at least one value`;
  }
  return undefined;
}

/** Whether labels satisfy the selector. @internal */
export function selectorMatches(s: MetalLbLabelSelector, labels: Record<string, string>): boolean {
  for (const [k, v] of Object.entries(s.matchLabels ?? {})) if (labels[k] !== v) return false;
  for (const r of s.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(labels, r.key);
    switch (r.matchOperator) {
      case 'In': if (!has || !(r.values ?? []).includes(labels[r.key])) return false; break;
      case 'NotIn': if (has && (r.values ?? []).includes(labels[r.key])) return false; break;
      case 'Exists': if (!has) return false; break;
      case 'DoesNotExist': if (has) return false; break;
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
