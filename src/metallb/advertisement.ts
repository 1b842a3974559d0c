import { MetalLbLabelSelector } from './selector';

/**
 * How a Layer2 advertisement announces addresses (ARP for IPv4, NDP for IPv6).
 */
export interface MetalLbLayer2Options {
  /**
   * Only nodes matching one of these selectors announce.
   *
   * @default - every node
   */
  readonly nodeSelectors?: MetalLbLabelSelector[];

  /**
   * Only these node interfaces announce (MetalLB 0.13.6+).
   *
   * @default - every interface
   */
  readonly interfaces?: string[];

  /**
   * Announce only the Services (of the selected pools) matching one of these selectors (MetalLB 0.16.0+).
   *
   * @default - every Service of the selected pools
   */
  readonly serviceSelectors?: MetalLbLabelSelector[];

  /**
   * Prefer nodes matching these weighted selectors when electing the node that announces
   * (MetalLB 0.16.2+).
   *
   * @default - no preference (MetalLB's hash-based choice)
   */
  readonly preferredNodeSelectors?: MetalLbPreferredNodeSelector[];
}

/**
 * A weighted preference for the nodes that announce a Layer2 address (Kubernetes'
 * PreferredSchedulingTerm pattern).
 */
export interface MetalLbPreferredNodeSelector {
  /** The weight of matching the preference, 1-100; weights of matching preferences add up. */
  readonly weight: number;
  /** The nodes preferred. */
  readonly preference: MetalLbLabelSelector;
}

/**
 * How a BGP advertisement announces addresses.
 */
export interface MetalLbBgpOptions {
  /**
   * Aggregate IPv4 addresses to this prefix length before announcing (1-32); it may not be
   * shorter than the prefix of a CIDR in the pool.
   *
   * @default 32
   */
  readonly aggregationLength?: number;

  /**
   * Aggregate IPv6 addresses to this prefix length before announcing (1-128).
   *
   * @default 128
   */
  readonly aggregationLengthV6?: number;

  /**
   * The BGP LOCAL_PREF attribute (iBGP peers only).
   *
   * @default - not set
   */
  readonly localPref?: number;

  /**
   * BGP communities to attach: `65535:65281`, `large:1:2:3`, or the name of a community alias
   * defined with `MetalLbCommunity`.
   *
   * @default - none
   */
  readonly communities?: string[];

  /**
   * Announce only to these peers (by their object name).
   *
   * @default - every peer
   */
  readonly peers?: string[];

  /**
   * Only nodes matching one of these selectors announce.
   *
   * @default - every node
   */
  readonly nodeSelectors?: MetalLbLabelSelector[];

  /**
   * Announce only the Services (of the selected pools) matching one of these selectors
   * (MetalLB 0.16.0+; only with the default aggregation lengths 32 and 128).
   *
   * @default - every Service of the selected pools
   */
  readonly serviceSelectors?: MetalLbLabelSelector[];

  /**
   * Prepend the ASN this many times (1-10) to the AS path of the announcements (MetalLB 0.16.2+,
   * frr-k8s mode).
   *
   * @default - no prepending
   */
  readonly asPathPrepend?: number;
}

/**
 * How a pool's addresses are announced to the network: Layer2 or BGP.
 */
export class MetalLbAdvertisement {
  /**
   * Layer2 mode: one node answers ARP/NDP for each address (the article's setup).
   */
  public static layer2(options: MetalLbLayer2Options = {}): MetalLbAdvertisement {
    return new MetalLbAdvertisement('layer2', options, undefined);
  }

  /**
   * BGP mode: every node announces the addresses to the BGP peers.
   */
  public static bgp(options: MetalLbBgpOptions = {}): MetalLbAdvertisement {
    return new MetalLbAdvertisement('bgp', undefined, options);
  }

  /** `layer2` or `bgp`. */
  public readonly mode: string;
  /** The Layer2 options, for a Layer2 advertisement. */
  public readonly layer2Options?: MetalLbLayer2Options;
  /** The BGP options, for a BGP advertisement. */
  public readonly bgpOptions?: MetalLbBgpOptions;

  private constructor(mode: string, layer2Options: MetalLbLayer2Options | undefined, bgpOptions: MetalLbBgpOptions | undefined) {
    this.mode = mode;
    this.layer2Options = layer2Options;
    this.bgpOptions = bgpOptions;
  }
}
