// Values of the legacy MetalLB configuration: Go durations and object names.
import { dns1123Subdomain } from '../core/syntax';

// ---------------------------------------------------------------------------
// durations (Go's time.ParseDuration; Duration.String is goDuration)

export const NS_PER_UNIT: Record<string, bigint> = {
  ns: 1n,
  us: 1000n,
  µs: 1000n, // U+00B5
  μs: 1000n, // U+03BC
  ms: 1000000n,
  s: 1000000000n,
  m: 60000000000n,
  h: 3600000000000n,
};
export const INT64_MAX = 9223372036854775807n;

/** Parses a Go duration, returning nanoseconds, or undefined if invalid. */
export function parseGoDuration(s: string): bigint | undefined {
  let rest = s;
  let negative = false;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    negative = rest[0] === '-';
    rest = rest.slice(1);
  }
  if (rest === '0') return 0n;
  if (rest === '') return undefined;
  let total = 0n;
  while (rest !== '') {
    const m = /^([0-9]*)(?:\.([0-9]*))?(ns|us|µs|μs|ms|s|m|h)/.exec(rest);
    if (!m || (m[1] === '' && (m[2] === undefined || m[2] === ''))) return undefined;
    const unit = NS_PER_UNIT[m[3]];
    let value = BigInt(m[1] === '' ? '0' : m[1]) * unit;
    if (m[2]) {
      value += (BigInt(m[2]) * unit) / 10n ** BigInt(m[2].length);
    }
    total += value;
    if (total > INT64_MAX) return undefined;
    rest = rest.slice(m[0].length);
  }
  return negative ? -total : total;
}

/** Truncates to whole seconds, like `time.Duration(int(d.Seconds())) * time.Second`. */
export function toWholeSeconds(ns: bigint): number {
  return Number(ns / 1000000000n);
}

// ---------------------------------------------------------------------------
// Kubernetes names and labels

/**
 * Turns a legacy name into a valid object name (DNS-1123 subdomain): lower case, invalid
 * characters replaced by '-', dots only between alphanumerics, at most 63 characters (as
 * MetalLB's converter truncates). Returns '' if nothing usable is left.
 */
export function sanitizeName(name: string): string {
  let s = name.toLowerCase().replace(/[^a-z0-9.-]/g, '-');
  s = s.replace(/[-.]*\.[-.]*/g, '.');
  s = s.replace(/^[^a-z0-9]+/, '').replace(/[^a-z0-9]+$/, '');
  s = s.slice(0, 63).replace(/[^a-z0-9]+$/, '');
  return s;
}

/** Names MetalLB's converter keeps (v0.15.2 configmaptocrs/main.go convertNamesToK8S). */
const METALLB_KEEPS = /^[a-z][-a-z0-9]{0,61}[a-z0-9]$/;

/**
 * The object name for a pool or BFD profile name of the legacy configuration: the name MetalLB's
 * converter gives it (v0.15.2 configmaptocrs/main.go convertNamesToK8S and formatToK8S: names
 * other than `^[a-z][-a-z0-9]{0,61}[a-z0-9]$` are cut to 63 characters, lowercased, `_` made `-`,
 * and start at their first letter) when that is a valid object name; else the name itself when
 * it is valid (the converter fails on a name without a letter); else `sanitizeName`. '' when
 * nothing usable is left.
 */
export function objectNameFor(name: string): string {
  if (METALLB_KEEPS.test(name)) return name;
  const cut = name.slice(0, 63).toLowerCase().replace(/_/g, '-');
  const first = cut.search(/[a-z]/);
  if (first >= 0 && !dns1123Subdomain(cut.slice(first))) return cut.slice(first);
  if (!dns1123Subdomain(name)) return name;
  return sanitizeName(name);
}
