import { parseAddressEntry, rangeToCidrs, showRange, usableCount, AddressRange } from '../../src/metallb/address-range';

const r = (s: string) => parseAddressEntry(s) as AddressRange;

test('CIDRs and ranges; a bare IP and a CIDR with spaces are refused, as MetalLB ParseCIDR does', () => {
  expect(r('10.0.0.0/30')).toMatchObject({ family: 4, first: 0x0a000000n, last: 0x0a000003n, prefix: 30 });
  expect(r('10.0.0.5 - 10.0.0.9')).toMatchObject({ first: 0x0a000005n, last: 0x0a000009n });
  expect(r('10.0.0.5 - 10.0.0.9').prefix).toBeUndefined();
  expect(r('10.0.0.7/32')).toMatchObject({ first: 0x0a000007n, last: 0x0a000007n, prefix: 32 });
  expect(r(' 10.0.0.5-10.0.0.9 ')).toMatchObject({ first: 0x0a000005n, last: 0x0a000009n });
  // MetalLB v0.12.1, v0.15.2 and v0.16.2 internal/config/config.go ParseCIDR: no "-" -> net.ParseCIDR
  expect(parseAddressEntry('10.0.0.7')).toMatch(/refuses a bare IP \(write 10\.0\.0\.7\/32 for one address\)/);
  expect(parseAddressEntry('fd00::7')).toMatch(/write fd00::7\/128/);
  expect(parseAddressEntry(' 10.0.0.0/24')).toMatch(/a CIDR without spaces around it/);
  expect(parseAddressEntry('10.0.0.0/24 ')).toMatch(/a CIDR without spaces around it/);
  expect(parseAddressEntry('10.0.0.0/33')).toBe('a CIDR (10.0.0.0/24) or a range (10.0.0.10-10.0.0.20)');
  expect(r('fd00::1-fd00::3')).toMatchObject({ family: 6 });
  expect(typeof parseAddressEntry('10.0.0.9-10.0.0.5')).toBe('string');
});

test('a range becomes the fewest CIDRs that cover it exactly', () => {
  expect(rangeToCidrs(r('192.168.124.200-192.168.124.210')).map(c => c.prefix)).toEqual([29, 31, 32]);
  expect(rangeToCidrs(r('10.0.0.0/24')).map(c => c.prefix)).toEqual([24]);
  expect(rangeToCidrs(r('0.0.0.0/0')).map(c => c.prefix)).toEqual([0]);
  expect(rangeToCidrs(r('10.0.0.1-10.0.0.2')).map(c => c.prefix)).toEqual([32, 32]);
});

test('usable addresses, with and without avoidBuggyIps', () => {
  expect(usableCount(r('192.168.124.200-192.168.124.210'), false)).toBe(11n);
  expect(usableCount(r('10.0.0.0/24'), true)).toBe(254n);
  expect(usableCount(r('10.0.0.0/23'), true)).toBe(508n);
  expect(usableCount(r('10.0.0.255-10.0.1.0'), true)).toBe(0n);
  expect(usableCount(r('0.0.0.0-0.0.0.3'), true)).toBe(3n);
  expect(usableCount(r('fd00::/120'), true)).toBe(256n);
});

test('ranges print as addresses', () => {
  expect(showRange(r('10.0.0.0/30'))).toBe('10.0.0.0-10.0.0.3');
  expect(showRange(r('fd00::7/128'))).toBe('fd00::7');
});
