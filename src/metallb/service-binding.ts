import { IConstruct } from 'constructs';
import type { MetalLbInstallation } from './installation';
import { MetalLb } from './metallb';
import { InstallationRecord, MetalLbServiceView, PoolRecord, poolRecordOf, ServiceRecord } from './model';
import type { MetalLbPool } from './pool';
import { fail, problem } from '../core/errors';
import { parseIp, ParsedIp } from '../core/ip';

/**
 * How a LoadBalancer Service gets its address from MetalLB. Written as MetalLB's annotations,
 * typed, so a misspelled annotation cannot happen.
 */
export interface MetalLbServiceOptions {
  /**
   * Draw the address from this pool (the `address-pool` annotation). The Service then belongs
   * to the pool's MetalLB installation (its version decides the annotations).
   *
   * @default - any pool with autoAssign that accepts the Service
   */
  readonly pool?: MetalLbPool;

  /**
   * Ask for these addresses, at most one per family (the `loadBalancerIPs` annotation; before
   * MetalLB 0.13, `spec.loadBalancerIP`, one address). Each must lie in a pool of the app (in
   * `pool` when given).
   *
   * @default - MetalLB picks a free address
   */
  readonly loadBalancerIps?: string[];

  /**
   * Share the address with the other Services that have the same key (the `allow-shared-ip`
   * annotation): they must not clash on (protocol, port), and with externalTrafficPolicy Local
   * they must select the same pods.
   *
   * @default - the address is not shared
   */
  readonly allowSharedIp?: string;
}

/** A LoadBalancer Service as MetalLB sees it. @internal */
export class MetalLbBinding implements ServiceRecord {
  public readonly installation: InstallationRecord;
  public readonly pool?: PoolRecord;
  public readonly ips: ParsedIp[];
  public readonly sharingKey?: string;
  /** the annotations to write */
  public readonly annotations: Record<string, string> = {};
  /** spec.loadBalancerIP to write (MetalLB before 0.13) */
  public readonly specLoadBalancerIp?: string;
  /** whether the user set spec.loadBalancerIP themselves (deprecated prop) */
  public readonly userSpecIp: boolean;
  public readonly construct: IConstruct;
  /** whether the Service was given MetalLB options */
  public readonly explicit: boolean;

  constructor(
    service: IConstruct,
    options: MetalLbServiceOptions | undefined,
    specLoadBalancerIp: string | undefined,
    public readonly view: () => MetalLbServiceView,
  ) {
    this.construct = service;
    this.explicit = options !== undefined;
    // a Service bound to a pool belongs to that pool's MetalLB; otherwise to its scope's
    const inst: MetalLbInstallation = options?.pool?._installation ?? MetalLb._of(service);
    this.installation = inst.record;
    if (options?.pool) {
      const r = poolRecordOf(options.pool);
      if (!r) fail(service, problem('M11', 'metalLb.pool', options.pool.node.path, 'a MetalLbPool'));
      this.pool = r;
    }
    this.userSpecIp = specLoadBalancerIp !== undefined;
    const v = inst.version;
    const prefix = v.annotationPrefix;
    if (this.pool) this.annotations[`${prefix}address-pool`] = this.pool.name;
    const ipsText = options?.loadBalancerIps ?? [];
    this.ips = ipsText.map((s, i) => {
      const ip = parseIp(s);
      if (!ip) fail(service, problem('M11', `metalLb.loadBalancerIps[${i}]`, s, 'an IPv4 or IPv6 address'));
      return ip;
    });
    if (this.ips.length > 2) fail(service, problem('M11', 'metalLb.loadBalancerIps', ipsText, 'at most two addresses, one per family'));
    if (this.ips.length === 2 && this.ips[0].family === this.ips[1].family) {
      fail(service, problem('M11', 'metalLb.loadBalancerIps', ipsText, 'at most one address per family'));
    }
    if (this.ips.length > 0 && specLoadBalancerIp !== undefined) {
      fail(service, problem('M11', 'loadBalancerIp', specLoadBalancerIp, 'not both spec.loadBalancerIP and metalLb.loadBalancerIps: MetalLB refuses a Service with both'));
    }
    if (this.ips.length > 0) {
      if (v.atLeast('0.13.0')) {
        this.annotations[`${prefix}loadBalancerIPs`] = ipsText.join(',');
      } else {
        if (this.ips.length > 1) fail(service, problem('M11', 'metalLb.loadBalancerIps', ipsText, `one address: MetalLB ${v} reads only spec.loadBalancerIP (the loadBalancerIPs annotation came with 0.13)`));
        this.specLoadBalancerIp = ipsText[0];
      }
    } else if (specLoadBalancerIp !== undefined) {
      const ip = parseIp(specLoadBalancerIp);
      if (!ip) fail(service, problem('M11', 'loadBalancerIp', specLoadBalancerIp, 'an IPv4 or IPv6 address'));
      this.ips = [ip];
    }
    if (options?.allowSharedIp !== undefined) {
      if (options.allowSharedIp.trim() === '') fail(service, problem('M13', 'metalLb.allowSharedIp', options.allowSharedIp, 'a non-empty sharing key'));
      this.sharingKey = options.allowSharedIp;
      this.annotations[`${prefix}allow-shared-ip`] = options.allowSharedIp;
    }
    inst.addService(this);
  }
}
