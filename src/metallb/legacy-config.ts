// The single ConfigMap MetalLB v0.9-v0.12 read: `config` holds every pool, peer, community and
// BFD profile of the installation, as YAML.
import { goDuration } from './duration';
import type { AdvertisementRecord, InstallationRecord, PoolRecord } from './model';
import type { MetalLbLabelSelector } from './selector';

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
export function renderLegacyConfig(inst: InstallationRecord): string {
  const config: Record<string, any> = {};
  const peers = inst.peers;
  if (peers.length) {
    config.peers = peers.map(s => {
      const hold = s.holdSeconds;
      return clean({
        'peer-address': s.peerAddress,
        'peer-asn': s.peerAsn,
        'my-asn': s.myAsn,
        'peer-port': s.peerPort,
        'source-address': s.sourceAddress,
        'hold-time': hold === undefined ? undefined : goDuration(hold),
        'keepalive-time': s.keepaliveSeconds === undefined ? undefined : goDuration(s.keepaliveSeconds),
        'router-id': s.routerId,
        'password': s.password,
        'bfd-profile': s.bfdProfile,
        'ebgp-multihop': s.ebgpMultiHop,
        'node-selectors': s.nodeSelectors?.length ? s.nodeSelectors.map(legacySelector) : undefined,
      });
    });
  }
  const communities = inst.communities;
  if (communities.length) {
    config['bgp-communities'] = Object.assign({}, ...communities.map(c => c.communities));
  }
  const bfd = inst.bfdProfiles;
  if (bfd.length) {
    config['bfd-profiles'] = bfd.map(b => clean({
      'name': b.name,
      'receive-interval': b.receiveInterval,
      'transmit-interval': b.transmitInterval,
      'detect-multiplier': b.detectMultiplier,
      'echo-interval': b.echoInterval,
      'echo-mode': b.echoMode,
      'passive-mode': b.passiveMode,
      'minimum-ttl': b.minimumTtl,
    }));
  }
  const pools = inst.pools;
  const advertisements = inst.advertisements;
  if (pools.length) {
    config['address-pools'] = pools.map(p => {
      const mine = advertisements.filter(a => selects(a, p));
      const bgp = mine.filter(a => a.mode === 'bgp');
      const bgpAds = bgp.map(a => clean({
        'aggregation-length': a.aggregationLength,
        'aggregation-length-v6': a.aggregationLengthV6,
        'localpref': a.localPref,
        'communities': a.communities.length ? [...a.communities] : undefined,
      })).filter(o => Object.keys(o).length > 0);
      return clean({
        'name': p.name,
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

function selects(a: AdvertisementRecord, p: PoolRecord): boolean {
  if (!(a.pools.length || a.poolNames.length || a.poolSelectors.length)) return true;
  return a.pools.includes(p) || a.poolNames.includes(p.name);
}
