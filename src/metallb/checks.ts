// The app-wide MetalLB checks (rules M2-M5, M7, M10-M16 as far as they need the whole app):
// computed once per change of the app, for every installation, in O((P + S) log P) for P
// address ranges and S Services. They read only the plain records of model.ts; the installation
// attaches them to each construct it holds (installation.ts).
import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { AddressRange, rangeToCidrs, showRange, usableCount } from './address-range';
import { checkObjects, soft } from './checks-objects';
import { checkPeerSessions } from './checks-peers';
import {
  AdvertisementRecord, InstallationRecord, installationsOf, MetalLbServiceView, PoolRecord, ServiceRecord,
} from './model';
import { selectorMatches } from './selector';
import { AppRegistry, appWideChecks } from '../core/app-registry';
import { pathOf, problem } from '../core/errors';
import { formatIp, ParsedIp } from '../core/ip';

/** The MetalLB problems of one construct (pool, advertisement, peer, community, BFD profile or Service). @internal */
export function metalLbErrorsFor(c: IConstruct, registry: AppRegistry = AppRegistry.of(c)): readonly string[] {
  if (!appWideChecks.enabled) return NONE;
  return registry.memo('metallb-errors', () => computeAll(registry)).get(c) ?? NONE;
}

/** What most constructs get: validation runs once per chart, so no new array each time. */
const NONE: readonly string[] = Object.freeze([]);

type Errors = Map<IConstruct, string[]>;

function add(errors: Errors, c: IConstruct, message: string): void {
  let l = errors.get(c);
  if (!l) errors.set(c, l = []);
  l.push(message);
}

function computeAll(registry: AppRegistry): Errors {
  const errors: Errors = new Map();
  const installations = installationsOf(registry);
  for (const inst of installations) checkInstallation(inst, errors);
  checkLegacyConfigMaps(registry, installations, errors);
  return errors;
}

interface Slot {
  readonly range: AddressRange;
  readonly pool: PoolRecord;
}

function checkInstallation(inst: InstallationRecord, errors: Errors): void {
  const pools = inst.pools;
  const advertisements = inst.advertisements;

  // M3: unique pool names
  const byName = new Map<string, PoolRecord>();
  for (const p of pools) {
    const first = byName.get(p.name);
    if (first) add(errors, p.construct, problem('M3', 'name', p.name, `a pool name not used by another pool (${pathOf(first.construct)} has it)`));
    else byName.set(p.name, p);
  }

  // M2: no two address ranges overlap (sorted sweep per family)
  const slots: Slot[] = [];
  for (const p of pools) for (const r of p.ranges) slots.push({ range: r, pool: p });
  slots.sort((a, b) => (a.range.family - b.range.family) || (a.range.first < b.range.first ? -1 : a.range.first > b.range.first ? 1 : 0));
  let reach: Slot | undefined;
  for (const s of slots) {
    if (reach && reach.range.family === s.range.family && s.range.first <= reach.range.last) {
      const where = reach.pool === s.pool ? 'another entry of the same pool' : `pool "${reach.pool.name}" (${pathOf(reach.pool.construct)})`;
      add(errors, s.pool.construct, problem('M2', 'addresses', s.range.text, `addresses no other pool holds: they overlap ${where}, entry ${JSON.stringify(reach.range.text)} (${showRange(reach.range)})`));
    }
    if (!reach || reach.range.family !== s.range.family || s.range.last > reach.range.last) reach = s;
  }

  // M4/M5: advertisements and the pools they select
  const announced = new Set<PoolRecord>();
  const adder = (c: IConstruct, message: string) => add(errors, c, message);
  const targetsOf = new Map<AdvertisementRecord, readonly PoolRecord[]>();
  const legacyModes = new Map<PoolRecord, Set<string>>();
  for (const a of advertisements) {
    const selected: PoolRecord[] = [...a.pools];
    for (const n of a.poolNames) {
      const p = byName.get(n);
      if (p) selected.push(p);
      else soft(inst, adder, a.construct, problem('M5', 'poolNames', n, `the name of a pool of the app (MetalLB ignores an advertisement for a pool that does not exist; pools: ${[...byName.keys()].join(', ') || 'none'})`));
    }
    a.poolSelectors.forEach((s, i) => {
      const matched = pools.filter(p => selectorMatches(s, p.labels));
      if (matched.length === 0) soft(inst, adder, a.construct, problem('M5', `poolSelectors[${i}]`, s, 'a selector that matches at least one pool of the app'));
      selected.push(...matched);
    });
    const selectsAll = !(a.pools.length || a.poolNames.length || a.poolSelectors.length);
    const targets = selectsAll ? pools : selected;
    targetsOf.set(a, targets);
    for (const p of targets) {
      announced.add(p);
      let m = legacyModes.get(p);
      if (!m) legacyModes.set(p, m = new Set());
      m.add(a.mode);
    }
    if (a.mode === 'bgp') checkBgpAdvertisement(inst, a, targets, errors);
  }
  for (const p of pools) {
    if (p.announce && !announced.has(p)) {
      soft(inst, adder, p.construct, problem('M4', 'advertisements', [], 'an L2Advertisement or BGPAdvertisement that selects the pool: without one, MetalLB assigns its addresses but never announces them (pass announce: false if something outside the app announces it)'));
    }
    if (inst.version.legacy) {
      const modes = legacyModes.get(p);
      if (!modes || modes.size === 0) add(errors, p.construct, problem('M0', 'advertisements', [], `one protocol, layer2 or bgp: MetalLB ${inst.version} needs a protocol for every pool`));
      else if (modes.size > 1) add(errors, p.construct, problem('M0', 'advertisements', [...modes], `one protocol: MetalLB ${inst.version} announces a pool either by layer2 or by bgp (both came with 0.13)`));
    }
  }

  checkObjects(inst, a => targetsOf.get(a) ?? [], adder);
  checkPeerSessions(inst, a => targetsOf.get(a) ?? [], adder);
  checkServices(inst, pools, byName, slots, errors);
}

function checkBgpAdvertisement(inst: InstallationRecord, a: AdvertisementRecord, pools: readonly PoolRecord[], errors: Errors): void {
  const agg4 = a.aggregationLength ?? 32;
  const agg6 = a.aggregationLengthV6 ?? 128;
  for (const p of pools) {
    for (const r of p.ranges) {
      const agg = r.family === 4 ? agg4 : agg6;
      const shortest = Math.min(...rangeToCidrs(r).map(c => c.prefix));
      if (agg < shortest) {
        const field = r.family === 4 ? 'aggregationLength' : 'aggregationLengthV6';
        add(errors, a.construct, problem('M7', field, agg, `at least ${shortest}: pool "${p.name}" entry ${JSON.stringify(r.text)} has a /${shortest} prefix, and MetalLB refuses an aggregation length shorter than a pool prefix`));
      }
    }
  }
  const aliases = new Set<string>();
  for (const c of inst.communities) for (const k of Object.keys(c.communities)) aliases.add(k);
  a.communities.forEach((c, i) => {
    if (!c.includes(':') && !aliases.has(c)) {
      add(errors, a.construct, problem('M7', `communities[${i}]`, c, `a community value or an alias defined with MetalLbCommunity (defined: ${[...aliases].join(', ') || 'none'})`));
    }
  });
  const peers = new Set(inst.peers.map(p => p.name));
  a.peers.forEach((n, i) => {
    if (!peers.has(n)) soft(inst, (c, m) => add(errors, c, m), a.construct, problem('M5', `peers[${i}]`, n, `the name of a BGP peer of the app (peers: ${[...peers].join(', ') || 'none'})`));
  });
}

/** The pool holding an address: binary search over the sorted, non-overlapping slots. */
function poolOf(slots: Slot[], ip: ParsedIp): PoolRecord | undefined {
  let lo = 0;
  let hi = slots.length - 1;
  while (lo <= hi) {
    const mid = Math.floor((lo + hi) / 2);
    const r = slots[mid].range;
    const before = r.family < ip.family || (r.family === ip.family && r.last < ip.value);
    const after = r.family > ip.family || (r.family === ip.family && r.first > ip.value);
    if (before) lo = mid + 1;
    else if (after) hi = mid - 1;
    else return slots[mid].pool;
  }
  return undefined;
}

function familiesOf(p: PoolRecord): Set<number> {
  return new Set(p.ranges.map(r => r.family));
}

function accepts(p: PoolRecord, v: MetalLbServiceView): boolean {
  const sa = p.serviceAllocation;
  if (!sa) return true;
  if (sa.namespaces?.length && !sa.namespaces.includes(v.namespace)) return false;
  if (sa.serviceSelectors?.length && !sa.serviceSelectors.some(s => selectorMatches(s, v.labels))) return false;
  return true;
}

const KNOWN_ANNOTATIONS = new Set(['address-pool', 'loadBalancerIPs', 'allow-shared-ip', 'ip-allocated-from-pool']);

function checkServices(inst: InstallationRecord, pools: readonly PoolRecord[], byName: ReadonlyMap<string, PoolRecord>, slots: Slot[],
  errors: Errors): void {
  const bindings = inst.services;
  // each Service's view, computed once for this pass
  const views = new Map<ServiceRecord, MetalLbServiceView>();
  const viewOf = (b: ServiceRecord): MetalLbServiceView => {
    let v = views.get(b);
    if (!v) views.set(b, v = b.view());
    return v;
  };
  // an app without pools and without Services that ask MetalLB for anything does not use MetalLB
  if (pools.length === 0 && !bindings.some(b => b.explicit)) return;
  const active = bindings.filter(b => viewOf(b).loadBalancerClass === undefined);
  const prefix = inst.version.annotationPrefix;
  const demand = new Map<PoolRecord, Map<string, { svc: IConstruct; family: number }>>(); // pool -> address key -> first Service
  const autoDemand: Array<{ b: ServiceRecord; family: number; index: number }> = [];
  const byIp = new Map<string, ServiceRecord[]>();
  const autoOpen = pools.filter(p => p.autoAssign && !p.serviceAllocation);
  const autoRestricted = pools.filter(p => p.autoAssign && p.serviceAllocation);
  const autoOpenDual = autoOpen.some(p => familiesOf(p).has(4) && familiesOf(p).has(6));

  for (const [index, b] of active.entries()) {
    const v = viewOf(b);
    const svc = b.construct;
    // M10: MetalLB annotations written by hand (MetalLB reads both prefixes alike from 0.14.9,
    // metallb.io/ first; before, only metallb.universe.tf/)
    for (const key of Object.keys(v.annotations)) {
      const m = /^(metallb\.io|metallb\.universe\.tf)\/(.*)$/.exec(key);
      if (!m || b.annotations[key] !== undefined) continue;
      if (!KNOWN_ANNOTATIONS.has(m[2])) {
        add(errors, svc, problem('M10', 'metadata.annotations key', key, `a MetalLB annotation (${[...KNOWN_ANNOTATIONS].slice(0, 3).map(k => m[1] + '/' + k).join(', ')}): MetalLB silently ignores a misspelled one; set them with the metalLb option`));
        continue;
      }
      if (m[1] === 'metallb.io' && !inst.version.atLeast('0.14.9')) {
        add(errors, svc, problem('M10', 'metadata.annotations key', key, `${prefix}${m[2]}: MetalLB ${inst.version} does not read the metallb.io/ prefix (it came with 0.14.9)`));
        continue;
      }
      const deprecated = m[1] === 'metallb.universe.tf' && inst.version.atLeast('0.14.9') ? ' (the metallb.universe.tf/ prefix is deprecated since MetalLB 0.14.9)' : '';
      add(errors, svc, problem('M10', 'metadata.annotations key', key, `the metalLb option of LoadBalancerService instead of a hand-written MetalLB annotation${deprecated}`));
      if (m[2] === 'address-pool' && !byName.has(v.annotations[key])) {
        add(errors, svc, problem('M10', `metadata.annotations[${JSON.stringify(key)}]`, v.annotations[key], `the name of a pool of the app (pools: ${[...byName.keys()].join(', ') || 'none'}): MetalLB finds no such pool ("unknown pool") and leaves the Service pending`));
      }
    }
    // M11: requested addresses
    const families = v.ipFamilies;
    b.ips.forEach((ip, i) => {
      const field = b.userSpecIp ? 'spec.loadBalancerIP' : `metalLb.loadBalancerIps[${i}]`;
      const p = poolOf(slots, ip);
      const text = formatIp(ip.family, ip.value);
      if (!p) {
        add(errors, svc, problem('M11', field, text, `an address inside a pool of the app (${pools.map(x => x.name).join(', ') || 'there is none'}); MetalLB leaves the Service pending`));
        return;
      }
      if (b.pool && p !== b.pool) {
        add(errors, svc, problem('M11', field, text, `an address of pool "${b.pool.name}", which the Service asks for (the address is in pool "${p.name}")`));
        return;
      }
      const fam = ip.family === 4 ? 'IPv4' : 'IPv6';
      if (families.length && !families.includes(fam)) {
        add(errors, svc, problem('M11', field, text, `an address of the Service's families (${families.join(', ')})`));
      }
      const key = text;
      let users = byIp.get(key);
      if (!users) byIp.set(key, users = []);
      users.push(b);
      let d = demand.get(p);
      if (!d) demand.set(p, d = new Map());
      if (!d.has(key)) d.set(key, { svc, family: ip.family });
    });
    if (b.ips.length > 0) continue;
    // M12/M14: where an address without a request comes from
    const wanted = v.dualStack ? [4, 6] : [families[0] === 'IPv6' ? 6 : 4];
    if (b.pool) {
      const fams = familiesOf(b.pool);
      if (v.dualStack && !(fams.has(4) && fams.has(6))) {
        add(errors, svc, problem('M14', 'metalLb.pool', b.pool.name, 'a pool holding both IPv4 and IPv6 addresses: the Service is dual-stack'));
      } else if (!accepts(b.pool, v)) {
        add(errors, svc, problem('M12', 'metalLb.pool', b.pool.name, 'a pool whose serviceAllocation accepts the Service (namespace or labels)'));
      }
      let d = demand.get(b.pool);
      if (!d) demand.set(b.pool, d = new Map());
      const key = b.sharingKey !== undefined ? `key:${b.sharingKey}` : `svc:${index}`;
      for (const f of wanted) if (!d.has(`${key}/${f}`)) d.set(`${key}/${f}`, { svc, family: f });
      continue;
    }
    // pools without a serviceAllocation accept every Service: scan the restricted ones only when
    // there are none, so that S Services cost O(S), not O(S x P)
    const auto = autoOpen.length > 0 ? autoOpen : autoRestricted.filter(p => accepts(p, v));
    if (auto.length === 0) {
      add(errors, svc, problem('M12', 'metalLb', 'no pool and no address', `a pool or an address: every pool of the app has autoAssign false or does not accept the Service, so MetalLB leaves it pending (pools: ${pools.map(p => `${p.name}${p.autoAssign ? '' : ' (autoAssign false)'}`).join(', ')})`));
      continue;
    }
    if (v.dualStack && !(auto === autoOpen ? autoOpenDual : auto.some(p => familiesOf(p).has(4) && familiesOf(p).has(6)))) {
      add(errors, svc, problem('M14', 'spec.ipFamilies', families, 'a pool holding both IPv4 and IPv6 addresses that can auto-assign to it: the Service is dual-stack'));
      continue;
    }
    for (const f of wanted) autoDemand.push({ b, family: f, index });
  }

  // M13: Services sharing an address
  for (const [ip, users] of byIp) {
    if (users.length < 2) continue;
    const first = users[0];
    const v0 = viewOf(first);
    const seen = new Map<string, IConstruct>();
    for (const p of v0.ports) seen.set(`${p.protocol}/${p.port}`, first.construct);
    for (const u of users.slice(1)) {
      const v = viewOf(u);
      if (!first.sharingKey || u.sharingKey !== first.sharingKey) {
        add(errors, u.construct, problem('M13', 'metalLb.allowSharedIp', u.sharingKey ?? '', `the same non-empty sharing key as ${pathOf(first.construct)} (${JSON.stringify(first.sharingKey ?? '')}): both ask for ${ip}`));
        continue;
      }
      for (const p of v.ports) {
        const k = `${p.protocol}/${p.port}`;
        const other = seen.get(k);
        if (other && other !== u.construct) add(errors, u.construct, problem('M13', 'spec.ports', k, `a (protocol, port) not used by ${pathOf(other)}, which shares ${ip}`));
        else seen.set(k, u.construct);
      }
      const local = v.externalTrafficPolicyLocal || v0.externalTrafficPolicyLocal;
      if (local && JSON.stringify(sorted(v.selector)) !== JSON.stringify(sorted(v0.selector))) {
        add(errors, u.construct, problem('M13', 'spec.selector', v.selector, `the selector of ${pathOf(first.construct)} (${JSON.stringify(v0.selector)}): Services sharing ${ip} with externalTrafficPolicy Local must select the same pods`));
      }
    }
  }

  // M15: capacity of each pool, then of the auto-assign pools together
  const free = new Map<PoolRecord, Map<number, bigint>>();
  for (const p of pools) {
    const byFam = new Map<number, bigint>();
    for (const r of p.ranges) byFam.set(r.family, (byFam.get(r.family) ?? 0n) + usableCount(r, p.avoidBuggyIps));
    free.set(p, byFam);
  }
  for (const [p, d] of demand) {
    const byFam = free.get(p)!;
    const need = new Map<number, IConstruct[]>();
    for (const { svc, family } of d.values()) {
      let l = need.get(family);
      if (!l) need.set(family, l = []);
      l.push(svc);
    }
    for (const [fam, svcs] of need) {
      const cap = byFam.get(fam) ?? 0n;
      if (BigInt(svcs.length) > cap) {
        add(errors, svcs[Number(cap)], problem('M15', 'metalLb.pool', p.name, `a pool with a free IPv${fam} address: pool "${p.name}" has ${cap} usable IPv${fam} address(es)${p.avoidBuggyIps ? ' (avoidBuggyIps skips .0 and .255)' : ''} and ${svcs.length} Services draw from it`));
      }
      byFam.set(fam, cap > BigInt(svcs.length) ? cap - BigInt(svcs.length) : 0n);
    }
  }
  const autoByFam = new Map<number, Array<{ b: ServiceRecord; index: number }>>();
  for (const d of autoDemand) {
    let l = autoByFam.get(d.family);
    if (!l) autoByFam.set(d.family, l = []);
    l.push(d);
  }
  for (const [fam, list] of autoByFam) {
    const autoPools = pools.filter(p => p.autoAssign);
    let cap = 0n;
    for (const p of autoPools) cap += free.get(p)!.get(fam) ?? 0n;
    // Services with one sharing key may share one address
    const keys = new Set<string>();
    const needing: IConstruct[] = [];
    for (const { b, index } of list) {
      const k = b.sharingKey !== undefined ? `key:${b.sharingKey}` : `svc:${index}`;
      if (!keys.has(k)) {
        keys.add(k);
        needing.push(b.construct);
      }
    }
    if (BigInt(needing.length) > cap) {
      add(errors, needing[Number(cap)], problem('M15', 'metalLb', 'an automatic address', `a free IPv${fam} address: the auto-assign pools (${autoPools.map(p => p.name).join(', ')}) have ${cap} usable IPv${fam} address(es) left and ${needing.length} Services draw from them`));
    }
  }
}

function sorted(o: Record<string, string>): Array<[string, string]> {
  return Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** M16: one legacy ConfigMap per MetalLB namespace in the whole app. */
function checkLegacyConfigMaps(registry: AppRegistry, installations: readonly InstallationRecord[], errors: Errors): void {
  const legacy = installations.filter(i => i.version.legacy && i.legacyConfig);
  if (legacy.length === 0) return;
  const ours = new Set<ApiObject>(legacy.map(i => i.legacyConfig!));
  const seen = new Map<string, IConstruct>();
  for (const i of legacy) {
    const owner = (i.pools[0] ?? i.peers[0] ?? i.communities[0] ?? i.bfdProfiles[0])!.construct;
    const other = seen.get(i.namespace);
    if (other) {
      add(errors, owner, problem('M16', 'ConfigMap', `${i.namespace}/config`, `one legacy MetalLB ConfigMap per namespace: ${pathOf(other)} writes ${i.namespace}/config too, and the later one overwrites the earlier (a pool silently disappears)`));
    } else {
      seen.set(i.namespace, owner);
    }
  }
  for (const c of registry.root.node.findAll()) {
    if (!ApiObject.isApiObject(c) || ours.has(c)) continue;
    if (c.kind === 'ConfigMap' && c.name === 'config' && seen.has(c.metadata.namespace ?? 'default')) {
      const owner = seen.get(c.metadata.namespace ?? 'default')!;
      add(errors, owner, problem('M16', 'ConfigMap', `${c.metadata.namespace}/config`, `one legacy MetalLB ConfigMap: ${pathOf(c)} writes another ConfigMap ${c.metadata.namespace}/config, and one overwrites the other`));
    }
  }
}
