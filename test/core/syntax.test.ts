import { dns1035Label, dns1123Label, dns1123Subdomain, ianaServiceName, labelValue, portNumber, qualifiedName } from '../../src/core/syntax';

const ok = (f: (v: any) => string | undefined, ...values: any[]) => values.forEach(v => expect([v, f(v)]).toEqual([v, undefined]));
const bad = (f: (v: any) => string | undefined, ...values: any[]) => values.forEach(v => expect([v, typeof f(v)]).toEqual([v, 'string']));

test('DNS-1123 label', () => {
  ok(dns1123Label, 'a', '0a', 'web-1', 'a'.repeat(63));
  bad(dns1123Label, '', 'A', '-a', 'a-', 'a.b', 'a'.repeat(64), 'a_b');
});

test('DNS-1035 label', () => {
  ok(dns1035Label, 'a', 'web-1', 'a'.repeat(63));
  bad(dns1035Label, '1a', '', 'Web', 'a-', 'a'.repeat(64));
});

test('DNS-1123 subdomain', () => {
  ok(dns1123Subdomain, 'example.com', 'a', 'a-b.c-d.e', `${'a'.repeat(63)}.com`);
  bad(dns1123Subdomain, '', '.a', 'a..b', 'a.', 'A.com', 'a_b.com', `${'a'.repeat(63)}.`.repeat(4) + 'a'.repeat(10));
});

test('qualified name', () => {
  ok(qualifiedName, 'app', 'App.Name_x-1', 'example.com/app', 'kubernetes.io/h2c', 'a'.repeat(63));
  bad(qualifiedName, '', '/app', 'example.com/', 'a/b/c', '-app', 'app-', 'Example.com/app', 'a'.repeat(64), 'my app');
});

test('label value', () => {
  ok(labelValue, '', 'v', 'v1.2_3-x', 'a'.repeat(63));
  bad(labelValue, '-v', 'v-', 'a b', 'a'.repeat(64), 'ü');
});

test('IANA service name', () => {
  ok(ianaServiceName, 'http', 'h2c', 'my-port', 'a'.repeat(15), 'x1');
  bad(ianaServiceName, '', '80', 'HTTP', '-http', 'http-', 'my--port', 'a'.repeat(16), 'my_port');
});

test('port number', () => {
  ok(portNumber, 1, 80, 65535);
  bad(portNumber, 0, -1, 65536, 1.5, NaN);
});
