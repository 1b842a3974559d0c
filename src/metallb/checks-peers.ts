// App-wide rules of the BGP implementation the app names (M19, `MetalLb.configure(..., { bgpType })`),
// as MetalLB's webhook and controller enforce them from 0.13 (v0.15.2
// internal/config/validation.go ValidationFor: "native" -> DiscardFRROnly, "frr" and "frr-k8s" ->
// DiscardNativeOnly, anything else -> DontValidate). Without a bgpType neither set is checked.
import type { AddProblem } from './checks-objects';
import { AdvertisementRecord, InstallationRecord, PeerRecord, PoolRecord } from './model';
import { pathOf, problem } from '../core/errors';
import { formatIp, parseIp } from '../core/ip';

/** @internal */
export function checkPeerSessions(inst: InstallationRecord, poolsOf: (a: AdvertisementRecord) => readonly PoolRecord[], add: AddProblem): void {
  if (inst.version.legacy) {
    checkLegacyDuplicatePeers(inst, add);
    return; // before 0.13 the speaker checked the mode's rules, per mode, at run time
  }
  if (inst.bgpType === 'native') checkNative(inst, poolsOf, add);
  else if (inst.bgpType === 'frr' || inst.bgpType === 'frr-k8s') checkFrr(inst, add);
}

const NATIVE = 'a field MetalLB\'s native BGP mode supports (bgpType native; FRR-only, DiscardFRROnly)';

/** DiscardFRROnly: the FRR-only peer fields, BFD profiles, IPv6 pools announced by BGP, large communities. */
function checkNative(inst: InstallationRecord, poolsOf: (a: AdvertisementRecord) => readonly PoolRecord[], add: AddProblem): void {
  for (const p of inst.peers) {
    const frrOnly: Array<[string, unknown]> = [
      ['bfdProfile', p.bfdProfile], ['keepaliveTime', p.keepaliveSeconds || undefined], ['vrf', p.vrf || undefined],
      ['connectTime', p.connectSeconds], ['enableGracefulRestart', p.enableGracefulRestart || undefined],
      ['disableMp', p.disableMp || undefined], ['dualStackAddressFamily', p.dualStackAddressFamily || undefined],
      ['dynamicAsn', p.dynamicAsn], ['peerInterface', p.peerInterface],
    ];
    for (const [field, value] of frrOnly) {
      if (value !== undefined && value !== '') add(p.construct, problem('M19', field, value, NATIVE));
    }
  }
  for (const b of inst.bfdProfiles) add(b.construct, problem('M19', 'name', b.name, 'no BFD profile: MetalLB\'s native BGP mode has no BFD (bgpType native)'));
  for (const a of inst.advertisements) {
    if (a.mode !== 'bgp') continue;
    for (const pool of poolsOf(a)) {
      const v6 = pool.ranges.find(r => r.family === 6);
      if (v6) add(a.construct, problem('M19', 'ipAddressPools', pool.name, `pools of IPv4 addresses only: pool "${pool.name}" has ${v6.text}, and MetalLB's native BGP mode does not announce IPv6 (bgpType native)`));
    }
    for (const c of a.communities) {
      if (/^large:/i.test(c.trim())) add(a.construct, problem('M19', 'communities', c, 'standard communities only: MetalLB\'s native BGP mode has no large communities (bgpType native)'));
    }
  }
  for (const co of inst.communities) {
    for (const [alias, value] of Object.entries(co.communities)) {
      if (/^large:/i.test(value.trim())) add(co.construct, problem('M19', `communities.${alias}`, value, 'standard communities only: MetalLB\'s native BGP mode has no large communities (bgpType native)'));
    }
  }
}

/** DiscardNativeOnly: one router ID for all peers, no peer twice (address or interface, per VRF), one myAsn per VRF. */
function checkFrr(inst: InstallationRecord, add: AddProblem): void {
  const peers = inst.peers;
  if (peers.length < 2) return;
  const first = peers[0];
  const id = (p: PeerRecord): string => `${p.peerAddress ?? p.peerInterface ?? ''} in VRF ${JSON.stringify(p.vrf ?? '')}`;
  const seen = new Map<string, PeerRecord>([[id(first), first]]);
  for (const p of peers.slice(1)) {
    if ((p.routerId ?? '') !== (first.routerId ?? '')) {
      add(p.construct, problem('M19', 'routerId', p.routerId ?? '', `the router ID of ${pathOf(first.construct)} (${JSON.stringify(first.routerId ?? '')}): MetalLB in FRR mode needs one router ID for all BGP peers`));
    }
    const other = seen.get(id(p));
    if (other) add(p.construct, problem('M19', p.peerAddress !== undefined ? 'peerAddress' : 'peerInterface', p.peerAddress ?? p.peerInterface, `a peer not defined twice: ${pathOf(other.construct)} already peers with ${id(p)}`));
    else seen.set(id(p), p);
  }
  const asnByVrf = new Map<string, PeerRecord>();
  for (const p of peers) {
    const o = asnByVrf.get(p.vrf ?? '');
    if (!o) {
      asnByVrf.set(p.vrf ?? '', p);
    } else if (o.myAsn !== p.myAsn) {
      add(p.construct, problem('M19', 'myAsn', p.myAsn, `${o.myAsn}, the myAsn of ${pathOf(o.construct)}: MetalLB in FRR mode needs one myAsn for all peers of a VRF`));
    }
  }
}

/**
 * M8: before 0.13, a peer equal to an earlier one after defaults is refused (v0.12.1
 * internal/config/config.go Parse: reflect.DeepEqual of the parsed peers, "peer #%d already
 * exists"). Parsed means port 179, hold time 90s and keepalive a third of it when not given, and
 * IPs compared as net.IP (an IPv4-mapped address equals its IPv4 address).
 */
function checkLegacyDuplicatePeers(inst: InstallationRecord, add: AddProblem): void {
  const ip = (text?: string) => {
    const parsed = text ? parseIp(text) : undefined;
    return parsed ? formatIp(parsed.family, parsed.value) : (text ?? '');
  };
  const seen = new Map<string, PeerRecord>();
  for (const p of inst.peers) {
    const hold = p.holdSeconds ?? 90;
    const id = JSON.stringify([
      p.myAsn, p.peerAsn, ip(p.peerAddress), ip(p.sourceAddress), p.peerPort || 179, hold,
      p.keepaliveSeconds ?? Math.floor(hold / 3), ip(p.routerId), p.nodeSelectors, p.password ?? '',
      p.bfdProfile ?? '', !!p.ebgpMultiHop,
    ]);
    const first = seen.get(id);
    if (first) {
      add(p.construct, problem('M8', 'peerAddress', p.peerAddress, `a peer that differs from ${pathOf(first.construct)} in some setting: MetalLB ${inst.version} refuses a peer equal to an earlier one ("peer already exists")`));
    } else {
      seen.set(id, p);
    }
  }
}
