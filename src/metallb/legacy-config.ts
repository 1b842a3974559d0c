// The single ConfigMap MetalLB v0.9-v0.12 read: `config` holds every pool, peer, community and
// BFD profile of the installation, as YAML.
import type { MetalLbAdvertisementBase, MetalLbBgpAdvertisement } from './advertisements';
import type { MetalLbBfdProfile } from './bfd-profile';
import type { MetalLbBgpPeer } from './bgp-peer';
import type { MetalLbCommunity } from './community';
import { goDuration } from './duration';
import type { MetalLbInstallation } from './metallb';
import type { MetalLbPool } from './pool';
import { MetalLbLabelSelector } from './selector';

function legacySelector(s: MetalLbLabelSelector): any {
  const out: any = {};
  if (s.matchLabels && Object.keys(s.matchLabels).length) out['match-labels'] = { ...s.matchLabels };
  if (s.matchExpressions?.length) out['match-expressions'] = s.matchExpressions.map(r => clean({ key: r.key, operator: r.matchOperator, values: r.values }));
  return out;
}

function clean<T extends Record<string, any>>(o: T): T {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
}

/** @internal */
export function renderLegacyConfig(inst: MetalLbInstallation): string {
  const config: Record<string, any> = {};
  const peers = inst.peers as MetalLbBgpPeer[];
  if (peers.length) {
    config.peers = peers.map(p => {
      const s = p.settings;
      const hold = p._holdSeconds();
      return clean({
        'peer-address': s.peerAddress,
        'peer-asn': s.peerAsn,
        'my-asn': s.myAsn,
        'peer-port': s.peerPort,
        'source-address': s.sourceAddress,
        'hold-time': hold === undefined ? undefined : goDuration(hold),
        'keepalive-time': s.keepaliveTime === undefined ? undefined : goDuration(s.keepaliveTime.toSeconds()),
        'router-id': s.routerId,
        'password': s.password,
        'bfd-profile': s.bfdProfile?.profileName,
        'ebgp-multihop': s.ebgpMultiHop,
        'node-selectors': s.nodeSelectors?.length ? s.nodeSelectors.map(legacySelector) : undefined,
      });
    });
  }
  const communities = inst.communities as MetalLbCommunity[];
  if (communities.length) {
    config['bgp-communities'] = Object.assign({}, ...communities.map(c => c.communities));
  }
  const bfd = inst.bfdProfiles as MetalLbBfdProfile[];
  if (bfd.length) {
    config['bfd-profiles'] = bfd.map(b => clean({
      'name': b.profileName,
      'receive-interval': b.settings.receiveInterval,
      'transmit-interval': b.settings.transmitInterval,
      'detect-multiplier': b.settings.detectMultiplier,
      'echo-interval': b.settings.echoInterval,
      'echo-mode': b.settings.echoMode,
      'passive-mode': b.settings.passiveMode,
      'minimum-ttl': b.settings.minimumTtl,
    }));
  }
  const pools = inst.pools as MetalLbPool[];
  const advertisements = inst.advertisements as MetalLbAdvertisementBase[];
  if (pools.length) {
    config['address-pools'] = pools.map(p => {
      const mine = advertisements.filter(a => selects(a, p));
      const bgp = mine.filter(a => a.mode === 'bgp') as MetalLbBgpAdvertisement[];
      const bgpAds = bgp.map(a => clean({
        'aggregation-length': a.options.aggregationLength,
        'aggregation-length-v6': a.options.aggregationLengthV6,
        'localpref': a.options.localPref,
        'communities': a.options.communities?.length ? a.options.communities : undefined,
      })).filter(o => Object.keys(o).length > 0);
      return clean({
        'name': p.poolName,
        'protocol': bgp.length ? 'bgp' : 'layer2',
        'addresses': [...p.addresses],
        'auto-assign': p.autoAssign ? undefined : false,
        'avoid-buggy-ips': p.avoidBuggyIps ? true : undefined,
        'bgp-advertisements': bgpAds.length ? bgpAds : undefined,
      });
    });
  }
  // yaml is loaded here, not when the library is required: most apps never write this ConfigMap
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const YAML = require('yaml') as typeof import('yaml');
  return YAML.stringify(config);
}

function selects(a: MetalLbAdvertisementBase, p: MetalLbPool): boolean {
  const s = a._selection;
  if (!(s.pools?.length || s.poolNames?.length || s.poolSelectors?.length)) return true;
  return (s.pools ?? []).includes(p) || (s.poolNames ?? []).includes(p.poolName);
}
