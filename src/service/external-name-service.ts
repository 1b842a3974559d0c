import { Construct } from 'constructs';
import { ServiceType } from './enums';
import { ServiceBase, ServiceProps } from './service-base';
import { SERVICE_PROPS_KEYS } from './struct-keys';
import { ServiceSpecJson } from './wire';
import { fail, problem } from '../core/errors';
import { parseIp } from '../core/ip';
import { checkKeys, KeysOf } from '../core/keys';
import { dns1123Subdomain } from '../core/syntax';

/**
 * Properties of an ExternalName Service.
 */
export interface ExternalNameServiceProps extends ServiceProps {
  /**
   * The DNS name the Service's name resolves to (a CNAME): a lowercase DNS-1123 subdomain such as
   * `mingdao.com`, optionally with one trailing dot. Not an IP address, a URL or `host:port`.
   */
  readonly externalName: string;
}

/**
 * An ExternalName Service: cluster DNS answers the Service's name with a CNAME to another name.
 * No proxying, no ports, no selector, no cluster IP.
 */
export class ExternalNameService extends ServiceBase {
  /**
   * The name the Service resolves to.
   */
  public readonly externalName: string;

  public constructor(scope: Construct, id: string, props: ExternalNameServiceProps) {
    super(scope, id, ServiceType.EXTERNAL_NAME, props);
    checkKeys(this, 'props', 'ExternalNameServiceProps', props, PROPS_KEYS);
    const name = props.externalName;
    const why = externalNameProblem(name);
    if (why) fail(this, problem('S4', 'spec.externalName', name, why));
    this.externalName = name;
  }

  /** @internal */
  public _renderSpec(): ServiceSpecJson {
    return { type: ServiceType.EXTERNAL_NAME, externalName: this.externalName };
  }
}

function externalNameProblem(name: string | undefined): string | undefined {
  if (name === undefined || name === '' || name === '.') return 'a DNS name (externalName is required)';
  if (typeof name !== 'string') return 'a DNS name as a string';
  const bare = name.endsWith('.') ? name.slice(0, -1) : name;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(name)) return 'a bare DNS name, not a URL: drop the scheme and path';
  if (parseIp(bare) || parseIp(name)) return 'a DNS name, not an IP address: DNS never resolves a CNAME to an IP (stricter than kube-apiserver, which accepts an IPv4-looking name)';
  if (/:[0-9]+$/.test(bare)) return 'a DNS name without a port: a CNAME carries no port (put the port in the client)';
  if (bare.includes('_')) return 'a DNS name without "_" (hostnames cannot contain "_")';
  if (/[A-Z]/.test(bare)) return 'a lowercase DNS name (DNS-1123 subdomain)';
  return dns1123Subdomain(bare);
}

const PROPS_KEYS: KeysOf<ExternalNameServiceProps> = { ...SERVICE_PROPS_KEYS, externalName: true };
