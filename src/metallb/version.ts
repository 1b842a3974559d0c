// MetalLB versions and which of them has which feature.

/**
 * The newest MetalLB release the library knows: its CRDs are the generated imports (cdk8s.yaml,
 * `schemas/metallb/v<this>`). Later patch releases of the same minor release are accepted.
 * @internal
 */
export const NEWEST_METALLB = '0.16.1';

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
    const o = MetalLbVersion.parse(other)!;
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
 * The first MetalLB release with each feature the library can write (from MetalLB's release
 * notes). A feature the chosen version lacks is an error, never silently dropped.
 * @internal
 */
export const FEATURES: Record<string, { readonly since: string; readonly what: string }> = {
  bfd: { since: '0.10.0', what: 'BFD profiles (FRR mode)' },
  crds: { since: '0.13.0', what: 'custom resources' },
  loadBalancerIPs: { since: '0.13.0', what: 'the loadBalancerIPs annotation' },
  serviceAllocation: { since: '0.13.8', what: 'IPAddressPool serviceAllocation' },
  l2Interfaces: { since: '0.13.10', what: 'L2Advertisement interfaces' },
  connectTime: { since: '0.13.10', what: 'BGPPeer connectTime' },
  dynamicAsn: { since: '0.14.4', what: 'BGPPeer dynamicASN' },
  unnumbered: { since: '0.14.4', what: 'BGPPeer interface (unnumbered BGP)' },
  gracefulRestart: { since: '0.14.4', what: 'BGPPeer enableGracefulRestart' },
  dualStackAddressFamily: { since: '0.15.0', what: 'BGPPeer dualStackAddressFamily' },
};
