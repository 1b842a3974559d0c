// A case written as the objects a MetalLB user applies (custom resources, or the legacy
// ConfigMap's `config`), and MetalLB's verdict on them: its validating webhook (CRs, created in
// dependency order, then deleted) or the v0.12.1 controller's parser (ConfigMap).
import * as YAML from 'yaml';
import { ApiServer, resolveResource, resourcePath } from '../apiserver/server';
import { MetalLbController, waitFor } from '../metallb/controller';
import { BgpOptionsCase, MetalLbCase, SelectorCase } from './model';

const NS = 'metallb-system';

export interface MetalLbVerdict {
  accepted: boolean;
  /** which object was refused (kind/name) */
  object?: string;
  message?: string;
}

const clean = <T extends object>(o: T): T => JSON.parse(JSON.stringify(o));
const dur = (s?: number): string | undefined => (s === undefined ? undefined : `${s}s`);

function crSelector(s: SelectorCase): any {
  return { matchLabels: s.matchLabels, matchExpressions: s.matchExpressions?.map(r => ({ key: r.key, operator: r.operator, values: r.values })) };
}
const crSelectors = (l?: SelectorCase[]): any[] | undefined => l?.map(crSelector);

/** The case as custom resources, in the order they are created. */
export function caseToCrs(c: MetalLbCase): any[] {
  const obj = (apiVersion: string, kind: string, name: string, spec: any, labels?: Record<string, string>) =>
    clean({ apiVersion, kind, metadata: { name, namespace: NS, labels }, spec });
  const out: any[] = [];
  for (const b of c.bfdProfiles) {
    const { name, ...spec } = b;
    out.push(obj('metallb.io/v1beta1', 'BFDProfile', name, spec));
  }
  for (const x of c.communities) {
    out.push(obj('metallb.io/v1beta1', 'Community', x.name, { communities: Object.entries(x.communities).map(([name, value]) => ({ name, value })) }));
  }
  for (const p of c.pools) {
    out.push(obj('metallb.io/v1beta1', 'IPAddressPool', p.name, {
      addresses: p.addresses,
      autoAssign: p.autoAssign,
      avoidBuggyIPs: p.avoidBuggyIps,
      serviceAllocation: p.serviceAllocation && {
        priority: p.serviceAllocation.priority,
        namespaces: p.serviceAllocation.namespaces,
        namespaceSelectors: crSelectors(p.serviceAllocation.namespaceSelectors),
        serviceSelectors: crSelectors(p.serviceAllocation.serviceSelectors),
      },
    }, p.labels));
  }
  for (const p of c.peers) {
    out.push(obj('metallb.io/v1beta2', 'BGPPeer', p.name, {
      myASN: p.myAsn,
      peerASN: p.peerAsn,
      dynamicASN: p.dynamicAsn,
      peerAddress: p.peerAddress,
      interface: p.peerInterface,
      peerPort: p.peerPort,
      sourceAddress: p.sourceAddress,
      routerID: p.routerId,
      holdTime: dur(p.holdTime),
      keepaliveTime: dur(p.keepaliveTime),
      connectTime: dur(p.connectTime),
      nodeSelectors: crSelectors(p.nodeSelectors),
      password: p.password,
      passwordSecret: p.passwordSecret === undefined ? undefined : { name: p.passwordSecret, namespace: NS },
      bfdProfile: p.bfdProfile,
      ebgpMultiHop: p.ebgpMultiHop,
      vrf: p.vrf,
      enableGracefulRestart: p.enableGracefulRestart,
      disableMP: p.disableMp,
      dualStackAddressFamily: p.dualStackAddressFamily,
    }));
  }
  for (const kind of ['L2Advertisement', 'BGPAdvertisement']) {
    for (const a of c.advertisements.filter(x => x.kind === kind)) {
      out.push(obj('metallb.io/v1beta1', kind, a.name, {
        ipAddressPools: a.pools,
        ipAddressPoolSelectors: crSelectors(a.poolSelectors),
        nodeSelectors: crSelectors(a.nodeSelectors),
        interfaces: a.interfaces,
        aggregationLength: a.aggregationLength,
        aggregationLengthV6: a.aggregationLengthV6,
        localPref: a.localPref,
        communities: a.communities,
        peers: a.peers,
      }));
    }
  }
  return out;
}

function legacySelector(s: SelectorCase): any {
  return { 'match-labels': s.matchLabels, 'match-expressions': s.matchExpressions?.map(r => ({ key: r.key, operator: r.operator, values: r.values })) };
}

function legacyAdv(o: BgpOptionsCase): any {
  return { 'aggregation-length': o.aggregationLength, 'aggregation-length-v6': o.aggregationLengthV6, 'localpref': o.localPref, 'communities': o.communities };
}

/** The case as the legacy ConfigMap's `config` (MetalLB v0.9-v0.12). */
export function caseToLegacyConfig(c: MetalLbCase): string {
  const communities: Record<string, string> = {};
  for (const x of c.communities) Object.assign(communities, x.communities);
  const config = clean({
    'peers': c.peers.length ? c.peers.map(p => ({
      'my-asn': p.myAsn,
      'peer-asn': p.peerAsn,
      'peer-address': p.peerAddress,
      'source-address': p.sourceAddress,
      'peer-port': p.peerPort,
      'hold-time': dur(p.holdTime),
      'keepalive-time': dur(p.keepaliveTime),
      'router-id': p.routerId,
      'node-selectors': p.nodeSelectors?.map(legacySelector),
      'password': p.password,
      'bfd-profile': p.bfdProfile,
      'ebgp-multihop': p.ebgpMultiHop,
      // fields of the CR era: no such key in the legacy format
      'dynamic-asn': p.dynamicAsn,
      'interface': p.peerInterface,
      'connect-time': dur(p.connectTime),
      'password-secret': p.passwordSecret,
      'vrf': p.vrf,
      'enable-graceful-restart': p.enableGracefulRestart,
      'disable-mp': p.disableMp,
      'dual-stack-address-family': p.dualStackAddressFamily,
    })) : undefined,
    'bgp-communities': Object.keys(communities).length ? communities : undefined,
    'address-pools': c.pools.map(p => ({
      'name': p.name,
      'protocol': p.protocol,
      'addresses': p.addresses,
      'avoid-buggy-ips': p.avoidBuggyIps,
      'auto-assign': p.autoAssign,
      'bgp-advertisements': p.bgpAdvertisements?.map(legacyAdv),
    })),
    'bfd-profiles': c.bfdProfiles.length ? c.bfdProfiles.map(b => ({
      'name': b.name,
      'receive-interval': b.receiveInterval,
      'transmit-interval': b.transmitInterval,
      'detect-multiplier': b.detectMultiplier,
      'echo-interval': b.echoInterval,
      'echo-mode': b.echoMode,
      'passive-mode': b.passiveMode,
      'minimum-ttl': b.minimumTtl,
    })) : undefined,
  });
  return YAML.stringify(config);
}

const DELETE_ORDER = ['BGPAdvertisement', 'L2Advertisement', 'BGPPeer', 'IPAddressPool', 'Community', 'BFDProfile'];

/** Creates the objects one by one (MetalLB's webhook sees the earlier ones), then deletes them all. */
export async function webhookVerdict(server: ApiServer, objects: readonly any[]): Promise<MetalLbVerdict> {
  let verdict: MetalLbVerdict = { accepted: true };
  const created = new Set<string>();
  for (const o of objects) {
    const info = await resolveResource(server, o.apiVersion, o.kind);
    const res = await server.request('POST', resourcePath(info, NS), o);
    if (res.status >= 300) {
      verdict = { accepted: false, object: `${o.kind}/${o.metadata.name}`, message: String(res.body?.message ?? res.body).slice(0, 400) };
      break;
    }
    created.add(o.kind);
  }
  for (const kind of DELETE_ORDER.filter(k => created.has(k))) {
    const o = objects.find(x => x.kind === kind);
    const info = await resolveResource(server, o.apiVersion, kind);
    const res = await server.request('DELETE', resourcePath(info, NS));
    if (res.status >= 300) throw new Error(`cleanup of ${kind}: HTTP ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
  }
  return verdict;
}

let generation = 0;

/** Writes the ConfigMap `config` and reads the v0.12.1 controller's verdict from its log. */
export async function legacyVerdict(server: ApiServer, controller: MetalLbController, config: string): Promise<MetalLbVerdict> {
  const events = (): string[] => controller.logs().split('\n').filter(l => /"event":"config(Loaded|Stale)"/.test(l));
  const before = events().length;
  const cm = {
    apiVersion: 'v1', kind: 'ConfigMap',
    metadata: { name: 'config', namespace: NS, annotations: { 'e2e/generation': String(++generation) } },
    data: { config },
  };
  const path = `/api/v1/namespaces/${NS}/configmaps/config`;
  let res = await server.request('PUT', path, cm);
  if (res.status === 404) res = await server.request('POST', `/api/v1/namespaces/${NS}/configmaps`, cm);
  if (res.status >= 300) throw new Error(`ConfigMap: HTTP ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
  await waitFor(async () => events().length > before, 10_000, 'the controller to load the ConfigMap', 5);
  const last = JSON.parse(events().pop()!);
  return last.event === 'configLoaded' ? { accepted: true } : { accepted: false, object: 'ConfigMap/config', message: String(last.error) };
}
