import { Chart, Duration, Testing } from 'cdk8s';
import { MetalLb, MetalLbBfdProfile, MetalLbBgpPeer, MetalLbDynamicAsn, MetalLbSelectorRequirement } from '../../src';
import { synth, synthError } from '../util';

test('a BGPPeer v1beta2 with every field (snapshot)', () => {
  const manifests = synth(c => {
    const bfd = new MetalLbBfdProfile(c, 'fast', { receiveInterval: 100, transmitInterval: 100, detectMultiplier: 5 });
    new MetalLbBgpPeer(c, 'router', {
      myAsn: 64512,
      peerAsn: 64513,
      peerAddress: '10.0.0.1',
      peerPort: 179,
      sourceAddress: '10.0.0.2',
      routerId: '10.0.0.2',
      holdTime: Duration.seconds(90),
      keepaliveTime: Duration.seconds(30),
      connectTime: Duration.seconds(10),
      nodeSelectors: [{ matchLabels: { 'kubernetes.io/hostname': 'node-1' }, matchExpressions: [MetalLbSelectorRequirement.exists('bgp')] }],
      passwordSecret: 'bgp-auth',
      bfdProfile: bfd,
      ebgpMultiHop: true,
      vrf: 'red',
      enableGracefulRestart: true,
    });
  });
  expect(manifests).toMatchSnapshot();
  const peer = manifests.find(m => m.kind === 'BGPPeer');
  expect(peer.apiVersion).toBe('metallb.io/v1beta2');
  expect(peer.spec).toMatchObject({ holdTime: '1m30s', keepaliveTime: '30s', connectTime: '10s', passwordSecret: { name: 'bgp-auth', namespace: 'metallb-system' }, bfdProfile: 'fast' });
});

test('dynamic ASN and unnumbered BGP', () => {
  const [peer] = synth(c => new MetalLbBgpPeer(c, 'p', { myAsn: 64512, dynamicAsn: MetalLbDynamicAsn.EXTERNAL, peerInterface: 'eth1' }));
  expect(peer.spec).toEqual({ myASN: 64512, dynamicASN: 'external', interface: 'eth1' });
});

test.each([
  ['neither peerAsn nor dynamicAsn', { myAsn: 1, peerAddress: '10.0.0.1' }, /M8 peerAsn\/dynamicAsn: got \{\}; expected exactly one of peerAsn and dynamicAsn/],
  ['both peerAsn and dynamicAsn', { myAsn: 1, peerAsn: 2, dynamicAsn: MetalLbDynamicAsn.EXTERNAL, peerAddress: '10.0.0.1' }, /expected exactly one of peerAsn and dynamicAsn/],
  ['neither peerAddress nor peerInterface', { myAsn: 1, peerAsn: 2 }, /M8 peerAddress\/peerInterface: got \{\}; expected exactly one of peerAddress and peerInterface/],
  ['both peerAddress and peerInterface', { myAsn: 1, peerAsn: 2, peerAddress: '10.0.0.1', peerInterface: 'eth0' }, /expected exactly one of peerAddress and peerInterface/],
  ['a hold time under 3 seconds', { myAsn: 1, peerAsn: 2, peerAddress: '10.0.0.1', holdTime: Duration.seconds(2) }, /M8 holdTime: got "2s"; expected 0 or at least 3 seconds/],
  ['a keepalive above the hold time', { myAsn: 1, peerAsn: 2, peerAddress: '10.0.0.1', holdTime: Duration.seconds(9), keepaliveTime: Duration.seconds(10) }, /M8 keepaliveTime: got "10s"; expected at most the hold time \(9s\)/],
  ['eBGP multi-hop on an iBGP session', { myAsn: 64512, peerAsn: 64512, peerAddress: '10.0.0.1', ebgpMultiHop: true }, /M8 ebgpMultiHop: got true; expected false for an iBGP peer/],
  ['an ASN out of range', { myAsn: 4294967296, peerAsn: 1, peerAddress: '10.0.0.1' }, /M8 myAsn: got 4294967296; expected an ASN from 0 to 4294967295/],
  ['a peer address that is not an IP', { myAsn: 1, peerAsn: 2, peerAddress: 'router.local' }, /M8 peerAddress: got "router\.local"; expected an IP address/],
  ['a port above 16384', { myAsn: 1, peerAsn: 2, peerAddress: '10.0.0.1', peerPort: 20000 }, /M8 peerPort: got 20000; expected a port from 0 to 16384/],
  ['a router id that is not IPv4', { myAsn: 1, peerAsn: 2, peerAddress: '10.0.0.1', routerId: 'fd00::1' }, /M8 routerId: got "fd00::1"; expected an IPv4 address/],
  ['a password and a password secret', { myAsn: 1, peerAsn: 2, peerAddress: '10.0.0.1', password: 'x', passwordSecret: 's' }, /expected at most one of password and passwordSecret/],
])('fails M8: %s', (_what, props, msg) => {
  expect(synthError(c => new MetalLbBgpPeer(c, 'peer', props as any))).toMatch(msg);
});

test('fails M0: dynamicAsn before MetalLB 0.14.9 (release notes, 0.14.9: Add DynamicASN field)', () => {
  const app = Testing.app();
  MetalLb.configure(app, { version: '0.14.8' });
  expect(() => new MetalLbBgpPeer(new Chart(app, 'c'), 'p', { myAsn: 1, dynamicAsn: MetalLbDynamicAsn.INTERNAL, peerAddress: '10.0.0.1' }))
    .toThrow(/M0 dynamicAsn: got "v0\.14\.8"; expected MetalLB 0\.14\.9 or newer for BGPPeer dynamicASN/);
});

test('fails M0: a VRF in the legacy ConfigMap', () => {
  const app = Testing.app();
  MetalLb.configure(app, { version: '0.12.1' });
  expect(() => new MetalLbBgpPeer(new Chart(app, 'c'), 'p', { myAsn: 1, peerAsn: 2, peerAddress: '10.0.0.1', vrf: 'red' }))
    .toThrow(/M0 vrf: got "v0\.12\.1"; expected MetalLB 0\.13\.0 or newer for custom resources/);
});

test('M17: a value twice in a node selector is refused from 0.13 on, accepted by the legacy parser (v0.12.1 has no duplicate check)', () => {
  const sel = [{ matchExpressions: [MetalLbSelectorRequirement.isIn('zone', ['a', 'a'])] }];
  const app = Testing.app();
  expect(() => new MetalLbBgpPeer(new Chart(app, 'c'), 'p', { myAsn: 1, peerAsn: 2, peerAddress: '10.0.0.1', nodeSelectors: sel }))
    .toThrow(/M17 nodeSelectors\[0\]: .*zone In: the value "a" twice/);
  const legacy = Testing.app();
  MetalLb.configure(legacy, { version: '0.12.1' });
  expect(() => new MetalLbBgpPeer(new Chart(legacy, 'c'), 'p', { myAsn: 1, peerAsn: 2, peerAddress: '10.0.0.1', nodeSelectors: sel })).not.toThrow();
});
