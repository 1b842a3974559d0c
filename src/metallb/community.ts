import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import type { MetalLbInstallation } from './installation';
import { MetalLb } from './metallb';
import { fail, problem } from '../core/errors';
import { checkKeys, KeysOf } from '../core/keys';
import { dns1123Subdomain } from '../core/syntax';

/**
 * Properties of a set of BGP community aliases.
 */
export interface MetalLbCommunityProps {
  /**
   * The object name.
   *
   * @default - the construct id
   */
  readonly name?: string;

  /**
   * Alias name to community value (`no-export` to `65535:65281`, or `large:1:2:3`). BGP
   * advertisements may name an alias instead of the value.
   */
  readonly communities: { [alias: string]: string };
}

/**
 * BGP community aliases (a `Community` object, or `bgp-communities` in the legacy ConfigMap).
 */
export class MetalLbCommunity extends Construct {
  /** The object name. */
  public readonly communityName: string;
  /** Alias name to value. */
  public readonly communities: { [alias: string]: string };
  /** The ApiObject (undefined before MetalLB 0.13). */
  public readonly apiObject?: ApiObject;
  /** @internal */
  public readonly _installation: MetalLbInstallation;

  public constructor(scope: Construct, id: string, props: MetalLbCommunityProps) {
    super(scope, id);
    checkKeys(this, 'props', 'MetalLbCommunityProps', props, PROPS_KEYS);
    this.communityName = props.name ?? id;
    this.communities = { ...props.communities };
    const inst = MetalLb._of(this);
    for (const [alias, value] of Object.entries(this.communities)) {
      if (alias.length === 0 || communityProblem(alias, false) === undefined) {
        fail(this, problem('M7', 'communities alias', alias, 'a name that is not itself a community value'));
      }
      const v = communityProblem(value, false);
      if (v) fail(this, problem('M7', `communities[${JSON.stringify(alias)}]`, value, v));
    }
    this._installation = inst;
    // an object name from 0.13; the legacy ConfigMap has one bgp-communities map, no names
    const bad = inst.version.legacy ? undefined : dns1123Subdomain(this.communityName);
    if (bad) fail(this, problem('M3', 'name', this.communityName, `a valid object name: ${bad}`));
    for (const value of Object.values(this.communities)) if (value.startsWith('large:')) inst.require(this, 'largeCommunities', 'communities');
    inst.add('communities', { construct: this, installation: inst.record, name: this.communityName, communities: this.communities });
    if (!inst.version.legacy) {
      const K = MetalLb._crds();
      this.apiObject = inst.resource(this, K.Community.GVK, this.communityName, () => K.toJson_CommunitySpec({
        communities: Object.entries(this.communities).map(([name, value]) => ({ name, value })),
      }));
    }
  }
}

/**
 * Why a string is not a BGP community (`a:b` with 16-bit halves, or `large:a:b:c` with 32-bit
 * parts), or undefined. With `aliasAllowed`, any other name passes (checked app-wide). @internal
 */
export function communityProblem(value: string, aliasAllowed: boolean): string | undefined {
  const expected = 'a BGP community: "a:b" with a and b from 0 to 65535, or "large:a:b:c" with parts from 0 to 4294967295';
  const large = /^large:([0-9]+):([0-9]+):([0-9]+)$/.exec(value);
  if (large) return large.slice(1).every(p => Number(p) <= 4294967295) ? undefined : expected;
  const std = /^([0-9]+):([0-9]+)$/.exec(value);
  if (std) return std.slice(1).every(p => Number(p) <= 65535) ? undefined : expected;
  if (aliasAllowed && !value.includes(':') && value.length > 0) return undefined;
  return aliasAllowed ? `${expected}, or the name of a community alias` : expected;
}

const PROPS_KEYS: KeysOf<MetalLbCommunityProps> = {
  communities: true,
  name: true,
};
