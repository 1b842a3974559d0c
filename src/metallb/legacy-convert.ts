// The legacy MetalLB ConfigMap -> v0.13+ custom resources converter behind MetalLbMigration.
import { goDuration } from './duration';
import { parsePeers } from './legacy-peers';
import { Adv, Bfd, parseBfdProfiles, parseCommunities, parsePools, Peer, Pool, Selector, TOP_KEYS } from './legacy-read';
import { sanitizeName } from './legacy-values';
import { configYamlErrors, detectInput, findConfigMap, Problems, Reader, yaml } from './legacy-yaml';
import { advertisementNameFor } from './model';
import { dns1123Label, dns1123Subdomain } from '../core/syntax';

interface MigrationResult {
  /** The generated resources. */
  readonly objects: any[];
  /** Things the user should know, e.g. pools renamed to valid object names. */
  readonly notes: string[];
}


const DEFAULT_NAMESPACE = 'metallb-system';
const V1BETA1 = 'metallb.io/v1beta1';
const V1BETA2 = 'metallb.io/v1beta2';

// ---------------------------------------------------------------------------
// conversion

function convertConfig(configText: string, namespace: string, context: string,
  offset?: { line: number; column: number }): MigrationResult {
  if (dns1123Label(namespace)) {
    throw new Error(`namespace "${namespace}" is not a valid namespace name (a lowercase DNS-1123 label of at most 63 characters)`);
  }
  const doc = yaml().parseDocument(configText, { uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new Error(`invalid YAML in the MetalLB configuration${context}:\n${configYamlErrors(doc.errors, offset)}`);
  }
  const problems = new Problems();
  const r = new Reader(doc, problems);

  const top = r.fields(doc.contents, '', TOP_KEYS, 'top-level key');
  if (!top) {
    problems.throwIfAny(context);
    return { objects: [], notes: [] };
  }

  const communities = parseCommunities(r, top.get('bgp-communities'));
  const bfds = parseBfdProfiles(r, top.get('bfd-profiles'));
  const pools = parsePools(r, top.get('address-pools'), communities);
  const peers = parsePeers(r, top.get('peers'), bfds);

  const notes: string[] = [];
  assignNames(problems, 'address-pools', 'address pool', pools, notes,
    (n) => `Services annotated metallb.universe.tf/address-pool: ${n} must be updated`);
  assignNames(problems, 'bfd-profiles', 'BFD profile', bfds, notes, () => 'peers referencing it follow');

  problems.throwIfAny(context);
  return { objects: render(namespace, pools, peers, bfds, communities), notes };
}

interface Named {
  readonly label: string;
  readonly name: string;
  k8sName: string;
}

/** Gives every object a valid Kubernetes name, reporting names that collide after sanitizing. */
function assignNames(problems: Problems, section: string, what: string, items: Named[], notes: string[],
  consequence: (original: string) => string): void {
  const byName = new Map<string, Named>();
  for (const item of items) {
    if (item.name === '') continue;
    if (dns1123Subdomain(item.name)) {
      const s = sanitizeName(item.name);
      if (s === '') {
        problems.add(item.label, `name "${item.name}": cannot be turned into a valid Kubernetes object name`);
        continue;
      }
      item.k8sName = s;
      notes.push(`${what} "${item.name}" is renamed "${s}" (a Kubernetes object name is a lowercase DNS-1123 subdomain); ${consequence(item.name)}`);
    }
    const other = byName.get(item.k8sName);
    if (other && other.name !== item.name) {
      problems.add(section, `names "${other.name}" (${other.label}) and "${item.name}" (${item.label}) both become the object name "${item.k8sName}"; rename one`);
    }
    if (!other) byName.set(item.k8sName, item);
  }
}

function meta(name: string, namespace: string): Record<string, unknown> {
  return { name, namespace };
}

function render(namespace: string, pools: Pool[], peers: Peer[], bfds: Bfd[], communities: Map<string, string>): any[] {
  const objects: any[] = [];
  const bfdNames = new Map(bfds.map((b) => [b.name, b.k8sName]));

  peers.forEach((p, i) => {
    const spec: Record<string, unknown> = {
      myASN: p.myAsn,
      peerASN: p.peerAsn,
      peerAddress: p.peerAddress,
    };
    if (p.sourceAddress) spec.sourceAddress = p.sourceAddress;
    if (p.peerPort) spec.peerPort = p.peerPort;
    spec.holdTime = goDuration(p.holdSeconds);
    if (p.keepaliveSeconds !== undefined) spec.keepaliveTime = goDuration(p.keepaliveSeconds);
    if (p.routerId) spec.routerID = p.routerId;
    if (p.nodeSelectors.length > 0) spec.nodeSelectors = p.nodeSelectors.map(renderSelector);
    if (p.password) spec.password = p.password;
    if (p.bfdProfile) spec.bfdProfile = bfdNames.get(p.bfdProfile) ?? p.bfdProfile;
    if (p.ebgpMultiHop) spec.ebgpMultiHop = true;
    if (p.vrf) spec.vrf = p.vrf;
    objects.push({ apiVersion: V1BETA2, kind: 'BGPPeer', metadata: meta(`peer-${i + 1}`, namespace), spec });
  });

  for (const pool of pools) {
    const spec: Record<string, unknown> = { addresses: pool.addresses.map((a) => a.output) };
    if (pool.autoAssign !== undefined) spec.autoAssign = pool.autoAssign;
    if (pool.avoidBuggyIps) spec.avoidBuggyIPs = true;
    objects.push({ apiVersion: V1BETA1, kind: 'IPAddressPool', metadata: meta(pool.k8sName, namespace), spec });
  }

  for (const pool of pools) {
    if (pool.protocol !== 'bgp') continue;
    const advs: (Adv | undefined)[] = pool.advs.length > 0 ? pool.advs : [undefined];
    advs.forEach((adv, j) => {
      const spec: Record<string, unknown> = { ipAddressPools: [pool.k8sName] };
      if (adv?.aggregationLength !== undefined) spec.aggregationLength = adv.aggregationLength;
      if (adv?.aggregationLengthV6 !== undefined) spec.aggregationLengthV6 = adv.aggregationLengthV6;
      if (adv?.localPref) spec.localPref = adv.localPref;
      if (adv && adv.communities.length > 0) spec.communities = [...adv.communities];
      objects.push({
        apiVersion: V1BETA1,
        kind: 'BGPAdvertisement',
        metadata: meta(advertisementNameFor(pool.k8sName, 'bgp', j), namespace),
        spec,
      });
    });
  }

  for (const pool of pools) {
    if (pool.protocol !== 'layer2') continue;
    objects.push({
      apiVersion: V1BETA1,
      kind: 'L2Advertisement',
      metadata: meta(advertisementNameFor(pool.k8sName, 'layer2', 0), namespace),
      spec: { ipAddressPools: [pool.k8sName] },
    });
  }

  for (const b of bfds) {
    const spec: Record<string, unknown> = {};
    if (b.receiveInterval !== undefined) spec.receiveInterval = b.receiveInterval;
    if (b.transmitInterval !== undefined) spec.transmitInterval = b.transmitInterval;
    if (b.detectMultiplier !== undefined) spec.detectMultiplier = b.detectMultiplier;
    if (b.echoInterval !== undefined) spec.echoInterval = b.echoInterval;
    spec.echoMode = b.echoMode ?? false;
    spec.passiveMode = b.passiveMode ?? false;
    if (b.minimumTtl !== undefined) spec.minimumTtl = b.minimumTtl;
    objects.push({ apiVersion: V1BETA1, kind: 'BFDProfile', metadata: meta(b.k8sName, namespace), spec });
  }

  if (communities.size > 0) {
    const names = [...communities.keys()].sort();
    objects.push({
      apiVersion: V1BETA1,
      kind: 'Community',
      metadata: meta('communities', namespace),
      spec: { communities: names.map((n) => ({ name: n, value: communities.get(n) })) },
    });
  }
  return objects;
}

/**
 * Not selector.ts renderSelector: that one takes MetalLbSelectorRequirement instances (matchOperator,
 * values undefined when absent); here labels are a Map and an empty values list is omitted.
 */
function renderSelector(s: Selector): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (s.matchLabels.size > 0) out.matchLabels = Object.fromEntries(s.matchLabels);
  if (s.matchExpressions.length > 0) {
    out.matchExpressions = s.matchExpressions.map((e) => (e.values.length > 0
      ? { key: e.key, operator: e.operator, values: [...e.values] }
      : { key: e.key, operator: e.operator }));
  }
  return out;
}

/** Converts either a ConfigMap manifest or bare `config` data ('auto' detects which). */
export function migrate(text: string, mode: 'auto' | 'configmap' | 'config', metalLbNamespace: string | undefined): MigrationResult {
  const kind = mode === 'auto' ? detectInput(text) : mode;
  if (kind === 'config') {
    return convertConfig(text, metalLbNamespace ?? DEFAULT_NAMESPACE, '');
  }
  const cm = findConfigMap(text);
  const namespace = metalLbNamespace ?? cm.namespace ?? DEFAULT_NAMESPACE;
  return convertConfig(cm.config, namespace, ` in data.config of ConfigMap ${cm.label}`, cm.offset);
}

/** Renders objects as multi-document YAML (YAML 1.1 quoting, for kubectl). */
export function toYaml(objects: any[]): string {
  return objects
    .map((o) => yaml().stringify(o, { version: '1.1', lineWidth: 0 }))
    .join('---\n');
}
