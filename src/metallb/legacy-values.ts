// Values of the legacy MetalLB configuration: address entries, Go durations, BGP communities and
// object names, with the migration's messages.
import { AddressRange, parseAddressEntry, rangeToCidrs } from './address-range';
import { communityProblem } from './community';
import { goDuration } from './duration';
import { parseIp } from '../core/ip';

// ---------------------------------------------------------------------------
// pool address entries (parsed by parseAddressEntry; messages in the migration's own wording)

export interface ParsedAddress extends AddressRange {
  /** The entry as written to the IPAddressPool. */
  readonly output: string;
  /** Shortest prefix length among the CIDRs covering the entry (what MetalLB checks aggregation lengths against). */
  readonly lowestMask: number;
}

export const IPV4_MAPPED = 'IPv4-mapped IPv6 addresses are ambiguous in MetalLB; write the plain IPv4 address';

/** parseIp reads an IPv4-mapped IPv6 address as IPv4; the migration rejects them. */
export function isIpv4Mapped(s: string): boolean {
  return s.includes(':') && parseIp(s)?.family === 4;
}

/** Parses one pool address entry, returning the parsed entry or the reason it is invalid. */
export function parseAddress(text: string): ParsedAddress | string {
  const dash = text.indexOf('-');
  const ends = dash < 0 ? [text.split('/')[0]] : [text.slice(0, dash).trim(), text.slice(dash + 1).trim()];
  if (ends.some(isIpv4Mapped)) return IPV4_MAPPED;
  // parseAddressEntry trims the entry; MetalLB (Go's ParseCIDR) trims only the ends of a range
  // (a single IP, which parseAddressEntry refuses as MetalLB's ParseCIDR does, is read as its /32 or /128)
  const single = dash < 0 && !text.includes('/');
  const singleIp = single ? parseIp(text) : undefined;
  const asWritten = singleIp ? `${text}/${singleIp.family === 4 ? 32 : 128}` : text;
  const r = dash >= 0 || text === text.trim() ? parseAddressEntry(asWritten) : undefined;
  if (r === undefined || typeof r === 'string') return addressProblem(text);
  const output = asWritten;
  return { ...r, text, output, lowestMask: Math.min(...rangeToCidrs(r).map((c) => c.prefix)) };
}

/**
 * Why an entry that parseAddressEntry rejected is invalid, naming the faulty part (parseAddressEntry
 * only says what was expected).
 */
export function addressProblem(text: string): string {
  const dash = text.indexOf('-');
  if (dash < 0) {
    const slash = text.indexOf('/');
    const ipText = slash < 0 ? text : text.slice(0, slash);
    const ip = parseIp(ipText);
    if (!ip || slash < 0) return `"${ipText}" is not a valid IP address (expected a CIDR, a start-end range or a single IP)`;
    return `invalid prefix length "${text.slice(slash)}" (expected 0..${ip.family === 4 ? 32 : 128} for IPv${ip.family})`;
  }
  const startText = text.slice(0, dash).trim();
  const endText = text.slice(dash + 1).trim();
  const start = parseIp(startText);
  if (!start) return `start "${startText}" is not a valid IP address`;
  const end = parseIp(endText);
  if (!end) return `end "${endText}" is not a valid IP address`;
  if (start.family !== end.family) return `start is IPv${start.family} but end is IPv${end.family}`;
  return 'start is after end';
}

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

/** goDuration, also for the negative hold times (already reported as problems) that can appear in messages. */
export function durationText(seconds: number): string {
  return seconds < 0 ? `-${goDuration(-seconds)}` : goDuration(seconds);
}

// ---------------------------------------------------------------------------
// BGP communities

/**
 * Why `c` is not a BGP community value, or undefined. communityProblem decides (without aliases:
 * names are resolved against bgp-communities before this is called); the message says which part is wrong.
 */
export function communityError(c: string): string | undefined {
  if (communityProblem(c, false) === undefined) return undefined;
  const parts = c.split(':').length;
  if (c.startsWith('large:')) {
    return parts === 4 ? 'each part of a large community is a 32-bit unsigned integer (0..4294967295)'
      : 'a large community is large:<global admin>:<local data 1>:<local data 2>';
  }
  return parts === 2 ? 'each half of a community is a 16-bit unsigned integer (0..65535)'
    : 'not a community name defined in bgp-communities, nor a community value <0..65535>:<0..65535> or large:<a>:<b>:<c>';
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
