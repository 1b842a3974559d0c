import { ApiObject, Duration } from 'cdk8s';
import { Construct } from 'constructs';
import type { MetalLbBfdProfile } from './bfd-profile';
import { goDuration } from './duration';
import type { MetalLbInstallation } from './installation';
import { MetalLb } from './metallb';
import { MetalLbLabelSelector, renderSelector, selectorListProblem } from './selector';
import { fail, problem } from '../core/errors';
import { parseIp } from '../core/ip';
import { checkKeys, KeysOf } from '../core/keys';
import { dns1123Subdomain } from '../core/syntax';

/**
 * How a BGP peer's ASN is found when it is not given.
 */
export enum MetalLbDynamicAsn {
  /** The peer has the same ASN as this side (iBGP). */
  INTERNAL = 'internal',
  /** The peer has another ASN (eBGP). */
  EXTERNAL = 'external',
}

/**
 * Properties of a BGP peer (MetalLB BGPPeer v1beta2).
 */
export interface MetalLbBgpPeerProps {
  /**
   * The peer's object name.
   *
   * @default - the construct id
   */
  readonly name?: string;
  /** The ASN MetalLB speaks as (0-4294967295). */
  readonly myAsn: number;
  /**
   * The peer's ASN. Exactly one of `peerAsn` and `dynamicAsn`.
   * @default - see dynamicAsn
   */
  readonly peerAsn?: number;
  /**
   * Detect the peer's ASN (MetalLB 0.14.4+). Exactly one of `peerAsn` and `dynamicAsn`.
   * @default - see peerAsn
   */
  readonly dynamicAsn?: MetalLbDynamicAsn;
  /**
   * The peer's IP. Exactly one of `peerAddress` and `peerInterface`.
   * @default - see peerInterface
   */
  readonly peerAddress?: string;
  /**
   * The node interface for unnumbered BGP (MetalLB 0.14.4+). Exactly one of `peerAddress` and `peerInterface`.
   * @default - see peerAddress
   */
  readonly peerInterface?: string;
  /**
   * The peer's port (0-16384).
   * @default 179
   */
  readonly peerPort?: number;
  /**
   * The source address of the session.
   * @default - the node's address
   */
  readonly sourceAddress?: string;
  /**
   * The router ID to announce.
   * @default - the node's address
   */
  readonly routerId?: string;
  /**
   * The proposed hold time: 0, or at least 3 seconds and at least the keepalive time.
   * @default 90 seconds
   */
  readonly holdTime?: Duration;
  /**
   * The keepalive interval; at most the hold time.
   * @default - a third of the hold time
   */
  readonly keepaliveTime?: Duration;
  /**
   * Time between connection attempts (MetalLB 0.13.10+).
   * @default - MetalLB's default
   */
  readonly connectTime?: Duration;
  /**
   * Only nodes matching one of these selectors peer.
   * @default - every node
   */
  readonly nodeSelectors?: MetalLbLabelSelector[];
  /**
   * TCP MD5 password (prefer `passwordSecret`). Not both.
   * @default - none
   */
  readonly password?: string;
  /**
   * Name of a `kubernetes.io/basic-auth` Secret in the MetalLB namespace holding the password (MetalLB 0.13+).
   * @default - none
   */
  readonly passwordSecret?: string;
  /**
   * The BFD profile of the session.
   * @default - no BFD
   */
  readonly bfdProfile?: MetalLbBfdProfile;
  /**
   * Allow an eBGP peer several hops away (not for iBGP: myAsn equal to peerAsn).
   * @default false
   */
  readonly ebgpMultiHop?: boolean;
  /**
   * The VRF to establish the session from (MetalLB 0.13+).
   * @default - the default VRF
   */
  readonly vrf?: string;
  /**
   * BGP graceful restart (MetalLB 0.14.4+).
   * @default false
   */
  readonly enableGracefulRestart?: boolean;
}

/**
 * A BGP peer MetalLB speakers open sessions with (a `BGPPeer`, or an entry of `peers` in the
 * legacy ConfigMap).
 */
export class MetalLbBgpPeer extends Construct {
  /** The peer's object name. */
  public readonly peerName: string;
  /** The settings. */
  public readonly settings: MetalLbBgpPeerProps;
  /** The ApiObject (undefined before MetalLB 0.13). */
  public readonly apiObject?: ApiObject;
  /** @internal */
  public readonly _installation: MetalLbInstallation;

  public constructor(scope: Construct, id: string, props: MetalLbBgpPeerProps) {
    super(scope, id);
    checkKeys(this, 'props', 'MetalLbBgpPeerProps', props, PROPS_KEYS);
    this.peerName = props.name ?? id;
    this.settings = props;
    const inst = MetalLb._of(this);
    this._installation = inst;
    const bad = dns1123Subdomain(this.peerName);
    if (bad) fail(this, problem('M3', 'name', this.peerName, `a valid object name: ${bad}`));
    const asn = (field: string, v: number | undefined) => {
      if (v !== undefined && (!Number.isInteger(v) || v < 0 || v > 4294967295)) fail(this, problem('M8', field, v, 'an ASN from 0 to 4294967295'));
    };
    if (props.myAsn === undefined) fail(this, problem('M8', 'myAsn', undefined, 'the ASN MetalLB speaks as'));
    asn('myAsn', props.myAsn);
    asn('peerAsn', props.peerAsn);
    if ((props.peerAsn === undefined) === (props.dynamicAsn === undefined)) {
      fail(this, problem('M8', 'peerAsn/dynamicAsn', { peerAsn: props.peerAsn, dynamicAsn: props.dynamicAsn }, 'exactly one of peerAsn and dynamicAsn'));
    }
    if ((props.peerAddress === undefined) === (props.peerInterface === undefined)) {
      fail(this, problem('M8', 'peerAddress/peerInterface', { peerAddress: props.peerAddress, peerInterface: props.peerInterface }, 'exactly one of peerAddress and peerInterface'));
    }
    for (const f of ['peerAddress', 'sourceAddress'] as const) {
      const v = props[f];
      if (v !== undefined && !parseIp(v)) fail(this, problem('M8', f, v, 'an IP address'));
    }
    if (props.routerId !== undefined) {
      const ip = parseIp(props.routerId);
      if (!ip || ip.family !== 4) fail(this, problem('M8', 'routerId', props.routerId, 'an IPv4 address'));
    }
    if (props.peerPort !== undefined && (!Number.isInteger(props.peerPort) || props.peerPort < 0 || props.peerPort > 16384)) {
      fail(this, problem('M8', 'peerPort', props.peerPort, 'a port from 0 to 16384'));
    }
    const hold = seconds(this, 'holdTime', props.holdTime);
    const keepalive = seconds(this, 'keepaliveTime', props.keepaliveTime);
    const connect = seconds(this, 'connectTime', props.connectTime);
    if (hold !== undefined && hold !== 0 && hold < 3) fail(this, problem('M8', 'holdTime', `${hold}s`, '0 or at least 3 seconds'));
    if (keepalive !== undefined && (hold ?? 90) < keepalive) {
      fail(this, problem('M8', 'keepaliveTime', `${keepalive}s`, `at most the hold time (${hold ?? 90}s)`));
    }
    if (props.ebgpMultiHop && props.peerAsn !== undefined && props.peerAsn === props.myAsn) {
      fail(this, problem('M8', 'ebgpMultiHop', true, 'false for an iBGP peer (myAsn equals peerAsn): multi-hop is for eBGP'));
    }
    if (props.ebgpMultiHop && props.dynamicAsn === MetalLbDynamicAsn.INTERNAL) {
      fail(this, problem('M8', 'ebgpMultiHop', true, 'false for an iBGP peer (dynamicAsn internal)'));
    }
    if (props.password !== undefined && props.passwordSecret !== undefined) {
      fail(this, problem('M8', 'password/passwordSecret', 'both', 'at most one of password and passwordSecret'));
    }
    const badSelector = selectorListProblem(props.nodeSelectors ?? [], !inst.version.legacy);
    if (badSelector) fail(this, problem('M17', `nodeSelectors[${badSelector.index}]`, props.nodeSelectors![badSelector.index], badSelector.problem));
    if (props.bfdProfile) {
      inst.require(this, 'bfd', 'bfdProfile');
      if (props.bfdProfile._installation !== inst) fail(this, problem('M8', 'bfdProfile', props.bfdProfile.node.path, 'a BFD profile of the same MetalLB installation'));
    }
    if (props.dynamicAsn !== undefined) inst.require(this, 'dynamicAsn', 'dynamicAsn');
    if (props.peerInterface !== undefined) inst.require(this, 'unnumbered', 'peerInterface');
    if (props.connectTime !== undefined) inst.require(this, 'connectTime', 'connectTime');
    if (props.enableGracefulRestart !== undefined) inst.require(this, 'gracefulRestart', 'enableGracefulRestart');
    if (props.vrf !== undefined) inst.require(this, 'crds', 'vrf');
    if (props.passwordSecret !== undefined) inst.require(this, 'crds', 'passwordSecret');

    inst.add('peers', {
      construct: this,
      installation: inst.record,
      name: this.peerName,
      myAsn: props.myAsn,
      peerAsn: props.peerAsn,
      dynamicAsn: props.dynamicAsn,
      peerAddress: props.peerAddress,
      peerInterface: props.peerInterface,
      peerPort: props.peerPort,
      sourceAddress: props.sourceAddress,
      routerId: props.routerId,
      holdSeconds: hold,
      keepaliveSeconds: keepalive,
      connectSeconds: connect,
      nodeSelectors: props.nodeSelectors ?? [],
      password: props.password,
      passwordSecret: props.passwordSecret,
      bfdProfile: props.bfdProfile?.profileName,
      ebgpMultiHop: props.ebgpMultiHop,
      vrf: props.vrf,
      enableGracefulRestart: props.enableGracefulRestart,
    });
    if (!inst.version.legacy) {
      const K = MetalLb._crds();
      this.apiObject = inst.resource(this, K.BgpPeerV1Beta2.GVK, this.peerName, () => K.toJson_BgpPeerV1Beta2Spec({
        myAsn: props.myAsn,
        peerAsn: props.peerAsn,
        dynamicAsn: props.dynamicAsn as any,
        peerAddress: props.peerAddress,
        interface: props.peerInterface,
        peerPort: props.peerPort,
        sourceAddress: props.sourceAddress,
        routerId: props.routerId,
        holdTime: hold === undefined ? undefined : goDuration(hold),
        keepaliveTime: keepalive === undefined ? undefined : goDuration(keepalive),
        connectTime: connect === undefined ? undefined : goDuration(connect),
        nodeSelectors: props.nodeSelectors?.length ? props.nodeSelectors.map(renderSelector) : undefined,
        password: props.password,
        passwordSecret: props.passwordSecret !== undefined ? { name: props.passwordSecret, namespace: inst.namespace } : undefined,
        bfdProfile: props.bfdProfile?.profileName,
        ebgpMultiHop: props.ebgpMultiHop,
        vrf: props.vrf,
        enableGracefulRestart: props.enableGracefulRestart,
      }));
    }
  }
}

function seconds(scope: Construct, field: string, d: Duration | undefined): number | undefined {
  if (d === undefined) return undefined;
  const s = d.toMilliseconds() / 1000;
  if (!Number.isInteger(s) || s < 0) fail(scope, problem('M8', field, `${d.toMilliseconds()}ms`, 'whole seconds'));
  return s;
}

const PROPS_KEYS: KeysOf<MetalLbBgpPeerProps> = {
  myAsn: true,
  bfdProfile: true,
  connectTime: true,
  dynamicAsn: true,
  ebgpMultiHop: true,
  enableGracefulRestart: true,
  holdTime: true,
  keepaliveTime: true,
  name: true,
  nodeSelectors: true,
  password: true,
  passwordSecret: true,
  peerAddress: true,
  peerAsn: true,
  peerInterface: true,
  peerPort: true,
  routerId: true,
  sourceAddress: true,
  vrf: true,
};
