// MetalLB versions and which of them has which feature.

/**
 * The newest MetalLB release the library knows: its CRDs are the generated imports (cdk8s.yaml,
 * `schemas/metallb/v<this>`). Later patch releases of the same minor release are accepted.
 * @internal
 */
export const NEWEST_METALLB = '0.16.2';

/** The oldest MetalLB release the library writes for (the first with the legacy ConfigMap format it renders). @internal */
export const OLDEST_METALLB = '0.9.0';

/** @internal */
export class MetalLbVersion {
  public static parse(text: string): MetalLbVersion | undefined {
    const m = /^v?([0-9]{1,3})\.([0-9]{1,3})(?:\.([0-9]{1,3}))?$/.exec(text.trim());
    if (!m) return undefined;
    return new MetalLbVersion(Number(m[1]), Number(m[2]), Number(m[3] ?? 0), text.trim());
  }

  private constructor(
    public readonly major: number,
    public readonly minor: number,
    public readonly patch: number,
    public readonly text: string,
  ) {}

  /** this >= other */
  public atLeast(other: string): boolean {
    // the library compares with a few fixed releases, for every Service and MetalLB object
    let o = compared.get(other);
    if (!o) compared.set(other, o = MetalLbVersion.parse(other)!);
    if (this.major !== o.major) return this.major > o.major;
    if (this.minor !== o.minor) return this.minor > o.minor;
    return this.patch >= o.patch;
  }

  /** Why the library cannot write for this release (too old or too new), or undefined. */
  public unsupported(): string | undefined {
    if (!this.atLeast(OLDEST_METALLB)) return `a MetalLB release the library supports: ${this} is too old, the oldest supported is v${OLDEST_METALLB}`;
    const newest = MetalLbVersion.parse(NEWEST_METALLB)!;
    if (this.major > newest.major || (this.major === newest.major && this.minor > newest.minor)) {
      return `a MetalLB release the library supports: ${this} is too new, the newest supported is v${NEWEST_METALLB} (and its patch releases)`;
    }
    return undefined;
  }

  /** v0.9-v0.12 read one ConfigMap; v0.13+ read custom resources. */
  public get legacy(): boolean {
    return !this.atLeast('0.13.0');
  }

  /** The prefix of Service annotations: `metallb.io/` from v0.14.9, `metallb.universe.tf/` before. */
  public get annotationPrefix(): string {
    return this.atLeast('0.14.9') ? 'metallb.io/' : 'metallb.universe.tf/';
  }

  public toString(): string {
    return `v${this.major}.${this.minor}.${this.patch}`;
  }
}

/**
 * The first MetalLB release with each feature the library can write. A feature the chosen version
 * lacks is an error (M0), never silently dropped.
 *
 * Sources, all in the Go module cache (`go mod download go.universe.tf/metallb@<v>`; the proxy
 * serves v0.11.0, v0.12.1, v0.13.5, v0.15.2 and v0.16.2):
 * - RN = v0.16.2 `website/content/release-notes/_index.md`, section `## Version X` (the section
 *   a feature is listed under is the release that brought it);
 * - CRD = `config/crd/bases/metallb.io_*.yaml` of the named release (a field absent in v0.13.5's
 *   CRD and present in v0.15.2's came in between; the release notes name the release);
 * - SRC = the named source file of the named release.
 * The 0.13 line's first release is 0.13.2 (RN has no 0.13.0 or 0.13.1 section); `crds` keeps
 * 0.13.0 as the line's boundary so that `version: '0.13'` means the custom-resource format.
 * @internal
 */
export const FEATURES: Record<string, { readonly since: string; readonly what: string }> = {
  // RN 0.12.0: "In FRR mode, it is possible to have a BGP session paired with a BFD session"
  // (PR #927); v0.11.0 internal/config/config.go has no bfd-profiles, v0.12.1's has.
  bfd: { since: '0.12.0', what: 'BFD profiles (FRR mode)' },
  // RN 0.13.2: "CRD support! ... MetalLB is now configurable via CRs" (PR #1237).
  crds: { since: '0.13.0', what: 'custom resources' },
  // SRC: v0.12.1 controller/service.go reads `metallb.universe.tf/loadBalancerIPs`; v0.11.0's
  // controller/service.go does not (0.12.0, the release between, is not on the proxy: 0.12.1 is
  // the first release whose files show it).
  loadBalancerIPs: { since: '0.12.1', what: 'the loadBalancerIPs annotation' },
  // RN 0.13.2: "store BGP passwords as secrets" (PR #1264); CRD v0.13.5 bgppeers has passwordSecret.
  passwordSecret: { since: '0.13.2', what: 'BGPPeer passwordSecret' },
  // RN 0.13.2 removed AvoidBuggyIPs from the CRs; RN 0.13.4: "Add the AvoidBuggyIPs flag to the
  // IPAddressPool CRD" (CRD v0.13.5 ipaddresspools has avoidBuggyIPs).
  avoidBuggyIps: { since: '0.13.4', what: 'IPAddressPool avoidBuggyIPs' },
  // RN 0.13.6: "Layer2: Announce LB IPs from specific interfaces" (PR 1536). (CRD v0.13.5
  // l2advertisements has no interfaces; v0.15.2's has.)
  l2Interfaces: { since: '0.13.6', what: 'L2Advertisement interfaces' },
  // RN 0.13.9: "IPPool service allocation" (PR 1693); not in CRD v0.13.5, in v0.15.2.
  serviceAllocation: { since: '0.13.9', what: 'IPAddressPool serviceAllocation' },
  // RN 0.13.9: "BGP via VRF support" (PR 1717); not in CRD v0.13.5, in v0.15.2.
  vrf: { since: '0.13.9', what: 'BGPPeer vrf' },
  // RN 0.13.10: "Add support for large communities" (PR 1898).
  largeCommunities: { since: '0.13.10', what: 'large BGP communities (large:a:b:c)' },
  // RN 0.14.4: "Add option to configure BGP connect time" (PR 2144); not in CRD v0.13.5.
  connectTime: { since: '0.14.4', what: 'BGPPeer connectTime' },
  // RN 0.14.4: "Add a field to the BGPPeer CRD to disable MP BGP for the given peer" (#2306);
  // deprecated by RN 0.15.0 (#2766) in favour of dualStackAddressFamily.
  disableMp: { since: '0.14.4', what: 'BGPPeer disableMP' },
  // RN 0.14.6: "Add graceful-restart support in frr mode" (#2386).
  gracefulRestart: { since: '0.14.6', what: 'BGPPeer enableGracefulRestart' },
  // RN 0.14.9: "Add DynamicASN field for a BGPPeer".
  dynamicAsn: { since: '0.14.9', what: 'BGPPeer dynamicASN' },
  // RN 0.15.0: "Add unnumbered BGP peering for frrk8s backend" (#2605), "Support Unnumbered BGP
  // for frr backend" (#2673); CRD v0.15.2 bgppeers v1beta2 has interface.
  unnumbered: { since: '0.15.0', what: 'BGPPeer interface (unnumbered BGP)' },
  // RN 0.15.0: "add a dualStackFamily flag per neighbor" (#2766); CRD v0.15.2 has dualStackAddressFamily.
  dualStackAddressFamily: { since: '0.15.0', what: 'BGPPeer dualStackAddressFamily' },
  // RN 0.16.0: "Add `localASN` field to `BGPPeer`" (#2997); not in CRD v0.15.2, in v0.16.2.
  localAsn: { since: '0.16.0', what: 'BGPPeer localASN' },
  // RN 0.16.0: "Extend the advertisement resources with a ServiceSelector" (#2917); not in CRD
  // v0.15.2, in v0.16.2 (l2advertisements and bgpadvertisements).
  advertisementServiceSelectors: { since: '0.16.0', what: 'advertisement serviceSelectors' },
  // RN 0.16.2: "Extend L2Advertisement with PreferredNodeSelectors" (#3044).
  preferredNodeSelectors: { since: '0.16.2', what: 'L2Advertisement preferredNodeSelectors' },
  // RN 0.16.2: "Added support for BGP AS-Path Prepending in frr-k8s mode" (#3162).
  asPathPrepend: { since: '0.16.2', what: 'BGPAdvertisement asPathPrepend' },
};

/** The releases `atLeast` was asked about, parsed once. */
const compared = new Map<string, MetalLbVersion>();
