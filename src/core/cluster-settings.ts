import { IConstruct } from 'constructs';
import { AppRegistry } from './app-registry';
import { fail, pathOf, problem } from './errors';
import { parseCidr, ParsedCidr } from './ip';
import { minorText, NEWEST_MINOR, OLDEST_MINOR, parseKubernetesVersion } from './k8s-version';
import { checkKeys, KeysOf } from './keys';

/**
 * What the library knows of the cluster the app is deployed to.
 */
export interface ClusterSettingsProps {
  /**
   * The cluster's node-port range, as given to kube-apiserver's `--service-node-port-range`
   * (`30000-32767`, or a single port). Every `nodePort` and `healthCheckNodePort` of a Service
   * below the scope must lie in it (rule A1).
   *
   * @default '30000-32767'
   */
  readonly serviceNodePortRange?: string;

  /**
   * The cluster's service CIDRs, as given to kube-apiserver's `--service-cluster-ip-range`
   * (one per family). When given, a pinned `clusterIP` must lie in one of them (rule A3).
   *
   * @default - unknown: pinned cluster IPs are not checked against the service CIDR
   */
  readonly serviceClusterIpRanges?: string[];

  /**
   * The cluster's Kubernetes release, `1.28` to `1.35` (a patch release such as `1.31.4` or a
   * leading `v` is accepted). Every rule that changed between those releases follows it, and
   * fields that newer releases added (such as `trafficDistribution`) are refused on releases that
   * lack them (rule V1).
   *
   * @default '1.28'
   */
  readonly kubernetesVersion?: string;
}

/** @internal */
export interface ResolvedClusterSettings {
  readonly nodePortMin: number;
  readonly nodePortMax: number;
  /** KEP-3668: ports below this are the static band, reserved for explicitly chosen node ports */
  readonly nodePortStaticBandEnd: number;
  readonly serviceCidrs?: ParsedCidr[];
  readonly nodePortRangeText: string;
  /** the minor release of Kubernetes 1.x */
  readonly kubernetesMinor: number;
}

const settings = new WeakMap<IConstruct, ResolvedClusterSettings>();
const SETTINGS_USERS = 'cluster-settings-users';

const DEFAULT_RANGE = '30000-32767';
let defaults: ResolvedClusterSettings | undefined;

/**
 * Cluster knowledge (Kubernetes release, node-port range, service CIDRs) for the Services in an app or chart.
 *
 * The settings of the closest scope win: set them on the app for the whole app, on a chart for
 * the Services of that chart.
 */
export class ClusterSettings {
  /**
   * Sets the cluster settings for every Service below `scope` (an App or a Chart).
   * Call it before creating the Services: it throws when a Service already exists below `scope`,
   * naming it.
   */
  public static configure(scope: IConstruct, props: ClusterSettingsProps): void {
    checkKeys(scope, 'props', 'ClusterSettingsProps', props, PROPS_KEYS);
    const registry = AppRegistry.of(scope);
    // Services check their props against the settings when they are made: settings given later
    // would apply to some of them only. Refuse instead of half applying.
    const existing = registry.list<IConstruct>(SETTINGS_USERS).find(s => s.node.scopes.includes(scope));
    if (existing) {
      fail(scope, `ClusterSettings.configure: got a call after the Service ${existing.node.path} was created below ${pathOf(scope)}; `
        + 'expected the cluster settings to be configured before the first Service below the scope (Services are checked against the settings in force when they are made)');
    }
    settings.set(scope, resolve(scope, props));
    registry.changed();
  }

  /**
   * Records a Service that reads the settings in force at its scope.
   * @internal
   */
  public static _register(service: IConstruct): void {
    AppRegistry.of(service).add(SETTINGS_USERS, service);
  }

  /**
   * The Kubernetes release in force at `scope`, as `1.NN`.
   */
  public static kubernetesVersionOf(scope: IConstruct): string {
    return minorText(ClusterSettings._of(scope).kubernetesMinor);
  }

  /**
   * The node-port range in force at `scope`, as `min-max`.
   */
  public static nodePortRangeOf(scope: IConstruct): string {
    return ClusterSettings._of(scope).nodePortRangeText;
  }

  /** @internal */
  public static _of(scope: IConstruct): ResolvedClusterSettings {
    for (let c: IConstruct | undefined = scope; c; c = c.node.scope) {
      const s = settings.get(c);
      if (s) return s;
    }
    return defaults ??= resolve(scope, {});
  }

  private constructor() {}
}

function resolve(scope: IConstruct, props: ClusterSettingsProps): ResolvedClusterSettings {
  const text = props.serviceNodePortRange ?? DEFAULT_RANGE;
  const m = /^([0-9]{1,5})(?:-([0-9]{1,5}))?$/.exec(text.trim());
  const min = m ? Number(m[1]) : NaN;
  const max = m ? Number(m[2] ?? m[1]) : NaN;
  if (!m || min < 1 || max > 65535 || min > max) {
    fail(scope, problem('A1', 'serviceNodePortRange', text, 'a port range "min-max" within 1-65535, min <= max'));
  }
  // kube-apiserver's calculateRangeOffset: min(max(16, size/32), 128), 0 for ranges of 16 or less
  const size = max - min + 1;
  const offset = size <= 16 ? 0 : Math.min(Math.max(16, Math.floor(size / 32)), 128);
  let serviceCidrs: ParsedCidr[] | undefined;
  if (props.serviceClusterIpRanges) {
    serviceCidrs = props.serviceClusterIpRanges.map((c, i) => {
      const parsed = parseCidr(c);
      if (!parsed) fail(scope, problem('A3', `serviceClusterIpRanges[${i}]`, c, 'a CIDR such as 10.96.0.0/12'));
      return parsed;
    });
  }
  const version = props.kubernetesVersion ?? minorText(OLDEST_MINOR);
  const kubernetesMinor = parseKubernetesVersion(version);
  if (kubernetesMinor === undefined) {
    fail(scope, problem('V1', 'kubernetesVersion', version,
      `a Kubernetes release from ${minorText(OLDEST_MINOR)} to ${minorText(NEWEST_MINOR)}, such as "1.31" or "1.31.4" (the library knows the rules of these releases only)`));
  }
  return {
    kubernetesMinor,
    nodePortMin: min,
    nodePortMax: max,
    nodePortStaticBandEnd: min + offset,
    serviceCidrs,
    nodePortRangeText: `${min}-${max}`,
  };
}

const PROPS_KEYS: KeysOf<ClusterSettingsProps> = { serviceNodePortRange: true, serviceClusterIpRanges: true, kubernetesVersion: true };
