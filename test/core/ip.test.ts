/* eslint-disable no-bitwise */ // BigInt shifts and masks are the address arithmetic
import { formatIp, parseCidr, parseIp, specialIpReason } from '../../src/core/ip';

test('parses IPv4 and IPv6', () => {
  expect(parseIp('10.1.19.92')).toEqual({ family: 4, value: 0x0a01135cn, text: '10.1.19.92' });
  expect(parseIp('fd00::1')).toMatchObject({ family: 6, value: (0xfd00n << 112n) + 1n });
  expect(parseIp('::ffff:10.0.0.1')).toMatchObject({ family: 4, value: 0x0a000001n });
});

test.each(['010.1.1.1', '1.2.3', '1.2.3.4.5', '256.1.1.1', 'fe80::1%eth0', ' 1.2.3.4', 'example.com', '', '1.2.3.4/32'])('rejects %p', (s) => {
  expect(parseIp(s)).toBeUndefined();
});

test('parses CIDRs into first and last address', () => {
  expect(parseCidr('192.168.124.0/24')).toMatchObject({ family: 4, prefix: 24, first: 0xc0a87c00n, last: 0xc0a87cffn });
  expect(parseCidr('10.0.0.1/8')).toMatchObject({ first: 0x0a000000n, last: 0x0affffffn });
  expect(parseCidr('fd00::/120')).toMatchObject({ family: 6, prefix: 120, first: 0xfd00n << 112n, last: (0xfd00n << 112n) + 255n });
  expect(parseCidr('0.0.0.0/0')).toMatchObject({ first: 0n, last: 0xffffffffn });
});

test.each(['10.0.0.0/33', 'fd00::/129', '10.0.0.0', '10.0.0.0/', '10.0.0.0/08', 'x/8', '::ffff:10.0.0.0/104'])('rejects CIDR %p', (s) => {
  expect(parseCidr(s)).toBeUndefined();
});

test('formats addresses', () => {
  expect(formatIp(4, 0xc0a87cc8n)).toBe('192.168.124.200');
  expect(formatIp(6, (0x2001n << 112n) | (0xdb8n << 96n) | 1n)).toBe('2001:db8::1');
});

test('special addresses, as kube-apiserver sees them', () => {
  const reason = (s: string) => specialIpReason(parseIp(s)!);
  expect(reason('0.0.0.0')).toBe('unspecified');
  expect(reason('::')).toBe('unspecified');
  expect(reason('127.1.2.3')).toMatch(/loopback/);
  expect(reason('169.254.0.1')).toMatch(/link-local unicast/);
  expect(reason('224.0.0.251')).toMatch(/link-local multicast/);
  expect(reason('ff12::1')).toMatch(/link-local multicast/);
  expect(reason('224.0.1.1')).toBeUndefined();
  expect(reason('0.0.0.1')).toBeUndefined();
  expect(reason('192.168.1.1')).toBeUndefined();
  expect(reason('2001:db8::1')).toBeUndefined();
});
