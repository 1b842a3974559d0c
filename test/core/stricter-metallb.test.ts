import * as fs from 'fs';
import * as path from 'path';
import { MetalLb, MetalLbBgpAdvertisement, MetalLbCommunity, MetalLbPool } from '../../src';
import { explainStricterThanMetalLb, MetalLbUserInput, STRICTER_THAN_METALLB } from '../../src/core/stricter-metallb';
import { synthError } from '../util';

const cr = (...objects: any[]): MetalLbUserInput => ({ format: 'crs', objects });
const pool = (addresses: string[]) => ({ apiVersion: 'metallb.io/v1beta1', kind: 'IPAddressPool', metadata: { name: 'p' }, spec: { addresses } });
const adv = (communities: string[]) => ({ apiVersion: 'metallb.io/v1beta1', kind: 'BGPAdvertisement', metadata: { name: 'a' }, spec: { communities } });
const community = (names: string[]) => ({ apiVersion: 'metallb.io/v1beta1', kind: 'Community', metadata: { name: 'c' }, spec: { communities: names.map(name => ({ name, value: '65535:65281' })) } });

// Each entry applies to the input it describes, not to a near miss, and the library really refuses
// such an input with the entry's rule.
test.each([
  ['undefined-community-alias', cr(pool(['10.0.0.0/24']), adv(['mine'])), cr(pool(['10.0.0.0/24']), adv(['mine']), community(['mine'])),
    () => synthError(c => {
      MetalLb.configure(c, { version: '0.15.2' });
      const p = new MetalLbPool(c, 'p', { addresses: ['10.0.0.0/24'], advertisements: [] });
      new MetalLbBgpAdvertisement(c, 'a', { pools: [p], communities: ['mine'] });
    })],
  ['mixed-family-range', cr(pool(['10.0.6.1-fd00::5'])), cr(pool(['10.0.6.1-10.0.6.5', 'fd00::1-fd00::5'])),
    () => synthError(c => new MetalLbPool(c, 'p', { addresses: ['10.0.6.1-fd00::5'] }))],
  ['mixed-family-range', { format: 'configmap', objects: [{ kind: 'ConfigMap', data: { config: 'address-pools:\n- name: p\n  protocol: layer2\n  addresses: [10.0.6.1-fd00::5]\n' } }] },
    { format: 'configmap', objects: [{ kind: 'ConfigMap', data: { config: 'address-pools:\n- name: p\n  protocol: layer2\n  addresses: [10.0.6.1-10.0.6.9]\n' } }] },
    () => synthError(c => {
      MetalLb.configure(c, { version: '0.12.1' });
      new MetalLbPool(c, 'p', { addresses: ['10.0.6.1-fd00::5'] });
    })],
  ['community-alias-is-a-value', cr(community(['1:2'])), cr(community(['one-two'])),
    () => synthError(c => new MetalLbCommunity(c, 'c', { communities: { '1:2': '65535:65281' } }))],
  ['community-alias-is-a-value', { format: 'configmap', objects: [{ kind: 'ConfigMap', data: { config: 'bgp-communities:\n  "1:2": 65535:65281\n' } }] },
    { format: 'configmap', objects: [{ kind: 'ConfigMap', data: { config: 'bgp-communities:\n  one-two: 65535:65281\n' } }] },
    () => synthError(c => {
      MetalLb.configure(c, { version: '0.12.1' });
      new MetalLbCommunity(c, 'c', { communities: { '1:2': '65535:65281' } });
    })],
] as const)('%s', (id, input, nearMiss, libraryError) => {
  const entry = STRICTER_THAN_METALLB.find(r => r.id === id)!;
  expect(entry.applies(input)).toBe(true);
  expect(entry.applies(nearMiss)).toBe(false);
  const message = libraryError();
  expect(message).toMatch(new RegExp(`\\] ${entry.rule} `));
  expect(explainStricterThanMetalLb(entry.rule, input)?.id).toBe(id);
});

test('an entry explains only its own rule', () => {
  expect(explainStricterThanMetalLb('M8', cr(pool(['10.0.6.1-fd00::5'])))).toBeUndefined();
  expect(explainStricterThanMetalLb('M1', cr(pool(['10.0.0.0/33'])))).toBeUndefined();
});

test('docs/rules.md lists every entry, with what and why', () => {
  const doc = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'rules.md'), 'utf-8');
  for (const r of STRICTER_THAN_METALLB) {
    expect(doc).toContain(`\`${r.id}\` (${r.rule})`);
    expect(r.what.length).toBeGreaterThan(10);
    expect(r.why.length).toBeGreaterThan(10);
  }
});
