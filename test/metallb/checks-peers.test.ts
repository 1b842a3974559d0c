import { Chart } from 'cdk8s';
import { MetalLb, MetalLbBgpAdvertisement, MetalLbBgpPeer } from '../../src';
import { synth, synthError } from '../util';

const peer = (c: Chart, id: string, props: Record<string, unknown>) =>
  new MetalLbBgpPeer(c, id, { myAsn: 64500, peerAsn: 64501, peerAddress: `10.0.0.${id.length}`, ...props } as any);

// MetalLB v0.15.2 in FRR mode (internal/config/validation.go DiscardNativeOnly)
test('fails M8: two peers with different router IDs', () => {
  expect(synthError(c => {
    peer(c, 'a', { routerId: '10.0.0.9' });
    peer(c, 'bb', {});
  })).toMatch(/\[test\/bb\] M8 routerId: got ""; expected the router ID of test\/a \("10\.0\.0\.9"\): MetalLB in FRR mode needs one router ID for all BGP peers/);
});

test('fails M8: two peers with different myAsn in one VRF, not in two VRFs', () => {
  expect(synthError(c => {
    peer(c, 'a', {});
    peer(c, 'bb', { myAsn: 64502 });
  })).toMatch(/\[test\/bb\] M8 myAsn: got 64502; expected 64500, the myAsn of test\/a: MetalLB in FRR mode needs one myAsn for all peers of a VRF/);
  expect(() => synth(c => {
    peer(c, 'a', {});
    peer(c, 'bb', { myAsn: 64502, vrf: 'red' });
  })).not.toThrow();
});

test('fails M8: the same peer address twice in a VRF', () => {
  expect(synthError(c => {
    peer(c, 'a', { peerAddress: '10.0.0.7' });
    peer(c, 'b', { peerAddress: '10.0.0.7' });
  })).toMatch(/\[test\/b\] M8 peerAddress: got "10\.0\.0\.7"; expected a peer not defined twice: test\/a already peers with 10\.0\.0\.7 in VRF ""/);
});

test('before 0.13 the legacy parser does not check sessions across peers', () => {
  expect(() => synth(c => {
    MetalLb.configure(c, { version: '0.12.1' });
    peer(c, 'a', { routerId: '10.0.0.9' });
    peer(c, 'bb', { myAsn: 64502 });
  })).not.toThrow();
});

test('aggregationLengthV6 0 is accepted (no minimum in the CRD; MetalLB refuses only above 128)', () => {
  expect(() => synth(c => new MetalLbBgpAdvertisement(c, 'a', { aggregationLengthV6: 0 }))).not.toThrow();
  expect(synthError(c => new MetalLbBgpAdvertisement(c, 'a', { aggregationLength: 0 }))).toMatch(/M7 aggregationLength: got 0; expected an integer from 1 to 32/);
});
