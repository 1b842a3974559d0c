import { ClusterIpService, ExternalNameService, TargetPort } from '../../src';
import { explainStricter, STRICTER_THAN_SERVER } from '../../src/core/stricter';
import { synthError } from '../util';

// Each entry explains the error the library really gives for such an input.
test.each([
  ['externalname-ip', () => synthError(c => new ExternalNameService(c, 's', { metadata: { name: 's' }, externalName: '192.0.2.10' }))],
  ['ipv4-leading-zeros', () => synthError(c => new ClusterIpService(c, 's', { metadata: { name: 's' }, clusterIp: '10.0.0.010', ports: [{ port: 80 }] }))],
  ['ipv4-leading-zeros', () => synthError(c => new ClusterIpService(c, 's', { metadata: { name: 's' }, externalIps: ['010.1.1.1'], ports: [{ port: 80 }] }))],
  ['target-port-zero', () => synthError(c => new ClusterIpService(c, 's', { metadata: { name: 's' }, ports: [{ port: 80, targetPort: TargetPort.fromNumber(0) }] }))],
])('%s explains the library error', (id, error) => {
  expect(explainStricter(error())?.id).toBe(id);
});

test('ordinary errors are not explained away', () => {
  const msg = synthError(c => new ClusterIpService(c, 's', { metadata: { name: 's' }, ports: [{ port: 70000 }] }));
  expect(explainStricter(msg)).toBeUndefined();
  expect(explainStricter(synthError(c => new ClusterIpService(c, 's', { metadata: { name: 's' }, clusterIp: '10.0.0.300', ports: [{ port: 80 }] })))).toBeUndefined();
});

test('every entry says what and why', () => {
  for (const r of STRICTER_THAN_SERVER) {
    expect(r.what.length).toBeGreaterThan(10);
    expect(r.why.length).toBeGreaterThan(10);
  }
});

test('ExternalName ports and selectors are explained', () => {
  const ports = synthError(c => new ExternalNameService(c, 's', { metadata: { name: 's' }, externalName: 'a.com', ports: [{ port: 80 }] } as any));
  expect(explainStricter(ports)?.id).toBe('externalname-ports');
  const sel = synthError(c => new ExternalNameService(c, 's', { metadata: { name: 's' }, externalName: 'a.com', selector: { app: 'x' } } as any));
  expect(explainStricter(sel)?.id).toBe('externalname-selector');
});
