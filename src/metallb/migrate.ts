import { Construct } from 'constructs';
import type { MetalLbBfdProfile } from './bfd-profile';
import type { MetalLbBgpPeer } from './bgp-peer';
import type { MetalLbCommunity } from './community';
import type * as Convert from './legacy-convert';
import type { MetalLbBgpType } from './metallb';
import { toTypeScript } from './migrate-typescript';
import type { MetalLbPool } from './pool';
import { NEWEST_METALLB } from './version';
import { checkKeys, KeysOf } from '../core/keys';

// The converter (and the YAML parser it uses) is loaded on first use, not when the library is
// required: most apps never migrate.
let convertModule: typeof Convert | undefined;
function convert(): typeof Convert {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return convertModule ??= require('./legacy-convert') as typeof Convert;
}

/**
 * Options for the MetalLB legacy ConfigMap migration.
 */
export interface MetalLbMigrationOptions {
  /**
   * Namespace of the generated MetalLB resources (the namespace MetalLB runs in).
   *
   * `fromConfigMapYaml` falls back to the ConfigMap's own `metadata.namespace` when
   * this option is not set, as MetalLB's `configmaptocrs` converter does.
   *
   * (Named `metalLbNamespace` because `namespace` is a reserved word in C#.)
   *
   * @default 'metallb-system'
   */
  readonly metalLbNamespace?: string;

  /**
   * The MetalLB release the resources are written for (a release with custom resources, 0.13
   * or later): its rules are checked, and the program printed by `toTypeScript` passes it to
   * `MetalLb.configure`.
   *
   * @default the newest MetalLB release the library supports
   */
  readonly targetVersion?: string;

  /**
   * The MetalLB release that read the ConfigMap (0.9 to 0.12): the configuration is first
   * checked against its rules, so that a ConfigMap that release refused is not migrated.
   *
   * @default '0.12.1' (the last release that read the ConfigMap)
   */
  readonly legacyVersion?: string;

  /**
   * The BGP implementation of the cluster's MetalLB: its rules are checked for the resources
   * (M19, as `MetalLb.configure`'s `bgpType`), e.g. one router ID for all peers in FRR mode.
   *
   * @default - not known: neither implementation's rules are checked
   */
  readonly bgpType?: MetalLbBgpType;
}

/**
 * A legacy MetalLB configuration built as constructs by `MetalLbMigration.importConfig`.
 */
export class MetalLbImportedConfig {
  /** @internal */
  public static _of(built: Convert.ImportResult): MetalLbImportedConfig {
    return new MetalLbImportedConfig(built);
  }

  /** The address pools, in the order of `address-pools` (each with its advertisements). */
  public readonly pools: MetalLbPool[];
  /** The BGP peers, in the order of `peers`. */
  public readonly peers: MetalLbBgpPeer[];
  /** The BFD profiles, in the order of `bfd-profiles`. */
  public readonly bfdProfiles: MetalLbBfdProfile[];
  /** The community aliases of `bgp-communities` (one object, or none when there are none). */
  public readonly communities: MetalLbCommunity[];
  /** What changed on the way, e.g. pools renamed to valid object names. */
  public readonly notes: string[];
  private readonly legacyNames: Map<string, MetalLbPool>;

  private constructor(built: Convert.ImportResult) {
    this.pools = built.pools;
    this.peers = built.peers;
    this.bfdProfiles = built.bfdProfiles;
    this.communities = built.communities;
    this.notes = built.notes;
    this.legacyNames = built.poolsByLegacyName;
  }

  /**
   * The pool the configuration names `name` (its name in the ConfigMap, which Services'
   * `address-pool` annotations use, even when the object was renamed).
   */
  public pool(name: string): MetalLbPool {
    const pool = this.legacyNames.get(name);
    if (!pool) {
      throw new Error(`no address pool "${name}" in the imported configuration (pools: ${[...this.legacyNames.keys()].join(', ') || 'none'})`);
    }
    return pool;
  }
}

/**
 * Converts a legacy MetalLB configuration (the `metallb-system/config` ConfigMap read by
 * MetalLB v0.9 to v0.12) into the custom resources read by MetalLB v0.13 and later:
 * IPAddressPool, L2Advertisement, BGPAdvertisement, BGPPeer, Community and BFDProfile.
 *
 * The output follows MetalLB's own `configmaptocrs` tool (v0.16.1). The input is read the way
 * MetalLB's legacy parser read it (strict YAML: unknown fields and wrong types are errors), then
 * built as the library's constructs, once at the release that read the ConfigMap
 * (`legacyVersion`) and once at the release the resources are for (`targetVersion`): every
 * check is the constructs' own, with both releases' rules. The problems are reported in one
 * Error, each naming the release, the construct and the field; a construct stops at its first
 * problem, and the app-wide checks run once every construct could be made.
 */
export class MetalLbMigration {
  /**
   * Converts a whole ConfigMap manifest.
   *
   * The text may hold several YAML documents (and `v1/List` objects); the ConfigMap whose
   * `data` has the key `config` is converted. More than one such ConfigMap is an error:
   * MetalLB reads only one, the others silently disappear.
   *
   * @param yamlText the manifest, YAML text
   * @param options conversion options
   * @returns the MetalLB v0.13+ resources as plain Kubernetes manifests
   */
  public static fromConfigMapYaml(yamlText: string, options?: MetalLbMigrationOptions): any[] {
    return MetalLbMigration._migrate(yamlText, 'configmap', options).objects;
  }

  /**
   * Converts the `config` data of the legacy ConfigMap.
   *
   * @param configText YAML text with the keys `address-pools`, `peers`, `bgp-communities` and `bfd-profiles`
   * @param options conversion options
   * @returns the MetalLB v0.13+ resources as plain Kubernetes manifests
   */
  public static fromConfig(configText: string, options?: MetalLbMigrationOptions): any[] {
    return MetalLbMigration._migrate(configText, 'config', options).objects;
  }

  /**
   * Renders objects as a multi-document YAML string.
   *
   * Strings that a YAML 1.1 reader (kubectl) would take for something else are quoted.
   *
   * @param objects the objects to render
   * @returns the YAML documents, separated by `---`
   */
  public static toYaml(objects: any[]): string {
    return convert().toYaml(objects);
  }

  /**
   * Converts a ConfigMap manifest or its bare `config` data (detected) into a cdk8s program in
   * TypeScript: an App, a Chart, `MetalLb.configure` with the target version and namespace, and
   * the library's constructs (MetalLbPool with its advertisements, MetalLbBgpPeer,
   * MetalLbCommunity, MetalLbBfdProfile) with the names and fields of the migrated resources.
   * Running the program writes the same resources as `fromConfigMapYaml` / `fromConfig`.
   *
   * @param text the ConfigMap manifest or its `config` data, YAML text
   * @param options conversion options
   * @returns the program's source text
   */
  public static toTypeScript(text: string, options?: MetalLbMigrationOptions): string {
    const { plan, namespace } = MetalLbMigration._migrate(text, 'auto', options);
    return toTypeScript(plan, { version: options?.targetVersion ?? NEWEST_METALLB, namespace });
  }

  /**
   * Builds a legacy configuration (a ConfigMap manifest or its bare `config` data, detected)
   * as constructs below `scope`: a MetalLbPool with its advertisements per address pool, a
   * MetalLbBgpPeer per peer, a MetalLbBfdProfile per BFD profile and one MetalLbCommunity for
   * the community aliases. They take the MetalLB version and namespace configured for `scope`
   * (`MetalLb.configure`): before 0.13 they write the ConfigMap again, from 0.13 the custom
   * resources, with pool and BFD profile names made valid object names (see `notes`).
   *
   * The configuration is checked first (its format, then the constructs' checks and the
   * app-wide checks of the imported objects among themselves, at that version); on any problem
   * nothing is added to `scope` and one Error lists them. The construct ids are the object names
   * (`peer-1`, ... for peers; `communities`); an id already used below `scope` is an error.
   *
   * @param scope where the constructs go
   * @param text the ConfigMap manifest or its `config` data, YAML text
   */
  public static importConfig(scope: Construct, text: string): MetalLbImportedConfig {
    return MetalLbImportedConfig._of(convert().importInto(scope, text));
  }

  /**
   * Converts either a ConfigMap manifest or bare `config` data ('auto' detects which), and also
   * returns notes for the user (renamed objects).
   *
   * @internal
   */
  public static _migrate(text: string, mode: 'auto' | 'configmap' | 'config',
    options?: MetalLbMigrationOptions): Convert.MigrationResult {
    checkKeys(undefined, 'options', 'MetalLbMigrationOptions', options ?? {}, OPTION_KEYS);
    return convert().migrate(text, mode, options?.metalLbNamespace, options ?? {});
  }

  private constructor() {
  }
}

const OPTION_KEYS: KeysOf<MetalLbMigrationOptions> = {
  metalLbNamespace: true,
  targetVersion: true,
  legacyVersion: true,
  bgpType: true,
};
