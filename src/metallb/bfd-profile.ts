import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import type { MetalLbInstallation } from './installation';
import { MetalLb } from './metallb';
import { fail, problem } from '../core/errors';
import { checkKeys, KeysOf } from '../core/keys';
import { dns1123Subdomain } from '../core/syntax';

/** MetalLB's limits for the BFD settings (its BFDProfile CRD), shared with the legacy converter. @internal */
export const BFD_LIMITS = {
  receiveInterval: [10, 60000],
  transmitInterval: [10, 60000],
  echoInterval: [10, 60000],
  detectMultiplier: [2, 255],
  minimumTtl: [1, 254],
} as const;

/**
 * Properties of a BFD profile (MetalLB 0.10+, FRR mode).
 */
export interface MetalLbBfdProfileProps {
  /**
   * The profile name.
   *
   * @default - the construct id
   */
  readonly name?: string;
  /**
   * Minimum interval this system can receive control packets, in milliseconds (10-60000).
   * @default 300
   */
  readonly receiveInterval?: number;
  /**
   * Minimum transmission interval, in milliseconds (10-60000).
   * @default 300
   */
  readonly transmitInterval?: number;
  /**
   * Detection multiplier (2-255).
   * @default 3
   */
  readonly detectMultiplier?: number;
  /**
   * Echo interval, in milliseconds (10-60000).
   * @default 50
   */
  readonly echoInterval?: number;
  /**
   * Echo mode.
   * @default false
   */
  readonly echoMode?: boolean;
  /**
   * Passive mode: wait for the peer's control packets.
   * @default false
   */
  readonly passiveMode?: boolean;
  /**
   * Minimum TTL of incoming control packets, for multi-hop sessions (1-254).
   * @default 254
   */
  readonly minimumTtl?: number;
}

/**
 * A BFD profile for BGP peers (a `BFDProfile`, or an entry of `bfd-profiles` in the legacy ConfigMap).
 */
export class MetalLbBfdProfile extends Construct {
  /** The profile name. */
  public readonly profileName: string;
  /** The settings. */
  public readonly settings: MetalLbBfdProfileProps;
  /** The ApiObject (undefined before MetalLB 0.13). */
  public readonly apiObject?: ApiObject;
  /** @internal */
  public readonly _installation: MetalLbInstallation;

  public constructor(scope: Construct, id: string, props: MetalLbBfdProfileProps = {}) {
    super(scope, id);
    checkKeys(this, 'props', 'MetalLbBfdProfileProps', props, PROPS_KEYS);
    this.profileName = props.name ?? id;
    const range = (field: keyof MetalLbBfdProfileProps, min: number, max: number) => {
      const v = props[field] as number | undefined;
      if (v !== undefined && (!Number.isInteger(v) || v < min || v > max)) fail(this, problem('M8', field, v, `an integer from ${min} to ${max}`));
    };
    for (const [field, [min, max]] of Object.entries(BFD_LIMITS)) range(field as keyof MetalLbBfdProfileProps, min, max);
    this.settings = { ...props, name: this.profileName };
    const inst = MetalLb._of(this);
    this._installation = inst;
    // an object name from 0.13; the legacy parser only wants one (v0.12.1 parseBFDProfile: "missing bfd profile name")
    const bad = inst.version.legacy ? (this.profileName.length ? undefined : 'a non-empty name') : dns1123Subdomain(this.profileName);
    if (bad) fail(this, problem('M3', 'name', this.profileName, `a valid object name: ${bad}`));
    inst.require(this, 'bfd', 'BFD profile');
    inst.add('bfdProfiles', {
      construct: this,
      installation: inst.record,
      name: this.profileName,
      receiveInterval: props.receiveInterval,
      transmitInterval: props.transmitInterval,
      detectMultiplier: props.detectMultiplier,
      echoInterval: props.echoInterval,
      echoMode: props.echoMode,
      passiveMode: props.passiveMode,
      minimumTtl: props.minimumTtl,
    });
    if (!inst.version.legacy) {
      const K = MetalLb._crds();
      this.apiObject = inst.resource(this, K.BfdProfile.GVK, this.profileName, () => K.toJson_BfdProfileSpec({
        receiveInterval: props.receiveInterval,
        transmitInterval: props.transmitInterval,
        detectMultiplier: props.detectMultiplier,
        echoInterval: props.echoInterval,
        echoMode: props.echoMode,
        passiveMode: props.passiveMode,
        minimumTtl: props.minimumTtl,
      }));
    }
  }
}

const PROPS_KEYS: KeysOf<MetalLbBfdProfileProps> = {
  detectMultiplier: true,
  echoInterval: true,
  echoMode: true,
  minimumTtl: true,
  name: true,
  passiveMode: true,
  receiveInterval: true,
  transmitInterval: true,
};
