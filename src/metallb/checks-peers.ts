// App-wide rules on the BGP sessions of one installation (M8), as MetalLB's FRR and FRR-k8s
// modes enforce them (v0.15.2 internal/config/validation.go DiscardNativeOnly, run by the
// webhook and the controller): every BGPPeer has the same router ID, the same myAsn within a
// VRF, and no two peers share an address (or interface) and VRF. The library follows these modes:
// it writes BFD profiles and the other FRR-only peer fields, which the native mode refuses.
import type { AddProblem } from './checks-objects';
import { InstallationRecord, PeerRecord } from './model';
import { pathOf, problem } from '../core/errors';

/** @internal */
export function checkPeerSessions(inst: InstallationRecord, add: AddProblem): void {
  const peers = inst.peers;
  if (inst.version.legacy || peers.length < 2) return; // before 0.13 the speaker checked these, per mode
  const first = peers[0];
  const id = (p: PeerRecord): string => `${p.peerAddress ?? p.peerInterface ?? ''} in VRF ${JSON.stringify(p.vrf ?? '')}`;
  const seen = new Map<string, PeerRecord>([[id(first), first]]);
  for (const p of peers.slice(1)) {
    if ((p.routerId ?? '') !== (first.routerId ?? '')) {
      add(p.construct, problem('M8', 'routerId', p.routerId ?? '', `the router ID of ${pathOf(first.construct)} (${JSON.stringify(first.routerId ?? '')}): MetalLB in FRR mode needs one router ID for all BGP peers`));
    }
    const other = seen.get(id(p));
    if (other) add(p.construct, problem('M8', p.peerAddress !== undefined ? 'peerAddress' : 'peerInterface', p.peerAddress ?? p.peerInterface, `a peer not defined twice: ${pathOf(other.construct)} already peers with ${id(p)}`));
    else seen.set(id(p), p);
  }
  const asnByVrf = new Map<string, PeerRecord>();
  for (const p of peers) {
    const vrf = p.vrf ?? '';
    const o = asnByVrf.get(vrf);
    if (!o) {
      asnByVrf.set(vrf, p);
    } else if (o.myAsn !== p.myAsn) {
      add(p.construct, problem('M8', 'myAsn', p.myAsn, `${o.myAsn}, the myAsn of ${pathOf(o.construct)}: MetalLB in FRR mode needs one myAsn for all peers of a VRF`));
    }
  }
}
