import { Chart, Duration, Testing } from 'cdk8s';
import * as YAML from 'yaml';
import {
  MetalLb, MetalLbAdvertisement, MetalLbBfdProfile, MetalLbBgpPeer, MetalLbCommunity, MetalLbMigration, MetalLbPool, MetalLbSelectorRequirement,
} from '../../src';

function legacyApp(version = '0.12.1'): Chart {
  const app = Testing.app();
  MetalLb.configure(app, { version });
  return new Chart(app, 'metallb');
}

test('the legacy ConfigMap holds pools, peers, communities and BFD profiles (snapshot)', () => {
  const c = legacyApp();
  const bfd = new MetalLbBfdProfile(c, 'bfdprofile1', { receiveInterval: 280, transmitInterval: 270 });
  new MetalLbBgpPeer(c, 'peer', {
    myAsn: 64512,
    peerAsn: 64513,
    peerAddress: '10.0.0.1',
    peerPort: 179,
    holdTime: Duration.seconds(120),
    keepaliveTime: Duration.seconds(30),
    routerId: '1.2.3.4',
    password: 'yourPassword',
    bfdProfile: bfd,
    ebgpMultiHop: true,
    nodeSelectors: [{ matchLabels: { 'kubernetes.io/hostname': 'prod-01' }, matchExpressions: [MetalLbSelectorRequirement.isIn('kubernetes.io/arch', ['amd64', 'arm'])] }],
  });
  new MetalLbCommunity(c, 'communities', { communities: { 'no-export': '65535:65281' } });
  new MetalLbPool(c, 'my-ip-space', {
    addresses: ['198.51.100.0/24', '192.168.0.150-192.168.0.200'],
    avoidBuggyIps: true,
    autoAssign: false,
    advertisements: [MetalLbAdvertisement.bgp({ aggregationLength: 32, aggregationLengthV6: 128, localPref: 100, communities: ['64512:1', 'no-export'] })],
  });
  new MetalLbPool(c, 'l2', { addresses: ['192.168.1.240/28'] });
  const objects = Testing.synth(c);
  expect(objects).toHaveLength(1);
  expect(objects).toMatchSnapshot();
  const config = YAML.parse(objects[0].data.config);
  expect(config['address-pools'].map((p: any) => [p.name, p.protocol])).toEqual([['my-ip-space', 'bgp'], ['l2', 'layer2']]);
  expect(config.peers[0]).toMatchObject({ 'hold-time': '2m0s', 'keepalive-time': '30s', 'bfd-profile': 'bfdprofile1' });
  expect(config['bgp-communities']).toEqual({ 'no-export': '65535:65281' });
  // MetalLB's own (strict) legacy parser rules, as the migration applies them, accept it
  expect(() => MetalLbMigration.fromConfig(objects[0].data.config)).not.toThrow();
});

test('the legacy ConfigMap converts back to the same custom resources (round trip through the migration)', () => {
  const legacy = legacyApp();
  new MetalLbPool(legacy, 'default', { addresses: ['192.168.124.200-192.168.124.210'] });
  const [configMap] = Testing.synth(legacy);
  const converted = MetalLbMigration.fromConfig(configMap.data.config);

  const app = Testing.app();
  const modern = new Chart(app, 'metallb');
  new MetalLbPool(modern, 'default', { addresses: ['192.168.124.200-192.168.124.210'] });
  const crs = Testing.synth(modern);
  const strip = (o: any) => ({ kind: o.kind, spec: o.spec, name: o.kind === 'IPAddressPool' ? o.metadata.name : undefined });
  expect(converted.map(strip)).toEqual(crs.map(strip));
});
