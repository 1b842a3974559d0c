// `metallb-migrate --emit typescript`: the constructs a migrated MetalLB configuration is made of
// (legacy-build.ts: MetalLbPool with its advertisements, MetalLbBgpPeer, MetalLbCommunity,
// MetalLbBfdProfile) written as a cdk8s program, under MetalLb.configure.
import type { LegacyPlan, PlannedSelector } from './legacy-build';

/** Options of the TypeScript rendering. */
export interface TypeScriptRenderOptions {
  /** The MetalLB version written into MetalLb.configure. */
  readonly version: string;
  /** The namespace of the resources (MetalLb.configure's metalLbNamespace). */
  readonly namespace: string;
}

const IND = '  ';

/** A TypeScript literal for a JSON-like value (keys quoted only when needed). */
function lit(v: unknown, depth = 0): string {
  if (v instanceof Code) return v.text;
  if (v === undefined) return 'undefined';
  if (v === null || typeof v !== 'object') return JSON.stringify(v).replace(/'/g, '\\u0027').replace(/^"|"$/g, '\'').replace(/\\"/g, '"');
  const pad = IND.repeat(depth + 1);
  const end = IND.repeat(depth);
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    if (v.every((x) => x === null || typeof x !== 'object')) return `[${v.map((x) => lit(x)).join(', ')}]`;
    return `[\n${v.map((x) => `${pad}${lit(x, depth + 1)},`).join('\n')}\n${end}]`;
  }
  const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([k, x]) => `${pad}${key(k)}: ${lit(x, depth + 1)},`).join('\n')}\n${end}}`;
}

/** A piece of TypeScript written as is by `lit`. */
class Code {
  public constructor(public readonly text: string) {}
}

function key(k: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(k) ? k : lit(k);
}

const OPERATORS: Record<string, string> = { In: 'IN', NotIn: 'NOT_IN', Exists: 'EXISTS', DoesNotExist: 'DOES_NOT_EXIST' };

function selector(s: PlannedSelector, used: Set<string>): unknown {
  const out: Record<string, unknown> = {};
  if (s.matchLabels) out.matchLabels = s.matchLabels;
  if (s.matchExpressions) {
    used.add('MetalLbSelectorRequirement').add('MetalLbSelectorOperator');
    out.matchExpressions = s.matchExpressions.map((e) => new Code(`MetalLbSelectorRequirement.of({ key: ${lit(e.key)}, `
      + `matchOperator: MetalLbSelectorOperator.${OPERATORS[e.operator]}${e.values ? `, values: ${lit(e.values)}` : ''} })`));
  }
  return out;
}

/** A unique TypeScript identifier from a name. */
function identifier(base: string, taken: Set<string>): string {
  const camel = base.replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ?? '').toUpperCase());
  let id = /^[A-Za-z_]/.test(camel) ? camel : `_${camel}`;
  for (let i = 2; taken.has(id); i++) id = `${camel}${i}`;
  taken.add(id);
  return id;
}

/**
 * Renders the constructs a migrated configuration is made of (legacy-build.ts) as a cdk8s
 * program whose synthesis writes the same resources.
 */
export function toTypeScript(plan: LegacyPlan, options: TypeScriptRenderOptions): string {
  const used = new Set<string>(['MetalLb']);
  const body: string[] = [];
  const vars = new Set<string>(['app', 'chart']);

  const bfdVars = new Map<string, string>();
  for (const { id, ...props } of plan.bfdProfiles) {
    used.add('MetalLbBfdProfile');
    const v = identifier(props.name, vars);
    bfdVars.set(props.name, v);
    body.push(`const ${v} = new MetalLbBfdProfile(chart, ${lit(id)}, ${lit(props)});`);
  }
  for (const { id, ...props } of plan.communities) {
    used.add('MetalLbCommunity');
    body.push(`new MetalLbCommunity(chart, ${lit(id)}, ${lit(props)});`);
  }
  for (const p of plan.pools) {
    used.add('MetalLbPool');
    const advertisements = p.advertisements.map(({ mode, ...rest }) => {
      const args = Object.values(rest).some((x) => x !== undefined) ? lit(rest, 2) : '';
      return new Code(`MetalLbAdvertisement.${mode === 'bgp' ? 'bgp' : 'layer2'}(${args})`);
    });
    if (advertisements.length) used.add('MetalLbAdvertisement');
    const props: Record<string, unknown> = {
      name: p.name,
      addresses: p.addresses,
      autoAssign: p.autoAssign,
      avoidBuggyIps: p.avoidBuggyIps,
      advertisements: new Code(advertisements.length
        ? `[\n${advertisements.map((a) => `${IND.repeat(2)}${a.text},`).join('\n')}\n${IND}]`
        : '[]'),
    };
    body.push(`new MetalLbPool(chart, ${lit(p.id)}, ${lit(props)});`);
  }
  for (const p of plan.peers) {
    used.add('MetalLbBgpPeer');
    const bfd = p.bfdProfile !== undefined ? bfdVars.get(p.bfdProfile) : undefined;
    const props: Record<string, unknown> = {
      name: p.name,
      myAsn: p.myAsn,
      peerAsn: p.peerAsn,
      peerAddress: p.peerAddress,
      sourceAddress: p.sourceAddress,
      peerPort: p.peerPort,
      holdTime: new Code(`Duration.seconds(${p.holdSeconds})`),
      keepaliveTime: p.keepaliveSeconds !== undefined ? new Code(`Duration.seconds(${p.keepaliveSeconds})`) : undefined,
      routerId: p.routerId,
      nodeSelectors: p.nodeSelectors?.map((x) => selector(x, used)),
      password: p.password,
      bfdProfile: bfd !== undefined ? new Code(bfd) : undefined,
      bfdProfileName: p.bfdProfile !== undefined && bfd === undefined ? p.bfdProfile : undefined,
      ebgpMultiHop: p.ebgpMultiHop,
    };
    body.push(`new MetalLbBgpPeer(chart, ${lit(p.id)}, ${lit(props)});`);
  }

  const cdk8s = ['App', 'Chart', ...(body.some((l) => l.includes('Duration.seconds(')) ? ['Duration'] : [])];
  return [
    '// Generated by `cdk8s-services metallb-migrate --emit typescript` from a MetalLB v0.9-v0.12 ConfigMap.',
    `import { ${cdk8s.join(', ')} } from 'cdk8s';`,
    `import { ${[...used].sort().join(', ')} } from 'cdk8s-services';`,
    '',
    'const app = new App();',
    'const chart = new Chart(app, \'metallb\');',
    `MetalLb.configure(chart, ${lit({ version: options.version, metalLbNamespace: options.namespace })});`,
    '',
    ...body,
    '',
    'app.synth();',
    '',
  ].join('\n');
}
