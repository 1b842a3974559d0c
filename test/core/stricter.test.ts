import * as fs from 'fs';
import * as path from 'path';
import { libraryVerdict } from '../../e2e/differential/library';
import { explainStricter, hasLeadingZeroOctet, ServiceInput, STRICTER_THAN_SERVER } from '../../src/core/stricter';

const shape = { serviceCidrs: ['10.1.0.0/16', 'fd00:10:1::/108'], nodePortRange: '30000-32767' };
const service = (spec: Record<string, unknown>): any => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec });

// Each entry explains what the library really refuses for such an input: the rule it refuses
// with, and the entry's predicate on the Service as written.
test.each([
  ['externalname-ip', service({ type: 'ExternalName', externalName: '192.0.2.10' })],
  ['ipv4-leading-zeros', service({ type: 'ClusterIP', clusterIP: '10.1.0.010', ports: [{ port: 80 }] })],
  ['ipv4-leading-zeros', service({ type: 'ClusterIP', externalIPs: ['010.1.1.1'], ports: [{ port: 80 }] })],
  ['target-port-zero', service({ type: 'ClusterIP', ports: [{ port: 80, targetPort: 0 }] })],
  ['externalname-ports', service({ type: 'ExternalName', externalName: 'a.com', ports: [{ port: 80 }] })],
  ['externalname-selector', service({ type: 'ExternalName', externalName: 'a.com', selector: { app: 'x' } })],
  ['externalname-unused-fields', service({ type: 'ExternalName', externalName: 'a.com', internalTrafficPolicy: 'Cluster' })],
  ['externalname-unused-fields', service({ type: 'ExternalName', externalName: 'a.com', publishNotReadyAddresses: true })],
  ['externalname-on-other-type', service({ type: 'NodePort', externalName: 'a.com', ports: [{ port: 80 }] })],
  ['loadbalancerip-on-other-type', service({ type: 'ClusterIP', loadBalancerIP: '192.0.2.50', ports: [{ port: 80 }] })],
  ['loadbalancerip-on-other-type', service({ type: 'ExternalName', externalName: 'a.com', loadBalancerIP: '192.0.2.50' })],
  ['loadbalancerip-not-an-ip', service({ type: 'LoadBalancer', loadBalancerIP: ' 192.0.2.50', ports: [{ port: 80 }] })],
  ['empty-means-default', service({ type: 'ClusterIP', ports: [{ port: 80, protocol: '' }] })],
  ['empty-means-default', service({ type: 'NodePort', externalTrafficPolicy: '', ports: [{ port: 80 }] })],
  ['empty-means-default', service({ type: 'LoadBalancer', externalTrafficPolicy: 'Local', healthCheckNodePort: 0, ports: [{ port: 80 }] })],
])('%s explains what the library refuses (case %#)', (id, input) => {
  const v = libraryVerdict([input], shape);
  expect(v.ok).toBe(false);
  expect(v.errors.map(e => explainStricter(e.rule, input)?.id)).toContain(id);
});

test('ordinary errors are not explained away', () => {
  for (const input of [
    service({ type: 'ClusterIP', ports: [{ port: 70000 }] }),
    service({ type: 'ClusterIP', clusterIP: '10.1.0.300', ports: [{ port: 80 }] }),
    service({ type: 'ExternalName', externalName: 'Example.com' }),
  ]) {
    const v = libraryVerdict([input], shape);
    expect(v.errors.length).toBeGreaterThan(0);
    for (const e of v.errors) expect(explainStricter(e.rule, input)).toBeUndefined();
  }
});

test('a valid IPv6 address is never explained away, whatever the rule', () => {
  const rules = [...new Set(STRICTER_THAN_SERVER.flatMap(r => r.rules)), 'S12', 'S14', 'S17', 'A3'];
  for (const ip of ['fd00:10:1::7cf', 'fd00:10:1::a0', '2001:db8::10', 'fe80::1:0', '::ffff:0a00:0001']) {
    const inputs: ServiceInput[] = [
      service({ type: 'ClusterIP', clusterIP: ip, clusterIPs: [ip], ports: [{ port: 80 }] }),
      service({ type: 'ClusterIP', externalIPs: [ip], ports: [{ port: 80 }] }),
      service({ type: 'LoadBalancer', loadBalancerSourceRanges: [`${ip}/128`], ports: [{ port: 80 }] }),
    ];
    for (const input of inputs) for (const rule of rules) expect([ip, rule, explainStricter(rule, input)?.id]).toEqual([ip, rule, undefined]);
  }
});

test('leading zeros: only an octet of a dotted-quad IPv4 address', () => {
  expect(hasLeadingZeroOctet('010.1.1.1')).toBe(true);
  expect(hasLeadingZeroOctet(' 10.1.0.010 ')).toBe(true);
  expect(hasLeadingZeroOctet('10.0.0.0/08')).toBe(false);
  expect(hasLeadingZeroOctet('10.0.0.0/8')).toBe(false);
  expect(hasLeadingZeroOctet('10.1.0.0')).toBe(false);
  expect(hasLeadingZeroOctet('fd00:10:1::7cf')).toBe(false);
  expect(hasLeadingZeroOctet('::ffff:10.0.0.01')).toBe(false);
});

test('an entry explains only its own rules', () => {
  const input = service({ type: 'ClusterIP', clusterIP: '10.1.0.010', ports: [{ port: 70000 }] });
  expect(explainStricter('S6', input)).toBeUndefined();
  expect(explainStricter('S12', input)?.id).toBe('ipv4-leading-zeros');
});

test('every entry says what and why', () => {
  for (const r of STRICTER_THAN_SERVER) {
    expect(r.what.length).toBeGreaterThan(10);
    expect(r.why.length).toBeGreaterThan(10);
    expect(r.rules.length).toBeGreaterThan(0);
  }
});

test('docs/rules.md names every entry and its rules', () => {
  const doc = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'rules.md'), 'utf-8');
  const section = doc.slice(doc.indexOf('## Where the library is stricter than kube-apiserver'));
  for (const r of STRICTER_THAN_SERVER) {
    const line = section.split('\n- ').find(l => l.includes(`\`${r.id}\``));
    expect([r.id, line !== undefined]).toEqual([r.id, true]);
    for (const rule of r.rules) expect([r.id, line!.includes(rule)]).toEqual([r.id, true]);
  }
});
