import { ExternalNameService, ServiceType } from '../../src';
import { synth, synthError } from '../util';

test('the article\'s ExternalName Service (snapshot)', () => {
  const manifests = synth(c => {
    const s = new ExternalNameService(c, 'svc', { metadata: { name: 'k8sdemo-external-service' }, externalName: 'mingdao.com' });
    expect(s.serviceType).toBe(ServiceType.EXTERNAL_NAME);
    expect(s.dnsName()).toBe('k8sdemo-external-service.default.svc.cluster.local');
  });
  expect(manifests).toMatchSnapshot();
  expect(manifests[0].spec).toEqual({ type: 'ExternalName', externalName: 'mingdao.com' });
});

test('S4: one trailing dot is allowed', () => {
  const [svc] = synth(c => new ExternalNameService(c, 'svc', { metadata: { name: 'db' }, externalName: 'db.example.com.' }));
  expect(svc.spec.externalName).toBe('db.example.com.');
});

test.each([
  ['empty', '', /a DNS name \(externalName is required\)/],
  ['an IPv4 address', '192.0.2.10', /a DNS name, not an IP address: DNS never resolves a CNAME to an IP \(stricter than kube-apiserver/],
  ['an IPv6 address', '2001:db8::1', /a DNS name, not an IP address/],
  ['a URL', 'https://example.com/path', /a bare DNS name, not a URL/],
  ['host:port', 'db.example.com:5432', /a DNS name without a port/],
  ['a name with "_"', 'my_db.example.com', /a DNS name without "_"/],
  ['upper case', 'Example.com', /a lowercase DNS name/],
  ['two trailing dots', 'example.com..', /a lowercase DNS-1123 subdomain/],
  ['longer than 253 characters', `${'a'.repeat(60)}.`.repeat(5) + 'com', /at most 253 characters/],
])('fails S4: externalName is %s', (_what, externalName, allowed) => {
  const msg = synthError(c => new ExternalNameService(c, 'svc', { metadata: { name: 'ext' }, externalName }));
  expect(msg).toMatch(/^\[test\/svc\] S4 spec\.externalName: got /);
  expect(msg).toMatch(allowed);
});
