import { LoadBalancerService, MetalLbPool } from '../../src';
import { synth, synthError } from '../util';

test('the metalLb option writes typed annotations', () => {
  const manifests = synth(c => {
    const pool = new MetalLbPool(c, 'public', { addresses: ['203.0.113.0/28', '2001:db8::/124'] });
    new LoadBalancerService(c, 'svc', {
      metadata: { name: 'web' },
      ports: [{ port: 443 }],
      metalLb: { pool, loadBalancerIps: ['203.0.113.5', '2001:db8::5'], allowSharedIp: 'web' },
    });
  });
  expect(manifests.find(m => m.kind === 'Service').metadata.annotations).toEqual({
    'metallb.io/address-pool': 'public',
    'metallb.io/loadBalancerIPs': '203.0.113.5,2001:db8::5',
    'metallb.io/allow-shared-ip': 'web',
  });
});

test('fails M11: a requested address that is not an IP', () => {
  expect(synthError(c => new LoadBalancerService(c, 'svc', { metadata: { name: 'web' }, ports: [{ port: 80 }], metalLb: { loadBalancerIps: ['web.example.com'] } })))
    .toMatch(/M11 metalLb\.loadBalancerIps\[0\]: got "web\.example\.com"; expected an IPv4 or IPv6 address/);
});

test('fails M11: more than two requested addresses', () => {
  expect(synthError(c => new LoadBalancerService(c, 'svc', { metadata: { name: 'web' }, ports: [{ port: 80 }], metalLb: { loadBalancerIps: ['10.0.0.1', 'fd00::1', '10.0.0.2'] } })))
    .toMatch(/M11 metalLb\.loadBalancerIps: .*expected at most two addresses, one per family/);
});

test('fails M13: an empty sharing key', () => {
  expect(synthError(c => new LoadBalancerService(c, 'svc', { metadata: { name: 'web' }, ports: [{ port: 80 }], metalLb: { allowSharedIp: ' ' } })))
    .toMatch(/M13 metalLb\.allowSharedIp: got " "; expected a non-empty sharing key/);
});
