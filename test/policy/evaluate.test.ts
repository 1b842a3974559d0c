// Every rule of a ServicePolicy, three ways: violating, complying, waived (the waiver annotation
// in the synthesized YAML). The chart has namespace `shop` unless the test is about P8.
import { ApiObject, Chart, JsonPatch, Testing } from 'cdk8s';
import * as plus from 'cdk8s-plus-28';
import { synthWith } from './util';
import {
  ClusterIpService, ExternalNameService, ExternalTrafficPolicy, LoadBalancerService, NodePortService, ServiceBackend,
} from '../../src';
import { KubeCronJob, KubeDeployment, KubePod } from '../../src/imports/k8s';
import { PolicyRule, PolicySeverity } from '../../src/policy/enums';
import { evaluateApp } from '../../src/policy/evaluate';
import { ServicePolicy } from '../../src/policy/service-policy';

const WAIVE = (name: string) => `or waive: ServicePolicy.waive(service, PolicyRule.${name}, 'reason')`;

/** The waived Service's manifest carries the annotation, in the YAML as written. */
function expectWaiver(yaml: string | undefined, id: string, reason: string): void {
  expect(yaml).toContain(`policy.cdk8s-services.io/waive-${id}: ${reason}`);
}

describe('P1 external IPs', () => {
  const svc = (c: Chart, externalIps: string[]) => new ClusterIpService(c, 'web', {
    metadata: { name: 'web' }, selector: { app: 'web' }, externalIps, ports: [{ port: 80 }],
  });

  test('P1 violating: an external IP is an error by default (CVE-2020-8554)', () => {
    const o = synthWith({}, c => svc(c, ['203.0.113.5']));
    expect(o.error).toContain(
      '[test/web] P1 spec.externalIPs: got ["203.0.113.5"]; expected no external IPs (CVE-2020-8554: a Service with externalIPs can intercept traffic to those addresses); '
      + `allow-list them with allowedExternalIps ${WAIVE('EXTERNAL_IPS')}`);
  });

  test('P1 violating: only the addresses outside allowedExternalIps are reported', () => {
    const o = synthWith({ allowedExternalIps: ['203.0.113.0/24', '2001:db8::1'] }, c => svc(c, ['203.0.113.5', '198.51.100.7', '2001:db8::1', '2001:db8::2']));
    expect(o.error).toMatch(/\[test\/web\] P1 spec\.externalIPs: got \["198\.51\.100\.7","2001:db8::2"\]; expected only external IPs inside allowedExternalIps \(203\.0\.113\.0\/24, 2001:db8::1\)/);
  });

  test('P1 complying: no external IPs, or only allow-listed ones', () => {
    expect(synthWith({}, c => svc(c, [])).error).toBeUndefined();
    const o = synthWith({ allowedExternalIps: ['203.0.113.0/24', '198.51.100.7'] }, c => svc(c, ['203.0.113.5', '198.51.100.7']));
    expect(o.error).toBeUndefined();
    expect(o.manifests![0].spec.externalIPs).toEqual(['203.0.113.5', '198.51.100.7']);
  });

  test('P1 waived: the Service is exempt and the reason is in the YAML', () => {
    const o = synthWith({}, c => ServicePolicy.waive(svc(c, ['203.0.113.5']), PolicyRule.EXTERNAL_IPS, 'edge VIP, NET-42'));
    expect(o.error).toBeUndefined();
    expectWaiver(o.yaml, 'p1', 'edge VIP, NET-42');
  });
});

describe('P2 NodePort Services', () => {
  const svc = (c: Chart) => new NodePortService(c, 'web', { metadata: { name: 'web' }, selector: { app: 'web' }, ports: [{ port: 80 }] });

  test('P2 violating: a NodePort Service when the policy forbids them', () => {
    expect(synthWith({ nodePortServices: PolicySeverity.ERROR }, svc).error).toContain(
      '[test/web] P2 spec.type: got "NodePort"; expected a type other than NodePort: the policy forbids NodePort Services (a node port opens on every node, where NetworkPolicy does not apply); '
      + `use a ClusterIP Service behind an Ingress or Gateway, allow them with nodePortServices: PolicySeverity.OFF ${WAIVE('NODE_PORT_SERVICES')}`);
  });

  test('P2 complying: a ClusterIP Service; and NodePort is allowed by default', () => {
    expect(synthWith({ nodePortServices: PolicySeverity.ERROR }, c => new ClusterIpService(c, 'web', { selector: { app: 'web' }, ports: [{ port: 80 }] })).error).toBeUndefined();
    const o = synthWith({}, svc);
    expect(o.error).toBeUndefined();
    expect(o.warnings).toEqual([]);
  });

  test('P2 waived: the Service is exempt and the reason is in the YAML', () => {
    const o = synthWith({ nodePortServices: PolicySeverity.ERROR }, c => ServicePolicy.waive(svc(c), PolicyRule.NODE_PORT_SERVICES, 'bare-metal ingress'));
    expect(o.error).toBeUndefined();
    expectWaiver(o.yaml, 'p2', 'bare-metal ingress');
  });
});

describe('P3 LoadBalancer Services', () => {
  const svc = (c: Chart) => new LoadBalancerService(c, 'web', {
    metadata: { name: 'web' }, selector: { app: 'web' }, loadBalancerSourceRanges: ['192.0.2.0/24'], ports: [{ port: 80 }],
  });

  test('P3 violating: a LoadBalancer Service when the policy forbids them', () => {
    expect(synthWith({ loadBalancerServices: PolicySeverity.ERROR }, svc).error).toMatch(
      /\[test\/web\] P3 spec\.type: got "LoadBalancer"; expected a type other than LoadBalancer: the policy forbids LoadBalancer Services .*waive: ServicePolicy\.waive\(service, PolicyRule\.LOAD_BALANCER_SERVICES, 'reason'\)/);
  });

  test('P3 complying: a ClusterIP Service; and LoadBalancer is allowed by default', () => {
    expect(synthWith({ loadBalancerServices: PolicySeverity.ERROR }, c => new ClusterIpService(c, 'web', { selector: { app: 'web' }, ports: [{ port: 80 }] })).error).toBeUndefined();
    const o = synthWith({}, svc);
    expect(o.error).toBeUndefined();
    expect(o.warnings).toEqual([]);
  });

  test('P3 waived: the Service is exempt and the reason is in the YAML', () => {
    const o = synthWith({ loadBalancerServices: PolicySeverity.ERROR }, c => ServicePolicy.waive(svc(c), PolicyRule.LOAD_BALANCER_SERVICES, 'the shared ingress itself'));
    expect(o.error).toBeUndefined();
    expectWaiver(o.yaml, 'p3', 'the shared ingress itself');
  });
});

describe('P4 ExternalName Services', () => {
  const svc = (c: Chart) => new ExternalNameService(c, 'db', { metadata: { name: 'db' }, externalName: 'db.example.com' });

  test('P4 violating: an ExternalName Service warns when the policy says WARNING (CVE-2021-25740)', () => {
    const o = synthWith({ externalNameServices: PolicySeverity.WARNING }, svc);
    expect(o.error).toBeUndefined();
    expect(o.warnings).toEqual([
      '[test/db] P4 spec.type: got "ExternalName"; expected a type other than ExternalName: the policy forbids ExternalName Services (CVE-2021-25740: ingress and gateway controllers '
      + 'forward traffic to whatever the name points to, Services of other namespaces included); '
      + `let clients use the external name directly, allow them with externalNameServices: PolicySeverity.OFF ${WAIVE('EXTERNAL_NAME_SERVICES')}`,
    ]);
  });

  test('P4 complying: ExternalName is allowed by default', () => {
    const o = synthWith({}, svc);
    expect(o.error).toBeUndefined();
    expect(o.warnings).toEqual([]);
  });

  test('P4 waived: the Service is exempt and the reason is in the YAML', () => {
    const o = synthWith({ externalNameServices: PolicySeverity.ERROR }, c => ServicePolicy.waive(svc(c), PolicyRule.EXTERNAL_NAME_SERVICES, 'managed database, SEC-7'));
    expect(o.error).toBeUndefined();
    expect(o.warnings).toEqual([]);
    expectWaiver(o.yaml, 'p4', 'managed database, SEC-7');
  });
});

describe('P5 node-port range', () => {
  const policy = { allowedNodePortRange: '30000-30100' };

  test('P5 violating: node ports and the health-check node port outside allowedNodePortRange', () => {
    const o = synthWith(policy, c => {
      new NodePortService(c, 'np', { metadata: { name: 'np' }, selector: { app: 'np' }, ports: [{ name: 'a', port: 80, nodePort: 30080 }, { name: 'b', port: 81, nodePort: 30500 }] });
      new LoadBalancerService(c, 'lb', {
        metadata: { name: 'lb' },
        selector: { app: 'lb' },
        loadBalancerSourceRanges: ['192.0.2.0/24'],
        externalTrafficPolicy: ExternalTrafficPolicy.LOCAL,
        healthCheckNodePort: 30101,
        ports: [{ port: 80 }],
      });
    });
    expect(o.error).toContain(`[test/np] P5 spec.ports[1].nodePort: got 30500; expected a node port in allowedNodePortRange 30000-30100, the ports given to this app; pick a port in 30000-30100 ${WAIVE('NODE_PORT_RANGE')}`);
    expect(o.error).toContain('[test/lb] P5 spec.healthCheckNodePort: got 30101; expected a node port in allowedNodePortRange 30000-30100');
    expect(o.error).not.toContain('30080');
  });

  test('P5 complying: node ports inside the range, or left to the cluster; no range, no check', () => {
    expect(synthWith(policy, c => new NodePortService(c, 'np', { selector: { app: 'np' }, ports: [{ name: 'a', port: 80, nodePort: 30100 }, { name: 'b', port: 81 }] })).error).toBeUndefined();
    expect(synthWith({}, c => new NodePortService(c, 'np', { selector: { app: 'np' }, ports: [{ port: 80, nodePort: 32000 }] })).error).toBeUndefined();
  });

  test('P5 waived: the Service is exempt and the reason is in the YAML', () => {
    const o = synthWith(policy, c => ServicePolicy.waive(
      new NodePortService(c, 'np', { selector: { app: 'np' }, ports: [{ port: 80, nodePort: 30500 }] }), PolicyRule.NODE_PORT_RANGE, 'legacy port kept for clients'));
    expect(o.error).toBeUndefined();
    expectWaiver(o.yaml, 'p5', 'legacy port kept for clients');
  });
});

describe('P6 cluster IP ranges', () => {
  const policy = { allowedClusterIpRanges: ['10.100.0.0/16', 'fd00:100::/112'] };

  test('P6 violating: a pinned cluster IP outside allowedClusterIpRanges', () => {
    const o = synthWith(policy, c => new ClusterIpService(c, 'dns', { metadata: { name: 'dns' }, selector: { app: 'dns' }, clusterIp: '10.96.0.10', ports: [{ port: 53 }] }));
    expect(o.error).toContain(
      `[test/dns] P6 spec.clusterIP: got "10.96.0.10"; expected an address in allowedClusterIpRanges (10.100.0.0/16, fd00:100::/112); pin an address in these ranges, let the cluster allocate one ${WAIVE('CLUSTER_IP_RANGES')}`);
  });

  test('P6 violating: the second family of a dual-stack Service', () => {
    const o = synthWith(policy, c => new ClusterIpService(c, 'dns', {
      metadata: { name: 'dns' },
      selector: { app: 'dns' },
      clusterIp: '10.100.0.10',
      clusterIps: ['10.100.0.10', 'fd00:200::10'],
      ipFamilyPolicy: 'RequireDualStack' as any,
      ports: [{ port: 53 }],
    }));
    expect(o.error).toContain('[test/dns] P6 spec.clusterIPs[1]: got "fd00:200::10"');
    expect(o.error).not.toContain('spec.clusterIP:');
  });

  test('P6 complying: a pinned IP inside the ranges, an allocated one, or a headless Service', () => {
    const o = synthWith(policy, c => {
      new ClusterIpService(c, 'a', { selector: { app: 'a' }, clusterIp: '10.100.0.10', ports: [{ port: 53 }] });
      new ClusterIpService(c, 'b', { selector: { app: 'b' }, ports: [{ port: 53 }] });
      new ClusterIpService(c, 'c', { selector: { app: 'c' }, headless: true });
    });
    expect(o.error).toBeUndefined();
  });

  test('P6 waived: the Service is exempt and the reason is in the YAML', () => {
    const o = synthWith(policy, c => ServicePolicy.waive(
      new ClusterIpService(c, 'dns', { selector: { app: 'dns' }, clusterIp: '10.96.0.10', ports: [{ port: 53 }] }), PolicyRule.CLUSTER_IP_RANGES, 'cluster DNS address'));
    expect(o.error).toBeUndefined();
    expectWaiver(o.yaml, 'p6', 'cluster DNS address');
  });
});

describe('P7 ExternalName targets', () => {
  const policy = { allowedExternalNames: ['*.example.com', 'api.partner.io'] };
  const svc = (c: Chart, externalName: string, id = 'db') => new ExternalNameService(c, id, { metadata: { name: id }, externalName });

  test('P7 violating: a target outside allowedExternalNames (CVE-2021-25740)', () => {
    const o = synthWith(policy, c => svc(c, 'db.other.net'));
    expect(o.error).toContain(
      '[test/db] P7 spec.externalName: got "db.other.net"; expected a name of allowedExternalNames (*.example.com, api.partner.io) (CVE-2021-25740: ingress and gateway controllers '
      + `forward traffic to whatever the name points to, Services of other namespaces included); point to an allowed name, add it to allowedExternalNames ${WAIVE('EXTERNAL_NAME_TARGETS')}`);
  });

  test('P7 violating: localhost, even without a list; a suffix pattern does not match its own domain', () => {
    expect(synthWith({}, c => svc(c, 'localhost.')).error).toMatch(/\[test\/db\] P7 spec\.externalName: got "localhost\."; expected a name other than localhost/);
    expect(synthWith({}, c => svc(c, 'admin.localhost')).error).toMatch(/P7 spec\.externalName: got "admin\.localhost"/);
    expect(synthWith(policy, c => svc(c, 'example.com')).error).toMatch(/P7 spec\.externalName: got "example\.com"/);
  });

  test('P7 complying: names below a suffix pattern, exact names, a trailing dot; any name without a list', () => {
    const o = synthWith(policy, c => {
      svc(c, 'db.example.com', 'a');
      svc(c, 'eu.db.example.com.', 'b');
      svc(c, 'api.partner.io.', 'c');
    });
    expect(o.error).toBeUndefined();
    expect(synthWith({}, c => svc(c, 'db.other.net')).error).toBeUndefined();
  });

  test('P7 waived: the Service is exempt and the reason is in the YAML', () => {
    const o = synthWith(policy, c => ServicePolicy.waive(svc(c, 'db.other.net'), PolicyRule.EXTERNAL_NAME_TARGETS, 'vendor DB during migration'));
    expect(o.error).toBeUndefined();
    expectWaiver(o.yaml, 'p7', 'vendor DB during migration');
  });
});

describe('P8 default namespace', () => {
  const svc = (c: Chart, namespace?: string) => new ClusterIpService(c, 'web', { metadata: { name: 'web', namespace }, selector: { app: 'web' }, ports: [{ port: 80 }] });

  test('P8 violating: a Service without namespace counts as default, and warns', () => {
    const o = synthWith({}, c => svc(c), {});
    expect(o.error).toBeUndefined();
    expect(o.warnings).toEqual([
      '[test/web] P8 metadata.namespace: got nothing; expected a namespace other than "default" (a Service without one lands in "default", shared by everyone: '
      + 'RBAC, quotas and NetworkPolicy cannot tell its apps apart); '
      + `set a namespace (metadata.namespace, or the Chart's namespace) ${WAIVE('DEFAULT_NAMESPACE')}`,
    ]);
  });

  test('P8 violating: namespace "default" written out', () => {
    expect(synthWith({}, c => svc(c, 'default'), {}).warnings).toEqual([expect.stringMatching(/^\[test\/web\] P8 metadata\.namespace: got "default";/)]);
  });

  test('P8 complying: a namespace from the metadata or from the Chart', () => {
    expect(synthWith({}, c => svc(c, 'shop'), {}).warnings).toEqual([]);
    expect(synthWith({}, c => svc(c), { namespace: 'shop' }).warnings).toEqual([]);
  });

  test('P8 waived: the Service is exempt and the reason is in the YAML', () => {
    const o = synthWith({}, c => ServicePolicy.waive(svc(c), PolicyRule.DEFAULT_NAMESPACE, 'namespace set by kubectl -n'), {});
    expect(o.warnings).toEqual([]);
    expectWaiver(o.yaml, 'p8', 'namespace set by kubectl -n');
  });
});

describe('P9 load-balancer source ranges', () => {
  const svc = (c: Chart, loadBalancerSourceRanges?: string[]) => new LoadBalancerService(c, 'web', {
    metadata: { name: 'web' }, selector: { app: 'web' }, loadBalancerSourceRanges, ports: [{ port: 443 }],
  });

  test('P9 violating: a LoadBalancer without source ranges warns', () => {
    const o = synthWith({}, c => svc(c));
    expect(o.error).toBeUndefined();
    expect(o.warnings).toEqual([
      '[test/web] P9 spec.loadBalancerSourceRanges: got nothing; expected the client CIDRs that may connect (without them, every address that reaches the load balancer may); '
      + `set loadBalancerSourceRanges ${WAIVE('LOAD_BALANCER_SOURCE_RANGES')}`,
    ]);
  });

  test('P9 violating: a /0 range, in the field or in the annotation', () => {
    expect(synthWith({}, c => svc(c, ['10.0.0.0/8', '::/0'])).warnings).toEqual([
      expect.stringMatching(/^\[test\/web\] P9 spec\.loadBalancerSourceRanges\[1\]: got "::\/0"; expected a range narrower than \/0, which admits every client; list the client networks or waive/),
    ]);
    const o = synthWith({ loadBalancerSourceRanges: PolicySeverity.ERROR }, c => svc(c).metadata.addAnnotation('service.beta.kubernetes.io/load-balancer-source-ranges', '10.0.0.0/8, 0.0.0.0/0'));
    expect(o.error).toContain('[test/web] P9 metadata.annotations["service.beta.kubernetes.io/load-balancer-source-ranges"]: got "0.0.0.0/0"; expected a range narrower than /0');
  });

  test('P9 complying: source ranges in the field or the annotation; other types are not checked', () => {
    expect(synthWith({}, c => svc(c, ['192.0.2.0/24'])).warnings).toEqual([]);
    expect(synthWith({}, c => svc(c).metadata.addAnnotation('service.beta.kubernetes.io/load-balancer-source-ranges', '192.0.2.0/24')).warnings).toEqual([]);
    expect(synthWith({}, c => new NodePortService(c, 'np', { selector: { app: 'np' }, ports: [{ port: 80 }] })).warnings).toEqual([]);
  });

  test('P9 waived: the Service is exempt and the reason is in the YAML', () => {
    const o = synthWith({}, c => ServicePolicy.waive(svc(c), PolicyRule.LOAD_BALANCER_SOURCE_RANGES, 'public website'));
    expect(o.warnings).toEqual([]);
    expectWaiver(o.yaml, 'p9', 'public website');
  });
});

describe('P10 selector matches no workload', () => {
  const deployment = (c: Chart, labels: Record<string, string>, namespace?: string) => new KubeDeployment(c, `d-${Object.values(labels).join('-')}`, {
    metadata: { namespace },
    spec: { selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'app', image: 'nginx' }] } } },
  });
  const svc = (c: Chart, selector: Record<string, string>, id = 'web') => new ClusterIpService(c, id, { metadata: { name: id }, selector, ports: [{ port: 80 }] });

  test('P10 violating: a typo in the selector warns, naming the workloads of the namespace', () => {
    const o = synthWith({}, c => {
      deployment(c, { app: 'web' });
      svc(c, { app: 'wbe' });
    });
    expect(o.warnings).toEqual([
      '[test/web] P10 spec.selector: got {"app":"wbe"}; expected the labels of a pod template of the app in namespace "shop" (there: Deployment test/d-web {"app":"web"}); '
      + 'without matching pods the Service has no endpoints; '
      + `fix the selector or the workload's labels ${WAIVE('SELECTOR_MATCHES_NO_WORKLOAD')}`,
    ]);
  });

  test('P10 violating: the only workload is in another namespace (error when configured)', () => {
    const o = synthWith({ selectorMatchesNoWorkload: PolicySeverity.ERROR }, (c, app) => {
      deployment(new Chart(app, 'other', { namespace: 'other' }), { app: 'web' });
      svc(c, { app: 'web' });
    });
    expect(o.error).toContain('[test/web] P10 spec.selector: got {"app":"web"}; expected the labels of a pod template of the app in namespace "shop" (the app\'s 1 workload is in other namespaces)');
  });

  test('P10 complying: cdk8s-plus workloads, Pods and CronJobs of any chart; a subset of the labels is enough', () => {
    const o = synthWith({ selectorMatchesNoWorkload: PolicySeverity.ERROR }, (c, app) => {
      const d = new plus.Deployment(c, 'api', { containers: [{ image: 'api', portNumber: 8080 }] });
      new ClusterIpService(c, 'api-svc', { backend: ServiceBackend.fromWorkload(d), ports: [{ port: 80 }] });
      const other = new Chart(app, 'jobs', { namespace: 'shop' });
      new KubePod(other, 'pod', { metadata: { labels: { app: 'pod', tier: 'x' } }, spec: { containers: [{ name: 'c', image: 'busybox' }] } });
      new KubeCronJob(other, 'cron', {
        spec: {
          schedule: '* * * * *',
          jobTemplate: { spec: { template: { metadata: { labels: { app: 'cron' } }, spec: { containers: [{ name: 'c', image: 'busybox' }], restartPolicy: 'Never' } } } },
        },
      });
      svc(c, { app: 'pod' }, 'pod-svc');
      svc(c, { app: 'cron' }, 'cron-svc');
    });
    expect(o.error).toBeUndefined();
  });

  test('P10 complying: an app without workloads, and a Service without selector, are not checked', () => {
    expect(synthWith({ selectorMatchesNoWorkload: PolicySeverity.ERROR }, c => svc(c, { app: 'elsewhere' })).error).toBeUndefined();
    expect(synthWith({ selectorMatchesNoWorkload: PolicySeverity.ERROR }, c => {
      deployment(c, { app: 'web' });
      new ClusterIpService(c, 'manual', { ports: [{ port: 80 }] });
    }).error).toBeUndefined();
  });

  test('P10 waived: the Service is exempt and the reason is in the YAML', () => {
    const o = synthWith({}, c => {
      deployment(c, { app: 'web' });
      ServicePolicy.waive(svc(c, { app: 'helm-installed' }), PolicyRule.SELECTOR_MATCHES_NO_WORKLOAD, 'pods come from the vendor chart');
    });
    expect(o.warnings).toEqual([]);
    expectWaiver(o.yaml, 'p10', 'pods come from the vendor chart');
  });
});

describe('P11 duplicate selector', () => {
  const svc = (c: Chart, id: string, selector: Record<string, string>, namespace?: string) =>
    new ClusterIpService(c, id, { metadata: { name: id, namespace }, selector, ports: [{ port: 80 }] });

  test('P11 violating: two Services of one namespace with the same selector (in any order) both warn, naming each other', () => {
    const o = synthWith({}, c => {
      svc(c, 'web', { app: 'web', tier: 'fe' });
      svc(c, 'web-copy', { tier: 'fe', app: 'web' });
    });
    expect(o.warnings).toEqual([
      '[test/web] P11 spec.selector: got {"app":"web","tier":"fe"}; expected a selector no other Service of namespace "shop" has: test/web-copy (Service "web-copy") selects the same pods; '
      + `merge the Services into one ${WAIVE('DUPLICATE_SELECTOR')}`,
      expect.stringMatching(/^\[test\/web-copy\] P11 spec\.selector: got \{"app":"web","tier":"fe"\}; expected a selector no other Service of namespace "shop" has: test\/web \(Service "web"\)/),
    ]);
  });

  test('P11 violating: across charts, against a Service under no policy', () => {
    const o = synthWith(undefined, (c, app) => {
      ServicePolicy.apply(c, { duplicateSelector: PolicySeverity.ERROR });
      svc(c, 'web', { app: 'web' });
      svc(new Chart(app, 'legacy'), 'old-web', { app: 'web' }, 'shop');
    });
    expect(o.error).toContain('[test/web] P11 spec.selector: got {"app":"web"}; expected a selector no other Service of namespace "shop" has: legacy/old-web (Service "old-web")');
    expect(o.error).not.toContain('[legacy/old-web]');
  });

  test('P11 complying: other namespaces, other selectors, a headless twin, successive versions of one Service', () => {
    const o = synthWith({ duplicateSelector: PolicySeverity.ERROR }, (c, app) => {
      svc(c, 'web', { app: 'web' });
      svc(c, 'web-other-ns', { app: 'web' }, 'other');
      svc(c, 'api', { app: 'web', tier: 'api' });
      new ClusterIpService(c, 'web-peers', { metadata: { name: 'web-peers' }, selector: { app: 'web' }, headless: true });
      svc(new Chart(app, 'v2', { namespace: 'shop' }), 'web', { app: 'web' });
    });
    expect(o.error).toBeUndefined();
  });

  test('P11 waived: waiving one Service of the pair silences both, and the reason is in the YAML', () => {
    const o = synthWith({}, c => {
      svc(c, 'web', { app: 'web' });
      ServicePolicy.waive(svc(c, 'web-internal', { app: 'web' }), PolicyRule.DUPLICATE_SELECTOR, 'internal alias during rename');
    });
    expect(o.warnings).toEqual([]);
    expectWaiver(o.yaml, 'p11', 'internal alias during rename');
  });
});

describe('P12 NodePort with local traffic', () => {
  const svc = (c: Chart, externalTrafficPolicy?: ExternalTrafficPolicy) => new NodePortService(c, 'web', {
    metadata: { name: 'web' }, selector: { app: 'web' }, externalTrafficPolicy, ports: [{ port: 80 }],
  });

  test('P12 violating: a NodePort Service with externalTrafficPolicy Local warns', () => {
    const o = synthWith({}, c => svc(c, ExternalTrafficPolicy.LOCAL));
    expect(o.error).toBeUndefined();
    expect(o.warnings).toEqual([
      '[test/web] P12 spec.externalTrafficPolicy: got "Local"; expected Cluster on a NodePort Service: with Local, a node without a ready pod of the Service drops what arrives on its node port, '
      + 'and clients of a node port pick the node themselves; '
      + `use Cluster (the default) or a LoadBalancer Service, whose health checks skip such nodes, ${WAIVE('NODE_PORT_LOCAL_TRAFFIC')}`,
    ]);
  });

  test('P12 complying: Cluster on a NodePort, Local on a LoadBalancer', () => {
    expect(synthWith({}, c => svc(c, ExternalTrafficPolicy.CLUSTER)).warnings).toEqual([]);
    expect(synthWith({}, c => new LoadBalancerService(c, 'lb', {
      selector: { app: 'lb' }, externalTrafficPolicy: ExternalTrafficPolicy.LOCAL, loadBalancerSourceRanges: ['192.0.2.0/24'], ports: [{ port: 80 }],
    })).warnings).toEqual([]);
  });

  test('P12 waived: the Service is exempt and the reason is in the YAML', () => {
    const o = synthWith({}, c => ServicePolicy.waive(svc(c, ExternalTrafficPolicy.LOCAL), PolicyRule.NODE_PORT_LOCAL_TRAFFIC, 'clients target DaemonSet nodes only'));
    expect(o.warnings).toEqual([]);
    expectWaiver(o.yaml, 'p12', 'clients target DaemonSet nodes only');
  });
});

test('the rendered JSON is what is checked: an external IP added by a JSON patch is caught', () => {
  const o = synthWith({}, c => {
    const s = new ClusterIpService(c, 'web', { selector: { app: 'web' }, ports: [{ port: 80 }] });
    s.apiObject.addJsonPatch(JsonPatch.add('/spec/externalIPs', ['192.0.2.1']));
  });
  expect(o.error).toMatch(/\[test\/web\] P1 spec\.externalIPs: got \["192\.0\.2\.1"\]/);
});

test('one error per broken rule: a Service can break several rules at once', () => {
  const o = synthWith({ nodePortServices: PolicySeverity.ERROR, allowedNodePortRange: '30000-30010' }, c => new NodePortService(c, 'web', {
    metadata: { name: 'web' }, selector: { app: 'web' }, externalIps: ['192.0.2.1'], ports: [{ port: 80, nodePort: 30080 }],
  }));
  expect(o.error!.split('\n').filter(l => l.includes('[test/web]')).map(l => / (P\d+) /.exec(l)![1])).toEqual(['P1', 'P2', 'P5']);
});

test('one pass: each Service\'s manifest and each workload is rendered once per evaluation', () => {
  const app = Testing.app();
  ServicePolicy.apply(app, { allowedNodePortRange: '30000-30999', allowedClusterIpRanges: ['10.96.0.0/12'], allowedExternalNames: ['*.example.com'] });
  const services: ClusterIpService[] = [];
  for (let i = 0; i < 300; i++) {
    const c = new Chart(app, `c${i}`, { namespace: `ns${i % 10}` });
    new KubeDeployment(c, 'd', {
      spec: { selector: { matchLabels: { app: `a${i}` } }, template: { metadata: { labels: { app: `a${i}` } }, spec: { containers: [{ name: 'c', image: 'i' }] } } },
    });
    services.push(new ClusterIpService(c, 'svc', { selector: { app: `a${i % 150}` }, ports: [{ port: 80 }] }));
  }
  const toJson = jest.spyOn(ApiObject.prototype, 'toJson');
  const findings = evaluateApp(app, c => ServicePolicy._of(c));
  const rendered = new Map<unknown, number>();
  for (const self of toJson.mock.contexts) rendered.set(self, (rendered.get(self) ?? 0) + 1);
  toJson.mockRestore();
  expect(services.every(s => rendered.get(s.apiObject) === 1)).toBe(true);
  expect(Math.max(...rendered.values())).toBe(1);
  expect(rendered.size).toBe(600);
  // Services i and i + 150 both select a<i> in one namespace (150 is a multiple of 10): P11; every selector matches a workload: no P10
  expect(findings.get(services[0])!.map(f => f.rule)).toEqual([PolicyRule.DUPLICATE_SELECTOR]);
  expect(findings.get(services[1])!.map(f => f.rule)).toEqual([PolicyRule.DUPLICATE_SELECTOR]);
});
