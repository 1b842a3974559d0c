import * as fs from 'fs';
import * as path from 'path';
import { MetalLbBgpType } from '../metallb/metallb';
import { MetalLbMigration } from '../metallb/migrate';

/** Where the command writes and reads; injectable for tests. */
export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  /** Reads a file; `-` means stdin. */
  readFile?: (p: string) => string;
}

const USAGE = `Usage: cdk8s-services metallb-migrate FILE [--namespace NS] [--emit yaml|typescript]
         [--target-version V] [--legacy-version V] [--bgp-type native|frr|frr-k8s]

Converts a MetalLB v0.9-v0.12 configuration (the ConfigMap metallb-system/config,
or just its \`config\` data) into the custom resources of MetalLB v0.13+
(IPAddressPool, L2Advertisement, BGPAdvertisement, BGPPeer, Community,
BFDProfile), printed as YAML on stdout. The configuration is built as the
library's constructs, checked by the rules of the MetalLB release that read it
and of the release the resources are for; every problem found is reported.

Arguments:
  FILE                     the ConfigMap manifest or its bare \`config\` data
                           (detected automatically); - reads stdin

Options:
  -n, --namespace NS       namespace of the generated resources
                           (default: the ConfigMap's namespace, else metallb-system)
  --emit yaml|typescript   yaml (default): the resources; typescript: a cdk8s
                           program (App, Chart, MetalLb.configure and the
                           cdk8s-services constructs) whose synth writes them
  --target-version V       the MetalLB release the resources are for, 0.13 or
                           later (default: the newest the library knows)
  --legacy-version V       the MetalLB release that read the ConfigMap, 0.9 to
                           0.12 (default: 0.12.1)
  --bgp-type T             the BGP implementation of the target MetalLB (native,
                           frr, frr-k8s): its rules are checked too (default: none)
  -h, --help               show this help
  --version                print the version of cdk8s-services

Exit status: 0 converted, 1 invalid or unreadable input, 2 bad usage.
`;

const defaultIo: CliIo = {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
};

function defaultReadFile(p: string): string {
  return fs.readFileSync(p === '-' ? 0 : p, 'utf8');
}

/** The version in the package's package.json (two levels up from src/cli and from lib/cli). */
function packageVersion(): string {
  const file = path.join(__dirname, '..', '..', 'package.json');
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version;
}

function usageError(io: CliIo, message: string): number {
  io.stderr(`error: ${message}\n\n${USAGE}`);
  return 2;
}

/**
 * Runs the `cdk8s-services` command line.
 *
 * @param argv the arguments after the program name
 * @param io output and input functions (default: the process's)
 * @returns the exit status
 */
export function main(argv: string[], io: CliIo = defaultIo): number {
  if (argv.length === 0) return usageError(io, 'no command given');
  if (argv.includes('--version')) {
    io.stdout(`${packageVersion()}\n`);
    return 0;
  }
  if (argv.includes('-h') || argv.includes('--help')) {
    io.stdout(USAGE);
    return 0;
  }
  const [command, ...rest] = argv;
  if (command !== 'metallb-migrate') return usageError(io, `unknown command "${command}"`);

  let file: string | undefined;
  let namespace: string | undefined;
  let emit = 'yaml';
  const versions: { targetVersion?: string; legacyVersion?: string; bgpType?: MetalLbBgpType } = {};
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    const bgpFlag = /^--bgp-type(?:=(.*))?$/.exec(arg);
    if (bgpFlag) {
      const value = bgpFlag[1] ?? rest[++i];
      if (!(Object.values(MetalLbBgpType) as string[]).includes(value ?? '')) {
        return usageError(io, `--bgp-type needs one of ${Object.values(MetalLbBgpType).join(', ')}, not ${JSON.stringify(value ?? '')}`);
      }
      versions.bgpType = value as MetalLbBgpType;
      continue;
    }
    const versionFlag = /^--(target|legacy)-version(?:=(.*))?$/.exec(arg);
    if (versionFlag) {
      const value = versionFlag[2] ?? rest[++i];
      if (value === undefined || value === '') return usageError(io, `--${versionFlag[1]}-version needs a value`);
      versions[versionFlag[1] === 'target' ? 'targetVersion' : 'legacyVersion'] = value;
      continue;
    }
    if (arg === '--namespace' || arg === '-n') {
      const value = rest[i + 1];
      if (value === undefined || value === '') return usageError(io, `${arg} needs a value`);
      namespace = value;
      i++;
    } else if (arg.startsWith('--namespace=')) {
      namespace = arg.slice('--namespace='.length);
      if (namespace === '') return usageError(io, '--namespace needs a value');
    } else if (arg === '--emit' || arg.startsWith('--emit=')) {
      const value = arg === '--emit' ? rest[++i] : arg.slice('--emit='.length);
      if (value !== 'yaml' && value !== 'typescript') return usageError(io, `--emit needs yaml or typescript, not ${JSON.stringify(value ?? '')}`);
      emit = value;
    } else if (arg.startsWith('-') && arg !== '-') {
      return usageError(io, `unknown option "${arg}"`);
    } else if (file === undefined) {
      file = arg;
    } else {
      return usageError(io, `unexpected argument "${arg}" (only one FILE is converted at a time)`);
    }
  }
  if (file === undefined) return usageError(io, 'metallb-migrate needs a FILE (or - for stdin)');

  let text: string;
  try {
    text = (io.readFile ?? defaultReadFile)(file);
  } catch (e) {
    io.stderr(`error: cannot read ${file === '-' ? 'stdin' : file}: ${(e as Error).message}\n`);
    return 1;
  }

  try {
    const options = { metalLbNamespace: namespace, ...versions };
    const result = MetalLbMigration._migrate(text, 'auto', options);
    for (const note of result.notes) io.stderr(`note: ${note}\n`);
    if (emit === 'typescript') {
      io.stdout(MetalLbMigration.toTypeScript(text, options));
      return 0;
    }
    if (result.objects.length === 0) {
      io.stderr('note: the configuration defines no address pools, peers, communities or BFD profiles; nothing to write\n');
      return 0;
    }
    io.stdout(MetalLbMigration.toYaml(result.objects));
    return 0;
  } catch (e) {
    io.stderr(`error: ${(e as Error).message}\n`);
    return 1;
  }
}
