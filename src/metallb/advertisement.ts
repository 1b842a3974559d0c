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
   * Only these node interfaces announce (MetalLB 0.13.10+).
   *
   * @default - every interface
   */
  readonly interfaces?: string[];
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
