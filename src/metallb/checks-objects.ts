// App-wide checks of MetalLB objects against each other (names per kind, community aliases, BFD
// echo on IPv6, legacy duplicate advertisements, BFD profile references) and the rule for what
// MetalLB accepts but is likely a mistake: a warning, an error only where the app asks (strict).
// Each check names where MetalLB enforces it; docs/rules.md lists them. Reads only model.ts records.
import { IConstruct } from 'constructs';
import { legacyBgpAdvertisements, selects } from './legacy-config';
import { AdvertisementRecord, InstallationRecord, PeerRecord, PoolRecord } from './model';
import { pathOf, problem, warn } from '../core/errors';

/** Records a problem of a construct. @internal */
export type AddProblem = (c: IConstruct, message: string) => void;

/**
 * What MetalLB accepts is not an error: a warning, or an error when the installation is strict
 * (`MetalLb.configure(scope, { strict: true })`). @internal
 */
export function soft(inst: InstallationRecord, add: AddProblem, c: IConstruct, message: string): void {
  if (inst.strict) add(c, message);
  else warn(c, `${message} (MetalLB accepts this; MetalLb.configure(..., { strict: true }) makes it an error)`);
}

/** The checks of this file, for one installation. @internal */
export function checkObjects(inst: InstallationRecord, poolsOf: (a: AdvertisementRecord) => readonly PoolRecord[], add: AddProblem): void {
  checkNames(inst, add);
  checkCommunityAliases(inst, add);
  checkBfdReferences(inst, add);
  checkBfdEchoOnIpv6(inst, poolsOf, add);
  checkLegacyDuplicateAdvertisements(inst, add);
  checkLocalPreferences(inst, poolsOf, add);
}

/**
 * M3: one object name per kind. In the cluster a second object of a kind and name replaces the
 * first (kubectl apply), so MetalLB would never see one of them. Before 0.13 peers,
 * advertisements and communities have no names in the ConfigMap; BFD profile names must be
 * unique there too (v0.12.1 internal/config/config.go Parse: "found duplicate bfd profile name").
 */
function checkNames(inst: InstallationRecord, add: AddProblem): void {
  const legacy = inst.version.legacy;
  const kinds: Array<[string, ReadonlyArray<{ name: string; construct: IConstruct }>]> = [['BFD profile', inst.bfdProfiles]];
  if (!legacy) {
    kinds.push(
      ['BGP peer', inst.peers],
      ['community', inst.communities],
      ['Layer2 advertisement', inst.advertisements.filter(a => a.mode === 'layer2')],
      ['BGP advertisement', inst.advertisements.filter(a => a.mode === 'bgp')],
    );
  }
  for (const [kind, list] of kinds) {
    const seen = new Map<string, IConstruct>();
    for (const o of list) {
      const first = seen.get(o.name);
      if (first) add(o.construct, problem('M3', 'name', o.name, `a ${kind} name not used by another ${kind} (${pathOf(first)} has it): the second object would replace the first`));
      else seen.set(o.name, o.construct);
    }
  }
}

/**
 * M7: a community alias is defined once across all Community objects (v0.13.5-v0.16.2
 * internal/config/config.go communitiesFromCrs: "duplicate definition of community"). Before 0.13
 * the aliases are one map (`bgp-communities`): a second definition would silently replace the first.
 */
function checkCommunityAliases(inst: InstallationRecord, add: AddProblem): void {
  const seen = new Map<string, IConstruct>();
  for (const c of inst.communities) {
    for (const alias of Object.keys(c.communities)) {
      const first = seen.get(alias);
      if (first) add(c.construct, problem('M7', `communities[${JSON.stringify(alias)}]`, alias, `an alias not defined by another community object (${pathOf(first)} defines it): MetalLB refuses a duplicate community alias`));
      else seen.set(alias, c.construct);
    }
  }
}

/**
 * M8: a peer's BFD profile exists. Before 0.13 MetalLB refuses the ConfigMap (v0.12.1
 * internal/config/config.go Parse: "peer #%d referencing non existing bfd profile"); from 0.13 it
 * is a TransientError (v0.15.2 config.go peersFor) the webhook ignores and the controller retries,
 * so a profile defined outside the app is a warning.
 */
function checkBfdReferences(inst: InstallationRecord, add: AddProblem): void {
  const profiles = new Set(inst.bfdProfiles.map(b => b.name));
  for (const p of inst.peers) {
    if (p.bfdProfile === undefined || profiles.has(p.bfdProfile)) continue;
    const message = problem('M8', 'bfdProfileName', p.bfdProfile, `the name of a BFD profile (defined: ${[...profiles].join(', ') || 'none'})`);
    if (inst.version.legacy) add(p.construct, message);
    else soft(inst, add, p.construct, `${message}; MetalLB waits until a profile of that name exists`);
  }
}

/**
 * M18: no BGP advertisement of a pool holding IPv6 addresses reaches a peer whose BFD profile has
 * echo mode (v0.15.2 and v0.16.2 internal/config/validation.go validateConfig, called by For;
 * not in v0.13.5 nor in v0.12.1's parser, so the library applies it from 0.13.6 on).
 */
function checkBfdEchoOnIpv6(inst: InstallationRecord, poolsOf: (a: AdvertisementRecord) => readonly PoolRecord[], add: AddProblem): void {
  if (inst.version.legacy || !inst.version.atLeast('0.13.6')) return;
  const echo = new Set(inst.bfdProfiles.filter(b => b.echoMode).map(b => b.name));
  if (echo.size === 0) return;
  const byName = new Map<string, PeerRecord>(inst.peers.map(p => [p.name, p]));
  for (const a of inst.advertisements) {
    if (a.mode !== 'bgp') continue;
    const v6 = poolsOf(a).find(p => p.ranges.some(r => r.family === 6));
    if (!v6) continue;
    const peers = a.peers.length ? a.peers.map(n => byName.get(n)).filter((p): p is PeerRecord => p !== undefined) : inst.peers;
    const bad = peers.find(p => p.bfdProfile !== undefined && echo.has(p.bfdProfile));
    if (bad) {
      add(a.construct, problem('M18', a.peers.length ? 'peers' : 'peers (every peer)', bad.name,
        `no peer whose BFD profile has echo mode: pool "${v6.name}" holds IPv6 addresses and peer "${bad.name}" uses BFD profile "${bad.bfdProfile}" with echoMode, which MetalLB refuses ("bfd echo enabled, which is not possible")`));
    }
  }
}

/**
 * M7: before 0.13, two identical entries of a pool's bgp-advertisements are refused (v0.12.1
 * internal/config/config.go validateDuplicateAdvertisements: "duplicate definition of bgpadvertisements").
 */
function checkLegacyDuplicateAdvertisements(inst: InstallationRecord, add: AddProblem): void {
  if (!inst.version.legacy) return;
  for (const p of inst.pools) {
    const entries = legacyBgpAdvertisements(inst.advertisements.filter(a => a.mode === 'bgp' && selects(a, p)));
    const seen = new Map<string, AdvertisementRecord>();
    for (const { entry, from } of entries) {
      const key = JSON.stringify(entry);
      const first = seen.get(key);
      if (first) {
        add(from.construct, problem('M7', 'bgp advertisement', entry, `settings that differ from ${pathOf(first.construct)}: both write the same entry of pool "${p.name}" in the legacy ConfigMap, and MetalLB ${inst.version} refuses duplicate bgp-advertisements`));
      } else {
        seen.set(key, from);
      }
    }
  }
}

/**
 * M7: two BGP advertisements of a pool with different local preferences must announce different
 * BGP updates (v0.15.2 internal/config/config.go validateBGPAdvPerPool, advertisementsAreCompatible
 * and isAggrLengthDifferent; RN 0.13.10 "Local Preference validation across multiple
 * advertisements", made less strict in 0.15.0 #2693, which is the form checked here): different
 * aggregation lengths for the pool's families, disjoint peer lists, or nodes in common. The
 * library does not know the cluster's nodes: advertisements whose node selectors differ are not
 * compared.
 */
function checkLocalPreferences(inst: InstallationRecord, poolsOf: (a: AdvertisementRecord) => readonly PoolRecord[], add: AddProblem): void {
  if (inst.version.legacy || !inst.version.atLeast('0.13.10')) return;
  const bgp = inst.advertisements.filter(a => a.mode === 'bgp');
  for (const pool of inst.pools) {
    const hasV4 = pool.ranges.some(r => r.family === 4);
    const hasV6 = pool.ranges.some(r => r.family === 6);
    const advs = bgp.filter(a => poolsOf(a).includes(pool));
    for (let j = 1; j < advs.length; j++) {
      for (let i = 0; i < j; i++) {
        const [a, b] = [advs[i], advs[j]];
        if ((a.localPref ?? 0) === (b.localPref ?? 0)) continue;
        const v4Differs = (a.aggregationLength ?? 32) !== (b.aggregationLength ?? 32);
        const v6Differs = (a.aggregationLengthV6 ?? 128) !== (b.aggregationLengthV6 ?? 128);
        if ((!hasV4 && !hasV6) || (v4Differs && !hasV6) || (v6Differs && !hasV4) || (v4Differs && v6Differs)) continue;
        if (a.peers.length && b.peers.length && !a.peers.some(n => b.peers.includes(n))) continue;
        if (JSON.stringify(a.nodeSelectors) !== JSON.stringify(b.nodeSelectors)) continue;
        add(b.construct, problem('M7', 'localPref', b.localPref ?? 0, `${a.localPref ?? 0}, the localPref of ${pathOf(a.construct)}: both announce pool "${pool.name}" with the same aggregation lengths to the same peers and nodes, and MetalLB refuses two local preferences for one BGP update`));
      }
    }
  }
}
