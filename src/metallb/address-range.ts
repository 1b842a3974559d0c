// Pool address entries (CIDR, start-end range, single IP) as real ranges, with BigInt arithmetic.
/* eslint-disable no-bitwise */ // BigInt shifts are the address arithmetic
import { formatIp, IpFamilyNumber, parseCidr, parseIp } from '../core/ip';

/** @internal */
export interface AddressRange {
  readonly family: IpFamilyNumber;
  readonly first: bigint;
  readonly last: bigint;
  /** the entry as the user wrote it */
  readonly text: string;
  /** the prefix length when the entry is a CIDR */
  readonly prefix?: number;
}

/**
 * Parses one pool entry as MetalLB's ParseCIDR does (internal/config/config.go, the same in v0.12.1,
 * v0.15.2 and v0.16.2), or returns why it is not one. An entry without `-` goes to Go's
 * net.ParseCIDR whole: a bare IP and any space are refused. A range is split at its first `-` and
 * each side trimmed of spaces. @internal
 */
export function parseAddressEntry(text: string): AddressRange | string {
  const dash = text.indexOf('-');
  if (dash < 0) {
    const c = parseCidr(text);
    if (c) return { family: c.family, first: c.first, last: c.last, text, prefix: c.prefix };
    if (text.trim() !== text && parseCidr(text.trim())) return 'a CIDR without spaces around it: MetalLB parses a CIDR entry as it is written';
    const ip = parseIp(text.trim());
    if (ip) return `a CIDR or a range: MetalLB refuses a bare IP (write ${ip.text}/${ip.family === 4 ? 32 : 128} for one address)`;
    return 'a CIDR (10.0.0.0/24) or a range (10.0.0.10-10.0.0.20)';
  }
  const a = parseIp(text.slice(0, dash).trim());
  const b = parseIp(text.slice(dash + 1).trim());
  if (!a || !b) return 'a CIDR (10.0.0.0/24) or a range of two IPs (10.0.0.10-10.0.0.20)';
  if (a.family !== b.family) return 'a range whose two ends are of one family';
  if (a.value > b.value) return 'a range whose start is not after its end';
  return { family: a.family, first: a.value, last: b.value, text };
}

/** The smallest list of CIDRs covering a range exactly (as MetalLB turns ranges into CIDRs). @internal */
export function rangeToCidrs(r: AddressRange): Array<{ first: bigint; prefix: number }> {
  const bits = r.family === 4 ? 32 : 128;
  const out: Array<{ first: bigint; prefix: number }> = [];
  let cur = r.first;
  while (cur <= r.last) {
    let size = 0;
    // grow the block while it stays aligned and inside the range
    while (size < bits) {
      const next = size + 1;
      const mask = (1n << BigInt(next)) - 1n;
      if ((cur & mask) !== 0n || cur + mask > r.last) break;
      size = next;
    }
    out.push({ first: cur, prefix: bits - size });
    cur += 1n << BigInt(size);
  }
  return out;
}

/**
 * How many addresses of a range MetalLB hands out: with avoidBuggyIPs, IPv4 addresses ending in
 * .0 or .255 are skipped. @internal
 */
export function usableCount(r: AddressRange, avoidBuggyIps: boolean): bigint {
  const total = r.last - r.first + 1n;
  if (!avoidBuggyIps || r.family !== 4) return total;
  // count addresses whose last octet is 0 or 255 within [first, last]
  const countEnding = (octet: bigint): bigint => {
    const upTo = (x: bigint): bigint => (x < octet ? 0n : (x - octet) / 256n + 1n);
    return upTo(r.last) - (r.first === 0n ? 0n : upTo(r.first - 1n));
  };
  return total - countEnding(0n) - countEnding(255n);
}

/** Renders a range for messages. @internal */
export function showRange(r: AddressRange): string {
  return r.first === r.last ? formatIp(r.family, r.first) : `${formatIp(r.family, r.first)}-${formatIp(r.family, r.last)}`;
}
