// Name, label and port syntax, as kube-apiserver checks it (k8s.io/apimachinery/pkg/util/validation).
// Each function returns undefined when the value is valid, or what is allowed when it is not.

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const QUALIFIED_NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const IANA_SVC_NAME = /^[-a-z0-9]+$/;

/** A DNS-1123 label: at most 63 lowercase alphanumerics or '-', alphanumeric at both ends. */
export function dns1123Label(value: string): string | undefined {
  if (value.length > 63 || !DNS1123_LABEL.test(value)) {
    return 'a DNS-1123 label: at most 63 characters of [a-z0-9-], starting and ending with [a-z0-9]';
  }
  return undefined;
}

/** A DNS-1035 label: like DNS-1123 but starting with a letter. */
export function dns1035Label(value: string): string | undefined {
  if (value.length > 63 || !DNS1035_LABEL.test(value)) {
    return 'a DNS-1035 label: at most 63 characters of [a-z0-9-], starting with [a-z] and ending with [a-z0-9]';
  }
  return undefined;
}

/** A DNS-1123 subdomain: dot-separated DNS-1123 labels, at most 253 characters. */
export function dns1123Subdomain(value: string): string | undefined {
  const allowed = 'a lowercase DNS-1123 subdomain: dot-separated labels of [a-z0-9-], each starting and ending with [a-z0-9], at most 253 characters';
  if (value.length === 0 || value.length > 253) return allowed;
  for (const label of value.split('.')) {
    if (!DNS1123_LABEL.test(label)) return allowed;
  }
  return undefined;
}

/** A qualified name: `name` or `prefix/name`; prefix a DNS-1123 subdomain, name at most 63 of [A-Za-z0-9-_.]. */
export function qualifiedName(value: string): string | undefined {
  const allowed = 'a qualified name: "name" or "prefix/name", where name is at most 63 characters of [A-Za-z0-9-_.] starting and ending with an alphanumeric and prefix is a DNS-1123 subdomain';
  const parts = value.split('/');
  let name: string;
  if (parts.length === 1) {
    name = parts[0];
  } else if (parts.length === 2) {
    if (parts[0].length === 0 || dns1123Subdomain(parts[0])) return allowed;
    name = parts[1];
  } else {
    return allowed;
  }
  if (name.length === 0 || name.length > 63 || !QUALIFIED_NAME_PART.test(name)) return allowed;
  return undefined;
}

/** A label value: empty, or at most 63 of [A-Za-z0-9-_.] starting and ending with an alphanumeric. */
export function labelValue(value: string): string | undefined {
  if (value.length > 63 || !LABEL_VALUE.test(value)) {
    return 'a label value: empty, or at most 63 characters of [A-Za-z0-9-_.] starting and ending with an alphanumeric';
  }
  return undefined;
}

/** An IANA service name (a named port): 1-15 of [a-z0-9-], at least one letter, no leading, trailing or double '-'. */
export function ianaServiceName(value: string): string | undefined {
  if (value.length === 0 || value.length > 15 || !IANA_SVC_NAME.test(value) || !/[a-z]/.test(value)
    || value.startsWith('-') || value.endsWith('-') || value.includes('--')) {
    return 'an IANA service name: 1-15 characters of [a-z0-9-], at least one letter, no leading, trailing or double "-"';
  }
  return undefined;
}

/** A TCP/UDP/SCTP port number. */
export function portNumber(value: number): string | undefined {
  if (!Number.isInteger(value) || value < 1 || value > 65535) {
    return 'an integer from 1 to 65535';
  }
  return undefined;
}

// Go's unicode.IsSpace, which strings.TrimSpace trims: not the same set as JavaScript's trim()
// (Go trims U+0085 and not U+FEFF).
const GO_SPACE = '\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const GO_TRIM = new RegExp(`^[${GO_SPACE}]+|[${GO_SPACE}]+$`, 'g');

/** The value with leading and trailing white space removed as Go's strings.TrimSpace does. */
export function trimSpaceLikeGo(value: string): string {
  return value.replace(GO_TRIM, '');
}

/**
 * A generateName prefix as kube-apiserver validates it (ValidateObjectMeta with
 * NameIsDNS1035Label(prefix=true)): a trailing '-' is masked by replacing the last two
 * characters with 'a', and the result must be a DNS-1035 label.
 */
export function dns1035Prefix(value: string): string | undefined {
  const masked = value.length > 1 && value.endsWith('-') ? value.slice(0, -2) + 'a' : value;
  if (masked.length > 63 || !DNS1035_LABEL.test(masked)) {
    return 'a DNS-1035 prefix: a DNS-1035 label (at most 63 characters of [a-z0-9-], starting with [a-z]) that may end in "-"';
  }
  return undefined;
}
