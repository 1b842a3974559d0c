import type * as Convert from './legacy-convert';
import { toTypeScript } from './migrate-typescript';
import { NEWEST_METALLB } from './version';

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
   * The MetalLB version the program printed by `toTypeScript` passes to `MetalLb.configure`
   * (a release with custom resources, 0.13 or later).
   *
   * @default the newest MetalLB release the library supports
   */
  readonly targetVersion?: string;
}

/**
 * Converts a legacy MetalLB configuration (the `metallb-system/config` ConfigMap read by
 * MetalLB v0.9 to v0.12) into the custom resources read by MetalLB v0.13 and later:
 * IPAddressPool, L2Advertisement, BGPAdvertisement, BGPPeer, Community and BFDProfile.
 *
 * The conversion follows MetalLB's own `configmaptocrs` tool (v0.16.1). Before converting,
 * the input is validated the way MetalLB's legacy parser validated it (strict YAML: unknown
 * fields are errors) plus the checks MetalLB v0.13+ applies to the resulting resources; every
 * problem found is reported in one Error.
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
    const { objects } = MetalLbMigration._migrate(text, 'auto', options);
    const namespace = objects[0]?.metadata?.namespace ?? options?.metalLbNamespace ?? 'metallb-system';
    return toTypeScript(objects, { version: options?.targetVersion ?? NEWEST_METALLB, namespace });
  }

  /**
   * Converts either a ConfigMap manifest or bare `config` data ('auto' detects which), and also
   * returns notes for the user (renamed objects).
   *
   * @internal
   */
  public static _migrate(text: string, mode: 'auto' | 'configmap' | 'config',
    options?: MetalLbMigrationOptions): { objects: any[]; notes: string[] } {
    return convert().migrate(text, mode, options?.metalLbNamespace);
  }

  private constructor() {
  }
}
