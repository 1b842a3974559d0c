import * as fs from 'fs';
import { App, Chart, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { policyWarnings, synthWith } from './util';
import {
  ClusterIpService, ExternalNameService, ExternalTrafficPolicy, LoadBalancerService, NodePortService,
} from '../../src';
import { PolicyRule, PolicySeverity } from '../../src/policy/enums';
import { ServicePolicy } from '../../src/policy/service-policy';

/** A Service that breaks every rule it can break on its own (P1, P2, P8, P12) and P11 with a twin. */
function troublemakers(c: Construct): void {
  new NodePortService(c, 'web', {
    metadata: { name: 'web' },
    selector: { app: 'web' },
    externalIps: ['203.0.113.5'],
    externalTrafficPolicy: ExternalTrafficPolicy.LOCAL,
    ports: [{ port: 80, nodePort: 32000 }],
  });
  new ClusterIpService(c, 'twin', { metadata: { name: 'twin' }, selector: { app: 'web' }, ports: [{ port: 80 }] });
}

describe('without a policy', () => {
  test('no policy attached: no rule is checked, nothing is printed, the manifests are unchanged', () => {
    const o = synthWith(undefined, troublemakers, {});
    expect(o.error).toBeUndefined();
    expect(o.warnings).toEqual([]);
    expect(o.yaml).not.toContain('policy.cdk8s-services.io');
    expect(o.manifests![0].spec.externalIPs).toEqual(['203.0.113.5']);
  });

  test('a waiver without a policy only writes its annotation', () => {
    const o = synthWith(undefined, c => {
      const s = new ClusterIpService(c, 'web', { selector: { app: 'web' }, externalIps: ['203.0.113.5'], ports: [{ port: 80 }] });
      ServicePolicy.waive(s, PolicyRule.EXTERNAL_IPS, 'approved');
    });
    expect(o.manifests![0].metadata.annotations).toEqual({ 'policy.cdk8s-services.io/waive-p1': 'approved' });
  });
});

describe('the baseline: ServicePolicy.apply(app, {})', () => {
  test('external IPs are errors; the default namespace, open load balancers, local NodePort traffic and duplicate selectors warn', () => {
    const o = synthWith({}, troublemakers, {});
    expect(o.error).toMatch(/\[test\/web\] P1 spec\.externalIPs/);
    expect(o.error!.match(/ P\d+ /g)).toEqual([' P1 ']);
    expect(o.warnings.map(w => /^(\[\S+\] P\d+)/.exec(w)![1])).toEqual([
      '[test/web] P8', '[test/web] P11', '[test/web] P12', '[test/twin] P8', '[test/twin] P11',
    ]);
  });

  test('NodePort, LoadBalancer and ExternalName Services are allowed', () => {
    const o = synthWith({}, c => {
      new NodePortService(c, 'np', { selector: { app: 'np' }, ports: [{ port: 80 }] });
      new LoadBalancerService(c, 'lb', { selector: { app: 'lb' }, loadBalancerSourceRanges: ['192.0.2.0/24'], ports: [{ port: 80 }] });
      new ExternalNameService(c, 'ext', { externalName: 'db.example.com' });
    });
    expect(o.error).toBeUndefined();
    expect(o.warnings).toEqual([]);
  });

  test('the defaults of every rule', () => {
    const app = Testing.app();
    ServicePolicy.apply(app, {});
    expect(Object.fromEntries(ServicePolicy._of(app)!.severity)).toEqual({
      P1: 'error',
      P2: 'off',
      P3: 'off',
      P4: 'off',
      P5: 'error',
      P6: 'error',
      P7: 'error',
      P8: 'warning',
      P9: 'warning',
      P10: 'warning',
      P11: 'warning',
      P12: 'warning',
    });
  });
});

describe('severity', () => {
  const build = (c: Chart) => new ClusterIpService(c, 'web', { selector: { app: 'web' }, externalIps: ['203.0.113.5'], ports: [{ port: 80 }] });

  test('OFF skips the rule', () => {
    const o = synthWith({ externalIps: PolicySeverity.OFF }, build);
    expect(o.error).toBeUndefined();
    expect(o.warnings).toEqual([]);
  });

  test('WARNING prints and synth goes on', () => {
    const o = synthWith({ externalIps: PolicySeverity.WARNING }, build);
    expect(o.error).toBeUndefined();
    expect(o.warnings).toEqual([expect.stringMatching(/^\[test\/web\] P1 spec\.externalIPs: got \["203\.0\.113\.5"\]/)]);
  });

  test('ERROR stops synth: nothing is written', () => {
    const app = new App({ outdir: fs.mkdtempSync('/tmp/policy-') });
    ServicePolicy.apply(app, { externalIps: PolicySeverity.ERROR });
    build(new Chart(app, 'test', { namespace: 'shop' }));
    expect(() => app.synth()).toThrow(/Validation failed with the following errors:\n {2}\[test\/web\] P1 spec\.externalIPs/);
    expect(fs.readdirSync(app.outdir)).toEqual([]);
  });

  test('a severity that is not a PolicySeverity fails at once', () => {
    expect(() => ServicePolicy.apply(Testing.app(), { externalIps: 'fatal' as PolicySeverity }))
      .toThrow(/\[App\] P1 externalIps: got "fatal"; expected PolicySeverity\.ERROR, WARNING or OFF/);
  });
});

describe('scopes', () => {
  test('a chart\'s policy overrides the app\'s, in full; other charts keep the app\'s', () => {
    const app = Testing.app();
    ServicePolicy.apply(app, { nodePortServices: PolicySeverity.ERROR });
    const edge = new Chart(app, 'edge', { namespace: 'edge' });
    ServicePolicy.apply(edge, { externalIps: PolicySeverity.OFF });
    const apps = new Chart(app, 'apps', { namespace: 'apps' });
    new NodePortService(edge, 'np', { selector: { app: 'edge' }, externalIps: ['203.0.113.5'], ports: [{ port: 80 }] });
    new NodePortService(apps, 'np', { selector: { app: 'apps' }, ports: [{ port: 80 }] });
    expect(() => Testing.synth(edge)).toThrow(/\[apps\/np\] P2 spec\.type: got "NodePort"/);
    let message = '';
    try {
      app.synthYaml();
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).not.toContain('[edge/');
  });

  test('the closest policy wins: an app that allows, a chart that forbids, a group inside the chart that allows again', () => {
    const app = Testing.app();
    ServicePolicy.apply(app, {});
    const c = new Chart(app, 'c', { namespace: 'c' });
    ServicePolicy.apply(c, { loadBalancerServices: PolicySeverity.ERROR });
    const group = new Construct(c, 'ingress');
    ServicePolicy.apply(group, {});
    new LoadBalancerService(group, 'lb', { selector: { app: 'ingress' }, loadBalancerSourceRanges: ['0.0.0.0/1'], ports: [{ port: 443 }] });
    new LoadBalancerService(c, 'lb', { selector: { app: 'other' }, loadBalancerSourceRanges: ['0.0.0.0/1'], ports: [{ port: 443 }] });
    expect(() => Testing.synth(c)).toThrow(/^Validation failed with the following errors:\n {2}\[c\/lb\] P3 spec\.type: got "LoadBalancer"[^\n]*$/);
  });

  test('a policy applies to Services created before it; applying again replaces it', () => {
    const app = Testing.app();
    const c = new Chart(app, 'c', { namespace: 'c' });
    new NodePortService(c, 'np', { selector: { app: 'np' }, ports: [{ port: 80 }] });
    ServicePolicy.apply(app, { nodePortServices: PolicySeverity.ERROR });
    expect(() => Testing.synth(c)).toThrow(/\[c\/np\] P2/);
    ServicePolicy.apply(app, { nodePortServices: PolicySeverity.OFF });
    expect(() => Testing.synth(c)).not.toThrow();
  });

  test('Services added after a synth are checked by the next synth', () => {
    const app = Testing.app();
    ServicePolicy.apply(app, {});
    const c = new Chart(app, 'c', { namespace: 'c' });
    new ClusterIpService(c, 'ok', { selector: { app: 'ok' }, ports: [{ port: 80 }] });
    expect(() => Testing.synth(c)).not.toThrow();
    new ClusterIpService(c, 'bad', { selector: { app: 'bad' }, externalIps: ['192.0.2.1'], ports: [{ port: 80 }] });
    expect(() => Testing.synth(c)).toThrow(/\[c\/bad\] P1/);
  });
});

describe('warnings', () => {
  test('print once per app, however often the app is validated', () => {
    const spy = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const app = new App({ outdir: fs.mkdtempSync('/tmp/policy-') });
    ServicePolicy.apply(app, {});
    const c = new Chart(app, 'c');
    new ClusterIpService(c, 'web', { selector: { app: 'web' }, ports: [{ port: 80 }] });
    app.synth();
    app.synth();
    Testing.synth(c);
    app.synthYaml();
    expect(policyWarnings(spy)).toEqual([expect.stringMatching(/^\[c\/web\] P8 /)]);
    spy.mockRestore();
  });

  test('policies on the app and on charts share one evaluation: each finding is reported once', () => {
    const app = Testing.app();
    ServicePolicy.apply(app, {});
    const a = new Chart(app, 'a', { namespace: 'a' });
    ServicePolicy.apply(a, {});
    ServicePolicy.apply(new Chart(app, 'b', { namespace: 'b' }), {});
    new ClusterIpService(a, 'web', { selector: { app: 'web' }, externalIps: ['192.0.2.1'], ports: [{ port: 80 }] });
    expect(() => Testing.synth(a)).toThrow(/^Validation failed with the following errors:\n {2}\[a\/web\] P1 [^\n]*$/);
  });
});

describe('waivers', () => {
  const svc = (c: Construct) => new ClusterIpService(c, 'web', { metadata: { name: 'web' }, selector: { app: 'web' }, externalIps: ['203.0.113.5'], ports: [{ port: 80 }] });

  test('the annotation key is the lowercase rule id under policy.cdk8s-services.io', () => {
    expect(ServicePolicy.waiverAnnotation(PolicyRule.EXTERNAL_IPS)).toBe('policy.cdk8s-services.io/waive-p1');
    expect(ServicePolicy.waiverAnnotation(PolicyRule.NODE_PORT_LOCAL_TRAFFIC)).toBe('policy.cdk8s-services.io/waive-p12');
  });

  test('a waived Service, as written (snapshot)', () => {
    const o = synthWith({}, c => ServicePolicy.waive(svc(c), PolicyRule.EXTERNAL_IPS, '  VIP of the edge routers, NET-42 '));
    expect(o.error).toBeUndefined();
    expect(o.manifests).toMatchSnapshot();
  });

  test('a waiver covers one rule only', () => {
    const o = synthWith({ externalIps: PolicySeverity.WARNING }, c => ServicePolicy.waive(svc(c), PolicyRule.DEFAULT_NAMESPACE, 'kubectl -n'), {});
    expect(o.warnings).toEqual([expect.stringMatching(/^\[test\/web\] P1 /)]);
  });

  test('the reason is required', () => {
    const c = new Chart(Testing.app(), 'c');
    expect(() => ServicePolicy.waive(svc(c), PolicyRule.EXTERNAL_IPS, '  ')).toThrow(
      /\[c\/web\] P1 waiver reason: got " {2}"; expected a reason that is not blank: it is kept in the manifest as the annotation policy\.cdk8s-services\.io\/waive-p1/);
    expect(() => ServicePolicy.waive(c.node.findChild('web') as ClusterIpService, 'P99' as PolicyRule, 'x')).toThrow(/\[c\/web\] P0 rule: got "P99"; expected a PolicyRule \(P1, P2, /);
  });

  test('an annotation written by other means waives too; a blank one does not', () => {
    expect(synthWith({}, c => svc(c).metadata.addAnnotation('policy.cdk8s-services.io/waive-p1', 'set by the platform team')).error).toBeUndefined();
    expect(synthWith({}, c => svc(c).metadata.addAnnotation('policy.cdk8s-services.io/waive-p1', ' ')).error).toMatch(/\[test\/web\] P1 /);
    expect(synthWith({}, c => svc(c).metadata.addAnnotation('policy.cdk8s-services.io/waive-p13', 'no such rule')).error).toMatch(/\[test\/web\] P1 /);
  });
});

describe('parameters', () => {
  test.each([
    [{ allowedExternalIps: ['203.0.113.0/33'] }, /\[App\] P1 allowedExternalIps\[0\]: got "203\.0\.113\.0\/33"; expected an IP address or a CIDR such as 192\.0\.2\.0\/24/],
    [{ allowedExternalIps: ['192.0.2.1', 'edge'] }, /P1 allowedExternalIps\[1\]: got "edge"/],
    [{ allowedNodePortRange: '30100-30000' }, /P5 allowedNodePortRange: got "30100-30000"; expected a port range "min-max" within 1-65535, min <= max/],
    [{ allowedNodePortRange: 'high' }, /P5 allowedNodePortRange: got "high"/],
    [{ allowedClusterIpRanges: ['10.100.0.1'] }, /P6 allowedClusterIpRanges\[0\]: got "10\.100\.0\.1"; expected a CIDR such as 10\.96\.0\.0\/16/],
    [{ allowedExternalNames: ['*.Example.com'] }, /P7 allowedExternalNames\[0\]: got "\*\.Example\.com"; expected a lowercase DNS name \(db\.example\.com\) or a suffix pattern \(\*\.example\.com\)/],
    [{ allowedExternalNames: ['db.example.com', 'https://api.example.com'] }, /P7 allowedExternalNames\[1\]/],
    [{ allowedExternalNames: ['*'] }, /P7 allowedExternalNames\[0\]: got "\*"/],
  ])('%j fails at once', (props, message) => {
    expect(() => ServicePolicy.apply(Testing.app(), props)).toThrow(message);
  });

  test('a single node port is a range', () => {
    const o = synthWith({ allowedNodePortRange: '30080' }, c => {
      new NodePortService(c, 'a', { selector: { app: 'a' }, ports: [{ port: 80, nodePort: 30080 }] });
      new NodePortService(c, 'b', { selector: { app: 'b' }, ports: [{ port: 80, nodePort: 30081 }] });
    });
    expect(o.error).toMatch(/\[test\/b\] P5 spec\.ports\[0\]\.nodePort: got 30081; expected a node port in allowedNodePortRange 30080,/);
    expect(o.error).not.toMatch(/\[test\/a\]/);
  });
});
