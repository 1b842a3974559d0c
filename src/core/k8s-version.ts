// The Kubernetes releases the library knows, and the first release of each rule that changed
// between them. Every number comes from the release's own sources (k8s.io/kubernetes in the Go
// module cache): pkg/apis/core/validation/validation.go, pkg/features/kube_features.go,
// pkg/registry/core/service/ipallocator and pkg/api/service/warnings.go of 1.28.15, 1.29.6,
// 1.30.14, 1.31.14, 1.32.13, 1.33.13, 1.34.4 and 1.35.4.

/** The oldest and newest minor release of Kubernetes 1.x the library checks against. */
export const OLDEST_MINOR = 28;
export const NEWEST_MINOR = 35;

/** First minor release in which a behaviour holds (default feature gates). */
export const SINCE = {
  /**
   * validateServiceExternalTrafficPolicy asks apiservice.ExternallyAccessible: a ClusterIP
   * Service with externalIPs may set externalTrafficPolicy (1.28: NodePort and LoadBalancer only).
   */
  etpOnClusterIpWithExternalIps: 29,
  /** ServiceTrafficDistribution beta, on by default (alpha and off in 1.30: the field is dropped). */
  trafficDistribution: 31,
  /** PreferSameTrafficDistribution beta, on by default: PreferSameZone and PreferSameNode. */
  trafficDistributionPreferSame: 34,
  /** ValidateService no longer refuses port 10250 (ports.KubeletPort) on a LoadBalancer. */
  kubeletPortAllowed: 33,
  /**
   * MultiCIDRServiceAllocator GA, on by default: cluster IPs come from the IPAddress allocator
   * (IPv6: the whole CIDR but its network address); before, from the bitmap allocator (IPv6: at
   * most the first 65535 addresses after the network address).
   */
  ipAddressAllocator: 33,
  /** GetWarningsForIP/GetWarningsForCIDR: non-standard IP forms get a warning. */
  ipFormWarnings: 33,
} as const;

/** The text a user gives for a version, e.g. "1.28". */
export function minorText(minor: number): string {
  return `1.${minor}`;
}

/**
 * The minor release of a Kubernetes version string ("1.31", "v1.31", "1.31.4"), or undefined
 * when it is not one the library knows.
 */
export function parseKubernetesVersion(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined;
  const m = /^v?1\.([0-9]{1,3})(?:\.[0-9]{1,4})?$/.exec(text);
  if (!m) return undefined;
  const minor = Number(m[1]);
  return minor >= OLDEST_MINOR && minor <= NEWEST_MINOR ? minor : undefined;
}
