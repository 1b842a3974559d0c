import { Chart, Duration, Testing } from 'cdk8s';
import {
  ClusterIpService, InternalTrafficPolicy, IpFamily, IpFamilyPolicy, NodePortService, Protocol,
  ServiceBackend, SessionAffinity, TargetPort,
} from '../../src';
import { chart, synth, synthError } from '../util';

const web = { name: 'web' };

describe('ports', () => {
  test('ports can be added after construction, in order', () => {
    const [svc] = synth(c => {
      const s = new ClusterIpService(c, 'svc', { metadata: web, selector: { app: 'web' } });
      s.addPort({ name: 'http', port: 80, targetPort: TargetPort.fromName('http') });
      s.addPort({ name: 'dns', port: 53, protocol: Protocol.UDP, appProtocol: 'dns' });
    });
    expect(svc.spec.ports).toEqual([
      { name: 'http', port: 80, protocol: 'TCP', targetPort: 'http' },
      { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53, appProtocol: 'dns' },
    ]);
  });

  test('fails S5: two ports share a name', () => {
    expect(synthError(c => new ClusterIpService(c, 'svc', {
      metadata: web,
      ports: [{ name: 'http', port: 80 }, { name: 'http', port: 81 }],
    }))).toMatch(/\[test\/svc\] S5 spec\.ports\[1\]\.name: got "http"; expected a name unique within the Service \(spec\.ports\[0\] has it\)/);
  });

  test('fails S5: a port name is not a DNS-1123 label', () => {
    expect(synthError(c => new ClusterIpService(c, 'svc', { metadata: web, ports: [{ name: 'HTTP', port: 80 }] })))
      .toMatch(/S5 spec\.ports\[0\]\.name: got "HTTP"; expected a DNS-1123 label/);
  });

  test('fails S5: a port is unnamed when there are two', () => {
    expect(synthError(c => {
      const s = new ClusterIpService(c, 'svc', { metadata: web, ports: [{ port: 80 }] });
      s.addPort({ name: 'https', port: 443 });
    })).toMatch(/S5 spec\.ports\[0\]\.name: got nothing; expected a name on every port when the Service has more than one port/);
  });

  test.each([0, 65536, -1, 80.5])('fails S6: port %p is out of range', (port) => {
    expect(synthError(c => new ClusterIpService(c, 'svc', { metadata: web, ports: [{ port }] })))
      .toMatch(new RegExp(`\\[test/svc\\] S6 spec\\.ports\\[0\\]\\.port: got ${port}; expected an integer from 1 to 65535`));
  });

  test('fails S7: protocol is not TCP, UDP or SCTP', () => {
    expect(synthError(c => new ClusterIpService(c, 'svc', { metadata: web, ports: [{ port: 80, protocol: 'HTTP' as Protocol }] })))
      .toMatch(/S7 spec\.ports\[0\]\.protocol: got "HTTP"; expected TCP, UDP or SCTP/);
  });

  test('S7: SCTP is accepted and TCP is the default', () => {
    const [svc] = synth(c => new ClusterIpService(c, 'svc', {
      metadata: web, ports: [{ name: 'a', port: 80 }, { name: 'b', port: 80, protocol: Protocol.SCTP }],
    }));
    expect(svc.spec.ports.map((p: any) => p.protocol)).toEqual(['TCP', 'SCTP']);
  });

  test.each([
    ['a name longer than 15 characters', () => TargetPort.fromName('a-very-long-port-name'), /got "a-very-long-port-name"; expected an IANA service name/],
    ['a name without a letter', () => TargetPort.fromName('8080'), /got "8080"; expected an IANA service name/],
    ['a name with a double dash', () => TargetPort.fromName('my--port'), /got "my--port"; expected an IANA service name/],
    ['a number out of range', () => TargetPort.fromNumber(70000), /got 70000; expected an integer from 1 to 65535/],
  ])('fails S8: target port is %s, naming the Service and the port', (_what, make, expected) => {
    const message = synthError(c => new ClusterIpService(c, 'svc', {
      metadata: web, ports: [{ name: 'a', port: 80 }, { name: 'b', port: 81, targetPort: make() }],
    }));
    expect(message).toMatch(/^\[test\/svc\] S8 spec\.ports\[1\]\.targetPort: /);
    expect(message).toMatch(expected);
  });

  test('fails S8 on addPort() too, and the bad port is not added', () => {
    const c = chart();
    const s = new ClusterIpService(c, 'svc', { metadata: web, ports: [{ port: 80 }] });
    expect(() => s.addPort({ port: 81, targetPort: TargetPort.fromNumber(0) }))
      .toThrow(/^\[test\/svc\] S8 spec\.ports\[1\]\.targetPort: got 0; expected an integer from 1 to 65535/);
    expect(Testing.synth(c)[0].spec.ports).toHaveLength(1);
  });

  test('fails S9: appProtocol is not a qualified name', () => {
    expect(synthError(c => new ClusterIpService(c, 'svc', { metadata: web, ports: [{ port: 80, appProtocol: 'http/2/x' }] })))
      .toMatch(/S9 spec\.ports\[0\]\.appProtocol: got "http\/2\/x"; expected an IANA service name, kubernetes.io\/h2c/);
  });

  test('S9: appProtocol accepts IANA names, kubernetes.io names and domain-prefixed names', () => {
    const [svc] = synth(c => new ClusterIpService(c, 'svc', {
      metadata: web,
      ports: [
        { name: 'a', port: 80, appProtocol: 'http' },
        { name: 'b', port: 81, appProtocol: 'kubernetes.io/h2c' },
        { name: 'c', port: 82, appProtocol: 'example.com/custom' },
      ],
    }));
    expect(svc.spec.ports.map((p: any) => p.appProtocol)).toEqual(['http', 'kubernetes.io/h2c', 'example.com/custom']);
  });

  test('fails S16: two ports share (protocol, port)', () => {
    expect(synthError(c => new ClusterIpService(c, 'svc', {
      metadata: web, ports: [{ name: 'a', port: 80 }, { name: 'b', port: 80 }],
    }))).toMatch(/S16 spec\.ports\[1\]: got "TCP\/80"; expected a \(protocol, port\) pair unique within the Service/);
  });

  test('S16: the same port with two protocols is fine', () => {
    const [svc] = synth(c => new ClusterIpService(c, 'svc', {
      metadata: web, ports: [{ name: 'dns-tcp', port: 53 }, { name: 'dns-udp', port: 53, protocol: Protocol.UDP }],
    }));
    expect(svc.spec.ports).toHaveLength(2);
  });

  test('fails S16: two ports share (protocol, nodePort)', () => {
    expect(synthError(c => new NodePortService(c, 'svc', {
      metadata: web, ports: [{ name: 'a', port: 80, nodePort: 30001 }, { name: 'b', port: 81, nodePort: 30001 }],
    }))).toMatch(/S16 spec\.ports\[1\]\.nodePort: got "TCP\/30001"; expected a \(protocol, nodePort\) pair unique/);
  });
});

describe('selector', () => {
  test('selector and addSelector combine', () => {
    const [svc] = synth(c => {
      const s = new ClusterIpService(c, 'svc', { metadata: web, selector: { app: 'web' }, ports: [{ port: 80 }] });
      s.addSelector('tier', 'frontend');
    });
    expect(svc.spec.selector).toEqual({ app: 'web', tier: 'frontend' });
  });

  test.each([
    ['a key with two slashes', 'a/b/c', 'x'],
    ['a key with a bad prefix', 'Example.com/app', 'x'],
    ['a value with a space', 'app', 'my app'],
    ['a value longer than 63 characters', 'app', 'x'.repeat(64)],
    ['a value ending in a dash', 'app', 'web-'],
  ])('fails S10: selector has %s', (_what, key, value) => {
    expect(synthError(c => new ClusterIpService(c, 'svc', { metadata: web, selector: { [key]: value }, ports: [{ port: 80 }] })))
      .toMatch(/\[test\/svc\] S10 spec\.selector/);
  });

  test('fails S10: a backend with invalid labels', () => {
    expect(synthError(c => new ClusterIpService(c, 'svc', {
      metadata: web, backend: ServiceBackend.fromLabels({ 'app!': 'x' }), ports: [{ port: 80 }],
    }))).toMatch(/S10 spec\.selector key: got "app!"/);
  });
});

describe('session affinity', () => {
  test('S11: ClientIP with a timeout', () => {
    const [svc] = synth(c => new ClusterIpService(c, 'svc', {
      metadata: web, ports: [{ port: 80 }], sessionAffinity: SessionAffinity.clientIp(Duration.hours(1)),
    }));
    expect(svc.spec.sessionAffinity).toBe('ClientIP');
    expect(svc.spec.sessionAffinityConfig).toEqual({ clientIP: { timeoutSeconds: 3600 } });
  });

  test('S11: None writes no config', () => {
    const [svc] = synth(c => new ClusterIpService(c, 'svc', { metadata: web, ports: [{ port: 80 }], sessionAffinity: SessionAffinity.none() }));
    expect(svc.spec.sessionAffinity).toBe('None');
    expect(svc.spec.sessionAffinityConfig).toBeUndefined();
  });

  test.each([
    [Duration.days(2), 172800],
    [Duration.seconds(0), 0],
    [Duration.millis(1500), 1.5],
  ])('fails S11: ClientIP timeout %p, naming the Service and the field', (timeout, seconds) => {
    const affinity = SessionAffinity.clientIp(timeout); // the value alone is not an error yet
    for (const make of [
      (c: Chart) => new ClusterIpService(c, 'svc', { metadata: web, ports: [{ port: 80 }], sessionAffinity: affinity }),
      (c: Chart) => new NodePortService(c, 'svc', { metadata: web, ports: [{ port: 80 }], sessionAffinity: affinity }),
    ]) {
      expect(synthError(make)).toBe(`[test/svc] S11 spec.sessionAffinityConfig.clientIP.timeoutSeconds: got ${seconds}; expected whole seconds from 1 to 86400`);
    }
  });
});

describe('cluster IPs and families', () => {
  test('fails S12: clusterIP is not an IP', () => {
    expect(synthError(c => new ClusterIpService(c, 'svc', { metadata: web, clusterIp: '10.0.0.300', ports: [{ port: 80 }] })))
      .toMatch(/S12 spec\.clusterIP: got "10\.0\.0\.300"; expected a valid IPv4 or IPv6 address/);
  });

  test('fails S12: clusterIPs[0] differs from clusterIP', () => {
    expect(synthError(c => new ClusterIpService(c, 'svc', {
      metadata: web, clusterIp: '10.0.0.10', clusterIps: ['10.0.0.11'], ports: [{ port: 80 }],
    }))).toMatch(/S12 spec\.clusterIPs\[0\]: got "10\.0\.0\.11"; expected the same value as clusterIP \(10\.0\.0\.10\)/);
  });

  test('fails S12: two clusterIPs of one family', () => {
    expect(synthError(c => new ClusterIpService(c, 'svc', {
      metadata: web, clusterIp: '10.0.0.10', clusterIps: ['10.0.0.10', '10.0.0.11'], ipFamilyPolicy: IpFamilyPolicy.REQUIRE_DUAL_STACK, ports: [{ port: 80 }],
    }))).toMatch(/S12 spec\.clusterIPs: got \["10\.0\.0\.10","10\.0\.0\.11"\]; expected at most one IP per family/);
  });

  test('fails S12: a clusterIP does not match its family', () => {
    expect(synthError(c => new ClusterIpService(c, 'svc', {
      metadata: web, clusterIp: 'fd00::10', ipFamilies: [IpFamily.IPV4], ports: [{ port: 80 }],
    }))).toMatch(/S12 spec\.clusterIP: got "fd00::10"; expected an IPv4 address, as ipFamilies\[0\] says/);
  });

  test('fails S12: more than two clusterIPs', () => {
    expect(synthError(c => new ClusterIpService(c, 'svc', {
      metadata: web, clusterIp: '10.0.0.1', clusterIps: ['10.0.0.1', 'fd00::1', '10.0.0.2'], ipFamilyPolicy: IpFamilyPolicy.REQUIRE_DUAL_STACK, ports: [{ port: 80 }],
    }))).toMatch(/S12 spec\.clusterIPs: .*expected at most two IPs, one per family/);
  });

  test('S12/S13: a dual-stack Service with pinned IPs', () => {
    const [svc] = synth(c => new ClusterIpService(c, 'svc', {
      metadata: web,
      clusterIp: '10.0.0.10',
      clusterIps: ['10.0.0.10', 'fd00::10'],
      ipFamilies: [IpFamily.IPV4, IpFamily.IPV6],
      ipFamilyPolicy: IpFamilyPolicy.REQUIRE_DUAL_STACK,
      ports: [{ port: 80 }],
    }));
    expect(svc.spec).toMatchObject({ clusterIP: '10.0.0.10', clusterIPs: ['10.0.0.10', 'fd00::10'], ipFamilies: ['IPv4', 'IPv6'], ipFamilyPolicy: 'RequireDualStack' });
  });

  test('fails S13: two families with a single-stack policy', () => {
    expect(synthError(c => new ClusterIpService(c, 'svc', {
      metadata: web, ipFamilies: [IpFamily.IPV4, IpFamily.IPV6], ports: [{ port: 80 }],
    }))).toMatch(/S13 spec\.ipFamilyPolicy: got "SingleStack \(the default\)"; expected PreferDualStack or RequireDualStack/);
  });

  test('fails S13: a family twice', () => {
    expect(synthError(c => new ClusterIpService(c, 'svc', {
      metadata: web, ipFamilies: [IpFamily.IPV6, IpFamily.IPV6], ipFamilyPolicy: IpFamilyPolicy.PREFER_DUAL_STACK, ports: [{ port: 80 }],
    }))).toMatch(/S13 spec\.ipFamilies: got \["IPv6","IPv6"\]; expected no family twice/);
  });

  test('fails S13: an unknown family', () => {
    expect(synthError(c => new ClusterIpService(c, 'svc', { metadata: web, ipFamilies: ['IPv5' as IpFamily], ports: [{ port: 80 }] })))
      .toMatch(/S13 spec\.ipFamilies\[0\]: got "IPv5"; expected IPv4 or IPv6/);
  });
});

describe('external IPs', () => {
  test.each([
    ['0.0.0.0', 'unspecified'],
    ['127.0.0.1', 'loopback'],
    ['169.254.1.1', 'link-local unicast'],
    ['224.0.0.5', 'link-local multicast'],
    ['::1', 'loopback'],
    ['fe80::1', 'link-local unicast'],
    ['ff02::1', 'link-local multicast'],
  ])('fails S14: external IP %s is %s', (ip, why) => {
    expect(synthError(c => new ClusterIpService(c, 'svc', { metadata: web, externalIps: [ip], ports: [{ port: 80 }] })))
      .toMatch(new RegExp(`S14 spec\\.externalIPs\\[0\\]: got "${ip.replace(/\./g, '\\.')}"; expected an address that is not ${why}`));
  });

  test('fails S14: external IP is not an IP', () => {
    expect(synthError(c => new ClusterIpService(c, 'svc', { metadata: web, externalIps: ['example.com'], ports: [{ port: 80 }] })))
      .toMatch(/S14 spec\.externalIPs\[0\]: got "example\.com"; expected a valid IPv4 or IPv6 address/);
  });

  test('S14: public and private addresses are accepted', () => {
    const [svc] = synth(c => new ClusterIpService(c, 'svc', { metadata: web, externalIps: ['192.0.2.10', '2001:db8::1'], ports: [{ port: 80 }] }));
    expect(svc.spec.externalIPs).toEqual(['192.0.2.10', '2001:db8::1']);
  });
});

test('fails S21: internalTrafficPolicy is not Cluster or Local', () => {
  expect(synthError(c => new ClusterIpService(c, 'svc', {
    metadata: web, internalTrafficPolicy: 'Node' as InternalTrafficPolicy, ports: [{ port: 80 }],
  }))).toMatch(/S21 spec\.internalTrafficPolicy: got "Node"; expected Cluster or Local/);
});

test('S21: Local is written', () => {
  const [svc] = synth(c => new ClusterIpService(c, 'svc', { metadata: web, internalTrafficPolicy: InternalTrafficPolicy.LOCAL, ports: [{ port: 80 }] }));
  expect(svc.spec.internalTrafficPolicy).toBe('Local');
});

test('fails S10: a bad addSelector leaves the selector as it was', () => {
  const [svc] = synth(c => {
    const s = new ClusterIpService(c, 'svc', { metadata: web, selector: { app: 'web' }, ports: [{ port: 80 }] });
    expect(() => s.addSelector('app', 'not valid')).toThrow(/S10 spec\.selector\["app"\]: got "not valid"/);
  });
  expect(svc.spec.selector).toEqual({ app: 'web' });
});
