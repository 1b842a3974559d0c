// docs/policy.md: one section per rule, and the messages it shows are the ones the library
// prints. (Its TypeScript blocks are compiled and run with every other guide by test/guides.test.ts.)
import * as fs from 'fs';
import * as path from 'path';
import { Chart, Testing } from 'cdk8s';
import * as plus from 'cdk8s-plus-28';
import { policyWarnings } from './util';
import {
  ClusterIpService, ExternalNameService, ExternalTrafficPolicy, LoadBalancerService, NodePortService,
} from '../../src';
import { PolicyRule, PolicySeverity } from '../../src/policy/enums';
import { ServicePolicy, ServicePolicyProps } from '../../src/policy/service-policy';

const doc = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'policy.md'), 'utf-8');

/** The `## P<n> ...` section of the guide. */
function section(id: string): string {
  const start = doc.search(new RegExp(`^## ${id} `, 'm'));
  if (start < 0) return '';
  const next = doc.slice(start + 1).search(/^## /m);
  return next < 0 ? doc.slice(start) : doc.slice(start, start + 1 + next);
}

const MIRRORS: Record<string, RegExp> = {
  P1: /DenyServiceExternalIPs[\s\S]*restrict-external-ips[\s\S]*k8sexternalips/,
  P2: /restrict-nodeport[\s\S]*block-nodeport-services[\s\S]*kube-score[\s\S]*kube-linter/,
  P3: /block-loadbalancer-services[\s\S]*restrict-loadbalancer/,
  P4: /CVE-2021-25740[\s\S]*Capsule/,
  P5: /restrict-service-port-range/,
  P6: /no standard admission polic/,
  P7: /CVE-2021-25740[\s\S]*disallow-localhost-services/,
  P8: /disallow-default-namespace/,
  P9: /no standard admission polic/,
  P10: /kube-linter[\s\S]*dangling-service[\s\S]*kube-score[\s\S]*service-targets-pod/,
  P11: /no standard admission polic/,
  P12: /no standard admission polic/,
};

test.each(Object.entries(PolicyRule))('the guide has a section for %s: reason, mirrored tools, how to comply or waive', (name, id) => {
  const s = section(id);
  expect(s).not.toBe('');
  expect(s).toContain(`PolicyRule.${name}`);
  expect(s).toMatch(MIRRORS[id]);
  expect(s).toMatch(/\*\*Why\*\*/);
  expect(s).toMatch(/\*\*Comply or waive\*\*/);
  expect(s).toContain('```text');
});

test('CVE-2020-8554 is explained in the externalIPs section', () => {
  expect(section('P1')).toMatch(/CVE-2020-8554/);
});

/** Synthesizes the app; returns the error lines and warnings as the console shows them. */
function output(props: ServicePolicyProps, build: (c: Chart) => void): string[] {
  const spy = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  const app = Testing.app();
  ServicePolicy.apply(app, props);
  const shop = new Chart(app, 'shop', { namespace: 'shop' });
  build(shop);
  const lines: string[] = [];
  try {
    app.synthYaml();
  } catch (e) {
    lines.push(...(e as Error).message.split('\n').filter(l => l.startsWith('  [')));
  }
  lines.push(...policyWarnings(spy).map(w => `warning: ${w}`));
  spy.mockRestore();
  return lines;
}

const web = { metadata: { name: 'web' }, selector: { app: 'web' } };

/** The example of each section, as the guide tells it. */
const examples: Record<string, () => string[]> = {
  P1: () => output({}, c => new ClusterIpService(c, 'web', { ...web, externalIps: ['203.0.113.5'], ports: [{ port: 80 }] })),
  P2: () => output({ nodePortServices: PolicySeverity.ERROR }, c => new NodePortService(c, 'web', { ...web, ports: [{ port: 80 }] })),
  P3: () => output({ loadBalancerServices: PolicySeverity.ERROR }, c => new LoadBalancerService(c, 'web', {
    ...web, loadBalancerSourceRanges: ['192.0.2.0/24'], ports: [{ port: 443 }],
  })),
  P4: () => output({ externalNameServices: PolicySeverity.ERROR }, c => new ExternalNameService(c, 'db', { metadata: { name: 'db' }, externalName: 'db.example.com' })),
  P5: () => output({ allowedNodePortRange: '30000-30099' }, c => new NodePortService(c, 'web', { ...web, ports: [{ port: 80, nodePort: 30180 }] })),
  P6: () => output({ allowedClusterIpRanges: ['10.96.128.0/20'] }, c => new ClusterIpService(c, 'web', { ...web, clusterIp: '10.96.0.20', ports: [{ port: 80 }] })),
  P7: () => output({ allowedExternalNames: ['*.example.com'] }, c => new ExternalNameService(c, 'db', { metadata: { name: 'db' }, externalName: 'db.example.net' })),
  P8: () => output({}, c => new ClusterIpService(c, 'web', { ...web, metadata: { name: 'web', namespace: 'default' }, ports: [{ port: 80 }] })),
  P9: () => output({}, c => new LoadBalancerService(c, 'web', { ...web, ports: [{ port: 443 }] })),
  P10: () => output({}, c => {
    new plus.Deployment(c, 'app', { containers: [{ image: 'nginx', portNumber: 8080 }], podMetadata: { labels: { app: 'web' } }, select: false });
    new ClusterIpService(c, 'web', { metadata: { name: 'web' }, selector: { app: 'wbe' }, ports: [{ port: 80 }] });
  }),
  P11: () => output({}, c => {
    new ClusterIpService(c, 'web', { ...web, ports: [{ port: 80 }] });
    new ClusterIpService(c, 'web-metrics', { metadata: { name: 'web-metrics' }, selector: { app: 'web' }, ports: [{ port: 9100 }] });
  }),
  P12: () => output({}, c => new NodePortService(c, 'web', { ...web, externalTrafficPolicy: ExternalTrafficPolicy.LOCAL, ports: [{ port: 80 }] })),
};

test.each(Object.keys(examples))('the messages the guide shows for %s are what the library prints', (id) => {
  const lines = examples[id]();
  expect(lines.length).toBeGreaterThan(0);
  for (const line of lines) expect(section(id)).toContain(line);
});

test('the guide shows the errors of a policy set up wrong as they are thrown', () => {
  const thrown = (f: () => void) => {
    try {
      f();
    } catch (e) {
      return `Error: ${(e as Error).message}`;
    }
    throw new Error('expected a throw');
  };
  expect(doc).toContain(thrown(() => ServicePolicy.apply(Testing.app(), { allowedExternalIps: ['203.0.113.0/33'] })));
  expect(doc).toContain(thrown(() => ServicePolicy.apply(Testing.app(), { allowedNodePortRange: '30100-30000' })));
  const shop = new Chart(Testing.app(), 'shop');
  const vip = new ClusterIpService(shop, 'vip', { selector: { app: 'router' }, ports: [{ port: 443 }] });
  expect(doc).toContain(thrown(() => ServicePolicy.waive(vip, PolicyRule.EXTERNAL_IPS, '')));
});

if (process.env.PRINT_POLICY_MESSAGES) {
  test('print', () => {
    for (const [id, f] of Object.entries(examples)) process.stdout.write(`${id}\n${f().join('\n')}\n\n`);
  });
}
