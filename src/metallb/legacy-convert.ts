// The legacy MetalLB ConfigMap -> v0.13+ custom resources converter behind MetalLbMigration.
import type * as YAMLTypes from 'yaml';

import { AddressRange, parseAddressEntry, rangeToCidrs } from './address-range';
import { BFD_LIMITS } from './bfd-profile';
import { communityProblem } from './community';
import { goDuration } from './duration';
import { advertisementNameFor } from './model';
import { formatIp, parseIp } from '../core/ip';
import { dns1123Label, dns1123Subdomain, labelValue, qualifiedName } from '../core/syntax';

// This module is itself loaded on first use (see migrate.ts); so is yaml, by this function.
let yamlModule: typeof YAMLTypes | undefined;
function yaml(): typeof YAMLTypes {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return yamlModule ??= require('yaml') as typeof YAMLTypes;
}

interface MigrationResult {
  /** The generated resources. */
  readonly objects: any[];
  /** Things the user should know, e.g. pools renamed to valid object names. */
  readonly notes: string[];
}

// ---------------------------------------------------------------------------
// constants

const DEFAULT_NAMESPACE = 'metallb-system';
const V1BETA1 = 'metallb.io/v1beta1';
const V1BETA2 = 'metallb.io/v1beta2';

const TOP_KEYS = ['peers', 'bgp-communities', 'address-pools', 'bfd-profiles'];
const POOL_KEYS = ['name', 'protocol', 'addresses', 'avoid-buggy-ips', 'auto-assign', 'bgp-advertisements'];
const ADV_KEYS = ['aggregation-length', 'aggregation-length-v6', 'localpref', 'communities'];
const PEER_KEYS = [
  'my-asn', 'peer-asn', 'peer-address', 'source-address', 'peer-port', 'hold-time', 'keepalive-time',
  'router-id', 'node-selectors', 'password', 'bfd-profile', 'ebgp-multihop', 'vrf',
];
const SELECTOR_KEYS = ['match-labels', 'match-expressions'];
const REQUIREMENT_KEYS = ['key', 'operator', 'values'];
const BFD_KEYS = [
  'name', 'receive-interval', 'transmit-interval', 'detect-multiplier', 'echo-interval',
  'echo-mode', 'passive-mode', 'minimum-ttl',
];

const UINT16_MAX = 65535;
const UINT32_MAX = 4294967295;
const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;
/** The v0.13+ BGPPeer CRD limits peerPort to 1..16384. */
const CRD_PEER_PORT_MAX = 16384;
const DEFAULT_HOLD_SECONDS = 90;

/** YAML 1.1 booleans accepted by gopkg.in/yaml.v2, which MetalLB v0.12 used. */
const YAML11_TRUE = ['y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON'];
const YAML11_FALSE = ['n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF'];

// ---------------------------------------------------------------------------
// problems

class Problems {
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

function yamlErrors(errors: readonly YAMLTypes.YAMLError[]): string {
  return errors.map((e) => e.message.trim()).join('\n');
}

function detectInput(text: string): 'configmap' | 'config' {
  for (const doc of yaml().parseAllDocuments(text) as YAMLTypes.Document[]) {
    const c = doc.contents;
    if (yaml().isMap(c) && (c.has('apiVersion') || c.has('kind'))) return 'configmap';
  }
  return 'config';
}

interface FoundConfigMap {
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
function blockOffset(source: string, node: unknown): { line: number; column: number } | undefined {
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
function configYamlErrors(errors: readonly YAMLTypes.YAMLError[], offset: { line: number; column: number } | undefined): string {
  if (!offset) return yamlErrors(errors);
  return errors.map((e) => {
    const first = e.message.trim().split('\n')[0];
    const pos = e.linePos?.[0];
    if (!pos) return first;
    const text = first.replace(/ at line [0-9]+, column [0-9]+:?$/, '');
    return `${text} at line ${pos.line + offset.line}, column ${pos.col + offset.column} of the file`;
  }).join('\n');
}

function findConfigMap(text: string): FoundConfigMap {
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

class Reader {
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

function describe(n: unknown): string {
  if (yaml().isMap(n)) return 'a mapping';
  if (yaml().isSeq(n)) return 'a list';
  if (yaml().isScalar(n)) {
    if (typeof n.value === 'string') return JSON.stringify(n.value);
    return n.source ?? String(n.value);
  }
  return String(n);
}

// ---------------------------------------------------------------------------
// pool address entries (parsed by parseAddressEntry; messages in the migration's own wording)

interface ParsedAddress extends AddressRange {
  /** The entry as written to the IPAddressPool. */
  readonly output: string;
  /** Shortest prefix length among the CIDRs covering the entry (what MetalLB checks aggregation lengths against). */
  readonly lowestMask: number;
}

const IPV4_MAPPED = 'IPv4-mapped IPv6 addresses are ambiguous in MetalLB; write the plain IPv4 address';

/** parseIp reads an IPv4-mapped IPv6 address as IPv4; the migration rejects them. */
function isIpv4Mapped(s: string): boolean {
  return s.includes(':') && parseIp(s)?.family === 4;
}

/** Parses one pool address entry, returning the parsed entry or the reason it is invalid. */
function parseAddress(text: string): ParsedAddress | string {
  const dash = text.indexOf('-');
  const ends = dash < 0 ? [text.split('/')[0]] : [text.slice(0, dash).trim(), text.slice(dash + 1).trim()];
  if (ends.some(isIpv4Mapped)) return IPV4_MAPPED;
  // parseAddressEntry trims the entry; MetalLB (Go's ParseCIDR) trims only the ends of a range
  // (a single IP, which parseAddressEntry refuses as MetalLB's ParseCIDR does, is read as its /32 or /128)
  const single = dash < 0 && !text.includes('/');
  const singleIp = single ? parseIp(text) : undefined;
  const asWritten = singleIp ? `${text}/${singleIp.family === 4 ? 32 : 128}` : text;
  const r = dash >= 0 || text === text.trim() ? parseAddressEntry(asWritten) : undefined;
  if (r === undefined || typeof r === 'string') return addressProblem(text);
  const output = asWritten;
  return { ...r, text, output, lowestMask: Math.min(...rangeToCidrs(r).map((c) => c.prefix)) };
}

/**
 * Why an entry that parseAddressEntry rejected is invalid, naming the faulty part (parseAddressEntry
 * only says what was expected).
 */
function addressProblem(text: string): string {
  const dash = text.indexOf('-');
  if (dash < 0) {
    const slash = text.indexOf('/');
    const ipText = slash < 0 ? text : text.slice(0, slash);
    const ip = parseIp(ipText);
    if (!ip || slash < 0) return `"${ipText}" is not a valid IP address (expected a CIDR, a start-end range or a single IP)`;
    return `invalid prefix length "${text.slice(slash)}" (expected 0..${ip.family === 4 ? 32 : 128} for IPv${ip.family})`;
  }
  const startText = text.slice(0, dash).trim();
  const endText = text.slice(dash + 1).trim();
  const start = parseIp(startText);
  if (!start) return `start "${startText}" is not a valid IP address`;
  const end = parseIp(endText);
  if (!end) return `end "${endText}" is not a valid IP address`;
  if (start.family !== end.family) return `start is IPv${start.family} but end is IPv${end.family}`;
  return 'start is after end';
}

// ---------------------------------------------------------------------------
// durations (Go's time.ParseDuration; Duration.String is goDuration)

const NS_PER_UNIT: Record<string, bigint> = {
  ns: 1n,
  us: 1000n,
  µs: 1000n, // U+00B5
  μs: 1000n, // U+03BC
  ms: 1000000n,
  s: 1000000000n,
  m: 60000000000n,
  h: 3600000000000n,
};
const INT64_MAX = 9223372036854775807n;

/** Parses a Go duration, returning nanoseconds, or undefined if invalid. */
function parseGoDuration(s: string): bigint | undefined {
  let rest = s;
  let negative = false;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    negative = rest[0] === '-';
    rest = rest.slice(1);
  }
  if (rest === '0') return 0n;
  if (rest === '') return undefined;
  let total = 0n;
  while (rest !== '') {
    const m = /^([0-9]*)(?:\.([0-9]*))?(ns|us|µs|μs|ms|s|m|h)/.exec(rest);
    if (!m || (m[1] === '' && (m[2] === undefined || m[2] === ''))) return undefined;
    const unit = NS_PER_UNIT[m[3]];
    let value = BigInt(m[1] === '' ? '0' : m[1]) * unit;
    if (m[2]) {
      value += (BigInt(m[2]) * unit) / 10n ** BigInt(m[2].length);
    }
    total += value;
    if (total > INT64_MAX) return undefined;
    rest = rest.slice(m[0].length);
  }
  return negative ? -total : total;
}

/** Truncates to whole seconds, like `time.Duration(int(d.Seconds())) * time.Second`. */
function toWholeSeconds(ns: bigint): number {
  return Number(ns / 1000000000n);
}

/** goDuration, also for the negative hold times (already reported as problems) that can appear in messages. */
function durationText(seconds: number): string {
  return seconds < 0 ? `-${goDuration(-seconds)}` : goDuration(seconds);
}

// ---------------------------------------------------------------------------
// BGP communities

/**
 * Why `c` is not a BGP community value, or undefined. communityProblem decides (without aliases:
 * names are resolved against bgp-communities before this is called); the message says which part is wrong.
 */
function communityError(c: string): string | undefined {
  if (communityProblem(c, false) === undefined) return undefined;
  const parts = c.split(':').length;
  if (c.startsWith('large:')) {
    return parts === 4 ? 'each part of a large community is a 32-bit unsigned integer (0..4294967295)'
      : 'a large community is large:<global admin>:<local data 1>:<local data 2>';
  }
  return parts === 2 ? 'each half of a community is a 16-bit unsigned integer (0..65535)'
    : 'not a community name defined in bgp-communities, nor a community value <0..65535>:<0..65535> or large:<a>:<b>:<c>';
}

// ---------------------------------------------------------------------------
// Kubernetes names and labels

/**
 * Turns a legacy name into a valid object name (DNS-1123 subdomain): lower case, invalid
 * characters replaced by '-', dots only between alphanumerics, at most 63 characters (as
 * MetalLB's converter truncates). Returns '' if nothing usable is left.
 */
function sanitizeName(name: string): string {
  let s = name.toLowerCase().replace(/[^a-z0-9.-]/g, '-');
  s = s.replace(/[-.]*\.[-.]*/g, '.');
  s = s.replace(/^[^a-z0-9]+/, '').replace(/[^a-z0-9]+$/, '');
  s = s.slice(0, 63).replace(/[^a-z0-9]+$/, '');
  return s;
}

// ---------------------------------------------------------------------------
// the parsed legacy configuration

interface Adv {
  readonly label: string;
  readonly aggregationLength?: number;
  readonly aggregationLengthV6?: number;
  readonly localPref?: number;
  readonly communities: string[];
}

interface Pool {
  readonly label: string;
  readonly name: string;
  k8sName: string;
  readonly protocol?: string;
  readonly addresses: ParsedAddress[];
  readonly autoAssign?: boolean;
  readonly avoidBuggyIps?: boolean;
  readonly advs: Adv[];
}

interface Selector {
  readonly matchLabels: Map<string, string>;
  readonly matchExpressions: { key: string; operator: string; values: string[] }[];
}

interface Peer {
  readonly label: string;
  readonly myAsn?: number;
  readonly peerAsn?: number;
  readonly peerAddress?: string;
  readonly sourceAddress?: string;
  readonly peerPort?: number;
  readonly holdSeconds: number;
  readonly keepaliveSeconds?: number;
  readonly routerId?: string;
  readonly nodeSelectors: Selector[];
  readonly password?: string;
  readonly bfdProfile?: string;
  readonly ebgpMultiHop?: boolean;
  readonly vrf?: string;
}

interface Bfd {
  readonly label: string;
  readonly name: string;
  k8sName: string;
  readonly receiveInterval?: number;
  readonly transmitInterval?: number;
  readonly detectMultiplier?: number;
  readonly echoInterval?: number;
  readonly echoMode?: boolean;
  readonly passiveMode?: boolean;
  readonly minimumTtl?: number;
}

// ---------------------------------------------------------------------------
// conversion

function convertConfig(configText: string, namespace: string, context: string,
  offset?: { line: number; column: number }): MigrationResult {
  if (dns1123Label(namespace)) {
    throw new Error(`namespace "${namespace}" is not a valid namespace name (a lowercase DNS-1123 label of at most 63 characters)`);
  }
  const doc = yaml().parseDocument(configText, { uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new Error(`invalid YAML in the MetalLB configuration${context}:\n${configYamlErrors(doc.errors, offset)}`);
  }
  const problems = new Problems();
  const r = new Reader(doc, problems);

  const top = r.fields(doc.contents, '', TOP_KEYS, 'top-level key');
  if (!top) {
    problems.throwIfAny(context);
    return { objects: [], notes: [] };
  }

  const communities = parseCommunities(r, top.get('bgp-communities'));
  const bfds = parseBfdProfiles(r, top.get('bfd-profiles'));
  const pools = parsePools(r, top.get('address-pools'), communities);
  const peers = parsePeers(r, top.get('peers'), bfds);

  const notes: string[] = [];
  assignNames(problems, 'address-pools', 'address pool', pools, notes,
    (n) => `Services annotated metallb.universe.tf/address-pool: ${n} must be updated`);
  assignNames(problems, 'bfd-profiles', 'BFD profile', bfds, notes, () => 'peers referencing it follow');

  problems.throwIfAny(context);
  return { objects: render(namespace, pools, peers, bfds, communities), notes };
}

function parseCommunities(r: Reader, node: unknown): Map<string, string> {
  const communities = r.stringMap(node, 'bgp-communities');
  for (const [name, value] of communities) {
    const where = `bgp-communities "${name}"`;
    if (name === '') r.problems.add('bgp-communities', 'a community alias has an empty name');
    if (value === '') {
      r.problems.add(where, 'missing value');
      continue;
    }
    const err = communityError(value);
    if (err) r.problems.add(where, `value "${value}": ${err}`);
  }
  return communities;
}

function parseBfdProfiles(r: Reader, node: unknown): Bfd[] {
  const out: Bfd[] = [];
  const seen = new Set<string>();
  r.seq(node, '', 'bfd-profiles').forEach((item, i) => {
    const base = `bfd-profiles[${i}]`;
    const peeked = r.peek(item, 'name');
    const f = r.fields(item, peeked ? `${base} "${peeked}"` : base, BFD_KEYS, 'field');
    if (!f) return;
    const name = r.str(f.get('name'), base, 'name') ?? '';
    const label = name ? `${base} "${name}"` : base;
    if (name === '') r.problems.add(label, 'name: missing');
    else if (seen.has(name)) r.problems.add(label, `name: duplicate BFD profile name "${name}"`);
    seen.add(name);
    const ranged = (field: string, min: number, max: number): number | undefined => {
      const v = r.int(f.get(field), label, field, 0, UINT32_MAX);
      if (v !== undefined && (v < min || v > max)) {
        r.problems.add(label, `${field} ${v}: must be in ${min}..${max}`);
      }
      return v;
    };
    out.push({
      label,
      name,
      k8sName: name,
      receiveInterval: ranged('receive-interval', ...BFD_LIMITS.receiveInterval),
      transmitInterval: ranged('transmit-interval', ...BFD_LIMITS.transmitInterval),
      detectMultiplier: ranged('detect-multiplier', ...BFD_LIMITS.detectMultiplier),
      echoInterval: ranged('echo-interval', ...BFD_LIMITS.echoInterval),
      echoMode: r.bool(f.get('echo-mode'), label, 'echo-mode'),
      passiveMode: r.bool(f.get('passive-mode'), label, 'passive-mode'),
      minimumTtl: ranged('minimum-ttl', ...BFD_LIMITS.minimumTtl),
    });
  });
  return out;
}

function parsePools(r: Reader, node: unknown, communities: Map<string, string>): Pool[] {
  const out: Pool[] = [];
  const seen = new Set<string>();
  r.seq(node, '', 'address-pools').forEach((item, i) => {
    const base = `address-pools[${i}]`;
    const peeked = r.peek(item, 'name');
    const f = r.fields(item, peeked ? `${base} "${peeked}"` : base, POOL_KEYS, 'field');
    if (!f) return;
    const name = r.str(f.get('name'), base, 'name') ?? '';
    const label = name ? `${base} "${name}"` : base;
    if (name === '') r.problems.add(label, 'name: missing');
    else if (seen.has(name)) r.problems.add(label, `name: duplicate pool name "${name}"`);
    seen.add(name);

    const protocol = r.str(f.get('protocol'), label, 'protocol');
    if (protocol === undefined || protocol === '') {
      r.problems.add(label, 'protocol: missing (layer2 or bgp)');
    } else if (protocol !== 'layer2' && protocol !== 'bgp') {
      r.problems.add(label, `protocol "${protocol}": unknown protocol (layer2 or bgp)`);
    }

    const addresses: ParsedAddress[] = [];
    const rawAddresses = r.stringList(f.get('addresses'), label, 'addresses');
    const addressNode = r.resolve(f.get('addresses'));
    if (rawAddresses.length === 0 && (r.isNull(addressNode) || (yaml().isSeq(addressNode) && addressNode.items.length === 0))) {
      r.problems.add(label, 'addresses: at least one address (CIDR, start-end range or single IP) is required');
    }
    for (const a of rawAddresses) {
      const parsed = parseAddress(a);
      if (typeof parsed === 'string') r.problems.add(label, `address "${a}": ${parsed}`);
      else addresses.push(parsed);
    }

    const advNodes = r.seq(f.get('bgp-advertisements'), label, 'bgp-advertisements');
    if (protocol === 'layer2' && advNodes.length > 0) {
      r.problems.add(label, 'bgp-advertisements: not allowed in a layer2 pool (only protocol bgp pools are advertised over BGP)');
    }
    const advs: Adv[] = [];
    if (protocol === 'bgp') {
      advNodes.forEach((advNode, j) => {
        const adv = parseAdvertisement(r, advNode, `${label}: bgp-advertisements[${j}]`, addresses, communities);
        if (adv) advs.push(adv);
      });
      checkLocalPrefs(r, advs, addresses);
    }

    out.push({
      label,
      name,
      k8sName: name,
      protocol,
      addresses,
      autoAssign: r.bool(f.get('auto-assign'), label, 'auto-assign'),
      avoidBuggyIps: r.bool(f.get('avoid-buggy-ips'), label, 'avoid-buggy-ips'),
      advs,
    });
  });
  checkOverlaps(r.problems, out);
  return out;
}

function parseAdvertisement(r: Reader, node: unknown, label: string, addresses: ParsedAddress[],
  communities: Map<string, string>): Adv | undefined {
  const f = r.fields(node, label, ADV_KEYS, 'field');
  if (!f) return undefined;
  const aggregationLength = r.int(f.get('aggregation-length'), label, 'aggregation-length', INT32_MIN, INT32_MAX);
  const aggregationLengthV6 = r.int(f.get('aggregation-length-v6'), label, 'aggregation-length-v6', INT32_MIN, INT32_MAX);
  if (aggregationLength !== undefined && (aggregationLength < 1 || aggregationLength > 32)) {
    r.problems.add(label, `aggregation-length ${aggregationLength}: must be in 1..32`);
  }
  if (aggregationLengthV6 !== undefined && (aggregationLengthV6 < 0 || aggregationLengthV6 > 128)) {
    r.problems.add(label, `aggregation-length-v6 ${aggregationLengthV6}: must be in 0..128`);
  }
  // MetalLB compares the aggregation length with each address entry's CIDRs (for a range, the
  // largest CIDR of its summarization): aggregating to a shorter prefix would announce addresses
  // outside the pool.
  for (const a of addresses) {
    const v6 = a.family === 6;
    const len = v6 ? aggregationLengthV6 : aggregationLength;
    if (len === undefined || len < (v6 ? 0 : 1) || len > (v6 ? 128 : 32)) continue;
    if (len < a.lowestMask) {
      const field = v6 ? 'aggregation-length-v6' : 'aggregation-length';
      r.problems.add(label, `${field} ${len}: shorter than the /${a.lowestMask} prefix of address "${a.text}" `
        + '(an aggregated route would cover addresses outside the pool)');
    }
  }
  const localPref = r.int(f.get('localpref'), label, 'localpref', 0, UINT32_MAX);
  const list = r.stringList(f.get('communities'), label, 'communities');
  const seen = new Set<string>();
  for (const c of list) {
    if (seen.has(c)) r.problems.add(label, `communities: "${c}" is listed twice (MetalLB v0.13+ rejects duplicate communities)`);
    seen.add(c);
    if (communities.has(c)) continue;
    const err = communityError(c);
    if (err) r.problems.add(label, `community "${c}": ${err}`);
  }
  return { label, aggregationLength, aggregationLengthV6, localPref, communities: list };
}

/**
 * MetalLB v0.13+ rejects two BGPAdvertisements of one pool that set different localPref values
 * for the same kind of BGP update (same aggregation lengths).
 */
function checkLocalPrefs(r: Reader, advs: Adv[], addresses: ParsedAddress[]): void {
  const hasV4 = addresses.some((a) => a.family === 4);
  const hasV6 = addresses.some((a) => a.family === 6);
  for (let j = 1; j < advs.length; j++) {
    for (let i = 0; i < j; i++) {
      const a = advs[i];
      const b = advs[j];
      if ((a.localPref ?? 0) === (b.localPref ?? 0)) continue;
      const a4 = a.aggregationLength ?? 32;
      const b4 = b.aggregationLength ?? 32;
      const a6 = a.aggregationLengthV6 ?? 128;
      const b6 = b.aggregationLengthV6 ?? 128;
      const different = (!hasV4 && !hasV6)
        || (a4 !== b4 && !hasV6)
        || (a6 !== b6 && !hasV4)
        || (a4 !== b4 && a6 !== b6);
      if (!different) {
        r.problems.add(b.label, `localpref ${b.localPref ?? 0}: differs from localpref ${a.localPref ?? 0} of `
          + `bgp-advertisements[${i}] for the same aggregation length; MetalLB v0.13+ rejects conflicting local preferences`);
      }
    }
  }
}

function checkOverlaps(problems: Problems, pools: Pool[]): void {
  const entries = pools.flatMap((p) => p.addresses.map((a) => ({ pool: p, a })));
  for (let j = 1; j < entries.length; j++) {
    for (let i = 0; i < j; i++) {
      const x = entries[i];
      const y = entries[j];
      if (x.a.family !== y.a.family) continue;
      if (x.a.first <= y.a.last && y.a.first <= x.a.last) {
        const of = x.pool === y.pool ? 'of the same pool' : `of ${x.pool.label}`;
        problems.add(y.pool.label, `address "${y.a.text}" overlaps address "${x.a.text}" ${of}`);
      }
    }
  }
}

function parseSelector(r: Reader, node: unknown, where: string): Selector | undefined {
  const f = r.fields(node, where, SELECTOR_KEYS, 'field');
  if (!f) return undefined;
  const matchLabels = r.stringMap(f.get('match-labels'), `${where}: match-labels`);
  for (const [k, v] of matchLabels) {
    const kerr = qualifiedName(k);
    if (kerr) r.problems.add(where, `match-labels key "${k}": expected ${kerr}`);
    const verr = labelValue(v);
    if (verr) r.problems.add(where, `match-labels "${k}" value "${v}": expected ${verr}`);
  }
  const matchExpressions: Selector['matchExpressions'] = [];
  const seenExpr = new Set<string>();
  r.seq(f.get('match-expressions'), where, 'match-expressions').forEach((e, i) => {
    const ew = `${where}: match-expressions[${i}]`;
    const ef = r.fields(e, ew, REQUIREMENT_KEYS, 'field');
    if (!ef) return;
    const key = r.str(ef.get('key'), ew, 'key') ?? '';
    const operator = r.str(ef.get('operator'), ew, 'operator') ?? '';
    const values = r.stringList(ef.get('values'), ew, 'values');
    const kerr = qualifiedName(key);
    if (kerr) r.problems.add(ew, `key "${key}": expected ${kerr}`);
    if (operator === 'In' || operator === 'NotIn') {
      if (values.length === 0) r.problems.add(ew, `values: operator ${operator} needs at least one value`);
    } else if (operator === 'Exists' || operator === 'DoesNotExist') {
      if (values.length > 0) r.problems.add(ew, `values: operator ${operator} takes no values`);
    } else {
      r.problems.add(ew, `operator "${operator}": must be In, NotIn, Exists or DoesNotExist`);
    }
    const seenValues = new Set<string>();
    for (const v of values) {
      const verr = labelValue(v);
      if (verr) r.problems.add(ew, `value "${v}": expected ${verr}`);
      if (seenValues.has(v)) r.problems.add(ew, `value "${v}" is listed twice (MetalLB v0.13+ rejects duplicates)`);
      seenValues.add(v);
    }
    const id = JSON.stringify([key, operator, [...values].sort()]);
    if (seenExpr.has(id)) r.problems.add(ew, 'duplicate match expression (MetalLB v0.13+ rejects duplicates)');
    seenExpr.add(id);
    matchExpressions.push({ key, operator, values });
  });
  return { matchLabels, matchExpressions };
}

function selectorId(s: Selector): string {
  const labels = [...s.matchLabels.entries()].sort();
  const exprs = s.matchExpressions.map((e) => JSON.stringify([e.key, e.operator, [...e.values].sort()])).sort();
  return JSON.stringify([labels, exprs]);
}

function parsePeers(r: Reader, node: unknown, bfds: Bfd[]): Peer[] {
  const out: Peer[] = [];
  const seen = new Map<string, string>();
  r.seq(node, '', 'peers').forEach((item, i) => {
    const base = `peers[${i}]`;
    const peeked = r.peek(item, 'peer-address');
    const f = r.fields(item, peeked ? `${base} (${peeked})` : base, PEER_KEYS, 'field');
    if (!f) return;
    const peerAddress = r.str(f.get('peer-address'), base, 'peer-address');
    const label = peerAddress ? `${base} (${peerAddress})` : base;

    const myAsn = r.int(f.get('my-asn'), label, 'my-asn', 0, UINT32_MAX);
    const peerAsn = r.int(f.get('peer-asn'), label, 'peer-asn', 0, UINT32_MAX);
    if (!myAsn && r.isNull(f.get('my-asn'))) r.problems.add(label, 'my-asn: missing');
    else if (myAsn === 0) r.problems.add(label, 'my-asn: must not be 0');
    if (!peerAsn && r.isNull(f.get('peer-asn'))) r.problems.add(label, 'peer-asn: missing');
    else if (peerAsn === 0) r.problems.add(label, 'peer-asn: must not be 0');

    if (!peerAddress) r.problems.add(label, 'peer-address: missing');
    else if (!parseIp(peerAddress)) r.problems.add(label, `peer-address "${peerAddress}": not a valid IP address`);

    const sourceAddress = r.str(f.get('source-address'), label, 'source-address');
    if (sourceAddress && !parseIp(sourceAddress)) r.problems.add(label, `source-address "${sourceAddress}": not a valid IP address`);
    const routerId = r.str(f.get('router-id'), label, 'router-id');
    if (routerId && !parseIp(routerId)) r.problems.add(label, `router-id "${routerId}": not a valid IP address`);

    const peerPort = r.int(f.get('peer-port'), label, 'peer-port', 0, UINT16_MAX);
    if (peerPort !== undefined && peerPort > CRD_PEER_PORT_MAX) {
      r.problems.add(label, `peer-port ${peerPort}: the v0.13+ BGPPeer resource accepts 1..${CRD_PEER_PORT_MAX}`);
    }

    let holdSeconds = DEFAULT_HOLD_SECONDS;
    const holdText = r.str(f.get('hold-time'), label, 'hold-time');
    if (holdText !== undefined && holdText !== '') {
      const ns = parseGoDuration(holdText);
      if (ns === undefined) {
        r.problems.add(label, `hold-time "${holdText}": not a duration (e.g. 90s, 1m30s)`);
      } else {
        holdSeconds = toWholeSeconds(ns);
        if (holdSeconds !== 0 && holdSeconds < 3) r.problems.add(label, `hold-time "${holdText}": must be 0 or at least 3s`);
      }
    }
    let keepaliveSeconds: number | undefined;
    const keepaliveText = r.str(f.get('keepalive-time'), label, 'keepalive-time');
    if (keepaliveText !== undefined && keepaliveText !== '') {
      const ns = parseGoDuration(keepaliveText);
      if (ns === undefined) {
        r.problems.add(label, `keepalive-time "${keepaliveText}": not a duration (e.g. 30s)`);
      } else {
        keepaliveSeconds = toWholeSeconds(ns);
        if (keepaliveSeconds < 0) {
          r.problems.add(label, `keepalive-time "${keepaliveText}": must not be negative`);
        } else if (keepaliveSeconds > holdSeconds) {
          r.problems.add(label, `keepalive-time "${keepaliveText}": longer than the hold time ${durationText(holdSeconds)}`);
        }
      }
    }

    const nodeSelectors: Selector[] = [];
    const seenSel = new Set<string>();
    r.seq(f.get('node-selectors'), label, 'node-selectors').forEach((s, j) => {
      const sw = `${label}: node-selectors[${j}]`;
      const sel = parseSelector(r, s, sw);
      if (!sel) return;
      const id = selectorId(sel);
      if (seenSel.has(id)) r.problems.add(sw, 'duplicate node selector (MetalLB v0.13+ rejects duplicates)');
      seenSel.add(id);
      nodeSelectors.push(sel);
    });

    const password = r.str(f.get('password'), label, 'password');
    if (password && /[\r\n]/.test(password)) r.problems.add(label, 'password: must not contain line breaks');
    const vrf = r.str(f.get('vrf'), label, 'vrf');
    if (vrf && /[\r\n]/.test(vrf)) r.problems.add(label, 'vrf: must not contain line breaks');

    const bfdProfile = r.str(f.get('bfd-profile'), label, 'bfd-profile');
    if (bfdProfile && !bfds.some((b) => b.name === bfdProfile)) {
      r.problems.add(label, `bfd-profile "${bfdProfile}": no such profile in bfd-profiles`);
    }

    const ebgpMultiHop = r.bool(f.get('ebgp-multihop'), label, 'ebgp-multihop');
    if (ebgpMultiHop && myAsn !== undefined && myAsn === peerAsn) {
      r.problems.add(label, `ebgp-multihop: not allowed for an iBGP peer (my-asn ${myAsn} equals peer-asn)`);
    }

    const peer: Peer = {
      label,
      myAsn,
      peerAsn,
      peerAddress,
      sourceAddress,
      peerPort,
      holdSeconds,
      keepaliveSeconds,
      routerId,
      nodeSelectors,
      password,
      bfdProfile,
      ebgpMultiHop,
      vrf,
    };
    // MetalLB rejects a peer equal (after defaults) to an earlier one; it compares parsed IPs
    // (net.ParseIP, so an IPv4-mapped address equals its IPv4 address).
    const norm = (ip?: string) => {
      const parsed = ip ? parseIp(ip) : undefined;
      return parsed ? formatIp(parsed.family, parsed.value) : (ip ?? '');
    };
    const id = JSON.stringify([
      myAsn, peerAsn, norm(peerAddress), norm(sourceAddress), peerPort || 179, holdSeconds,
      keepaliveSeconds ?? Math.floor(holdSeconds / 3), norm(routerId),
      nodeSelectors.map(selectorId).sort(), password ?? '', bfdProfile ?? '', !!ebgpMultiHop, vrf ?? '',
    ]);
    const first = seen.get(id);
    if (first) r.problems.add(label, `duplicate of ${first}`);
    else seen.set(id, label);
    out.push(peer);
  });
  return out;
}

interface Named {
  readonly label: string;
  readonly name: string;
  k8sName: string;
}

/** Gives every object a valid Kubernetes name, reporting names that collide after sanitizing. */
function assignNames(problems: Problems, section: string, what: string, items: Named[], notes: string[],
  consequence: (original: string) => string): void {
  const byName = new Map<string, Named>();
  for (const item of items) {
    if (item.name === '') continue;
    if (dns1123Subdomain(item.name)) {
      const s = sanitizeName(item.name);
      if (s === '') {
        problems.add(item.label, `name "${item.name}": cannot be turned into a valid Kubernetes object name`);
        continue;
      }
      item.k8sName = s;
      notes.push(`${what} "${item.name}" is renamed "${s}" (a Kubernetes object name is a lowercase DNS-1123 subdomain); ${consequence(item.name)}`);
    }
    const other = byName.get(item.k8sName);
    if (other && other.name !== item.name) {
      problems.add(section, `names "${other.name}" (${other.label}) and "${item.name}" (${item.label}) both become the object name "${item.k8sName}"; rename one`);
    }
    if (!other) byName.set(item.k8sName, item);
  }
}

function meta(name: string, namespace: string): Record<string, unknown> {
  return { name, namespace };
}

function render(namespace: string, pools: Pool[], peers: Peer[], bfds: Bfd[], communities: Map<string, string>): any[] {
  const objects: any[] = [];
  const bfdNames = new Map(bfds.map((b) => [b.name, b.k8sName]));

  peers.forEach((p, i) => {
    const spec: Record<string, unknown> = {
      myASN: p.myAsn,
      peerASN: p.peerAsn,
      peerAddress: p.peerAddress,
    };
    if (p.sourceAddress) spec.sourceAddress = p.sourceAddress;
    if (p.peerPort) spec.peerPort = p.peerPort;
    spec.holdTime = goDuration(p.holdSeconds);
    if (p.keepaliveSeconds !== undefined) spec.keepaliveTime = goDuration(p.keepaliveSeconds);
    if (p.routerId) spec.routerID = p.routerId;
    if (p.nodeSelectors.length > 0) spec.nodeSelectors = p.nodeSelectors.map(renderSelector);
    if (p.password) spec.password = p.password;
    if (p.bfdProfile) spec.bfdProfile = bfdNames.get(p.bfdProfile) ?? p.bfdProfile;
    if (p.ebgpMultiHop) spec.ebgpMultiHop = true;
    if (p.vrf) spec.vrf = p.vrf;
    objects.push({ apiVersion: V1BETA2, kind: 'BGPPeer', metadata: meta(`peer-${i + 1}`, namespace), spec });
  });

  for (const pool of pools) {
    const spec: Record<string, unknown> = { addresses: pool.addresses.map((a) => a.output) };
    if (pool.autoAssign !== undefined) spec.autoAssign = pool.autoAssign;
    if (pool.avoidBuggyIps) spec.avoidBuggyIPs = true;
    objects.push({ apiVersion: V1BETA1, kind: 'IPAddressPool', metadata: meta(pool.k8sName, namespace), spec });
  }

  for (const pool of pools) {
    if (pool.protocol !== 'bgp') continue;
    const advs: (Adv | undefined)[] = pool.advs.length > 0 ? pool.advs : [undefined];
    advs.forEach((adv, j) => {
      const spec: Record<string, unknown> = { ipAddressPools: [pool.k8sName] };
      if (adv?.aggregationLength !== undefined) spec.aggregationLength = adv.aggregationLength;
      if (adv?.aggregationLengthV6 !== undefined) spec.aggregationLengthV6 = adv.aggregationLengthV6;
      if (adv?.localPref) spec.localPref = adv.localPref;
      if (adv && adv.communities.length > 0) spec.communities = [...adv.communities];
      objects.push({
        apiVersion: V1BETA1,
        kind: 'BGPAdvertisement',
        metadata: meta(advertisementNameFor(pool.k8sName, 'bgp', j), namespace),
        spec,
      });
    });
  }

  for (const pool of pools) {
    if (pool.protocol !== 'layer2') continue;
    objects.push({
      apiVersion: V1BETA1,
      kind: 'L2Advertisement',
      metadata: meta(advertisementNameFor(pool.k8sName, 'layer2', 0), namespace),
      spec: { ipAddressPools: [pool.k8sName] },
    });
  }

  for (const b of bfds) {
    const spec: Record<string, unknown> = {};
    if (b.receiveInterval !== undefined) spec.receiveInterval = b.receiveInterval;
    if (b.transmitInterval !== undefined) spec.transmitInterval = b.transmitInterval;
    if (b.detectMultiplier !== undefined) spec.detectMultiplier = b.detectMultiplier;
    if (b.echoInterval !== undefined) spec.echoInterval = b.echoInterval;
    spec.echoMode = b.echoMode ?? false;
    spec.passiveMode = b.passiveMode ?? false;
    if (b.minimumTtl !== undefined) spec.minimumTtl = b.minimumTtl;
    objects.push({ apiVersion: V1BETA1, kind: 'BFDProfile', metadata: meta(b.k8sName, namespace), spec });
  }

  if (communities.size > 0) {
    const names = [...communities.keys()].sort();
    objects.push({
      apiVersion: V1BETA1,
      kind: 'Community',
      metadata: meta('communities', namespace),
      spec: { communities: names.map((n) => ({ name: n, value: communities.get(n) })) },
    });
  }
  return objects;
}

/**
 * Not selector.ts renderSelector: that one takes MetalLbSelectorRequirement instances (matchOperator,
 * values undefined when absent); here labels are a Map and an empty values list is omitted.
 */
function renderSelector(s: Selector): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (s.matchLabels.size > 0) out.matchLabels = Object.fromEntries(s.matchLabels);
  if (s.matchExpressions.length > 0) {
    out.matchExpressions = s.matchExpressions.map((e) => (e.values.length > 0
      ? { key: e.key, operator: e.operator, values: [...e.values] }
      : { key: e.key, operator: e.operator }));
  }
  return out;
}

/** Converts either a ConfigMap manifest or bare `config` data ('auto' detects which). */
export function migrate(text: string, mode: 'auto' | 'configmap' | 'config', metalLbNamespace: string | undefined): MigrationResult {
  const kind = mode === 'auto' ? detectInput(text) : mode;
  if (kind === 'config') {
    return convertConfig(text, metalLbNamespace ?? DEFAULT_NAMESPACE, '');
  }
  const cm = findConfigMap(text);
  const namespace = metalLbNamespace ?? cm.namespace ?? DEFAULT_NAMESPACE;
  return convertConfig(cm.config, namespace, ` in data.config of ConfigMap ${cm.label}`, cm.offset);
}

/** Renders objects as multi-document YAML (YAML 1.1 quoting, for kubectl). */
export function toYaml(objects: any[]): string {
  return objects
    .map((o) => yaml().stringify(o, { version: '1.1', lineWidth: 0 }))
    .join('---\n');
}
