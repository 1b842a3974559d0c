// `metallb-migrate --emit typescript`: the migrated MetalLB resources written as a cdk8s program
// that builds them with this library's constructs (MetalLbPool with its advertisements,
// MetalLbBgpPeer, MetalLbCommunity, MetalLbBfdProfile) under MetalLb.configure.

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

/** Seconds of a Go duration as MetalLB's converter writes it ("1h2m3s", "90s", "0s"). */
function durationSeconds(text: string): number {
  const m = /^(?:(\d+)h)?(?:(\d+)m(?!s))?(?:(\d+)s)?$/.exec(text);
  if (!m || text === '') throw new Error(`unexpected duration "${text}" in the migrated resources`);
  return Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
}

const OPERATORS: Record<string, string> = { In: 'IN', NotIn: 'NOT_IN', Exists: 'EXISTS', DoesNotExist: 'DOES_NOT_EXIST' };

function selector(s: any, used: Set<string>): unknown {
  const out: Record<string, unknown> = {};
  if (s.matchLabels) out.matchLabels = s.matchLabels;
  if (s.matchExpressions) {
    used.add('MetalLbSelectorRequirement').add('MetalLbSelectorOperator');
    out.matchExpressions = s.matchExpressions.map((e: any) => new Code(`MetalLbSelectorRequirement.of({ key: ${lit(e.key)}, `
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

/** A construct id unique in the chart (the object name; a suffix when two kinds share a name). */
function constructId(name: string, taken: Set<string>): string {
  let id = name;
  for (let i = 2; taken.has(id); i++) id = `${name}-${i}`;
  taken.add(id);
  return id;
}

/**
 * Renders the migrated resources (IPAddressPool, L2Advertisement, BGPAdvertisement, BGPPeer,
 * Community, BFDProfile, as the converter writes them) as a cdk8s program whose synthesis writes
 * the same resources.
 */
export function toTypeScript(objects: any[], options: TypeScriptRenderOptions): string {
  const used = new Set<string>(['MetalLb']);
  const body: string[] = [];
  const ids = new Set<string>();
  const vars = new Set<string>(['app', 'chart']);
  const byKind = (kind: string) => objects.filter((o) => o.kind === kind);

  const bfdVars = new Map<string, string>();
  for (const o of byKind('BFDProfile')) {
    used.add('MetalLbBfdProfile');
    const v = identifier(o.metadata.name, vars);
    bfdVars.set(o.metadata.name, v);
    body.push(`const ${v} = new MetalLbBfdProfile(chart, ${lit(constructId(o.metadata.name, ids))}, ${lit({ name: o.metadata.name, ...o.spec })});`);
  }
  for (const o of byKind('Community')) {
    used.add('MetalLbCommunity');
    const communities = Object.fromEntries((o.spec.communities ?? []).map((c: any) => [c.name, c.value]));
    body.push(`new MetalLbCommunity(chart, ${lit(constructId(o.metadata.name, ids))}, ${lit({ name: o.metadata.name, communities })});`);
  }

  const l2 = byKind('L2Advertisement');
  const bgp = byKind('BGPAdvertisement');
  for (const o of byKind('IPAddressPool')) {
    used.add('MetalLbPool');
    const name = o.metadata.name;
    const selects = (a: any) => a.spec.ipAddressPools?.length === 1 && a.spec.ipAddressPools[0] === name;
    const advertisements: Code[] = [];
    for (const a of l2.filter(selects)) {
      const { ipAddressPools, ...rest } = a.spec;
      advertisements.push(new Code(`MetalLbAdvertisement.layer2(${Object.keys(rest).length ? lit(rest, 2) : ''})`));
    }
    for (const a of bgp.filter(selects)) {
      const { ipAddressPools, ...rest } = a.spec;
      advertisements.push(new Code(`MetalLbAdvertisement.bgp(${Object.keys(rest).length ? lit(rest, 2) : ''})`));
    }
    if (advertisements.length) used.add('MetalLbAdvertisement');
    const props: Record<string, unknown> = {
      name,
      addresses: o.spec.addresses,
      autoAssign: o.spec.autoAssign,
      avoidBuggyIps: o.spec.avoidBuggyIPs,
      advertisements: new Code(advertisements.length
        ? `[\n${advertisements.map((a) => `${IND.repeat(2)}${a.text},`).join('\n')}\n${IND}]`
        : '[]'),
    };
    body.push(`new MetalLbPool(chart, ${lit(constructId(name, ids))}, ${lit(props)});`);
  }
  const claimed = new Set(objects.filter((o) => o.kind === 'IPAddressPool').map((o) => o.metadata.name));
  for (const a of [...l2, ...bgp]) {
    const pools: string[] = a.spec.ipAddressPools ?? [];
    if (pools.length !== 1 || !claimed.has(pools[0])) {
      throw new Error(`advertisement ${a.metadata.name} does not select exactly one migrated pool`);
    }
  }

  for (const o of byKind('BGPPeer')) {
    used.add('MetalLbBgpPeer');
    const s = o.spec;
    const props: Record<string, unknown> = {
      name: o.metadata.name,
      myAsn: s.myASN,
      peerAsn: s.peerASN,
      peerAddress: s.peerAddress,
      sourceAddress: s.sourceAddress,
      peerPort: s.peerPort,
      holdTime: s.holdTime !== undefined ? new Code(`Duration.seconds(${durationSeconds(s.holdTime)})`) : undefined,
      keepaliveTime: s.keepaliveTime !== undefined ? new Code(`Duration.seconds(${durationSeconds(s.keepaliveTime)})`) : undefined,
      routerId: s.routerID,
      nodeSelectors: s.nodeSelectors?.map((x: any) => selector(x, used)),
      password: s.password,
      bfdProfile: s.bfdProfile !== undefined ? new Code(bfdVars.get(s.bfdProfile) ?? missingBfd(s.bfdProfile)) : undefined,
      ebgpMultiHop: s.ebgpMultiHop,
      vrf: s.vrf,
    };
    body.push(`new MetalLbBgpPeer(chart, ${lit(constructId(o.metadata.name, ids))}, ${lit(props)});`);
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

function missingBfd(name: string): never {
  throw new Error(`BGPPeer refers to BFD profile "${name}", which is not among the migrated resources`);
}
