// Where the library is knowingly stricter than kube-apiserver, and why. The one list: the docs
// (docs/rules.md) name these, and the end-to-end differential test (e2e/) uses it to explain a
// disagreement with a real API server (library refuses, server accepts). Anything else the two
// disagree on is a bug.
//
// An entry explains a refusal only by the rule the library refused with AND a predicate on the
// Service the user asked for (the `v1/Service` object as written), never by the error's text.
import { parseIp } from './ip';

/** The Service as the user wrote it: `{ metadata, spec }` of a `v1/Service` object. */
export interface ServiceInput {
  readonly metadata?: { readonly [key: string]: any };
  readonly spec?: { readonly [key: string]: any };
}

/** A rule the library enforces beyond kube-apiserver. */
export interface StricterRule {
  /** a short id */
  readonly id: string;
  /** the library rules that refuse the input */
  readonly rules: readonly string[];
  /** what the library refuses that the server accepts */
  readonly what: string;
  /** why */
  readonly why: string;
  /** holds for the inputs this entry is about */
  readonly applies: (service: ServiceInput) => boolean;
}

const DOTTED_QUAD = /^([0-9]+)\.([0-9]+)\.([0-9]+)\.([0-9]+)(?:\/[0-9]+)?$/;

/** an IPv4 address (or CIDR) in dotted-quad form with an octet written with a leading zero */
export function hasLeadingZeroOctet(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const m = DOTTED_QUAD.exec(value.trim());
  return !!m && m.slice(1, 5).some(octet => octet.length > 1 && octet.startsWith('0'));
}

/** every address the user gave a Service: cluster IPs, external IPs, source ranges, loadBalancerIP */
function addresses(spec: ServiceInput['spec']): unknown[] {
  if (!spec) return [];
  const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
  return [spec.clusterIP, ...list(spec.clusterIPs), ...list(spec.externalIPs), ...list(spec.loadBalancerSourceRanges), spec.loadBalancerIP];
}

const isExternalName = (s: ServiceInput): boolean => s.spec?.type === 'ExternalName';
const typeOf = (s: ServiceInput): string => s.spec?.type ?? 'ClusterIP';
const ports = (s: ServiceInput): any[] => (Array.isArray(s.spec?.ports) ? s.spec!.ports : []);

export const STRICTER_THAN_SERVER: readonly StricterRule[] = [
  {
    id: 'externalname-ip',
    rules: ['S4'],
    what: 'an externalName that is an IPv4 address',
    why: 'the server accepts it as a DNS name, but DNS never resolves a CNAME to an IP: the Service can never work',
    applies: s => isExternalName(s) && typeof s.spec?.externalName === 'string'
      && /^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+\.?$/.test(s.spec.externalName),
  },
  {
    id: 'ipv4-leading-zeros',
    rules: ['S12', 'S14', 'S17', 'S22', 'A3'],
    what: 'IPv4 addresses with leading zeros (010.1.1.1)',
    why: 'kube-apiserver reads them as decimal for compatibility, other tools as octal or not at all',
    applies: s => addresses(s.spec).some(hasLeadingZeroOctet),
  },
  {
    id: 'target-port-zero',
    rules: ['S8'],
    what: 'targetPort 0',
    why: 'the server silently replaces it with the Service port; writing 0 is a mistake the library points out',
    applies: s => ports(s).some(p => p?.targetPort === 0),
  },
  {
    id: 'externalname-ports',
    rules: ['S4'],
    what: 'ports on an ExternalName Service',
    why: 'the server accepts and ignores them: an ExternalName Service is a DNS CNAME, nothing listens on its ports',
    applies: s => isExternalName(s) && ports(s).length > 0,
  },
  {
    id: 'externalname-selector',
    rules: ['S4'],
    what: 'a selector on an ExternalName Service',
    why: 'the server accepts and ignores it: an ExternalName Service has no endpoints',
    applies: s => isExternalName(s) && !!s.spec?.selector && Object.keys(s.spec.selector).length > 0,
  },
  {
    id: 'externalname-unused-fields',
    rules: ['S4'],
    what: 'sessionAffinity, internalTrafficPolicy, externalIPs, publishNotReadyAddresses or trafficDistribution on an ExternalName Service',
    why: 'the server accepts and ignores them: nothing is proxied for an ExternalName Service, so the library fails instead of dropping them',
    applies: s => isExternalName(s)
      && ['sessionAffinity', 'internalTrafficPolicy', 'externalIPs', 'publishNotReadyAddresses', 'trafficDistribution'].some(k => s.spec?.[k] !== undefined),
  },
  {
    id: 'externalname-on-other-type',
    rules: ['S4'],
    what: 'an externalName on a ClusterIP, NodePort or LoadBalancer Service',
    why: 'the server accepts and ignores it; the library\'s classes for those types have no such prop, and one passed anyway fails instead of being dropped without a word',
    applies: s => !isExternalName(s) && s.spec?.externalName !== undefined,
  },
  {
    id: 'loadbalancerip-on-other-type',
    // S22 on ClusterIP and NodePort; an ExternalNameService has no such prop at all (K1, unknown key)
    rules: ['S22', 'K1'],
    what: 'a loadBalancerIP on a Service that is not a LoadBalancer',
    why: 'the server accepts and ignores it; only LoadBalancerService has the prop, and one passed to another type fails instead of being dropped without a word',
    applies: s => typeOf(s) !== 'LoadBalancer' && s.spec?.loadBalancerIP !== undefined,
  },
  {
    id: 'loadbalancerip-not-an-ip',
    rules: ['M11'],
    what: 'a loadBalancerIP that is not an IP address (including one with spaces around it)',
    why: 'kube-apiserver stores any string there; no load-balancer implementation can assign it, so the Service stays pending',
    applies: s => typeOf(s) === 'LoadBalancer' && typeof s.spec?.loadBalancerIP === 'string' && !parseIp(s.spec.loadBalancerIP),
  },
  {
    id: 'empty-means-default',
    rules: ['S7', 'S19', 'S20'],
    what: 'an empty protocol or externalTrafficPolicy, or healthCheckNodePort 0',
    why: 'the server reads an empty value as "not set" and fills in its default (TCP, Cluster, an allocated port); the library asks to leave the field out instead of writing a value that means nothing',
    applies: s => ports(s).some(p => p?.protocol === '') || s.spec?.externalTrafficPolicy === '' || s.spec?.healthCheckNodePort === 0,
  },
];

/** The stricter rule that explains the library refusing `service` with `rule`, if any. */
export function explainStricter(rule: string, service: ServiceInput): StricterRule | undefined {
  return STRICTER_THAN_SERVER.find(r => r.rules.includes(rule) && r.applies(service));
}
