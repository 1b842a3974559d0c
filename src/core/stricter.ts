// Where the library is knowingly stricter than kube-apiserver, and why. The one list: the docs
// (docs/rules.md) name these, and the end-to-end differential test (e2e/) uses it to explain a
// disagreement with a real API server (library refuses, server accepts). Anything else the two
// disagree on is a bug.

/** A rule the library enforces beyond kube-apiserver. */
export interface StricterRule {
  /** a short id */
  readonly id: string;
  /** the library rule that refuses the input */
  readonly rule: string;
  /** what the library refuses that the server accepts */
  readonly what: string;
  /** why */
  readonly why: string;
  /** matches the library's error message for such an input */
  readonly message: RegExp;
}

export const STRICTER_THAN_SERVER: readonly StricterRule[] = [
  {
    id: 'externalname-ip',
    rule: 'S4',
    what: 'an externalName that is an IPv4 address',
    why: 'the server accepts it as a DNS name, but DNS never resolves a CNAME to an IP: the Service can never work',
    message: /S4 spec\.externalName: got "[^"]*"; expected a DNS name, not an IP address/,
  },
  {
    id: 'ipv4-leading-zeros',
    rule: 'S12/S14/S17',
    what: 'IPv4 addresses with leading zeros (010.1.1.1)',
    why: 'Kubernetes 1.28 reads them as decimal, other tools (and newer Kubernetes with strict IP validation) as octal or not at all',
    message: /got "(?:[^"]*[^0-9])?0[0-9][^"]*"; expected (?:a valid IPv4 or IPv6 address|an IPv4 or IPv6 address|a CIDR)/,
  },
  {
    id: 'target-port-zero',
    rule: 'S8',
    what: 'targetPort 0',
    why: 'the server silently replaces it with the Service port; writing 0 is a mistake the library points out',
    message: /S8 spec\.ports\[\d+\]\.targetPort: got 0;/,
  },
  {
    id: 'externalname-ports',
    rule: 'S4',
    what: 'ports on an ExternalName Service',
    why: 'the server accepts and ignores them: an ExternalName Service is a DNS CNAME, nothing listens on its ports',
    message: /S4 spec\.ports: got .*; expected no ports on an ExternalName Service/,
  },
  {
    id: 'externalname-selector',
    rule: 'S4',
    what: 'a selector on an ExternalName Service',
    why: 'the server accepts and ignores it: an ExternalName Service has no endpoints',
    message: /S4 spec\.selector: got .*; expected no (selector|backend) on an ExternalName Service/,
  },
];

/** The stricter rule that explains a library error, if any. */
export function explainStricter(libraryError: string): StricterRule | undefined {
  return STRICTER_THAN_SERVER.find(r => r.message.test(libraryError));
}
