import { ApiObject, Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { MetalLbBfdProfile } from './bfd-profile';
import { goDuration } from './duration';
import type { MetalLbInstallation } from './installation';
import { MetalLb } from './metallb';
import { checkSelectorKeys, MetalLbLabelSelector, renderSelector, selectorListProblem } from './selector';
import { fail, problem, warn } from '../core/errors';
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
   * Detect the peer's ASN (MetalLB 0.14.9+). Exactly one of `peerAsn` and `dynamicAsn`.
   * @default - see peerAsn
   */
  readonly dynamicAsn?: MetalLbDynamicAsn;
  /**
   * The peer's IP. Exactly one of `peerAddress` and `peerInterface`.
   * @default - see peerInterface
   */
  readonly peerAddress?: string;
  /**
   * The node interface for unnumbered BGP (MetalLB 0.15.0+). Exactly one of `peerAddress` and `peerInterface`.
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
   * Time between connection attempts, 1-65535 seconds (MetalLB 0.14.4+).
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
   * Name of a `kubernetes.io/basic-auth` Secret in the MetalLB namespace holding the password (MetalLB 0.13.2+).
   * @default - none
   */
  readonly passwordSecret?: string;
  /**
   * The BFD profile of the session (MetalLB 0.12+). Not both `bfdProfile` and `bfdProfileName`.
   * @default - no BFD
   */
  readonly bfdProfile?: MetalLbBfdProfile;
  /**
   * The BFD profile of the session by name, for a profile this app does not define (MetalLB
   * 0.12+). Not both `bfdProfile` and `bfdProfileName`.
   * @default - no BFD
   */
  readonly bfdProfileName?: string;
  /**
   * Disable multiprotocol BGP: IPv4 and IPv6 routes in separate sessions (MetalLB 0.14.4+;
   * deprecated since 0.15.0, where it is the default, in favour of `dualStackAddressFamily`).
   * @default false
   */
  readonly disableMp?: boolean;
  /**
   * Exchange routes of both IP families over this session's family (MetalLB 0.15.0+).
   * @default false
   */
  readonly dualStackAddressFamily?: boolean;
  /**
   * The ASN to announce to this peer instead of `myAsn` (FRR `local-as ... no-prepend
   * replace-as`; MetalLB 0.16.0+, not in native BGP mode), 1-4294967295.
   * @default - myAsn
   */
  readonly localAsn?: number;
  /**
   * Allow an eBGP peer several hops away (not for iBGP: myAsn equal to peerAsn).
   * @default false
   */
  readonly ebgpMultiHop?: boolean;
  /**
   * The VRF to establish the session from (MetalLB 0.13.9+).
   * @default - the default VRF
   */
  readonly vrf?: string;
  /**
   * BGP graceful restart (MetalLB 0.14.6+).
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
    // an object name from 0.13; the legacy ConfigMap has no peer names
    const bad = inst.version.legacy ? undefined : dns1123Subdomain(this.peerName);
    if (bad) fail(this, problem('M3', 'name', this.peerName, `a valid object name: ${bad}`));
    // 0 is no ASN: v0.15.2 internal/config/config.go peerFromCR ("missing local ASN", "missing peer
    // ASN and dynamicASN"), v0.12.1 parsePeer ("missing local ASN", "missing peer ASN")
    const asn = (field: string, v: number | undefined) => {
      if (v !== undefined && (!Number.isInteger(v) || v < 1 || v > 4294967295)) fail(this, problem('M8', field, v, 'an ASN from 1 to 4294967295'));
    };
    if (props.myAsn === undefined) fail(this, problem('M8', 'myAsn', undefined, 'the ASN MetalLB speaks as'));
    asn('myAsn', props.myAsn);
    asn('peerAsn', props.peerAsn);
    // CRD v0.16.2 bgppeers v1beta2 localASN: minimum 1, maximum 4294967295
    if (props.localAsn !== undefined && (!Number.isInteger(props.localAsn) || props.localAsn < 1 || props.localAsn > 4294967295)) {
      fail(this, problem('M8', 'localAsn', props.localAsn, 'an ASN from 1 to 4294967295'));
    }
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
    // CRD bgppeers peerPort maximum 16384 (v0.13.5-v0.16.2); before 0.13 a uint16 (v0.12.1 config.go peer.Port)
    const maxPort = inst.version.legacy ? 65535 : 16384;
    if (props.peerPort !== undefined && (!Number.isInteger(props.peerPort) || props.peerPort < 0 || props.peerPort > maxPort)) {
      fail(this, problem('M8', 'peerPort', props.peerPort, `a port from 0 to ${maxPort}${inst.version.legacy ? '' : ' (the BGPPeer resource\'s maximum)'}`));
    }
    const hold = seconds(this, 'holdTime', props.holdTime);
    const keepalive = seconds(this, 'keepaliveTime', props.keepaliveTime);
    const connect = seconds(this, 'connectTime', props.connectTime);
    // CRD v0.15.2 and v0.16.2 bgppeers connectTime x-kubernetes-validations: 1 to 65535 seconds
    if (connect !== undefined && (connect < 1 || connect > 65535)) fail(this, problem('M8', 'connectTime', `${connect}s`, 'from 1 to 65535 seconds'));
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
    checkSelectorKeys(this, 'nodeSelectors', props.nodeSelectors);
    const badSelector = selectorListProblem(props.nodeSelectors ?? [], !inst.version.legacy);
    if (badSelector) fail(this, problem('M17', `nodeSelectors[${badSelector.index}]`, props.nodeSelectors![badSelector.index], badSelector.problem));
    const bfdProfile = bfdProfileNameOf(this, inst, props);
    if (props.dynamicAsn !== undefined) inst.require(this, 'dynamicAsn', 'dynamicAsn');
    if (props.peerInterface !== undefined) inst.require(this, 'unnumbered', 'peerInterface');
    if (props.connectTime !== undefined) inst.require(this, 'connectTime', 'connectTime');
    if (props.enableGracefulRestart !== undefined) inst.require(this, 'gracefulRestart', 'enableGracefulRestart');
    if (props.vrf !== undefined) inst.require(this, 'vrf', 'vrf');
    if (props.passwordSecret !== undefined) inst.require(this, 'passwordSecret', 'passwordSecret');
    if (props.disableMp !== undefined) inst.require(this, 'disableMp', 'disableMp');
    if (props.dualStackAddressFamily !== undefined) inst.require(this, 'dualStackAddressFamily', 'dualStackAddressFamily');
    if (props.localAsn !== undefined) inst.require(this, 'localAsn', 'localAsn');
    if (props.disableMp && inst.version.atLeast('0.15.0')) {
      // v0.15.2/v0.16.2 internal/k8s/webhooks/webhookv1beta2/bgppeer_webhook.go validatePeerCreate
      warn(this, 'M8 disableMp: MetalLB 0.15.0 and newer accept it with a warning ("disable mp is deprecated and has no effect since it\'s the default behavior now"); use dualStackAddressFamily');
    }

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
      bfdProfile,
      ebgpMultiHop: props.ebgpMultiHop,
      vrf: props.vrf,
      enableGracefulRestart: props.enableGracefulRestart,
      disableMp: props.disableMp,
      dualStackAddressFamily: props.dualStackAddressFamily,
      localAsn: props.localAsn,
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
        bfdProfile,
        ebgpMultiHop: props.ebgpMultiHop,
        vrf: props.vrf,
        enableGracefulRestart: props.enableGracefulRestart,
        disableMp: props.disableMp,
        dualStackAddressFamily: props.dualStackAddressFamily,
        localAsn: props.localAsn,
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

/**
 * The BFD profile's name, from `bfdProfile` (a construct of this installation) or
 * `bfdProfileName`; a string passed as `bfdProfile` (plain JavaScript) is read as a name.
 */
function bfdProfileNameOf(scope: Construct, inst: MetalLbInstallation, props: MetalLbBgpPeerProps): string | undefined {
  const given: unknown = props.bfdProfile;
  let byRef: string | undefined;
  if (typeof given === 'string') {
    byRef = given;
  } else if (given !== undefined && given !== null) {
    if (!(given instanceof MetalLbBfdProfile)) fail(scope, problem('M8', 'bfdProfile', given, 'a MetalLbBfdProfile (or its name in bfdProfileName)'));
    if (given._installation !== inst) fail(scope, problem('M8', 'bfdProfile', given.node.path, 'a BFD profile of the same MetalLB installation'));
    byRef = given.profileName;
  }
  if (byRef !== undefined && props.bfdProfileName !== undefined && byRef !== props.bfdProfileName) {
    fail(scope, problem('M8', 'bfdProfile/bfdProfileName', { bfdProfile: byRef, bfdProfileName: props.bfdProfileName }, 'at most one BFD profile'));
  }
  const name = byRef ?? props.bfdProfileName;
  if (name === undefined) return undefined;
  const bad = typeof name !== 'string' ? 'a string' : inst.version.legacy ? (name.length ? undefined : 'a non-empty name') : dns1123Subdomain(name);
  if (bad) fail(scope, problem('M8', 'bfdProfileName', name, `the name of a BFD profile: ${bad}`));
  inst.require(scope, 'bfd', 'bfdProfile');
  return name;
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
  bfdProfileName: true,
  disableMp: true,
  dualStackAddressFamily: true,
  localAsn: true,
};
