// Every field of every MetalLB CRD the user writes (the v0.16.2 CRDs the imports come from) can be
// written with the library's typed props, and what the library writes is valid for those CRDs.
import * as fs from 'fs';
import * as path from 'path';
import Ajv from 'ajv';
import { Chart, Duration, Testing } from 'cdk8s';
import * as YAML from 'yaml';
import {
  MetalLb, MetalLbBfdProfile, MetalLbBgpAdvertisement, MetalLbBgpPeer, MetalLbCommunity, MetalLbDynamicAsn, MetalLbL2Advertisement,
  MetalLbPool, MetalLbSelectorOperator, MetalLbSelectorRequirement,
} from '../../src';

const CRDS = path.join(__dirname, '..', '..', 'schemas', 'metallb', 'v0.16.2', 'metallb-crds.yaml');
const crds: any[] = YAML.parseAllDocuments(fs.readFileSync(CRDS, 'utf-8')).map(d => d.toJSON()).filter(Boolean);

/** The status objects MetalLB itself writes: not configuration a user writes. */
const WRITTEN_BY_METALLB = new Set(['ConfigurationState', 'ServiceBGPStatus', 'ServiceL2Status']);

function schemaOf(kind: string, version: string): any {
  const crd = crds.find(c => c.spec.names.kind === kind);
  return crd?.spec.versions.find((v: any) => v.name === version)?.schema.openAPIV3Schema;
}

/** Every property path of a schema (`spec.a`, `spec.list[].b`); a map (no properties) ends a path. */
function schemaPaths(s: any, prefix: string, out: Set<string>): Set<string> {
  for (const [k, v] of Object.entries<any>(s?.properties ?? {})) {
    out.add(`${prefix}.${k}`);
    schemaPaths(v, `${prefix}.${k}`, out);
  }
  if (s?.items) schemaPaths(s.items, `${prefix}[]`, out);
  return out;
}

/** Every path of a JSON value, the same way (map keys included: they are checked one way only). */
function valuePaths(v: any, prefix: string, out: Set<string>): Set<string> {
  if (Array.isArray(v)) {for (const x of v) valuePaths(x, `${prefix}[]`, out);} else if (v !== null && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      out.add(`${prefix}.${k}`);
      valuePaths(x, `${prefix}.${k}`, out);
    }
  }
  return out;
}

const selector = {
  matchLabels: { 'topology.kubernetes.io/zone': 'a' },
  matchExpressions: [MetalLbSelectorRequirement.of({ key: 'tier', matchOperator: MetalLbSelectorOperator.IN, values: ['web'] })],
};

/** An app that sets every prop of every MetalLB construct (mutually exclusive props on two objects). */
function everyField(): any[] {
  const c = new Chart(Testing.app(), 'all');
  MetalLb.configure(c, { version: '0.16.2' });
  const bfd = new MetalLbBfdProfile(c, 'bfd', {
    receiveInterval: 300, transmitInterval: 300, detectMultiplier: 3, echoInterval: 50, echoMode: false, passiveMode: true, minimumTtl: 254,
  });
  new MetalLbBgpPeer(c, 'peer-a', {
    myAsn: 64500,
    peerAsn: 64501,
    peerAddress: '10.0.0.1',
    peerPort: 179,
    sourceAddress: '10.0.0.2',
    routerId: '10.0.0.2',
    holdTime: Duration.seconds(90),
    keepaliveTime: Duration.seconds(30),
    connectTime: Duration.seconds(10),
    nodeSelectors: [selector],
    password: 'secret',
    bfdProfile: bfd,
    ebgpMultiHop: true,
    vrf: 'red',
    enableGracefulRestart: true,
    disableMp: false,
    dualStackAddressFamily: true,
    localAsn: 65000,
  });
  new MetalLbBgpPeer(c, 'peer-b', { myAsn: 64500, routerId: '10.0.0.2', dynamicAsn: MetalLbDynamicAsn.EXTERNAL, peerInterface: 'eth1', passwordSecret: 'bgp-auth' });
  new MetalLbCommunity(c, 'communities', { communities: { 'no-advertise': '65535:65282' } });
  const pool = new MetalLbPool(c, 'pool', {
    addresses: ['192.168.10.0/24', 'fd00::/120'],
    autoAssign: false,
    avoidBuggyIps: true,
    labels: { zone: 'a' },
    advertisements: [],
    serviceAllocation: { priority: 1, namespaces: ['web'], namespaceSelectors: [selector], serviceSelectors: [selector] },
  });
  new MetalLbL2Advertisement(c, 'l2', {
    pools: [pool],
    poolSelectors: [{ matchLabels: { zone: 'a' }, matchExpressions: [MetalLbSelectorRequirement.isIn('zone', ['a'])] }],
    nodeSelectors: [selector],
    interfaces: ['eth0'],
    serviceSelectors: [selector],
    preferredNodeSelectors: [{ weight: 10, preference: selector }],
  });
  new MetalLbBgpAdvertisement(c, 'bgp', {
    pools: [pool],
    poolSelectors: [{ matchLabels: { zone: 'a' }, matchExpressions: [MetalLbSelectorRequirement.isIn('zone', ['a'])] }],
    nodeSelectors: [selector],
    aggregationLength: 32,
    aggregationLengthV6: 128,
    localPref: 100,
    communities: ['no-advertise'],
    peers: ['peer-a'],
    serviceSelectors: [selector],
    asPathPrepend: 2,
  });
  const spy = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  try {
    return Testing.synth(c);
  } finally {
    spy.mockRestore();
  }
}

describe('MetalLB v0.16.2 CRDs', () => {
  const objects = everyField();
  const configKinds = crds.map(c => c.spec.names.kind).filter(k => !WRITTEN_BY_METALLB.has(k));

  test('the CRD file holds the nine CRDs of v0.16.2; six of them are configuration a user writes', () => {
    expect(crds).toHaveLength(9);
    expect(configKinds.sort()).toEqual(['BFDProfile', 'BGPAdvertisement', 'BGPPeer', 'Community', 'IPAddressPool', 'L2Advertisement']);
  });

  test.each(['BFDProfile', 'BGPAdvertisement', 'BGPPeer', 'Community', 'IPAddressPool', 'L2Advertisement'])(
    'every spec property path of %s (storage version) is written by the constructs', (kind) => {
      const crd = crds.find(c => c.spec.names.kind === kind);
      const storage = crd.spec.versions.find((v: any) => v.storage);
      const wanted = schemaPaths(storage.schema.openAPIV3Schema.properties.spec, 'spec', new Set());
      const written = new Set<string>();
      for (const o of objects.filter(x => x.kind === kind)) {
        expect(o.apiVersion).toBe(`metallb.io/${storage.name}`);
        valuePaths(o.spec, 'spec', written);
      }
      expect([...wanted].filter(p => !written.has(p))).toEqual([]);
      // and nothing the CRD lacks (paths below a map, such as matchLabels keys, excepted)
      const maps = [...wanted].filter(p => /\.matchLabels$/.test(p));
      expect([...written].filter(p => !wanted.has(p) && !maps.some(m => p.startsWith(`${m}.`)))).toEqual([]);
    });

  test('BGPPeer v1beta1 (served, deprecated) has no field v1beta2 lacks', () => {
    const paths = (v: string) => schemaPaths(schemaOf('BGPPeer', v).properties.spec, 'spec', new Set());
    const v2 = paths('v1beta2');
    expect([...paths('v1beta1')].filter(p => !v2.has(p))).toEqual([]);
  });

  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  const validate = (o: any): string[] => {
    const schema = schemaOf(o.kind, o.apiVersion.split('/')[1]);
    expect(schema).toBeDefined();
    const check = ajv.compile(schema);
    return check(o) ? [] : (check.errors ?? []).map(e => `${o.kind}/${o.metadata.name} ${e.instancePath} ${e.message}`);
  };

  test('every object the constructs write is valid for its CRD schema', () => {
    expect(objects.flatMap(validate)).toEqual([]);
  });

  test('the schema check can fail: an asPathPrepend of 11 or a string ASN are refused', () => {
    const bgp = objects.find(o => o.kind === 'BGPAdvertisement');
    expect(validate({ ...bgp, spec: { ...bgp.spec, asPathPrepend: 11 } }).join()).toMatch(/asPathPrepend must be <= 10/);
    const peer = objects.find(o => o.kind === 'BGPPeer');
    expect(validate({ ...peer, spec: { ...peer.spec, myASN: '64500' } }).join()).toMatch(/myASN must be integer/);
  });
});
