/* eslint-disable no-bitwise */ // BigInt shifts and masks are the address arithmetic
// IP and CIDR parsing on top of ipaddr.js, with BigInt values for range arithmetic.
// Parsing is strict: IPv4 only in four-part decimal without leading zeros (kube-apiserver 1.28
// tolerates leading zeros, which some tools read as octal), IPv6 without a zone.
import type * as IpAddr from 'ipaddr.js';

// ipaddr.js is loaded when the first address is parsed, not when the library is required.
let ipaddrModule: typeof IpAddr | undefined;
function ipaddr(): typeof IpAddr {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return ipaddrModule ??= require('ipaddr.js') as typeof IpAddr;
}

export type IpFamilyNumber = 4 | 6;

export interface ParsedIp {
  readonly family: IpFamilyNumber;
  readonly value: bigint;
  readonly text: string;
}

export interface ParsedCidr {
  readonly family: IpFamilyNumber;
  readonly prefix: number;
  /** first address of the network */
  readonly first: bigint;
  /** last address of the network */
  readonly last: bigint;
  readonly text: string;
}

function toBigInt(bytes: number[]): bigint {
  let v = 0n;
  for (const b of bytes) v = (v << 8n) | BigInt(b);
  return v;
}

// Cheap shape tests first: ipaddr.js throws and catches internally on text that is not an
// address at all, which costs more than the parse itself (DNS names are checked for IP-ness).
const IPV4_SHAPE = /^[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}$/;
const IPV6_SHAPE = /^[0-9A-Fa-f:.]+$/;

function parseAddr(text: string): { addr: IpAddr.IPv4 | IpAddr.IPv6; family: IpFamilyNumber } | undefined {
  if (IPV4_SHAPE.test(text)) {
    if (!ipaddr().IPv4.isValidFourPartDecimal(text)) return undefined;
    return { addr: ipaddr().IPv4.parse(text), family: 4 };
  }
  if (text.includes(':') && IPV6_SHAPE.test(text) && ipaddr().IPv6.isValid(text)) {
    const addr = ipaddr().IPv6.parse(text);
    // an IPv4-mapped IPv6 address is an IPv4 address to Go's net package, and so to Kubernetes
    if (addr.isIPv4MappedAddress()) return { addr: addr.toIPv4Address(), family: 4 };
    return { addr, family: 6 };
  }
  return undefined;
}

/** Parses an IPv4 or IPv6 address; undefined when it is not one. */
export function parseIp(text: string): ParsedIp | undefined {
  const parsed = parseAddr(text);
  if (!parsed) return undefined;
  return { family: parsed.family, value: toBigInt(parsed.addr.toByteArray()), text };
}

/** Parses a CIDR (`10.0.0.0/8`, `fd00::/64`; host bits may be set, as Go allows); undefined when it is not one. */
export function parseCidr(text: string): ParsedCidr | undefined {
  const slash = text.indexOf('/');
  if (slash < 0) return undefined;
  const ip = parseAddr(text.slice(0, slash));
  const prefixText = text.slice(slash + 1);
  if (!ip || !/^(0|[1-9][0-9]{0,2})$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  const bits = ip.family === 4 ? 32 : 128;
  // an IPv4-mapped address with an IPv6 prefix length is not a valid IPv4 CIDR
  if (ip.family === 4 && text.slice(0, slash).includes(':')) return undefined;
  if (prefix > bits) return undefined;
  const value = toBigInt(ip.addr.toByteArray());
  const hostBits = BigInt(bits - prefix);
  const first = (value >> hostBits) << hostBits;
  const last = first + (1n << hostBits) - 1n;
  return { family: ip.family, prefix, first, last, text };
}

/** The address as text, from its family and value. */
export function formatIp(family: IpFamilyNumber, value: bigint): string {
  const bytes: number[] = [];
  const n = family === 4 ? 4 : 16;
  for (let i = n - 1; i >= 0; i--) bytes.push(Number((value >> BigInt(i * 8)) & 0xffn));
  const addr = ipaddr().fromByteArray(bytes);
  return addr.kind() === 'ipv6' ? (addr as IpAddr.IPv6).toRFC5952String() : addr.toString();
}

function block(family: IpFamilyNumber, first: bigint, prefix: number): ParsedCidr {
  const host = BigInt((family === 4 ? 32 : 128) - prefix);
  return { family, prefix, first, last: first + (1n << host) - 1n, text: '' };
}
const V4_LOOPBACK = block(4, 0x7f000000n, 8);
const V4_LINK_LOCAL = block(4, 0xa9fe0000n, 16);
const V4_LINK_LOCAL_MULTICAST = block(4, 0xe0000000n, 24);
const V6_LINK_LOCAL = block(6, 0xfe80n << 112n, 10);

function within(ip: ParsedIp, cidr: ParsedCidr): boolean {
  return ip.family === cidr.family && ip.value >= cidr.first && ip.value <= cidr.last;
}

/**
 * Why an IP may not be used as an external IP (kube-apiserver's ValidateNonSpecialIP), or undefined.
 */
export function specialIpReason(ip: ParsedIp): string | undefined {
  if (ip.value === 0n) return 'unspecified';
  if (ip.family === 4) {
    if (within(ip, V4_LOOPBACK)) return 'loopback (127.0.0.0/8)';
    if (within(ip, V4_LINK_LOCAL)) return 'link-local unicast (169.254.0.0/16)';
    if (within(ip, V4_LINK_LOCAL_MULTICAST)) return 'link-local multicast (224.0.0.0/24)';
    return undefined;
  }
  if (ip.value === 1n) return 'loopback (::1)';
  if (within(ip, V6_LINK_LOCAL)) return 'link-local unicast (fe80::/10)';
  // ffX2::/16: link-local multicast, as Go's IsLinkLocalMulticast
  const top = ip.value >> 112n;
  if ((top >> 8n) === 0xffn && (top & 0x0fn) === 0x02n) return 'link-local multicast (ff02::/16)';
  return undefined;
}

/**
 * The standard form of an IP given in another form that kube-apiserver (from 1.33) warns about:
 * an IPv4-mapped IPv6 address (the IPv4 form) or an IPv6 address not in RFC 5952 canonical
 * form. Undefined when the text is standard or not an address.
 */
export function nonStandardIpForm(text: string): string | undefined {
  const parsed = parseAddr(text);
  if (!parsed) return undefined;
  const standard = parsed.family === 4 ? parsed.addr.toString() : (parsed.addr as IpAddr.IPv6).toRFC5952String();
  return standard === text ? undefined : standard;
}
