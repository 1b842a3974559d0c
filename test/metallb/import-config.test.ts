import * as fs from 'fs';
import * as path from 'path';
import { App, Chart, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import * as YAML from 'yaml';
import { LoadBalancerService, MetalLb, MetalLbMigration, MetalLbPool, ServiceBackend } from '../../src';

const FIXTURES = path.join(__dirname, 'fixtures');
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name), 'utf8');

const CONFIG = `
bgp-communities:
  no-export: 65535:65281
bfd-profiles:
- name: Fast
  receive-interval: 200
address-pools:
- name: lan
  protocol: layer2
  addresses: [192.168.124.200-192.168.124.210]
- name: My_WAN
  protocol: bgp
  addresses: [10.0.1.0/24]
  bgp-advertisements:
  - {localpref: 100, communities: [no-export]}
peers:
- {my-asn: 64500, peer-asn: 64501, peer-address: 10.0.0.1, bfd-profile: Fast}
`;

function chartAt(version?: string): Chart {
  const c = new Chart(Testing.app(), 'c');
  if (version) MetalLb.configure(c, { version });
  return c;
}

describe('MetalLbMigration.importConfig', () => {
  test('builds the configuration as constructs; with custom resources they write what the migration writes', () => {
    const c = chartAt();
    const imported = MetalLbMigration.importConfig(c, CONFIG);
    expect(imported.pools.map((p) => p.poolName)).toEqual(['lan', 'my-wan']);
    expect(imported.pools[0]).toBeInstanceOf(MetalLbPool);
    expect(imported.peers.map((p) => p.node.id)).toEqual(['peer-1']);
    expect(imported.bfdProfiles.map((b) => b.profileName)).toEqual(['fast']);
    expect(imported.communities.map((x) => x.node.id)).toEqual(['communities']);
    expect(imported.notes).toEqual([
      'address pool "My_WAN" is renamed "my-wan" (a Kubernetes object name is a lowercase DNS-1123 subdomain); Services annotated metallb.universe.tf/address-pool: My_WAN must be updated',
      'BFD profile "Fast" is renamed "fast" (a Kubernetes object name is a lowercase DNS-1123 subdomain); peers referencing it follow',
    ]);
    const key = (o: any) => `${o.kind}/${o.metadata.name}`;
    const written = Testing.synth(c).sort((a, b) => key(a).localeCompare(key(b)));
    const migrated = MetalLbMigration.fromConfig(CONFIG).sort((a, b) => key(a).localeCompare(key(b)));
    expect(written).toEqual(migrated);
    expect(written).toMatchSnapshot();
  });

  test('pool(name) finds a pool by its name in the ConfigMap, for the Services that used it', () => {
    const c = chartAt();
    const imported = MetalLbMigration.importConfig(c, CONFIG);
    expect(imported.pool('My_WAN')).toBe(imported.pools[1]);
    new LoadBalancerService(c, 'web', {
      backend: ServiceBackend.fromLabels({ app: 'web' }),
      ports: [{ port: 80 }],
      metalLb: { pool: imported.pool('lan'), loadBalancerIps: ['192.168.124.205'] },
    });
    const svc = Testing.synth(c).find((o) => o.kind === 'Service');
    expect(svc.metadata.annotations).toMatchObject({ 'metallb.io/address-pool': 'lan' });
    expect(() => imported.pool('nope')).toThrow('no address pool "nope" in the imported configuration (pools: lan, My_WAN)');
  });

  test('in an app configured for MetalLB before 0.13 the ConfigMap is written again, names as they were', () => {
    const c = chartAt('0.12.1');
    const imported = MetalLbMigration.importConfig(c, fixture('example-layer2-config.yaml'));
    expect(imported.notes).toEqual([]);
    const [cm] = Testing.synth(c);
    expect(cm).toMatchObject({ kind: 'ConfigMap', metadata: { name: 'config', namespace: 'metallb-system' } });
    const original = YAML.parse(YAML.parse(fixture('example-layer2-config.yaml')).data.config);
    expect(YAML.parse(cm.data.config)).toEqual(original);
  });

  test('fails: every problem, at the version of the scope, with the paths the constructs would have; nothing is added', () => {
    const c = chartAt();
    const holder = new Construct(c, 'imported');
    const bad = `
address-pools:
- {name: a, protocol: layer2, addresses: [10.0.0.0/33]}
- {name: b, protocol: layer2, addresses: ['fc00::/64']}
peers:
- {my-asn: 1, peer-asn: 2, peer-address: 10.0.0.1, peer-port: 20000}
`;
    let message = '';
    try {
      MetalLbMigration.importConfig(holder, bad);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toBe('invalid MetalLB legacy configuration (MetalLbMigration.importConfig, MetalLB v0.16.2) (2 problems):\n'
      + '  - [c/imported/a] M1 addresses[0]: got "10.0.0.0/33"; expected a CIDR (10.0.0.0/24) or a range (10.0.0.10-10.0.0.20)\n'
      + '  - [c/imported/peer-1] M8 peerPort: got 20000; expected a port from 0 to 16384 (the BGPPeer resource\'s maximum)');
    expect(holder.node.children).toHaveLength(0);
    expect(Testing.synth(c)).toEqual([]);
    // the same peer port is fine for MetalLB before 0.13
    expect(() => MetalLbMigration.importConfig(chartAt('0.12.1'), bad.replace('/33', '/24'))).not.toThrow();
  });

  test('fails: a construct id already used below the scope', () => {
    const c = chartAt();
    new MetalLbPool(c, 'lan', { addresses: ['10.9.0.0/24'] });
    expect(() => MetalLbMigration.importConfig(c, CONFIG))
      .toThrow('[c] MetalLbMigration.importConfig: construct ids already used below the scope: lan (import into a scope of its own, e.g. a new Construct)');
  });

  test('the imported objects meet the app\'s own in the app-wide checks', () => {
    const app = new App();
    const c = new Chart(app, 'c');
    new MetalLbPool(c, 'mine', { addresses: ['192.168.124.0/24'] });
    MetalLbMigration.importConfig(new Construct(c, 'legacy'), CONFIG);
    expect(() => app.synth()).toThrow(/\[c\/legacy\/lan\] M2 addresses: got "192\.168\.124\.200-192\.168\.124\.210"; expected addresses no other pool holds: they overlap pool "mine"/);
  });
});
