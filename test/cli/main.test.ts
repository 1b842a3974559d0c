import * as childProcess from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';
import { main } from '../../src/cli/main';
import { MetalLbMigration } from '../../src/metallb/migrate';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const buildInfo: { staleReason(): string | undefined } = require('../../build-tools/build-info');

const ROOT = path.join(__dirname, '..', '..');
const FIXTURES = path.join(ROOT, 'test', 'metallb', 'fixtures');
const CONFIGMAP = fs.readFileSync(path.join(FIXTURES, 'config-yaml-address-pools.yaml'), 'utf8');
const BARE_CONFIG = YAML.parse(CONFIGMAP).data.config as string;

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly read: string[];
}

/** Runs main() with in-memory files; `-` is stdin. */
function run(argv: string[], files: Record<string, string> = {}): Run {
  let stdout = '';
  let stderr = '';
  const read: string[] = [];
  const code = main(argv, {
    stdout: (s) => { stdout += s; },
    stderr: (s) => { stderr += s; },
    readFile: (p) => {
      read.push(p);
      if (!(p in files)) throw new Error(`ENOENT: no such file or directory, open '${p}'`);
      return files[p];
    },
  });
  return { code, stdout, stderr, read };
}

/** The newest modification time of the files below a directory. */
/**
 * Builds lib/ (npx projen compile) when it was not compiled from the sources under src/
 * (lib/build-info.json records their hash: build-tools/build-info.js).
 */
function ensureCompiled(): void {
  if (!buildInfo.staleReason()) return;
  const build = childProcess.spawnSync('npx', ['projen', 'compile'], { cwd: ROOT, encoding: 'utf8', timeout: 15 * 60_000 });
  if (build.status !== 0) throw new Error(`npx projen compile failed (${build.status}):\n${build.stdout}\n${build.stderr}`);
  expect(buildInfo.staleReason()).toBeUndefined();
}

function docs(text: string): any[] {
  return YAML.parseAllDocuments(text).map((d) => d.toJS());
}

describe('cdk8s-services CLI', () => {
  test('--help prints usage on stdout and exits 0', () => {
    for (const argv of [['--help'], ['-h'], ['metallb-migrate', '--help']]) {
      const r = run(argv);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('Usage: cdk8s-services metallb-migrate FILE [--namespace NS]');
      expect(r.stderr).toBe('');
    }
  });

  test('--version prints the package version', () => {
    const r = run(['--version']);
    expect(r.code).toBe(0);
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    expect(r.stdout).toBe(`${pkg.version}\n`);
    expect(run(['metallb-migrate', '--version']).stdout).toBe(`${pkg.version}\n`);
  });

  test('a YAML error inside data.config is reported at the line and column of the file', () => {
    const manifest = [
      '# the ConfigMap of MetalLB 0.12', // 1
      'apiVersion: v1', // 2
      'kind: ConfigMap', // 3
      'metadata: {name: config, namespace: metallb-system}', // 4
      'data:', // 5
      '  config: |', // 6
      '    address-pools:', // 7
      '    - name: default', // 8
      '      protocol: layer2', // 9
      '      addresses: [10.0.0.0/24', // 10
      '    - name: other', // 11
      '',
    ].join('\n');
    const r = run(['metallb-migrate', 'cm.yaml'], { 'cm.yaml': manifest });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('in data.config of ConfigMap metallb-system/config');
    expect(r.stderr).toContain('at line 11, column 5 of the file');
    // the same text one line lower moves the reported line with it
    const lower = run(['metallb-migrate', 'cm.yaml'], { 'cm.yaml': `\n${manifest}` });
    expect(lower.stderr).toContain('at line 12, column 5 of the file');
  });

  test('no arguments: usage on stderr, exit 2', () => {
    const r = run([]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('error: no command given');
    expect(r.stderr).toContain('Usage:');
  });

  test.each([
    [['migrate', 'x.yaml'], 'unknown command "migrate"'],
    [['metallb-migrate'], 'metallb-migrate needs a FILE'],
    [['metallb-migrate', 'a.yaml', 'b.yaml'], 'unexpected argument "b.yaml"'],
    [['metallb-migrate', 'a.yaml', '--force'], 'unknown option "--force"'],
    [['metallb-migrate', 'a.yaml', '--namespace'], '--namespace needs a value'],
    [['metallb-migrate', 'a.yaml', '--namespace='], '--namespace needs a value'],
    [['metallb-migrate', 'a.yaml', '--emit'], '--emit needs yaml or typescript, not ""'],
    [['metallb-migrate', 'a.yaml', '--emit=json'], '--emit needs yaml or typescript, not "json"'],
  ])('bad usage %j: exit 2', (argv, message) => {
    const r = run(argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`error: ${message}`);
    expect(r.read).toEqual([]);
  });

  test('--emit typescript prints the cdk8s program of MetalLbMigration.toTypeScript, exit 0', () => {
    for (const argv of [['metallb-migrate', 'cm.yaml', '--emit', 'typescript'], ['metallb-migrate', '--emit=typescript', 'cm.yaml']]) {
      const r = run(argv, { 'cm.yaml': CONFIGMAP });
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(MetalLbMigration.toTypeScript(CONFIGMAP));
      expect(r.stdout).toContain('new MetalLbPool(chart, ');
      expect(r.stdout).toMatch(/^app\.synth\(\);$/m);
    }
    expect(run(['metallb-migrate', 'cm.yaml', '--emit', 'yaml'], { 'cm.yaml': CONFIGMAP }).stdout)
      .toBe(run(['metallb-migrate', 'cm.yaml'], { 'cm.yaml': CONFIGMAP }).stdout);
  });

  test('converts a ConfigMap manifest to YAML on stdout, exit 0', () => {
    const r = run(['metallb-migrate', 'cm.yaml'], { 'cm.yaml': CONFIGMAP });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(docs(r.stdout).map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'IPAddressPool/my-ip-space-bgp',
      'IPAddressPool/my-ip-space-l2',
      'BGPAdvertisement/my-ip-space-bgp-bgp',
      'L2Advertisement/my-ip-space-l2-l2',
    ]);
  });

  test('detects bare config data and reads stdin with -', () => {
    const fromFile = run(['metallb-migrate', 'config.yaml'], { 'config.yaml': BARE_CONFIG });
    const fromStdin = run(['metallb-migrate', '-'], { '-': BARE_CONFIG });
    const fromConfigMap = run(['metallb-migrate', 'cm.yaml'], { 'cm.yaml': CONFIGMAP });
    expect(fromFile.code).toBe(0);
    expect(fromStdin.code).toBe(0);
    expect(fromStdin.read).toEqual(['-']);
    expect(fromFile.stdout).toBe(fromConfigMap.stdout);
    expect(fromStdin.stdout).toBe(fromConfigMap.stdout);
  });

  test('--namespace, -n and --namespace= set the namespace', () => {
    for (const argv of [['--namespace', 'lb'], ['-n', 'lb'], ['--namespace=lb']]) {
      const r = run(['metallb-migrate', ...argv, 'cm.yaml'], { 'cm.yaml': CONFIGMAP });
      expect(r.code).toBe(0);
      expect(new Set(docs(r.stdout).map((o) => o.metadata.namespace))).toEqual(new Set(['lb']));
    }
  });

  test('--target-version and --legacy-version choose the releases whose rules apply', () => {
    const bgp = `
address-pools:
- name: a
  protocol: bgp
  addresses: [10.0.0.0/24]
  bgp-advertisements: [{localpref: 100}, {localpref: 200}]
`;
    // two local preferences for one update: refused from MetalLB 0.13.10
    const newest = run(['metallb-migrate', 'c.yaml'], { 'c.yaml': bgp });
    expect(newest.code).toBe(1);
    expect(newest.stderr).toContain('MetalLB v0.16.2 (the custom resources): [metallb/a/bgp-2] M7 localPref: got 200');
    for (const argv of [['--target-version', '0.13.9'], ['--target-version=0.13.9']]) {
      const r = run(['metallb-migrate', ...argv, 'c.yaml'], { 'c.yaml': bgp });
      expect(r.code).toBe(0);
      expect(docs(r.stdout).filter((o) => o.kind === 'BGPAdvertisement')).toHaveLength(2);
    }
    // BFD profiles came with MetalLB 0.12.0
    const bfd = 'bfd-profiles:\n- name: fast\n';
    expect(run(['metallb-migrate', 'b.yaml'], { 'b.yaml': bfd }).code).toBe(0);
    const old = run(['metallb-migrate', '--legacy-version', '0.11.0', 'b.yaml'], { 'b.yaml': bfd });
    expect(old.code).toBe(1);
    expect(old.stderr).toContain('MetalLB v0.11.0 (the ConfigMap): [metallb/fast] M0 BFD profile: got "v0.11.0"; expected MetalLB 0.12.0 or newer for BFD profiles');
    expect(run(['metallb-migrate', '--legacy-version', '0.13.5', 'b.yaml'], { 'b.yaml': bfd }).stderr)
      .toContain('error: legacyVersion "0.13.5": expected a MetalLB release that read the legacy ConfigMap (0.9 to 0.12)');
    expect(run(['metallb-migrate', '--target-version', 'b.yaml']).code).toBe(2);
  });

  test('--bgp-type adds the rules of the target\'s BGP implementation', () => {
    const peers = 'peers:\n- {my-asn: 1, peer-asn: 2, peer-address: 10.0.0.1, router-id: 10.0.0.9}\n- {my-asn: 1, peer-asn: 2, peer-address: 10.0.0.2}\n';
    expect(run(['metallb-migrate', 'p.yaml'], { 'p.yaml': peers }).code).toBe(0);
    for (const argv of [['--bgp-type', 'frr'], ['--bgp-type=frr-k8s']]) {
      const r = run(['metallb-migrate', ...argv, 'p.yaml'], { 'p.yaml': peers });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('[metallb/peer-2] M19 routerId');
    }
    const bad = run(['metallb-migrate', '--bgp-type', 'bird', 'p.yaml'], { 'p.yaml': peers });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('error: --bgp-type needs one of native, frr, frr-k8s, not "bird"');
  });

  test('invalid configuration: every problem on stderr after "error: ", exit 1, nothing on stdout', () => {
    const bad = `
address-pools:
- {name: a, protocol: layer2, addresses: [10.0.0.0/24]}
- {name: b, protocol: layer2, addresses: [10.0.0.128/25, 10.0.1.5-10.0.1.1]}
- {name: c, protocol: bgp, addresses: [10.0.2.0/24], bgp-advertisements: [{aggregation-length: 33}]}
`;
    const r = run(['metallb-migrate', 'bad.yaml'], { 'bad.yaml': bad });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^error: invalid MetalLB legacy configuration \(2 problems\):/);
    expect(r.stderr).toContain('MetalLB v0.12.1 (the ConfigMap): [metallb/b] M1 addresses[1]: got "10.0.1.5-10.0.1.1"; expected a range whose start is not after its end');
    expect(r.stderr).toContain('MetalLB v0.12.1 (the ConfigMap): [metallb/c/bgp] M7 aggregationLength: got 33; expected an integer from 0 to 32');
    // with the constructs made, the app-wide checks
    const overlap = run(['metallb-migrate', 'bad.yaml'], { 'bad.yaml': bad.replace('10.0.1.5-10.0.1.1', '10.0.1.1-10.0.1.5').replace('aggregation-length: 33', 'aggregation-length: 24') });
    expect(overlap.code).toBe(1);
    expect(overlap.stderr).toContain('[metallb/b] M2 addresses: got "10.0.0.128/25"; expected addresses no other pool holds: they overlap pool "a" (metallb/a), entry "10.0.0.0/24"');
  });

  test('MetalLB v0.12.1 example-config.yaml is reported as invalid', () => {
    const text = fs.readFileSync(path.join(FIXTURES, 'example-config.yaml'), 'utf8');
    const r = run(['metallb-migrate', 'example-config.yaml'], { 'example-config.yaml': text });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('unknown field "bfdProfile"');
  });

  test('unreadable file: exit 1', () => {
    const r = run(['metallb-migrate', 'missing.yaml']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error: cannot read missing.yaml: ENOENT');
  });

  test('renamed pools are reported as notes on stderr; stdout stays pure YAML', () => {
    const config = 'address-pools:\n- {name: Capitalized-AddressPool, protocol: layer2, addresses: [192.168.1.240/28]}\n';
    const r = run(['metallb-migrate', 'c.yaml'], { 'c.yaml': config });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('note: address pool "Capitalized-AddressPool" is renamed "capitalized-addresspool"');
    expect(docs(r.stdout)[0].metadata.name).toBe('capitalized-addresspool');
  });

  test('an empty configuration writes nothing and says so', () => {
    const r = run(['metallb-migrate', 'empty.yaml'], { 'empty.yaml': 'address-pools: []\n' });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('note: the configuration defines no address pools');
  });

  test('reads real files by default', () => {
    let stdout = '';
    const code = main(['metallb-migrate', path.join(FIXTURES, 'example-layer2-config.yaml')], {
      stdout: (s) => { stdout += s; },
      stderr: () => undefined,
    });
    expect(code).toBe(0);
    expect(docs(stdout).map((o) => o.kind)).toEqual(['IPAddressPool', 'L2Advertisement']);
  });

  // The bin script only requires lib/cli/main.js (jsii's compiled output): built here when it was
  // compiled from other sources or is missing, never skipped.
  test('bin/cdk8s-services runs the compiled CLI (lib/ built first when stale)', () => {
    ensureCompiled();
    const r = childProcess.spawnSync(process.execPath, [path.join(ROOT, 'bin', 'cdk8s-services'), 'metallb-migrate', '-'], {
      input: CONFIGMAP,
      encoding: 'utf8',
    });
    expect(r.status).toBe(0);
    expect(docs(r.stdout).map((o) => o.kind)).toEqual(['IPAddressPool', 'IPAddressPool', 'BGPAdvertisement', 'L2Advertisement']);
    const bad = childProcess.spawnSync(process.execPath, [path.join(ROOT, 'bin', 'cdk8s-services')], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
  }, 20 * 60_000);
});
