import { ApiObject, App, Chart, Testing } from 'cdk8s';
import {
  ExternalTrafficPolicy, IpFamily, IpFamilyPolicy, LoadBalancerService, MetalLb, MetalLbAdvertisement, MetalLbBgpAdvertisement,
  MetalLbCommunity, MetalLbL2Advertisement, MetalLbPool, Protocol,
} from '../../src';
import { synth, synthError } from '../util';

const port = [{ port: 80 }];

describe('M2: pools do not overlap', () => {
  test('fails M2: two pools overlap (ranges compared as real ranges)', () => {
    const msg = synthError(c => {
      new MetalLbPool(c, 'a', { addresses: ['192.168.1.0/24'] });
      new MetalLbPool(c, 'b', { addresses: ['192.168.1.250-192.168.2.10'] });
    });
    expect(msg).toMatch(/\[test\/b\] M2 addresses: got "192\.168\.1\.250-192\.168\.2\.10"; expected addresses no other pool holds: they overlap pool "a" \(test\/a\), entry "192\.168\.1\.0\/24" \(192\.168\.1\.0-192\.168\.1\.255\)/);
  });

  test('M2: adjacent ranges that no CIDR would describe do not overlap', () => {
    expect(() => synth(c => {
      new MetalLbPool(c, 'a', { addresses: ['10.0.0.1-10.0.0.100'] });
      new MetalLbPool(c, 'b', { addresses: ['10.0.0.101-10.0.0.102', 'fd00::1-fd00::5'] });
      new MetalLbPool(c, 'c', { addresses: ['fd00::6/128'] });
    })).not.toThrow();
  });

  test('fails M1, not M2, on a bare IP or a CIDR with a leading space (refused for the right reason)', () => {
    expect(synthError(c => new MetalLbPool(c, 'a', { addresses: ['10.0.0.0/24', '10.0.0.5'] })))
      .toMatch(/M1 addresses\[1\]: got "10\.0\.0\.5"; expected a CIDR or a range: MetalLB refuses a bare IP/);
    expect(synthError(c => new MetalLbPool(c, 'a', { addresses: ['10.0.0.0/24', ' 10.0.0.0/24'] })))
      .toMatch(/M1 addresses\[1\]: got " 10\.0\.0\.0\/24"; expected a CIDR without spaces around it/);
  });

  test('fails M2: overlap inside one pool', () => {
    expect(synthError(c => new MetalLbPool(c, 'a', { addresses: ['10.0.0.0/24', '10.0.0.5/32'] })))
      .toMatch(/M2 addresses: got "10\.0\.0\.5\/32"; expected addresses no other pool holds: they overlap another entry of the same pool/);
  });

  test('M2: installations of different clusters may reuse addresses', () => {
    const app = Testing.app();
    const a = new Chart(app, 'a');
    const b = new Chart(app, 'b');
    MetalLb.configure(a, { version: '0.12.1' });
    MetalLb.configure(b, { version: '0.16.1' });
    new MetalLbPool(a, 'p', { addresses: ['10.0.0.0/24'] });
    new MetalLbPool(b, 'p', { addresses: ['10.0.0.0/24'] });
    expect(() => app.synth()).not.toThrow();
  });
});

test('fails M4: a pool nobody announces', () => {
  expect(synthError(c => new MetalLbPool(c, 'lonely', { addresses: ['10.0.0.0/24'], advertisements: [] })))
    .toMatch(/\[test\/lonely\] M4 advertisements: got \[\]; expected an L2Advertisement or BGPAdvertisement that selects the pool/);
});

test('M4: a standalone advertisement that selects the pool by label announces it', () => {
  const manifests = synth(c => {
    new MetalLbPool(c, 'p', { addresses: ['10.0.0.0/24'], advertisements: [], labels: { zone: 'a' } });
    new MetalLbL2Advertisement(c, 'zone-a', { poolSelectors: [{ matchLabels: { zone: 'a' } }], nodeSelectors: [{ matchLabels: { 'topology.kubernetes.io/zone': 'a' } }] });
  });
  expect(manifests[1].spec).toEqual({
    ipAddressPoolSelectors: [{ matchLabels: { zone: 'a' } }],
    nodeSelectors: [{ matchLabels: { 'topology.kubernetes.io/zone': 'a' } }],
  });
});

describe('M5: advertisements point somewhere', () => {
  test('fails M5: an advertisement names a pool that does not exist', () => {
    expect(synthError(c => {
      new MetalLbPool(c, 'p', { addresses: ['10.0.0.0/24'] });
      new MetalLbL2Advertisement(c, 'adv', { poolNames: ['publc'] });
    })).toMatch(/\[test\/adv\] M5 poolNames: got "publc"; expected the name of a pool of the app \(MetalLB silently ignores.*pools: p\)/);
  });

  test('fails M5: a pool selector that matches no pool', () => {
    expect(synthError(c => {
      new MetalLbPool(c, 'p', { addresses: ['10.0.0.0/24'], labels: { zone: 'a' } });
      new MetalLbBgpAdvertisement(c, 'adv', { poolSelectors: [{ matchLabels: { zone: 'b' } }] });
    })).toMatch(/M5 poolSelectors\[0\]: got \{"matchLabels":\{"zone":"b"\}\}; expected a selector that matches at least one pool/);
  });

  test('fails M5: a BGP advertisement for a peer that does not exist', () => {
    expect(synthError(c => new MetalLbPool(c, 'p', { addresses: ['10.0.0.0/24'], advertisements: [MetalLbAdvertisement.bgp({ peers: ['router'] })] })))
      .toMatch(/M5 peers\[0\]: got "router"; expected the name of a BGP peer of the app \(peers: none\)/);
  });
});

describe('M7: BGP aggregation and communities', () => {
  test('fails M7: aggregation length shorter than a pool prefix', () => {
    expect(synthError(c => new MetalLbPool(c, 'p', { addresses: ['10.0.0.0/24'], advertisements: [MetalLbAdvertisement.bgp({ aggregationLength: 16 })] })))
      .toMatch(/\[test\/p\/bgp\] M7 aggregationLength: got 16; expected at least 24: pool "p" entry "10\.0\.0\.0\/24" has a \/24 prefix/);
  });

  test('fails M7: aggregationLengthV6 shorter than the CIDRs a range makes', () => {
    expect(synthError(c => new MetalLbPool(c, 'p', { addresses: ['fd00::-fd00::ff'], advertisements: [MetalLbAdvertisement.bgp({ aggregationLengthV6: 64 })] })))
      .toMatch(/M7 aggregationLengthV6: got 64; expected at least 120/);
  });

  test('fails M7: aggregation length out of range', () => {
    expect(synthError(c => new MetalLbPool(c, 'p', { addresses: ['10.0.0.0/24'], advertisements: [MetalLbAdvertisement.bgp({ aggregationLength: 33 })] })))
      .toMatch(/M7 aggregationLength: got 33; expected an integer from 1 to 32/);
  });

  test.each(['65536:1', '1:2:3', 'large:1:2', 'large:1:2:4294967296'])('fails M7: community %p', (community) => {
    expect(synthError(c => new MetalLbPool(c, 'p', { addresses: ['10.0.0.0/24'], advertisements: [MetalLbAdvertisement.bgp({ communities: [community] })] })))
      .toMatch(/M7 communities\[0\]: got .*; expected a BGP community/);
  });

  test('fails M7: a community alias that is not defined', () => {
    expect(synthError(c => new MetalLbPool(c, 'p', { addresses: ['10.0.0.0/24'], advertisements: [MetalLbAdvertisement.bgp({ communities: ['no-export'] })] })))
      .toMatch(/M7 communities\[0\]: got "no-export"; expected a community value or an alias defined with MetalLbCommunity \(defined: none\)/);
  });

  test('M7: a defined alias, a standard and a large community', () => {
    const manifests = synth(c => {
      new MetalLbCommunity(c, 'communities', { communities: { 'no-export': '65535:65281' } });
      new MetalLbPool(c, 'p', { addresses: ['10.0.0.0/24'], advertisements: [MetalLbAdvertisement.bgp({ aggregationLength: 24, communities: ['no-export', '64512:1', 'large:64512:1:2'] })] });
    });
    expect(manifests.find(m => m.kind === 'BGPAdvertisement').spec).toEqual({ ipAddressPools: ['p'], aggregationLength: 24, communities: ['no-export', '64512:1', 'large:64512:1:2'] });
    expect(manifests.find(m => m.kind === 'Community').spec).toEqual({ communities: [{ name: 'no-export', value: '65535:65281' }] });
  });
});

describe('Services bound to MetalLB', () => {
  test('fails M10: a misspelled MetalLB annotation written by hand', () => {
    expect(synthError(c => {
      new MetalLbPool(c, 'p', { addresses: ['10.0.0.0/24'] });
      new LoadBalancerService(c, 'svc', { metadata: { name: 'web', annotations: { 'metallb.io/allow-shared': 'key' } }, ports: port });
    })).toMatch(/\[test\/svc\] M10 metadata\.annotations key: got "metallb\.io\/allow-shared"; expected a MetalLB annotation \(metallb\.io\/address-pool, metallb\.io\/loadBalancerIPs, metallb\.io\/allow-shared-ip\)/);
  });

  test.each(['metallb.io', 'metallb.universe.tf'])('fails M10: a misspelled %s/ annotation is an error, whichever the prefix', (prefix) => {
    expect(synthError(c => {
      new MetalLbPool(c, 'p', { addresses: ['10.0.0.0/24'] });
      new LoadBalancerService(c, 'svc', { metadata: { name: 'web', annotations: { [`${prefix}/adress-pool`]: 'p' } }, ports: port });
    })).toContain(`[test/svc] M10 metadata.annotations key: got "${prefix}/adress-pool"; expected a MetalLB annotation (${prefix}/address-pool,`);
  });

  test.each(['metallb.io', 'metallb.universe.tf'])('fails M10: a hand-written %s/address-pool is an error, and the pool it names is checked', (prefix) => {
    const msg = synthError(c => {
      new MetalLbPool(c, 'p', { addresses: ['10.0.0.0/24'] });
      new LoadBalancerService(c, 'svc', { metadata: { name: 'web', annotations: { [`${prefix}/address-pool`]: 'nope' } }, ports: port });
    });
    expect(msg).toContain(`[test/svc] M10 metadata.annotations key: got "${prefix}/address-pool"; expected the metalLb option of LoadBalancerService instead of a hand-written MetalLB annotation`);
    expect(msg).toContain(`[test/svc] M10 metadata.annotations["${prefix}/address-pool"]: got "nope"; expected the name of a pool of the app (pools: p): MetalLB finds no such pool`);
  });

  test('M10: a hand-written address-pool naming a pool of the app is reported once (hand-written), not as an unknown pool', () => {
    const msg = synthError(c => {
      new MetalLbPool(c, 'p', { addresses: ['10.0.0.0/24'] });
      new LoadBalancerService(c, 'svc', { metadata: { name: 'web', annotations: { 'metallb.universe.tf/address-pool': 'p' } }, ports: port });
    });
    expect(msg).toContain('deprecated since MetalLB 0.14.9');
    expect(msg).not.toContain('no such pool');
  });

  test('fails M10: the metallb.io/ prefix on a MetalLB that only reads metallb.universe.tf/', () => {
    const app = Testing.app();
    MetalLb.configure(app, { version: '0.14.8' });
    const c = new Chart(app, 'c');
    new MetalLbPool(c, 'p', { addresses: ['10.0.0.0/24'] });
    new LoadBalancerService(c, 'svc', { metadata: { name: 'web', annotations: { 'metallb.io/address-pool': 'p' } }, ports: port });
    expect(() => Testing.synth(c)).toThrow(/M10 metadata\.annotations key: got "metallb\.io\/address-pool"; expected metallb\.universe\.tf\/address-pool: MetalLB v0\.14\.8 does not read the metallb\.io\/ prefix/);
  });

  test('M10: annotations follow the version: metallb.io/ from 0.14.9', () => {
    const app = Testing.app();
    const old = new Chart(app, 'old');
    const cur = new Chart(app, 'cur');
    MetalLb.configure(old, { version: '0.14.8' });
    MetalLb.configure(cur, { version: '0.14.9' });
    const p1 = new MetalLbPool(old, 'p', { addresses: ['10.0.0.0/24'] });
    const p2 = new MetalLbPool(cur, 'p', { addresses: ['10.0.0.0/24'] });
    new LoadBalancerService(old, 'svc', { metadata: { name: 'web' }, ports: port, metalLb: { pool: p1, loadBalancerIps: ['10.0.0.5'], allowSharedIp: 'k' } });
    new LoadBalancerService(cur, 'svc', { metadata: { name: 'web' }, ports: port, metalLb: { pool: p2, loadBalancerIps: ['10.0.0.5'], allowSharedIp: 'k' } });
    expect(Testing.synth(old).find(m => m.kind === 'Service').metadata.annotations).toEqual({
      'metallb.universe.tf/address-pool': 'p', 'metallb.universe.tf/loadBalancerIPs': '10.0.0.5', 'metallb.universe.tf/allow-shared-ip': 'k',
    });
    expect(Testing.synth(cur).find(m => m.kind === 'Service').metadata.annotations).toEqual({
      'metallb.io/address-pool': 'p', 'metallb.io/loadBalancerIPs': '10.0.0.5', 'metallb.io/allow-shared-ip': 'k',
    });
  });

  test('fails M11: a requested IP outside every pool', () => {
    expect(synthError(c => {
      new MetalLbPool(c, 'p', { addresses: ['10.0.0.0/24'] });
      new LoadBalancerService(c, 'svc', { metadata: { name: 'web' }, ports: port, metalLb: { loadBalancerIps: ['10.0.1.5'] } });
    })).toMatch(/\[test\/svc\] M11 metalLb\.loadBalancerIps\[0\]: got "10\.0\.1\.5"; expected an address inside a pool of the app \(p\)/);
  });

  test('fails M11: a requested IP in another pool than the one asked for', () => {
    expect(synthError(c => {
      const a = new MetalLbPool(c, 'a', { addresses: ['10.0.0.0/24'] });
      new MetalLbPool(c, 'b', { addresses: ['10.0.1.0/24'] });
      new LoadBalancerService(c, 'svc', { metadata: { name: 'web' }, ports: port, metalLb: { pool: a, loadBalancerIps: ['10.0.1.5'] } });
    })).toMatch(/M11 metalLb\.loadBalancerIps\[0\]: got "10\.0\.1\.5"; expected an address of pool "a", which the Service asks for \(the address is in pool "b"\)/);
  });

  test('fails M11: a requested IP of another family than the Service', () => {
    expect(synthError(c => {
      new MetalLbPool(c, 'p', { addresses: ['10.0.0.0/24', 'fd00::/120'] });
      new LoadBalancerService(c, 'svc', { metadata: { name: 'web' }, ports: port, ipFamilies: [IpFamily.IPV4], metalLb: { loadBalancerIps: ['fd00::5'] } });
    })).toMatch(/M11 metalLb\.loadBalancerIps\[0\]: got "fd00::5"; expected an address of the Service's families \(IPv4\)/);
  });

  test('fails M11: two requested IPs of one family', () => {
    expect(synthError(c => new LoadBalancerService(c, 'svc', { metadata: { name: 'web' }, ports: port, metalLb: { loadBalancerIps: ['10.0.0.1', '10.0.0.2'] } })))
      .toMatch(/M11 metalLb\.loadBalancerIps: got \["10\.0\.0\.1","10\.0\.0\.2"\]; expected at most one address per family/);
  });

  test('fails M11: both spec.loadBalancerIP and the annotation', () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(synthError(c => new LoadBalancerService(c, 'svc', { metadata: { name: 'web' }, ports: port, loadBalancerIp: '10.0.0.1', metalLb: { loadBalancerIps: ['10.0.0.1'] } })))
      .toMatch(/M11 loadBalancerIp: got "10\.0\.0\.1"; expected not both spec\.loadBalancerIP and metalLb\.loadBalancerIps/);
    warn.mockRestore();
  });

  test('M11: before 0.13 a requested IP is written as spec.loadBalancerIP', () => {
    const app = Testing.app();
    MetalLb.configure(app, { version: '0.9.3' });
    const c = new Chart(app, 'c');
    const pool = new MetalLbPool(c, 'default', { addresses: ['192.168.124.200-192.168.124.210'] });
    new LoadBalancerService(c, 'svc', { metadata: { name: 'web' }, ports: port, metalLb: { pool, loadBalancerIps: ['192.168.124.200'] } });
    const svc = Testing.synth(c).find(m => m.kind === 'Service');
    expect(svc.spec.loadBalancerIP).toBe('192.168.124.200');
    expect(svc.metadata.annotations).toEqual({ 'metallb.universe.tf/address-pool': 'default' });
  });

  test('fails M12: every pool has autoAssign false and the Service asks for none', () => {
    expect(synthError(c => {
      new MetalLbPool(c, 'reserved', { addresses: ['10.0.0.0/24'], autoAssign: false });
      new LoadBalancerService(c, 'svc', { metadata: { name: 'web' }, ports: port });
    })).toMatch(/\[test\/svc\] M12 metalLb: got "no pool and no address"; expected a pool or an address: every pool of the app has autoAssign false.*reserved \(autoAssign false\)/);
  });

  test('M12: a Service that asks for an autoAssign-false pool gets it', () => {
    expect(() => synth(c => {
      const pool = new MetalLbPool(c, 'reserved', { addresses: ['10.0.0.0/24'], autoAssign: false });
      new LoadBalancerService(c, 'svc', { metadata: { name: 'web' }, ports: port, metalLb: { pool } });
    })).not.toThrow();
  });

  test('fails M12: the pool asked for does not accept the Service', () => {
    expect(synthError(c => {
      const pool = new MetalLbPool(c, 'shop-only', { addresses: ['10.0.0.0/24'], serviceAllocation: { namespaces: ['shop'] } });
      new LoadBalancerService(c, 'svc', { metadata: { name: 'web', namespace: 'blog' }, ports: port, metalLb: { pool } });
    })).toMatch(/M12 metalLb\.pool: got "shop-only"; expected a pool whose serviceAllocation accepts the Service/);
  });

  test('fails M13: Services on one IP without the same sharing key', () => {
    expect(synthError(c => {
      new MetalLbPool(c, 'p', { addresses: ['10.0.0.0/24'] });
      new LoadBalancerService(c, 'a', { metadata: { name: 'a' }, ports: [{ port: 80 }], metalLb: { loadBalancerIps: ['10.0.0.10'], allowSharedIp: 'web' } });
      new LoadBalancerService(c, 'b', { metadata: { name: 'b' }, ports: [{ port: 443 }], metalLb: { loadBalancerIps: ['10.0.0.10'] } });
    })).toMatch(/\[test\/b\] M13 metalLb\.allowSharedIp: got ""; expected the same non-empty sharing key as test\/a \("web"\): both ask for 10\.0\.0\.10/);
  });

  test('fails M13: Services sharing an IP clash on (protocol, port)', () => {
    expect(synthError(c => {
      new MetalLbPool(c, 'p', { addresses: ['10.0.0.0/24'] });
      new LoadBalancerService(c, 'a', { metadata: { name: 'a' }, ports: [{ port: 80 }], metalLb: { loadBalancerIps: ['10.0.0.10'], allowSharedIp: 'k' } });
      new LoadBalancerService(c, 'b', { metadata: { name: 'b' }, ports: [{ port: 80 }], metalLb: { loadBalancerIps: ['10.0.0.10'], allowSharedIp: 'k' } });
    })).toMatch(/\[test\/b\] M13 spec\.ports: got "TCP\/80"; expected a \(protocol, port\) not used by test\/a, which shares 10\.0\.0\.10/);
  });

  test('fails M13: externalTrafficPolicy Local needs identical selectors', () => {
    expect(synthError(c => {
      new MetalLbPool(c, 'p', { addresses: ['10.0.0.0/24'] });
      new LoadBalancerService(c, 'a', { metadata: { name: 'a' }, selector: { app: 'a' }, externalTrafficPolicy: ExternalTrafficPolicy.LOCAL, ports: [{ port: 80 }], metalLb: { loadBalancerIps: ['10.0.0.10'], allowSharedIp: 'k' } });
      new LoadBalancerService(c, 'b', { metadata: { name: 'b' }, selector: { app: 'b' }, ports: [{ port: 53, protocol: Protocol.UDP }], metalLb: { loadBalancerIps: ['10.0.0.10'], allowSharedIp: 'k' } });
    })).toMatch(/M13 spec\.selector: got \{"app":"b"\}; expected the selector of test\/a/);
  });

  test('M13: DNS over TCP and UDP on one shared IP', () => {
    expect(() => synth(c => {
      new MetalLbPool(c, 'p', { addresses: ['10.0.0.0/24'] });
      new LoadBalancerService(c, 'tcp', { metadata: { name: 'dns-tcp' }, selector: { app: 'dns' }, ports: [{ port: 53 }], metalLb: { loadBalancerIps: ['10.0.0.53'], allowSharedIp: 'dns' } });
      new LoadBalancerService(c, 'udp', { metadata: { name: 'dns-udp' }, selector: { app: 'dns' }, ports: [{ port: 53, protocol: Protocol.UDP }], metalLb: { loadBalancerIps: ['10.0.0.53'], allowSharedIp: 'dns' } });
    })).not.toThrow();
  });

  test('fails M14: a dual-stack Service and a pool of one family', () => {
    expect(synthError(c => {
      const pool = new MetalLbPool(c, 'v4', { addresses: ['10.0.0.0/24'] });
      new LoadBalancerService(c, 'svc', { metadata: { name: 'web' }, ports: port, ipFamilies: [IpFamily.IPV4, IpFamily.IPV6], ipFamilyPolicy: IpFamilyPolicy.REQUIRE_DUAL_STACK, metalLb: { pool } });
    })).toMatch(/M14 metalLb\.pool: got "v4"; expected a pool holding both IPv4 and IPv6 addresses: the Service is dual-stack/);
  });

  test('M14: a dual-stack Service with a pool of both families', () => {
    expect(() => synth(c => {
      const pool = new MetalLbPool(c, 'ds', { addresses: ['10.0.0.0/24', 'fd00::/120'] });
      new LoadBalancerService(c, 'svc', { metadata: { name: 'web' }, ports: port, ipFamilies: [IpFamily.IPV4, IpFamily.IPV6], ipFamilyPolicy: IpFamilyPolicy.REQUIRE_DUAL_STACK, metalLb: { pool } });
    })).not.toThrow();
  });

  test('fails M15: more Services than addresses in the pool (avoidBuggyIps counted)', () => {
    const msg = synthError(c => {
      const pool = new MetalLbPool(c, 'tiny', { addresses: ['10.0.0.254-10.0.1.1'], avoidBuggyIps: true });
      for (let i = 0; i < 3; i++) new LoadBalancerService(c, `s${i}`, { metadata: { name: `s${i}` }, ports: port, metalLb: { pool } });
    });
    expect(msg).toMatch(/\[test\/s2\] M15 metalLb\.pool: got "tiny"; expected a pool with a free IPv4 address: pool "tiny" has 2 usable IPv4 address\(es\) \(avoidBuggyIps skips \.0 and \.255\) and 3 Services draw from it/);
  });

  test('fails M15: the auto-assign pools run out', () => {
    const msg = synthError(c => {
      new MetalLbPool(c, 'a', { addresses: ['10.0.0.1-10.0.0.2'] });
      new MetalLbPool(c, 'b', { addresses: ['10.0.0.10/32'] });
      new MetalLbPool(c, 'manual', { addresses: ['10.0.1.0/24'], autoAssign: false });
      for (let i = 0; i < 4; i++) new LoadBalancerService(c, `s${i}`, { metadata: { name: `s${i}` }, ports: port });
    });
    expect(msg).toMatch(/\[test\/s3\] M15 metalLb: got "an automatic address"; expected a free IPv4 address: the auto-assign pools \(a, b\) have 3 usable IPv4 address\(es\) left and 4 Services draw from them/);
  });

  test('M15: Services sharing a key count once', () => {
    expect(() => synth(c => {
      const pool = new MetalLbPool(c, 'one', { addresses: ['10.0.0.1/32'] });
      new LoadBalancerService(c, 'a', { metadata: { name: 'a' }, ports: [{ port: 80 }], metalLb: { pool, allowSharedIp: 'k' } });
      new LoadBalancerService(c, 'b', { metadata: { name: 'b' }, ports: [{ port: 443 }], metalLb: { pool, allowSharedIp: 'k' } });
    })).not.toThrow();
  });

  test('a LoadBalancer Service of another load-balancer class is not MetalLB\'s', () => {
    expect(() => synth(c => {
      new MetalLbPool(c, 'p', { addresses: ['10.0.0.1/32'], autoAssign: false });
      new LoadBalancerService(c, 'svc', { metadata: { name: 'web' }, ports: port, loadBalancerClass: 'example.com/cloud' });
    })).not.toThrow();
  });

  test('an app without MetalLB pools checks nothing of MetalLB', () => {
    expect(() => synth(c => new LoadBalancerService(c, 'svc', { metadata: { name: 'web' }, ports: port }))).not.toThrow();
  });
});

describe('M16: one legacy ConfigMap', () => {
  test('fails M16: two legacy installations write metallb-system/config', () => {
    const app = Testing.app();
    const a = new Chart(app, 'a');
    const b = new Chart(app, 'b');
    MetalLb.configure(a, { version: '0.12.1' });
    MetalLb.configure(b, { version: '0.12.1' });
    new MetalLbPool(a, 'p', { addresses: ['10.0.0.0/24'] });
    new MetalLbPool(b, 'q', { addresses: ['10.0.1.0/24'] });
    expect(() => app.synth()).toThrow(/\[b\/q\] M16 ConfigMap: got "metallb-system\/config"; expected one legacy MetalLB ConfigMap per namespace: a\/p writes metallb-system\/config too/);
  });

  test('fails M16: another ConfigMap named config in the MetalLB namespace', () => {
    const app = Testing.app();
    MetalLb.configure(app, { version: '0.9.3' });
    const c = new Chart(app, 'c');
    new MetalLbPool(c, 'p', { addresses: ['10.0.0.0/24'] });
    new ApiObject(c, 'hand-written', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'config', namespace: 'metallb-system' } });
    expect(() => Testing.synth(c)).toThrow(/M16 ConfigMap: got "metallb-system\/config"; expected one legacy MetalLB ConfigMap: c\/hand-written writes another ConfigMap/);
  });
});

test('fails M0: a legacy pool announced by both Layer2 and BGP', () => {
  const app = Testing.app();
  MetalLb.configure(app, { version: '0.12.1' });
  const c = new Chart(app, 'c');
  new MetalLbPool(c, 'p', { addresses: ['10.0.0.0/24'], advertisements: [MetalLbAdvertisement.layer2(), MetalLbAdvertisement.bgp()] });
  expect(() => Testing.synth(c)).toThrow(/M0 advertisements: got \["layer2","bgp"\]; expected one protocol: MetalLB v0\.12\.1 announces a pool either by layer2 or by bgp/);
});

test('a 1,000-pool app with 10,000 LoadBalancer Services synthesizes with its checks', () => {
  const app = new App({ outdir: Testing.app().outdir });
  const pools: MetalLbPool[] = [];
  const infra = new Chart(app, 'metallb');
  for (let i = 0; i < 1000; i++) {
    pools.push(new MetalLbPool(infra, `pool-${i}`, { addresses: [`10.${Math.floor(i / 256)}.${i % 256}.0/28`] }));
  }
  const apps = new Chart(app, 'services');
  for (let i = 0; i < 10000; i++) {
    const pool = pools[i % 1000];
    new LoadBalancerService(apps, `svc-${i}`, { metadata: { name: `svc-${i}` }, selector: { app: `a${i}` }, ports: [{ port: 80 }], metalLb: { pool } });
  }
  // speed is the benchmark's business (npm run bench); here: it synthesizes, every Service bound
  const objects = Testing.synth(apps);
  expect(objects).toHaveLength(10000);
  expect(objects.every(o => o.metadata.annotations['metallb.io/address-pool'].startsWith('pool-'))).toBe(true);
  expect(Testing.synth(infra)).toHaveLength(2000);
}, 120000);

test('the app-wide checks catch a problem in a 1,000-pool app', () => {
  const app = new App({ outdir: Testing.app().outdir });
  const infra = new Chart(app, 'metallb');
  const pools: MetalLbPool[] = [];
  for (let i = 0; i < 1000; i++) pools.push(new MetalLbPool(infra, `pool-${i}`, { addresses: [`10.${Math.floor(i / 256)}.${i % 256}.0/30`] }));
  const apps = new Chart(app, 'services');
  for (let i = 0; i < 5; i++) new LoadBalancerService(apps, `svc-${i}`, { metadata: { name: `svc-${i}` }, ports: port, metalLb: { pool: pools[999] } });
  expect(() => Testing.synth(apps)).toThrow(/\[services\/svc-4\] M15 metalLb\.pool: got "pool-999"; expected a pool with a free IPv4 address: pool "pool-999" has 4 usable/);
});
