// Reading the legacy MetalLB ConfigMap's YAML the way MetalLB v0.9-v0.12 read it (gopkg.in/yaml.v2,
// strict): the ConfigMap found in a manifest, YAML errors at the file's lines, typed node readers.
import type * as YAMLTypes from 'yaml';

// This module is itself loaded on first use (see migrate.ts); so is yaml, by this function.
let yamlModule: typeof YAMLTypes | undefined;
export function yaml(): typeof YAMLTypes {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return yamlModule ??= require('yaml') as typeof YAMLTypes;
}

/** YAML 1.1 booleans accepted by gopkg.in/yaml.v2, which MetalLB v0.12 used. */
export const YAML11_TRUE = ['y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON'];
export const YAML11_FALSE = ['n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF'];

// ---------------------------------------------------------------------------
// problems

export class Problems {
  public readonly list: string[] = [];

  public add(where: string, message: string): void {
    this.list.push(where ? `${where}: ${message}` : message);
  }

  public throwIfAny(context: string): void {
    if (this.list.length === 0) return;
    const n = this.list.length;
    throw new Error(
      `invalid MetalLB legacy configuration${context} (${n} problem${n === 1 ? '' : 's'}):\n`
      + this.list.map((m) => `  - ${m}`).join('\n'),
    );
  }
}

// ---------------------------------------------------------------------------
// input detection and ConfigMap extraction

export function yamlErrors(errors: readonly YAMLTypes.YAMLError[]): string {
  return errors.map((e) => e.message.trim()).join('\n');
}

export function detectInput(text: string): 'configmap' | 'config' {
  for (const doc of yaml().parseAllDocuments(text) as YAMLTypes.Document[]) {
    const c = doc.contents;
    if (yaml().isMap(c) && (c.has('apiVersion') || c.has('kind'))) return 'configmap';
  }
  return 'config';
}

export interface FoundConfigMap {
  readonly config: string;
  readonly namespace?: string;
  readonly label: string;
  /** Where the config text starts in the file: lines and columns to add to a position inside it (block scalars only). */
  readonly offset?: { readonly line: number; readonly column: number };
}

/**
 * Where the text of a block scalar (`config: |`) starts in the file: the line after its header,
 * at the indentation of its first non-empty line. Other scalar styles fold lines, so positions
 * inside them cannot be mapped back; undefined then.
 */
export function blockOffset(source: string, node: unknown): { line: number; column: number } | undefined {
  if (!yaml().isScalar(node) || !node.range) return undefined;
  if (node.type !== 'BLOCK_LITERAL' && node.type !== 'BLOCK_FOLDED') return undefined;
  const header = source.lastIndexOf('\n', node.range[0]) + 1;
  const headerLine = source.slice(0, header).split('\n').length; // 1-based line of the header
  const body = source.slice(source.indexOf('\n', node.range[0]) + 1, node.range[1]);
  const first = body.split('\n').find(l => l.trim() !== '') ?? '';
  const explicit = /[|>][+-]?([1-9])|[|>]([1-9])[+-]?/.exec(source.slice(node.range[0], source.indexOf('\n', node.range[0])));
  const parentIndent = /^ */.exec(source.slice(header))![0].length;
  const indent = explicit ? parentIndent + Number(explicit[1] ?? explicit[2]) : /^ */.exec(first)![0].length;
  return { line: headerLine, column: indent };
}

/** The YAML errors of the config text, their positions moved to the file's lines and columns. */
export function configYamlErrors(errors: readonly YAMLTypes.YAMLError[], offset: { line: number; column: number } | undefined): string {
  if (!offset) return yamlErrors(errors);
  return errors.map((e) => {
    const first = e.message.trim().split('\n')[0];
    const pos = e.linePos?.[0];
    if (!pos) return first;
    const text = first.replace(/ at line [0-9]+, column [0-9]+:?$/, '');
    return `${text} at line ${pos.line + offset.line}, column ${pos.col + offset.column} of the file`;
  }).join('\n');
}

export function findConfigMap(text: string): FoundConfigMap {
  const docs = yaml().parseAllDocuments(text, { uniqueKeys: true }) as YAMLTypes.Document[];
  const errors = docs.flatMap((d) => d.errors);
  if (errors.length > 0) {
    throw new Error(`invalid YAML in the ConfigMap manifest:\n${yamlErrors(errors)}`);
  }
  const objects: any[] = [];
  const configNodes = new Map<any, unknown>();
  for (const doc of docs) {
    const js = doc.toJS();
    if (js && typeof js === 'object' && js.kind === 'List' && Array.isArray(js.items)) {
      js.items.forEach((item: any, i: number) => {
        objects.push(item);
        configNodes.set(item, doc.getIn(['items', i, 'data', 'config'], true));
      });
    } else {
      objects.push(js);
      configNodes.set(js, doc.getIn(['data', 'config'], true));
    }
  }
  const found = objects.filter((o) => o && typeof o === 'object' && o.kind === 'ConfigMap'
    && o.data && typeof o.data === 'object' && 'config' in o.data);
  const labelOf = (o: any) => `${o.metadata?.namespace ?? '<no namespace>'}/${o.metadata?.name ?? '<no name>'}`;
  if (found.length === 0) {
    throw new Error('no ConfigMap with the data key `config` found (MetalLB v0.9-v0.12 reads its configuration from the ConfigMap metallb-system/config, key `config`)');
  }
  if (found.length > 1) {
    throw new Error(`found ${found.length} ConfigMaps with the data key \`config\` (${found.map(labelOf).join(', ')}): `
      + 'MetalLB reads only one, the pools of the others silently disappear; merge them into one ConfigMap first');
  }
  const cm = found[0];
  if (typeof cm.data.config !== 'string') {
    throw new Error(`ConfigMap ${labelOf(cm)}: data.config must be a string (write \`config: |\` followed by the YAML)`);
  }
  const ns = cm.metadata?.namespace;
  return {
    config: cm.data.config,
    namespace: typeof ns === 'string' && ns !== '' ? ns : undefined,
    label: labelOf(cm),
    offset: blockOffset(text, configNodes.get(cm)),
  };
}

// ---------------------------------------------------------------------------
// YAML node readers (mirroring gopkg.in/yaml.v2 UnmarshalStrict into MetalLB's structs)

export class Reader {
  constructor(private readonly doc: YAMLTypes.Document, public readonly problems: Problems) {}

  public resolve(node: unknown): unknown {
    let n = node;
    for (let i = 0; i < 100 && yaml().isAlias(n); i++) {
      n = (n as YAMLTypes.Alias).resolve(this.doc);
    }
    return n;
  }

  public isNull(node: unknown): boolean {
    const n = this.resolve(node);
    return n === undefined || n === null || (yaml().isScalar(n) && (n.value === null || n.value === undefined));
  }

  /** The text of a scalar under `key` of a mapping node, without reporting problems (used to label objects). */
  public peek(node: unknown, key: string): string | undefined {
    const n = this.resolve(node);
    if (!yaml().isMap(n)) return undefined;
    const v = this.resolve(n.get(key, true));
    if (yaml().isScalar(v) && v.value !== null && typeof v.value !== 'object') {
      return typeof v.value === 'string' ? v.value : (v.source ?? String(v.value));
    }
    return undefined;
  }

  /** Reads a mapping with a fixed set of keys; unknown keys are problems (strict parsing). */
  public fields(node: unknown, where: string, allowed: readonly string[], what: string): Map<string, unknown> | undefined {
    const n = this.resolve(node);
    if (this.isNull(n)) return new Map();
    if (!yaml().isMap(n)) {
      this.problems.add(where, `expected a mapping of ${what}s, got ${describe(n)}`);
      return undefined;
    }
    const out = new Map<string, unknown>();
    this.collectPairs(n, out, where, allowed, what, false);
    return out;
  }

  /** Reads a mapping of string to string. */
  public stringMap(node: unknown, where: string): Map<string, string> {
    const out = new Map<string, string>();
    const n = this.resolve(node);
    if (this.isNull(n)) return out;
    if (!yaml().isMap(n)) {
      this.problems.add(where, `expected a mapping of strings, got ${describe(n)}`);
      return out;
    }
    const raw = new Map<string, unknown>();
    this.collectPairs(n, raw, where, undefined, 'key', false);
    for (const [k, v] of raw) {
      const s = this.str(v, where, `"${k}"`);
      out.set(k, s ?? '');
    }
    return out;
  }

  public seq(node: unknown, where: string, field: string): unknown[] {
    const n = this.resolve(node);
    if (this.isNull(n)) return [];
    if (!yaml().isSeq(n)) {
      this.problems.add(where, `${field}: expected a list, got ${describe(n)}`);
      return [];
    }
    return n.items.map((i) => this.resolve(i));
  }

  public stringList(node: unknown, where: string, field: string): string[] {
    const out: string[] = [];
    this.seq(node, where, field).forEach((item, i) => {
      const s = this.str(item, where, `${field}[${i}]`);
      if (s !== undefined) out.push(s);
    });
    return out;
  }

  /** A string field. Like yaml.v2, a number or boolean scalar is read as its source text. */
  public str(node: unknown, where: string, field: string): string | undefined {
    const n = this.resolve(node);
    if (this.isNull(n)) return undefined;
    if (yaml().isScalar(n)) {
      if (typeof n.value === 'string') return n.value;
      if (typeof n.value === 'number' || typeof n.value === 'boolean' || typeof n.value === 'bigint') {
        return n.source ?? String(n.value);
      }
    }
    this.problems.add(where, `${field}: expected a string, got ${describe(n)}`);
    return undefined;
  }

  public int(node: unknown, where: string, field: string, min: number, max: number): number | undefined {
    const n = this.resolve(node);
    if (this.isNull(n)) return undefined;
    if (yaml().isScalar(n) && typeof n.value === 'number' && Number.isInteger(n.value) && n.value >= min && n.value <= max) {
      return n.value;
    }
    this.problems.add(where, `${field}: expected an integer in ${min}..${max}, got ${describe(n)}`);
    return undefined;
  }

  public bool(node: unknown, where: string, field: string): boolean | undefined {
    const n = this.resolve(node);
    if (this.isNull(n)) return undefined;
    if (yaml().isScalar(n)) {
      if (typeof n.value === 'boolean') return n.value;
      if (typeof n.value === 'string' && n.type === 'PLAIN') {
        if (YAML11_TRUE.includes(n.value)) return true;
        if (YAML11_FALSE.includes(n.value)) return false;
      }
    }
    this.problems.add(where, `${field}: expected true or false, got ${describe(n)}`);
    return undefined;
  }

  private collectPairs(map: YAMLTypes.YAMLMap, out: Map<string, unknown>, where: string,
    allowed: readonly string[] | undefined, what: string, merging: boolean): void {
    const merges: unknown[] = [];
    for (const pair of map.items) {
      const keyNode = this.resolve(pair.key);
      let key: string;
      if (yaml().isScalar(keyNode) && keyNode.value !== null && typeof keyNode.value !== 'object') {
        key = typeof keyNode.value === 'string' ? keyNode.value : (keyNode.source ?? String(keyNode.value));
      } else {
        this.problems.add(where, `${what} ${describe(keyNode)}: expected a string key`);
        continue;
      }
      if (key === '<<' && yaml().isScalar(keyNode) && keyNode.type === 'PLAIN') {
        merges.push(pair.value);
        continue;
      }
      if (merging && out.has(key)) continue;
      if (allowed && !allowed.includes(key)) {
        this.problems.add(where, `unknown ${what} "${key}" (MetalLB parses its configuration strictly; allowed: ${allowed.join(', ')})`);
        continue;
      }
      out.set(key, pair.value);
    }
    // YAML merge keys: explicit keys win, earlier merged maps win over later ones.
    for (const m of merges) {
      const mv = this.resolve(m);
      const maps = yaml().isSeq(mv) ? mv.items.map((i) => this.resolve(i)) : [mv];
      for (const mm of maps) {
        if (yaml().isMap(mm)) {
          this.collectPairs(mm, out, where, allowed, what, true);
        } else {
          this.problems.add(where, `merge key "<<": expected a mapping, got ${describe(mm)}`);
        }
      }
    }
  }
}

export function describe(n: unknown): string {
  if (yaml().isMap(n)) return 'a mapping';
  if (yaml().isSeq(n)) return 'a list';
  if (yaml().isScalar(n)) {
    if (typeof n.value === 'string') return JSON.stringify(n.value);
    return n.source ?? String(n.value);
  }
  return String(n);
}
