import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { MetalLbBgpOptions, MetalLbLayer2Options, MetalLbPreferredNodeSelector } from './advertisement';
import { communityProblem } from './community';
import type { MetalLbInstallation } from './installation';
import { MetalLb } from './metallb';
import { AdvertisementRecord, IMetalLbPool, PoolRecord, poolRecordOf } from './model';
import { checkSelectorKeys, MetalLbLabelSelector, renderSelector, selectorListProblem, selectorProblem } from './selector';
import { fail, problem } from '../core/errors';
import { checkKeys, KeysOf } from '../core/keys';
import { dns1123Subdomain } from '../core/syntax';

/**
 * Which pools an advertisement announces. With none of the three, it announces every pool of
 * the MetalLB installation.
 */
export interface MetalLbPoolSelection {
  /**
   * These pools.
   *
   * @default - none by reference
   */
  readonly pools?: IMetalLbPool[];

  /**
   * Pools by name (each must be a pool of the app).
   *
   * @default - none by name
   */
  readonly poolNames?: string[];

  /**
   * Pools whose labels match one of these selectors (at least one pool of the app must match).
   *
   * @default - none by label
   */
  readonly poolSelectors?: MetalLbLabelSelector[];

  /**
   * The advertisement's object name.
   *
   * @default - the construct id
   */
  readonly name?: string;
}

/**
 * Properties of a Layer2 advertisement.
 */
export interface MetalLbL2AdvertisementProps extends MetalLbPoolSelection, MetalLbLayer2Options {}

/**
 * Properties of a BGP advertisement.
 */
export interface MetalLbBgpAdvertisementProps extends MetalLbPoolSelection, MetalLbBgpOptions {}

/**
 * What the two advertisement constructs share: which pools they announce.
 */
export abstract class MetalLbAdvertisementBase extends Construct {
  /** The advertisement's object name. */
  public readonly advertisementName: string;
  /** `layer2` or `bgp`. */
  public readonly mode: string;

  /** @internal */
  public readonly _installation: MetalLbInstallation;
  /** @internal */
  public readonly _selection: MetalLbPoolSelection;
  /** The pools selected by reference. @internal */
  protected readonly _pools: PoolRecord[];
  private _apiObject?: ApiObject;

  protected constructor(scope: Construct, id: string, mode: string, props: MetalLbPoolSelection, nodeSelectors: MetalLbLabelSelector[] | undefined) {
    super(scope, id);
    this.mode = mode;
    this._selection = props;
    this.advertisementName = props.name ?? id;
    const inst = MetalLb._of(this);
    this._installation = inst;
    // an object name from 0.13; the legacy ConfigMap has no advertisement names
    const bad = inst.version.legacy ? undefined : dns1123Subdomain(this.advertisementName);
    if (bad) fail(this, problem('M5', 'name', this.advertisementName, `a valid object name: ${bad}`));
    this._pools = (props.pools ?? []).map((pool, i) => {
      const r = poolRecordOf(pool);
      if (!r) fail(this, problem('M5', `pools[${i}]`, pool.node.path, 'a MetalLbPool'));
      if (r.installation !== inst.record) {
        fail(this, problem('M5', 'pools', pool.node.path, `a pool of the same MetalLB installation (the pool belongs to the MetalLB configured at ${r.installation.scope.node.path || 'the app'})`));
      }
      return r;
    });
    for (const [field, list] of [['poolSelectors', props.poolSelectors], ['nodeSelectors', nodeSelectors]] as const) {
      checkSelectorKeys(this, field, list);
      const badSelector = selectorListProblem(list ?? [], true);
      if (badSelector) fail(this, problem('M17', `${field}[${badSelector.index}]`, list![badSelector.index], badSelector.problem));
    }
    if (inst.version.legacy) {
      if (props.poolSelectors?.length) inst.require(this, 'crds', 'poolSelectors');
      if (nodeSelectors?.length) inst.require(this, 'crds', 'nodeSelectors');
    }
  }

  /** serviceSelectors: MetalLB 0.16.0+, checked as MetalLB checks them (M17). @internal */
  protected _checkServiceSelectors(list: MetalLbLabelSelector[] | undefined): void {
    if (!list?.length) return;
    checkSelectorKeys(this, 'serviceSelectors', list);
    this._installation.require(this, 'advertisementServiceSelectors', 'serviceSelectors');
    const bad = selectorListProblem(list, true);
    if (bad) fail(this, problem('M17', `serviceSelectors[${bad.index}]`, list[bad.index], bad.problem));
  }

  /** Fails when a pool is selected twice (by reference and by name): MetalLB refuses a duplicate ipAddressPools entry. @internal */
  protected _checkPoolsOnce(): void {
    if (!this._installation.version.legacy) failOnDuplicate(this, 'M5', 'pools/poolNames', this._poolNames());
  }

  /** Hands the advertisement's record to its installation. @internal */
  protected _register(props: MetalLbPoolSelection, options: Partial<AdvertisementRecord>): void {
    this._checkPoolsOnce();
    this._installation.add('advertisements', {
      construct: this,
      installation: this._installation.record,
      name: this.advertisementName,
      mode: this.mode === 'bgp' ? 'bgp' : 'layer2',
      pools: this._pools,
      poolNames: props.poolNames ?? [],
      poolSelectors: props.poolSelectors ?? [],
      nodeSelectors: [],
      interfaces: [],
      communities: [],
      peers: [],
      serviceSelectors: [],
      ...options,
    });
  }

  /** The ApiObject (undefined before MetalLB 0.13, where the advertisement is part of the legacy ConfigMap). */
  public get apiObject(): ApiObject | undefined {
    return this._apiObject;
  }

  /** The names of the pools selected by reference or name. @internal */
  public _poolNames(): string[] {
    return [...this._pools.map(p => p.name), ...(this._selection.poolNames ?? [])];
  }

  /** @internal */
  protected _renderSelection(): any {
    const names = this._poolNames();
    return {
      ipAddressPools: names.length ? names : undefined,
      ipAddressPoolSelectors: this._selection.poolSelectors?.length ? this._selection.poolSelectors.map(renderSelector) : undefined,
    };
  }

  /** @internal */
  protected _makeApiObject(gvk: { apiVersion: string; kind: string }, spec: () => any): void {
    this._apiObject = this._installation.resource(this, gvk, this.advertisementName, spec);
  }
}

/**
 * A Layer2 advertisement (`L2Advertisement`): nodes answer ARP/NDP for the selected pools' addresses.
 */
export class MetalLbL2Advertisement extends MetalLbAdvertisementBase {
  /** The Layer2 options. */
  public readonly options: MetalLbLayer2Options;

  public constructor(scope: Construct, id: string, props: MetalLbL2AdvertisementProps = {}) {
    super(scope, id, 'layer2', props, props.nodeSelectors);
    checkKeys(this, 'props', 'MetalLbL2AdvertisementProps', props, L2_KEYS);
    this.options = {
      nodeSelectors: props.nodeSelectors,
      interfaces: props.interfaces,
      serviceSelectors: props.serviceSelectors,
      preferredNodeSelectors: props.preferredNodeSelectors,
    };
    const inst = this._installation;
    if (props.interfaces?.length) inst.require(this, 'l2Interfaces', 'interfaces');
    this._checkServiceSelectors(props.serviceSelectors);
    (props.preferredNodeSelectors ?? []).forEach((p, i) => {
      checkKeys(this, `preferredNodeSelectors[${i}]`, 'MetalLbPreferredNodeSelector', p, PREFERRED_KEYS);
      checkSelectorKeys(this, `preferredNodeSelectors[${i}].preference`, [p.preference]);
      inst.require(this, 'preferredNodeSelectors', 'preferredNodeSelectors');
      // CRD v0.16.2 l2advertisements preferredNodeSelectors[].weight: minimum 1, maximum 100
      if (!Number.isInteger(p.weight) || p.weight < 1 || p.weight > 100) fail(this, problem('M5', `preferredNodeSelectors[${i}].weight`, p.weight, 'an integer from 1 to 100'));
      // v0.16.2 internal/config/config.go preferredNodeScores: LabelSelectorAsSelector, no duplicate check
      const bad = p.preference === undefined ? 'a label selector' : selectorProblem(p.preference, false);
      if (bad) fail(this, problem('M17', `preferredNodeSelectors[${i}].preference`, p.preference, bad));
    });
    this._register(props, {
      nodeSelectors: props.nodeSelectors ?? [],
      interfaces: props.interfaces ?? [],
      serviceSelectors: props.serviceSelectors ?? [],
      preferredNodeSelectors: props.preferredNodeSelectors ?? [],
    });
    if (!inst.version.legacy) {
      const K = MetalLb._crds();
      this._makeApiObject(K.L2Advertisement.GVK, () => K.toJson_L2AdvertisementSpec({
        ...this._renderSelection(),
        nodeSelectors: props.nodeSelectors?.length ? props.nodeSelectors.map(renderSelector) : undefined,
        interfaces: props.interfaces?.length ? props.interfaces : undefined,
        serviceSelectors: props.serviceSelectors?.length ? props.serviceSelectors.map(renderSelector) : undefined,
        preferredNodeSelectors: props.preferredNodeSelectors?.length
          ? props.preferredNodeSelectors.map(p => ({ weight: p.weight, preference: renderSelector(p.preference) }))
          : undefined,
      }));
    }
  }
}

/**
 * A BGP advertisement (`BGPAdvertisement`): nodes announce the selected pools' addresses to BGP peers.
 */
export class MetalLbBgpAdvertisement extends MetalLbAdvertisementBase {
  /** The BGP options. */
  public readonly options: MetalLbBgpOptions;

  public constructor(scope: Construct, id: string, props: MetalLbBgpAdvertisementProps = {}) {
    super(scope, id, 'bgp', props, props.nodeSelectors);
    checkKeys(this, 'props', 'MetalLbBgpAdvertisementProps', props, BGP_ADV_KEYS);
    this.options = {
      aggregationLength: props.aggregationLength,
      aggregationLengthV6: props.aggregationLengthV6,
      localPref: props.localPref,
      communities: props.communities,
      peers: props.peers,
      nodeSelectors: props.nodeSelectors,
      serviceSelectors: props.serviceSelectors,
      asPathPrepend: props.asPathPrepend,
    };
    const check = (field: string, v: number | undefined, min: number, max: number) => {
      if (v !== undefined && (!Number.isInteger(v) || v < min || v > max)) fail(this, problem('M7', field, v, `an integer from ${min} to ${max}`));
    };
    // CRD v0.15.2/v0.16.2: aggregationLength has minimum 1, aggregationLengthV6 none (0 works
    // while no selected pool holds IPv6: the prefix rule below refuses it otherwise); the v0.12.1
    // parser refuses only lengths above 32
    check('aggregationLength', props.aggregationLength, this._installation.version.legacy ? 0 : 1, 32);
    check('aggregationLengthV6', props.aggregationLengthV6, 0, 128);
    check('localPref', props.localPref, 0, 4294967295);
    // CRD v0.16.2 bgpadvertisements asPathPrepend: minimum 1, maximum 10
    check('asPathPrepend', props.asPathPrepend, 1, 10);
    (props.communities ?? []).forEach((c, i) => {
      const bad = communityProblem(c, true);
      if (bad) fail(this, problem('M7', `communities[${i}]`, c, bad));
    });
    const inst = this._installation;
    if (!inst.version.legacy) {
      // MetalLB's webhook (internal/config validateDuplicate) refuses a community or a peer listed twice
      failOnDuplicate(this, 'M7', 'communities', props.communities ?? []);
      failOnDuplicate(this, 'M5', 'peers', props.peers ?? []);
    }
    if (props.peers?.length) inst.require(this, 'crds', 'peers');
    if (props.asPathPrepend !== undefined) inst.require(this, 'asPathPrepend', 'asPathPrepend');
    if ((props.communities ?? []).some(c => c.startsWith('large:'))) inst.require(this, 'largeCommunities', 'communities');
    this._checkServiceSelectors(props.serviceSelectors);
    if (props.serviceSelectors?.length) {
      // v0.16.2 internal/config/config.go bgpAdvertisementFromCR and the CRD's x-kubernetes-validations
      if (props.aggregationLength !== undefined && props.aggregationLength !== 32) {
        fail(this, problem('M7', 'aggregationLength', props.aggregationLength, '32 (or unset) with serviceSelectors: MetalLB refuses serviceSelectors with another aggregation length'));
      }
      if (props.aggregationLengthV6 !== undefined && props.aggregationLengthV6 !== 128) {
        fail(this, problem('M7', 'aggregationLengthV6', props.aggregationLengthV6, '128 (or unset) with serviceSelectors: MetalLB refuses serviceSelectors with another aggregation length'));
      }
    }
    // before 0.13 too: v0.12.1 internal/config/config.go validateDuplicateCommunities
    const dupCommunity = (props.communities ?? []).findIndex((c, i, l) => l.indexOf(c) !== i);
    if (dupCommunity >= 0) fail(this, problem('M7', `communities[${dupCommunity}]`, props.communities![dupCommunity], 'a community not already in the list: MetalLB refuses a duplicate community'));
    this._register(props, {
      nodeSelectors: props.nodeSelectors ?? [],
      aggregationLength: props.aggregationLength,
      aggregationLengthV6: props.aggregationLengthV6,
      localPref: props.localPref,
      communities: props.communities ?? [],
      peers: props.peers ?? [],
      serviceSelectors: props.serviceSelectors ?? [],
      asPathPrepend: props.asPathPrepend,
    });
    if (!inst.version.legacy) {
      const K = MetalLb._crds();
      this._makeApiObject(K.BgpAdvertisement.GVK, () => K.toJson_BgpAdvertisementSpec({
        ...this._renderSelection(),
        aggregationLength: props.aggregationLength,
        aggregationLengthV6: props.aggregationLengthV6,
        localPref: props.localPref,
        communities: props.communities?.length ? props.communities : undefined,
        peers: props.peers?.length ? props.peers : undefined,
        nodeSelectors: props.nodeSelectors?.length ? props.nodeSelectors.map(renderSelector) : undefined,
        serviceSelectors: props.serviceSelectors?.length ? props.serviceSelectors.map(renderSelector) : undefined,
        asPathPrepend: props.asPathPrepend,
      }));
    }
  }
}

/** Fails when a list names one value twice (MetalLB: "duplicate definition of ..."). */
function failOnDuplicate(scope: Construct, rule: string, field: string, values: readonly string[]): void {
  const seen = new Set<string>();
  values.forEach((v, i) => {
    if (seen.has(v)) fail(scope, problem(rule, `${field}[${i}]`, v, `each value once: ${JSON.stringify(v)} is listed twice, and MetalLB refuses a duplicate definition`));
    seen.add(v);
  });
}

const L2_KEYS: KeysOf<MetalLbL2AdvertisementProps> = {
  name: true,
  poolNames: true,
  pools: true,
  poolSelectors: true,
  interfaces: true,
  nodeSelectors: true,
  serviceSelectors: true,
  preferredNodeSelectors: true,
};

const BGP_ADV_KEYS: KeysOf<MetalLbBgpAdvertisementProps> = {
  name: true,
  poolNames: true,
  pools: true,
  poolSelectors: true,
  aggregationLength: true,
  aggregationLengthV6: true,
  communities: true,
  localPref: true,
  nodeSelectors: true,
  peers: true,
  serviceSelectors: true,
  asPathPrepend: true,
};

const PREFERRED_KEYS: KeysOf<MetalLbPreferredNodeSelector> = { weight: true, preference: true };
