import { Chart, Duration } from 'cdk8s';
import { MetalLb, MetalLbBfdProfile, MetalLbBgpAdvertisement, MetalLbBgpPeer, MetalLbBgpType, MetalLbCommunity, MetalLbPool } from '../../src';
import { synth, synthError } from '../util';

const peer = (c: Chart, id: string, props: Record<string, unknown>) =>
  new MetalLbBgpPeer(c, id, { myAsn: 64500, peerAsn: 64501, peerAddress: `10.0.0.${id.length}`, ...props } as any);
const frr = (c: Chart) => MetalLb.configure(c, { bgpType: MetalLbBgpType.FRR });
const native = (c: Chart) => MetalLb.configure(c, { bgpType: MetalLbBgpType.NATIVE });

// MetalLB v0.15.2 in FRR mode (internal/config/validation.go DiscardNativeOnly)
test('fails M19: two peers with different router IDs', () => {
  expect(synthError(c => {
    frr(c);
    peer(c, 'a', { routerId: '10.0.0.9' });
    peer(c, 'bb', {});
  })).toMatch(/\[test\/bb\] M19 routerId: got ""; expected the router ID of test\/a \("10\.0\.0\.9"\): MetalLB in FRR mode needs one router ID for all BGP peers/);
});

test('fails M19: two peers with different myAsn in one VRF, not in two VRFs', () => {
  expect(synthError(c => {
    frr(c);
    peer(c, 'a', {});
    peer(c, 'bb', { myAsn: 64502 });
  })).toMatch(/\[test\/bb\] M19 myAsn: got 64502; expected 64500, the myAsn of test\/a: MetalLB in FRR mode needs one myAsn for all peers of a VRF/);
  expect(() => synth(c => {
    frr(c);
    peer(c, 'a', {});
    peer(c, 'bb', { myAsn: 64502, vrf: 'red' });
  })).not.toThrow();
});

test('fails M19: the same peer address twice in a VRF', () => {
  expect(synthError(c => {
    MetalLb.configure(c, { bgpType: MetalLbBgpType.FRR_K8S });
    peer(c, 'a', { peerAddress: '10.0.0.7' });
    peer(c, 'b', { peerAddress: '10.0.0.7' });
  })).toMatch(/\[test\/b\] M19 peerAddress: got "10\.0\.0\.7"; expected a peer not defined twice: test\/a already peers with 10\.0\.0\.7 in VRF ""/);
});

test('without a bgpType neither mode is checked (MetalLB DontValidate); native mode allows different router IDs', () => {
  for (const setup of [(_: Chart) => undefined, native]) {
    expect(() => synth(c => {
      setup(c);
      peer(c, 'a', { routerId: '10.0.0.9' });
      peer(c, 'bb', { myAsn: 64502 });
    })).not.toThrow();
  }
});

// MetalLB v0.15.2 in native mode (internal/config/validation.go DiscardFRROnly)
test.each([
  ['bfdProfileName', { bfdProfileName: 'b' }, 'bfdProfile'],
  ['vrf', { vrf: 'red' }, 'vrf'],
  ['enableGracefulRestart', { enableGracefulRestart: true }, 'enableGracefulRestart'],
  ['disableMp', { disableMp: true }, 'disableMp'],
])('fails M19 in native mode: peer field %s', (_, props, field) => {
  expect(synthError(c => {
    native(c);
    peer(c, 'a', props);
  })).toMatch(new RegExp(`\\[test/a\\] M19 ${field}: got .*; expected a field MetalLB's native BGP mode supports`));
});

test('fails M19 in native mode: BFD profiles, IPv6 pools announced by BGP, large communities', () => {
  expect(synthError(c => {
    native(c);
    new MetalLbBfdProfile(c, 'b', {});
  })).toMatch(/\[test\/b\] M19 name: got "b"; expected no BFD profile/);
  expect(synthError(c => {
    native(c);
    new MetalLbPool(c, 'p', { addresses: ['fd00::/120'], advertisements: [] });
    new MetalLbBgpAdvertisement(c, 'a', {});
  })).toMatch(/\[test\/a\] M19 ipAddressPools: got "p"; expected pools of IPv4 addresses only/);
  expect(synthError(c => {
    native(c);
    new MetalLbCommunity(c, 'co', { communities: { big: 'large:1:2:3' } });
  })).toMatch(/\[test\/co\] M19 communities\.big: got "large:1:2:3"; expected standard communities only/);
  expect(() => synth(c => {
    frr(c);
    new MetalLbBfdProfile(c, 'b', {});
    new MetalLbCommunity(c, 'co', { communities: { big: 'large:1:2:3' } });
  })).not.toThrow();
});

test('before 0.13 the legacy parser does not check sessions across peers', () => {
  expect(() => synth(c => {
    MetalLb.configure(c, { version: '0.12.1', bgpType: MetalLbBgpType.FRR });
    peer(c, 'a', { routerId: '10.0.0.9' });
    peer(c, 'bb', { myAsn: 64502 });
  })).not.toThrow();
});

test('aggregationLengthV6 0 is accepted (no minimum in the CRD; MetalLB refuses only above 128)', () => {
  expect(() => synth(c => new MetalLbBgpAdvertisement(c, 'a', { aggregationLengthV6: 0 }))).not.toThrow();
  expect(synthError(c => new MetalLbBgpAdvertisement(c, 'a', { aggregationLength: 0 }))).toMatch(/M7 aggregationLength: got 0; expected an integer from 1 to 32/);
});

// v0.12.1 internal/config/config.go Parse: reflect.DeepEqual of parsed peers, "peer #%d already exists"
test('fails M8 before 0.13: a peer equal to an earlier one after defaults (port 179, hold 90s, keepalive a third)', () => {
  const legacy = (c: Chart) => MetalLb.configure(c, { version: '0.12.1' });
  expect(synthError(c => {
    legacy(c);
    new MetalLbBgpPeer(c, 'a', { myAsn: 1, peerAsn: 2, peerAddress: '10.0.0.1' });
    new MetalLbBgpPeer(c, 'b', { myAsn: 1, peerAsn: 2, peerAddress: '10.0.0.1', peerPort: 179, holdTime: Duration.seconds(90), keepaliveTime: Duration.seconds(30) });
  })).toMatch(/\[test\/b\] M8 peerAddress: got "10\.0\.0\.1"; expected a peer that differs from test\/a in some setting: MetalLB v0\.12\.1 refuses a peer equal to an earlier one/);
  // one setting differs: two sessions
  expect(() => synth(c => {
    legacy(c);
    new MetalLbBgpPeer(c, 'a', { myAsn: 1, peerAsn: 2, peerAddress: '10.0.0.1' });
    new MetalLbBgpPeer(c, 'b', { myAsn: 1, peerAsn: 2, peerAddress: '10.0.0.1', peerPort: 1790 });
  })).not.toThrow();
  // from 0.13 peers are objects with names; MetalLB compares no settings (FRR mode checks addresses: M19)
  expect(() => synth(c => {
    new MetalLbBgpPeer(c, 'a', { myAsn: 1, peerAsn: 2, peerAddress: '10.0.0.1' });
    new MetalLbBgpPeer(c, 'b', { myAsn: 1, peerAsn: 2, peerAddress: '10.0.0.1' });
  })).not.toThrow();
});

test('peerPort: a uint16 before 0.13 (legacy peer-port), at most 16384 from 0.13 (BGPPeer CRD maximum)', () => {
  expect(() => synth(c => {
    MetalLb.configure(c, { version: '0.12.1' });
    new MetalLbBgpPeer(c, 'a', { myAsn: 1, peerAsn: 2, peerAddress: '10.0.0.1', peerPort: 20000 });
  })).not.toThrow();
  expect(synthError(c => new MetalLbBgpPeer(c, 'a', { myAsn: 1, peerAsn: 2, peerAddress: '10.0.0.1', peerPort: 20000 })))
    .toMatch(/\[test\/a\] M8 peerPort: got 20000; expected a port from 0 to 16384 \(the BGPPeer resource's maximum\)/);
});
