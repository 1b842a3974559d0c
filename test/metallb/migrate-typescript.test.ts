import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';
import * as YAML from 'yaml';
import { MetalLbMigration } from '../../src/metallb/migrate';

// `metallb-migrate --emit typescript`: the printed program is type-checked against the library's
// src, run, and what it synthesizes must equal the migrated YAML (parsed, deep-equal).

const ROOT = path.join(__dirname, '..', '..');
const FIXTURES = path.join(__dirname, 'fixtures');
const SHARED = path.join(ROOT, '..', 'shared', 'schemas', 'metallb', 'configmaptocrs-v0.16.1');

/** Exercises what the fixtures do not: BGP advertisement options, communities, BFD fields, selectors. */
const RICH = `address-pools:
- name: Edge.Pool
  protocol: bgp
  addresses: [10.10.0.0/24, 10.10.1.0/24, "fd00:10::/64"]
  auto-assign: false
  bgp-advertisements:
  - aggregation-length: 32
    localpref: 100
    communities: [edge, '64512:1']
  - aggregation-length: 24
    aggregation-length-v6: 120
    communities: [no-advertise]
- name: l2
  protocol: layer2
  addresses: [192.168.5.0/28]
bgp-communities:
  edge: '64512:100'
  no-advertise: '65535:65282'
bfd-profiles:
- name: fast
  receive-interval: 100
  transmit-interval: 110
  detect-multiplier: 5
  echo-interval: 60
  echo-mode: false
  passive-mode: true
  minimum-ttl: 10
peers:
- my-asn: 64500
  peer-asn: 64501
  peer-address: 10.0.0.1
  ebgp-multihop: true
  bfd-profile: fast
  node-selectors:
  - match-expressions:
    - {key: rack, operator: Exists}
    - {key: zone, operator: NotIn, values: [b]}
- my-asn: 64500
  peer-asn: 64502
  peer-address: 'fd00::1'
  hold-time: 1h1m
`;

const CASES: Array<[string, string]> = [
  ...['config-yaml-peers.yaml', 'config-yaml-address-pools.yaml', 'config-yaml-communities.yaml', 'example-layer2-config.yaml']
    .map((f): [string, string] => [f, fs.readFileSync(path.join(FIXTURES, f), 'utf8')]),
  ...(fs.existsSync(SHARED) ? fs.readdirSync(SHARED).filter((f) => f.endsWith('.yaml')) : [])
    .map((f): [string, string] => [`shared/${f}`, fs.readFileSync(path.join(SHARED, f), 'utf8')]),
  ['rich config data', RICH],
];

const byKindAndName = (a: any, b: any) => `${a.kind}/${a.metadata.name}`.localeCompare(`${b.kind}/${b.metadata.name}`);

describe('metallb-migrate --emit typescript', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlb-emit-ts-'));
  const programs = CASES.map(([name, text], i) => {
    const file = path.join(dir, `case${i}.ts`);
    const code = MetalLbMigration.toTypeScript(text);
    fs.writeFileSync(file, code);
    return { name, text, file, code };
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('the fixtures from MetalLB are among the cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(5);
  });

  test('every printed program compiles against the library (strict, no errors)', () => {
    const program = ts.createProgram(programs.map((p) => p.file), {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2020,
      module: ts.ModuleKind.Node16,
      moduleResolution: ts.ModuleResolutionKind.Node16,
      skipLibCheck: true,
      // the programs live in a temporary directory: both packages are mapped to this checkout
      paths: {
        'cdk8s-services': [path.join(ROOT, 'src', 'index.ts')],
        'cdk8s': [path.join(ROOT, 'node_modules', 'cdk8s', 'lib', 'index.d.ts')],
      },
      typeRoots: [path.join(ROOT, 'node_modules', '@types')],
      types: ['node'],
    });
    const diagnostics = ts.getPreEmitDiagnostics(program)
      .map((d) => `${d.file?.fileName ?? ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    expect(diagnostics).toEqual([]);
  }, 90_000);

  test.each(programs.map((p) => [p.name, p]))('%s: running the program writes the migrated resources', (_name, p: any) => {
    const expected = MetalLbMigration._migrate(p.text, 'auto').objects;
    expect(expected.length).toBeGreaterThan(0);
    const js = ts.transpileModule(p.code, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 } }).outputText;
    const outdir = fs.mkdtempSync(path.join(dir, 'out-'));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const req = (m: string) => (m === 'cdk8s-services' ? require('../../src') : require(m));
    const saved = process.env.CDK8S_OUTDIR;
    process.env.CDK8S_OUTDIR = outdir;
    try {
      new Function('require', 'exports', 'module', js)(req, {}, { exports: {} });
    } finally {
      if (saved === undefined) delete process.env.CDK8S_OUTDIR; else process.env.CDK8S_OUTDIR = saved;
    }
    const written = YAML.parseAllDocuments(fs.readFileSync(path.join(outdir, 'metallb.k8s.yaml'), 'utf8'))
      .map((d) => d.toJS()).filter((o) => o);
    // the YAML the CLI prints, read back
    const printed = YAML.parseAllDocuments(MetalLbMigration.toYaml(expected)).map((d) => d.toJS());
    expect([...written].sort(byKindAndName)).toEqual([...printed].sort(byKindAndName));
  });

  test('the rich case exercises advertisements, communities, BFD and selectors', () => {
    const code = programs[programs.length - 1].code;
    expect(code).toContain('MetalLbAdvertisement.bgp({');
    expect(code).toContain('aggregationLengthV6: 120');
    expect(code).toContain('MetalLbSelectorOperator.EXISTS');
    expect(code).toContain('bfdProfile: fast');
    expect(code).toContain('holdTime: Duration.seconds(3660)');
    expect(code).toContain('autoAssign: false');
  });

  test('the target version and namespace are written into MetalLb.configure', () => {
    const code = MetalLbMigration.toTypeScript(RICH, { targetVersion: '0.15.2', metalLbNamespace: 'lb' });
    expect(code).toContain('MetalLb.configure(chart, {\n  version: \'0.15.2\',\n  metalLbNamespace: \'lb\',\n});');
  });

  test('docs/metallb-migration.md shows what the command prints for its example', () => {
    const docs = fs.readFileSync(path.join(ROOT, 'docs', 'metallb-migration.md'), 'utf8');
    const config = 'address-pools:\n- name: default\n  protocol: layer2\n  addresses:\n  - 192.168.124.200-192.168.124.210\n';
    expect(docs).toContain(`\`\`\`ts\n${MetalLbMigration.toTypeScript(config)}\`\`\``);
  });

  test('invalid input is reported as by the YAML output', () => {
    expect(() => MetalLbMigration.toTypeScript('address-pools: [{name: a}]')).toThrow(/address-pools\[0\]/);
  });
});
