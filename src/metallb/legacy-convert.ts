// The legacy MetalLB ConfigMap -> v0.13+ custom resources converter behind MetalLbMigration: the
// configuration is read (legacy-read.ts, legacy-peers.ts) and built as the library's constructs
// (legacy-build.ts), once in an installation of the MetalLB release that read the ConfigMap (its
// rules) and once in one of the release the resources are for (its rules, and the resources).
import { Construct } from 'constructs';
import type { MetalLbBfdProfile } from './bfd-profile';
import type { MetalLbBgpPeer } from './bgp-peer';
import type { MetalLbCommunity } from './community';
import { buildPlan, LegacyConfig, LegacyPlan, planOf, trial } from './legacy-build';
import { parsePeers } from './legacy-peers';
import { parseBfdProfiles, parseCommunities, parsePools, TOP_KEYS } from './legacy-read';
import { objectNameFor } from './legacy-values';
import { configYamlErrors, detectInput, findConfigMap, Problems, Reader, yaml } from './legacy-yaml';
import { MetalLb, MetalLbBgpType } from './metallb';
import type { MetalLbPool } from './pool';
import { MetalLbVersion, NEWEST_METALLB } from './version';
import { dns1123Label, dns1123Subdomain } from '../core/syntax';

/** @internal */
export interface MigrationResult {
  /** The generated resources. */
  readonly objects: any[];
  /** Things the user should know, e.g. pools renamed to valid object names. */
  readonly notes: string[];
  /** The constructs the resources are made by (object names). */
  readonly plan: LegacyPlan;
  /** The namespace of the resources. */
  readonly namespace: string;
}

/** The constructs importConfig made. @internal */
export interface ImportResult {
  readonly pools: MetalLbPool[];
  readonly peers: MetalLbBgpPeer[];
  readonly bfdProfiles: MetalLbBfdProfile[];
  readonly communities: MetalLbCommunity[];
  readonly notes: string[];
  readonly poolsByLegacyName: Map<string, MetalLbPool>;
}

/** The versions a migration reads and writes. @internal */
export interface MigrationVersions {
  /** The MetalLB release that read the ConfigMap (before 0.13). */
  readonly legacyVersion?: string;
  /** The MetalLB release the resources are for (0.13 or later). */
  readonly targetVersion?: string;
  /** The BGP implementation of the target (MetalLbBgpType's value). */
  readonly bgpType?: MetalLbBgpType;
}

/** The last release that read the ConfigMap. @internal */
export const LAST_LEGACY_METALLB = '0.12.1';

const DEFAULT_NAMESPACE = 'metallb-system';

/** The order MetalLB's configmaptocrs writes the kinds in. */
const KIND_ORDER = ['BGPPeer', 'IPAddressPool', 'BGPAdvertisement', 'L2Advertisement', 'BFDProfile', 'Community'];

/**
 * Reads the configuration text strictly (unknown fields and wrong types are errors, as MetalLB's
 * parser had them), then gives pools and BFD profiles valid object names. Throws every format
 * problem at once.
 * @internal
 */
export function readLegacyConfig(configText: string, context: string,
  offset?: { line: number; column: number }): { config: LegacyConfig; notes: string[] } {
  const doc = yaml().parseDocument(configText, { uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new Error(`invalid YAML in the MetalLB configuration${context}:\n${configYamlErrors(doc.errors, offset)}`);
  }
  const problems = new Problems();
  const r = new Reader(doc, problems);
  const top = r.fields(doc.contents, '', TOP_KEYS, 'top-level key');
  if (!top) {
    problems.throwIfAny(context);
    return { config: { communities: new Map(), bfdProfiles: [], pools: [], peers: [] }, notes: [] };
  }
  const config: LegacyConfig = {
    communities: parseCommunities(r, top.get('bgp-communities')),
    bfdProfiles: parseBfdProfiles(r, top.get('bfd-profiles')),
    pools: parsePools(r, top.get('address-pools')),
    peers: parsePeers(r, top.get('peers')),
  };
  const notes: string[] = [];
  assignNames(problems, 'address-pools', 'address pool', config.pools, notes,
    (n) => `Services annotated metallb.universe.tf/address-pool: ${n} must be updated`);
  assignNames(problems, 'bfd-profiles', 'BFD profile', config.bfdProfiles, notes, () => 'peers referencing it follow');
  problems.throwIfAny(context);
  return { config, notes };
}

/** The checked version, or an error naming the option. */
function versionOption(option: string, text: string, legacy: boolean): string {
  const v = MetalLbVersion.parse(text);
  const unsupported = v?.unsupported();
  if (!v || unsupported || v.legacy !== legacy) {
    throw new Error(`${option} "${text}": expected ${unsupported ?? `a MetalLB release ${legacy ? 'that read the legacy ConfigMap (0.9 to 0.12)' : 'with custom resources (0.13 or later)'}`}`);
  }
  return text;
}

function convertConfig(configText: string, namespace: string, context: string, versions: MigrationVersions,
  offset?: { line: number; column: number }): MigrationResult {
  if (dns1123Label(namespace)) {
    throw new Error(`namespace "${namespace}" is not a valid namespace name (a lowercase DNS-1123 label of at most 63 characters)`);
  }
  const legacyVersion = versionOption('legacyVersion', versions.legacyVersion ?? LAST_LEGACY_METALLB, true);
  const targetVersion = versionOption('targetVersion', versions.targetVersion ?? NEWEST_METALLB, false);
  const { config, notes } = readLegacyConfig(configText, context, offset);

  // the rules of the release that read the ConfigMap, with the names it knew
  const before = trial(planOf(config, false), { version: legacyVersion, metalLbNamespace: namespace });
  // the rules of the release the resources are for, with object names
  const plan = planOf(config, true);
  // (strict: a reference the old release refused is not a warning here, and is reported once, above)
  const after = trial(plan, { version: targetVersion, metalLbNamespace: namespace, strict: true, bgpType: versions.bgpType });
  // a construct refused by the old release is not reported again for the new one (nor what follows from it below it)
  const pathOfError = (e: string) => /^\[([^\]]*)\]/.exec(e)?.[1] ?? '';
  const refused = before.errors.map(pathOfError);
  const reportedBefore = (e: string) => refused.some((p) => pathOfError(e) === p || pathOfError(e).startsWith(`${p}/`));
  const problems = [
    ...before.errors.map((e) => `MetalLB v${legacyVersion.replace(/^v/, '')} (the ConfigMap): ${e}`),
    ...after.errors.filter((e) => !reportedBefore(e)).map((e) => `MetalLB v${targetVersion.replace(/^v/, '')} (the custom resources): ${e}`),
  ];
  if (problems.length > 0) throw problemsError(context, problems);
  const objects = after.objects
    .map((o, i) => ({ o, i }))
    .sort((x, y) => (KIND_ORDER.indexOf(x.o.kind) - KIND_ORDER.indexOf(y.o.kind)) || (x.i - y.i))
    .map((x) => x.o);
  return { objects, notes, plan, namespace };
}

function problemsError(context: string, problems: string[]): Error {
  const n = problems.length;
  return new Error(`invalid MetalLB legacy configuration${context} (${n} problem${n === 1 ? '' : 's'}):\n`
    + problems.map((m) => `  - ${m}`).join('\n'));
}

/**
 * The config text of a ConfigMap manifest or of bare `config` data ('auto' detects which), with
 * where it came from and the ConfigMap's namespace.
 */
function configSource(text: string, mode: 'auto' | 'configmap' | 'config' = 'auto'):
{ config: string; context: string; namespace?: string; offset?: { line: number; column: number } } {
  if ((mode === 'auto' ? detectInput(text) : mode) === 'config') return { config: text, context: '' };
  const cm = findConfigMap(text);
  return { config: cm.config, context: ` in data.config of ConfigMap ${cm.label}`, namespace: cm.namespace, offset: cm.offset };
}

/**
 * Builds a legacy configuration as constructs below `scope`, at the MetalLB version configured
 * there. Checked first in an app of its own, so that nothing is added when anything is wrong.
 * @internal
 */
export function importInto(scope: Construct, text: string): ImportResult {
  const { config: configData, context, offset } = configSource(text);
  const { config, notes } = readLegacyConfig(configData, context, offset);
  const inst = MetalLb._of(scope);
  const objectNames = !inst.version.legacy;
  const plan = planOf(config, objectNames);
  const where = scope.node.path;
  const t = trial(plan, {
    version: inst.version.toString(),
    metalLbNamespace: inst.namespace,
    strict: inst.record.strict,
    bgpType: inst.record.bgpType as MetalLbBgpType | undefined,
  });
  // the trial's paths (metallb/...) as they will be below scope
  const moved = t.errors.map((e) => e.replace(/^\[metallb(?=[/\]])/, `[${where || 'App'}`));
  if (moved.length > 0) throw problemsError(`${context} (MetalLbMigration.importConfig, MetalLB ${inst.version})`, moved);
  const ids = [...plan.bfdProfiles, ...plan.communities, ...plan.pools, ...plan.peers].map((x) => x.id);
  const taken = ids.filter((id) => scope.node.tryFindChild(id));
  if (taken.length > 0) {
    throw new Error(`[${where || 'App'}] MetalLbMigration.importConfig: construct ids already used below the scope: ${taken.join(', ')} (import into a scope of its own, e.g. a new Construct)`);
  }
  const built = buildPlan(scope, plan);
  if (built.errors.length > 0) throw problemsError(context, built.errors); // not expected: the trial made the same constructs
  return {
    pools: built.pools,
    peers: built.peers,
    bfdProfiles: built.bfdProfiles,
    communities: built.communities,
    notes: objectNames ? notes : [],
    poolsByLegacyName: new Map(config.pools.map((p, i) => [p.name, built.pools[i]])),
  };
}

interface Named {
  readonly label: string;
  readonly name: string;
  k8sName: string;
}

/**
 * Gives every object the name MetalLB's converter gives it (a valid object name), reporting
 * names that collide after renaming.
 */
function assignNames(problems: Problems, section: string, what: string, items: Named[], notes: string[],
  consequence: (original: string) => string): void {
  const byName = new Map<string, Named>();
  for (const item of items) {
    if (item.name === '') continue;
    const s = objectNameFor(item.name);
    if (s === '') {
      problems.add(item.label, `name "${item.name}": cannot be turned into a valid Kubernetes object name`);
      continue;
    }
    if (s !== item.name) {
      item.k8sName = s;
      notes.push(`${what} "${item.name}" is renamed "${s}" (${dns1123Subdomain(item.name) ? 'a Kubernetes object name is a lowercase DNS-1123 subdomain' : 'as MetalLB\'s converter renames it'}); ${consequence(item.name)}`);
    }
    const other = byName.get(item.k8sName);
    if (other && other.name !== item.name) {
      problems.add(section, `names "${other.name}" (${other.label}) and "${item.name}" (${item.label}) both become the object name "${item.k8sName}"; rename one`);
    }
    if (!other) byName.set(item.k8sName, item);
  }
}

/** Converts either a ConfigMap manifest or bare `config` data ('auto' detects which). */
export function migrate(text: string, mode: 'auto' | 'configmap' | 'config', metalLbNamespace: string | undefined,
  versions: MigrationVersions = {}): MigrationResult {
  const source = configSource(text, mode);
  const namespace = metalLbNamespace ?? source.namespace ?? DEFAULT_NAMESPACE;
  return convertConfig(source.config, namespace, source.context, versions, source.offset);
}

/** Renders objects as multi-document YAML (YAML 1.1 quoting, for kubectl). */
export function toYaml(objects: any[]): string {
  return objects
    .map((o) => yaml().stringify(o, { version: '1.1', lineWidth: 0 }))
    .join('---\n');
}
