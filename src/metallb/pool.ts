import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { parseAddressEntry } from './address-range';
import { MetalLbAdvertisement } from './advertisement';
import { MetalLbBgpAdvertisement, MetalLbL2Advertisement } from './advertisements';
import type { MetalLbInstallation } from './installation';
import { MetalLb } from './metallb';
import { advertisementNameFor, IMetalLbPool, PoolRecord, setPoolRecord } from './model';
import { checkSelectorKeys, MetalLbLabelSelector, renderSelector, selectorListProblem } from './selector';
import { fail, problem, warn } from '../core/errors';
import { checkKeys, KeysOf } from '../core/keys';
import { checkLabels } from '../core/labels';
import { dns1123Label, dns1123Subdomain } from '../core/syntax';

/**
 * Which Services may draw from a pool (MetalLB 0.13.8+).
 */
export interface MetalLbServiceAllocation {
  /**
   * The pool's priority when several pools accept a Service (lower wins).
   *
   * @default - lowest priority
   */
  readonly priority?: number;

  /**
   * Only Services in these namespaces.
   *
   * @default - any namespace
   */
  readonly namespaces?: string[];

  /**
   * Only Services in namespaces matching one of these selectors.
   *
   * @default - any namespace
   */
  readonly namespaceSelectors?: MetalLbLabelSelector[];

  /**
   * Only Services matching one of these selectors.
   *
   * @default - any Service
   */
  readonly serviceSelectors?: MetalLbLabelSelector[];
}

/**
 * Properties of a MetalLB address pool.
 */
export interface MetalLbPoolProps {
  /**
   * The pool's name (an object name, used by Services that ask for the pool).
   *
   * @default - the construct id
   */
  readonly name?: string;

  /**
   * The addresses MetalLB may hand out: CIDRs (`192.168.10.0/24`), ranges
   * (`192.168.124.200-192.168.124.210`), IPv4 and IPv6 (one pool may hold both). MetalLB refuses a
   * bare IP: write `192.168.124.200/32` for one address.
   */
  readonly addresses: string[];

  /**
   * Whether MetalLB hands out addresses of this pool to Services that do not ask for it.
   *
   * @default true
   */
  readonly autoAssign?: boolean;

  /**
   * Skip IPv4 addresses ending in .0 and .255 (some old devices drop traffic to them).
   *
   * @default false
   */
  readonly avoidBuggyIps?: boolean;

  /**
   * Which Services may draw from the pool. An empty allocation is never written (MetalLB would
   * read it as "no Service at all").
   *
   * @default - any Service
   */
  readonly serviceAllocation?: MetalLbServiceAllocation;

  /**
   * How the pool's addresses are announced. More can be added with `addAdvertisement()`.
   *
   * @default [MetalLbAdvertisement.layer2()] unless `announce` is false
   */
  readonly advertisements?: MetalLbAdvertisement[];

  /**
   * Whether the pool is announced. `false` says explicitly that nothing announces it from this
   * app (for example, advertisements managed elsewhere): no default advertisement is made and
   * rule M4 does not apply.
   *
   * @default true
   */
  readonly announce?: boolean;

  /**
   * Labels of the pool object (advertisements may select pools by label).
   *
   * @default - none
   */
  readonly labels?: { [key: string]: string };
}

/**
 * A MetalLB address pool (an `IPAddressPool`, or an entry of the legacy ConfigMap before
 * MetalLB 0.13) with its Layer2 or BGP advertisements.
 */
export class MetalLbPool extends Construct implements IMetalLbPool {
  /** The pool's name. */
  public readonly poolName: string;
  /** The address entries, as given. */
  public readonly addresses: string[];
  /** Whether Services that do not ask for the pool may get its addresses. */
  public readonly autoAssign: boolean;
  /** Whether .0 and .255 addresses are skipped. */
  public readonly avoidBuggyIps: boolean;
  /** Whether the pool is announced by this app. */
  public readonly announce: boolean;
  /** The pool's labels. */
  public readonly labels: { [key: string]: string };
  /** The ApiObject of the pool (undefined before MetalLB 0.13, where the pool is an entry of the legacy ConfigMap). */
  public readonly apiObject?: ApiObject;

  /** @internal */
  public readonly _installation: MetalLbInstallation;
  private readonly serviceAllocation?: MetalLbServiceAllocation;
  private advertisementCount = 0;
  private readonly autoAssignGiven: boolean;

  public constructor(scope: Construct, id: string, props: MetalLbPoolProps) {
    super(scope, id);
    checkKeys(this, 'props', 'MetalLbPoolProps', props, PROPS_KEYS);
    const inst = MetalLb._of(this);
    this._installation = inst;
    this.poolName = props.name ?? id;
    // a pool is an object from 0.13; the legacy parser only wants a name (v0.12.1 parseAddressPool: "missing pool name")
    const badName = inst.version.legacy ? (this.poolName.length ? undefined : 'a non-empty name') : dns1123Subdomain(this.poolName);
    if (badName) fail(this, problem('M3', 'name', this.poolName, `a valid object name: ${badName}${props.name === undefined ? ' (the name defaults to the construct id: set name)' : ''}`));
    if (!props.addresses || props.addresses.length === 0) {
      fail(this, problem('M1', 'addresses', props.addresses ?? [], 'at least one address entry'));
    }
    const ranges = props.addresses.map((a, i) => {
      const r = parseAddressEntry(a);
      if (typeof r === 'string') fail(this, problem('M1', `addresses[${i}]`, a, r));
      return r;
    });
    this.addresses = [...props.addresses];
    this.autoAssign = props.autoAssign ?? true;
    this.autoAssignGiven = props.autoAssign !== undefined;
    this.avoidBuggyIps = props.avoidBuggyIps ?? false;
    this.announce = props.announce ?? true;
    this.labels = { ...(props.labels ?? {}) };
    const labelErrors: string[] = [];
    checkLabels('labels', this.labels, labelErrors);
    if (labelErrors.length) fail(this, labelErrors.join('; '));

    const sa = props.serviceAllocation;
    if (sa) {
      checkKeys(this, 'serviceAllocation', 'MetalLbServiceAllocation', sa, ALLOCATION_KEYS);
      checkSelectorKeys(this, 'serviceAllocation.namespaceSelectors', sa.namespaceSelectors);
      checkSelectorKeys(this, 'serviceAllocation.serviceSelectors', sa.serviceSelectors);
      const empty = sa.priority === undefined && !sa.namespaces?.length && !sa.namespaceSelectors?.length && !sa.serviceSelectors?.length;
      if (empty) {
        warn(this, 'M9 serviceAllocation is empty: not written (MetalLB reads an empty serviceAllocation as "no Service at all")');
      } else {
        inst.require(this, 'serviceAllocation', 'serviceAllocation');
        (sa.namespaces ?? []).forEach((n, i) => {
          const bad = dns1123Label(n);
          if (bad) fail(this, problem('M9', `serviceAllocation.namespaces[${i}]`, n, bad));
          // v0.15.2 internal/config/config.go addressPoolServiceAllocationsFromCR: "duplicate definition in namespaces field"
          if (sa.namespaces!.indexOf(n) !== i) fail(this, problem('M9', `serviceAllocation.namespaces[${i}]`, n, 'a namespace not already in the list: MetalLB refuses a duplicate namespace'));
        });
        for (const [field, list] of [['namespaceSelectors', sa.namespaceSelectors], ['serviceSelectors', sa.serviceSelectors]] as const) {
          const bad = selectorListProblem(list ?? [], true);
          if (bad) fail(this, problem('M17', `serviceAllocation.${field}[${bad.index}]`, list![bad.index], bad.problem));
        }
        this.serviceAllocation = sa;
      }
    }

    const record: PoolRecord = {
      construct: this,
      installation: inst.record,
      name: this.poolName,
      addresses: this.addresses,
      ranges,
      autoAssign: this.autoAssign,
      avoidBuggyIps: this.avoidBuggyIps,
      announce: this.announce,
      labels: this.labels,
      serviceAllocation: this.serviceAllocation,
    };
    setPoolRecord(this, record);
    inst.add('pools', record);
    if (!inst.version.legacy) {
      const K = MetalLb._crds();
      this.apiObject = inst.resource(this, K.IpAddressPool.GVK, this.poolName, () => K.toJson_IpAddressPoolSpec(this.renderSpec()), this.labels);
    }

    const advertisements = props.advertisements ?? (this.announce ? [MetalLbAdvertisement.layer2()] : []);
    for (const a of advertisements) this.addAdvertisement(a);
  }

  /**
   * Announces the pool in one more way (a Layer2 or BGP advertisement that selects this pool).
   */
  public addAdvertisement(advertisement: MetalLbAdvertisement): void {
    const n = this.advertisementCount++;
    const suffix = n === 0 ? '' : `-${n + 1}`;
    const name = advertisementNameFor(this.poolName, advertisement.mode, n);
    if (advertisement.mode === 'layer2') {
      new MetalLbL2Advertisement(this, `l2${suffix}`, { name, pools: [this], ...advertisement.layer2Options });
    } else {
      new MetalLbBgpAdvertisement(this, `bgp${suffix}`, { name, pools: [this], ...advertisement.bgpOptions });
    }
  }

  private renderSpec(): any {
    const sa = this.serviceAllocation;
    return {
      addresses: this.addresses,
      // written when false or when given (MetalLB's converter writes a given auto-assign: true)
      autoAssign: this.autoAssign === false || this.autoAssignGiven ? this.autoAssign : undefined,
      avoidBuggyIPs: this.avoidBuggyIps ? true : undefined,
      serviceAllocation: sa ? {
        priority: sa.priority,
        namespaces: sa.namespaces?.length ? sa.namespaces : undefined,
        namespaceSelectors: sa.namespaceSelectors?.length ? sa.namespaceSelectors.map(renderSelector) : undefined,
        serviceSelectors: sa.serviceSelectors?.length ? sa.serviceSelectors.map(renderSelector) : undefined,
      } : undefined,
    };
  }
}

const PROPS_KEYS: KeysOf<MetalLbPoolProps> = {
  addresses: true,
  advertisements: true,
  announce: true,
  autoAssign: true,
  avoidBuggyIps: true,
  labels: true,
  name: true,
  serviceAllocation: true,
};

const ALLOCATION_KEYS: KeysOf<MetalLbServiceAllocation> = {
  priority: true,
  namespaces: true,
  namespaceSelectors: true,
  serviceSelectors: true,
};
