/**
 * Test helper: MetalLB's own controller (built from Go modules by ./build.sh) run out of cluster
 * against the e2e kube-apiserver, with, for CR-era releases, MetalLB's validating webhook
 * registered with the apiserver. See ../../../shared/docs/control-plane-notes.md for the recipe.
 *
 * One controller at a time: the webhook's port 9443 is fixed by MetalLB.
 */
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import * as YAML from 'yaml';
import { ApiServer, applyManifest, KubeObject } from '../apiserver/server';
import { startCluster } from '../util';

/** The MetalLB releases the e2e builds: the legacy ConfigMap reader and the CR-era controller. */
export const METALLB_LEGACY = 'v0.12.1';
export const METALLB_CRS = 'v0.15.2';

const WEBHOOK_PORT = 9443;
const WEBHOOK_CONFIG = 'metallb-webhook-configuration';

/** Runs build.sh for a version (or uses $METALLB_<v>_BIN, e.g. METALLB_V0_15_2_BIN) and returns the binary path. */
export function buildMetalLb(version: string, program = 'controller'): string {
  const suffix = program === 'controller' ? '' : `_${program.toUpperCase()}`;
  const fromEnv = process.env[`METALLB_${version.toUpperCase().replace(/\./g, '_')}${suffix}_BIN`];
  if (fromEnv) return fromEnv;
  const out = execFileSync('bash', [path.join(__dirname, 'build.sh'), version, program], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = out.split('\n').map(l => l.trim()).filter(l => l.length > 0);
  const bin = lines[lines.length - 1];
  if (!bin || !fs.existsSync(bin)) {
    throw new Error(`e2e/metallb/build.sh ${version} ${program} did not print a binary path (got: ${JSON.stringify(out)})`);
  }
  return bin;
}

/** The release's sources in the Go module cache (build.sh downloads them). */
export function metallbModuleDir(version: string): string {
  const modcache = execFileSync('go', ['env', 'GOMODCACHE'], { encoding: 'utf8' }).trim();
  const dir = path.join(modcache, 'go.universe.tf', `metallb@${version}`);
  if (!fs.existsSync(dir)) {
    execFileSync('go', ['mod', 'download', `go.universe.tf/metallb@${version}`], { cwd: path.join(__dirname, version), stdio: 'inherit' });
  }
  return dir;
}

export function readYamlObjects(file: string): KubeObject[] {
  return YAML.parseAllDocuments(fs.readFileSync(file, 'utf-8')).map(d => d.toJSON()).filter(Boolean);
}

/** The release's CRDs, from config/crd/bases (the manifest's bgppeers CRD asks for a conversion webhook). */
export function releaseCrds(version: string): KubeObject[] {
  const dir = path.join(metallbModuleDir(version), 'config', 'crd', 'bases');
  return fs.readdirSync(dir).filter(f => f.endsWith('.yaml')).sort().flatMap(f => readYamlObjects(path.join(dir, f)));
}

/** Applies the release's CRDs and waits until each is Established and served. */
export async function installCrds(server: ApiServer, version: string): Promise<void> {
  for (const crd of releaseCrds(version)) {
    const res = await applyManifest(server, crd, { throwOnError: false });
    if (res.status === 409) continue; // already there
    if (res.status >= 300) throw new Error(`CRD ${crd.metadata?.name}: HTTP ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
  }
}

export async function ensureNamespace(server: ApiServer, name = 'metallb-system'): Promise<void> {
  const res = await applyManifest(server, { apiVersion: 'v1', kind: 'Namespace', metadata: { name } }, { throwOnError: false });
  if (res.status >= 300 && res.status !== 409) throw new Error(`namespace ${name}: HTTP ${res.status}`);
}

/** The e2e kube-apiserver with MetalLB's namespace and the CRDs of `version` installed. */
/**
 * The nodes of the test cluster (as the article's: one control-plane node and two workers). A
 * cluster has nodes, and MetalLB's webhook judges some rules by them: two BGPAdvertisements with
 * different local preferences for one pool conflict only on a node they share (v0.15.2
 * internal/config/config.go advertisementsAreCompatible; with no Node at all it accepts them).
 */
export const NODES = ['k8s-master', 'k8s-node1', 'k8s-node2'];

export async function startMetalLbCluster(version = METALLB_CRS): Promise<ApiServer> {
  const server = await startCluster();
  await ensureNamespace(server);
  await installCrds(server, version);
  for (const name of NODES) {
    await applyManifest(server, { apiVersion: 'v1', kind: 'Node', metadata: { name, labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux' } } });
  }
  return server;
}

export interface MetalLbController {
  readonly version: string;
  readonly pid: number;
  /** The metrics port (`-port`). */
  readonly port: number;
  /** Everything the controller logged so far (JSON lines). */
  logs(): string;
  /** The Prometheus metrics text. */
  metrics(): Promise<string>;
  /** The value of one metric (first sample whose line starts with `name`), or undefined. */
  metric(name: string): Promise<number | undefined>;
  /** Unregisters the webhook (if any), then SIGTERM (SIGKILL after 10 s). */
  stop(): Promise<void>;
}

export interface StartControllerOptions {
  /** Serve and register MetalLB's validating webhook (CR-era releases). Default: true from v0.13. */
  webhook?: boolean;
  /** -log-level, default info. */
  logLevel?: string;
  /**
   * METALLB_BGP_TYPE: `native` (the default, as metallb-native.yaml installs it), `frr` or
   * `frr-k8s`. The webhook refuses BFD profiles and the FRR-only BGPPeer fields in native mode.
   */
  bgpType?: string;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

/** Starts the controller of `version` against `server` (namespace metallb-system must exist). */
export async function startMetalLbController(server: ApiServer, version: string, opts: StartControllerOptions = {}): Promise<MetalLbController> {
  const bin = buildMetalLb(version);
  const legacy = /^v0\.(9|1[0-2])\./.test(version);
  const webhook = opts.webhook ?? !legacy;
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `metallb-${version}-`));
  const args = ['-kubeconfig', server.kubeconfig, '-namespace', 'metallb-system', '-port', String(port), '-log-level', opts.logLevel ?? 'info'];
  let ca: string | undefined;
  if (!legacy) {
    if (webhook) {
      // the webhook server reads $TMPDIR/k8s-webhook-server/serving-certs/tls.{crt,key} (not -cert-dir)
      ca = makeServingCert(dir, path.join(dir, 'k8s-webhook-server', 'serving-certs'));
      args.push('-webhook-mode', 'enabled', '-disable-cert-rotation');
    } else {
      args.push('-webhook-mode', 'disabled');
    }
  } else {
    args.push('-config', 'config');
  }
  const env: NodeJS.ProcessEnv = { ...process.env, TMPDIR: dir };
  delete env.METALLB_BGP_TYPE;
  if (opts.bgpType) env.METALLB_BGP_TYPE = opts.bgpType;
  const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'], env });
  let log = '';
  const onData = (c: Buffer): void => {
    log += c.toString('utf8');
    if (log.length > 4 * 1024 * 1024) log = log.slice(-2 * 1024 * 1024);
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<void>(resolve => child.once('exit', () => resolve()));
  const killOnExit = (): void => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  };
  process.on('exit', killOnExit);

  const metrics = (): Promise<string> => httpGet(`http://127.0.0.1:${port}/metrics`);
  const metric = async (name: string): Promise<number | undefined> => {
    const line = (await metrics()).split('\n').find(l => l.startsWith(name + ' ') || l.startsWith(name + '{'));
    return line === undefined ? undefined : Number(line.trim().split(/\s+/).pop());
  };

  let registered = false;
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      if (registered) {
        // failurePolicy Fail: without the controller every later MetalLB object would be refused
        await server.request('DELETE', `/apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations/${WEBHOOK_CONFIG}`);
        registered = false;
      }
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      process.removeListener('exit', killOnExit);
      fs.rmSync(dir, { recursive: true, force: true });
    })();
    return stopping;
  };

  try {
    await waitFor(async () => {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`exited (code ${child.exitCode})`);
      return (await metrics().then(() => true, () => false));
    }, 60_000, `MetalLB ${version} metrics on port ${port}`);
    if (webhook && ca) {
      await waitFor(() => tcpOpen(WEBHOOK_PORT), 60_000, `MetalLB ${version} webhook on port ${WEBHOOK_PORT}`);
      await applyManifest(server, webhookConfiguration(version, ca));
      registered = true;
      // the webhook answers once its caches have synced: probe with a dry-run pool
      const probe = {
        apiVersion: 'metallb.io/v1beta1', kind: 'IPAddressPool',
        metadata: { name: 'e2e-webhook-probe', namespace: 'metallb-system' },
        spec: { addresses: ['198.51.100.0/30'] },
      };
      await waitFor(async () => (await applyManifest(server, probe, { dryRun: true, throwOnError: false })).status < 300, 60_000,
        `MetalLB ${version} webhook admitting a valid IPAddressPool`);
    }
  } catch (e) {
    await stop();
    throw new Error(`${(e as Error).message}\n--- MetalLB ${version} log tail ---\n${log.slice(-4000)}`);
  }

  return { version, pid: child.pid!, port, logs: () => log, metrics, metric, stop };
}

/** MetalLB's ValidatingWebhookConfiguration from the release manifest, pointed at 127.0.0.1:9443. */
export function webhookConfiguration(version: string, caPem: string): KubeObject {
  const manifest = path.join(metallbModuleDir(version), 'config', 'manifests', 'metallb-native.yaml');
  const vwc = readYamlObjects(manifest).find(o => o.kind === 'ValidatingWebhookConfiguration' && o.metadata?.name === WEBHOOK_CONFIG);
  if (!vwc) throw new Error(`no ${WEBHOOK_CONFIG} in ${manifest}`);
  const caBundle = Buffer.from(caPem).toString('base64');
  for (const w of (vwc as any).webhooks as any[]) {
    w.clientConfig = { url: `https://127.0.0.1:${WEBHOOK_PORT}${w.clientConfig.service.path}`, caBundle };
  }
  delete (vwc.metadata as any).creationTimestamp;
  return vwc;
}

/** A CA and a serving cert for IP:127.0.0.1 (openssl); returns the CA's PEM. */
function makeServingCert(work: string, certDir: string): string {
  fs.mkdirSync(certDir, { recursive: true });
  const o = (args: string[]): void => { execFileSync('openssl', args, { cwd: work, stdio: ['ignore', 'ignore', 'pipe'] }); };
  o(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '2', '-subj', '/CN=e2e-metallb-webhook-ca']);
  o(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', path.join(certDir, 'tls.key'), '-out', 'tls.csr', '-subj', '/CN=127.0.0.1']);
  fs.writeFileSync(path.join(work, 'ext.cnf'), 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
  o(['x509', '-req', '-in', 'tls.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', path.join(certDir, 'tls.crt'),
    '-days', '2', '-extfile', 'ext.cnf']);
  return fs.readFileSync(path.join(work, 'ca.crt'), 'utf8');
}

function httpGet(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, res => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => (res.statusCode === 200 ? resolve(Buffer.concat(chunks).toString('utf8')) : reject(new Error(`GET ${url}: ${res.statusCode}`))));
      res.on('error', reject);
    });
    req.setTimeout(10_000, () => req.destroy(new Error(`GET ${url} timed out`)));
    req.on('error', reject);
  });
}

function tcpOpen(port: number): Promise<boolean> {
  return new Promise(resolve => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => { s.destroy(); resolve(true); });
    s.once('error', () => resolve(false));
  });
}

export async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string, intervalMs = 100): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise(r => setTimeout(r, intervalMs));
  }
}

/** Waits until a Service has a load-balancer ingress; returns its IPs (or [] after timeoutMs). */
export async function loadBalancerIps(server: ApiServer, name: string, namespace = 'default', timeoutMs = 20_000): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await server.request('GET', `/api/v1/namespaces/${namespace}/services/${name}`);
    const ingress = res.body?.status?.loadBalancer?.ingress as Array<{ ip?: string }> | undefined;
    if (ingress && ingress.length > 0) return ingress.map(i => i.ip ?? '');
    if (Date.now() > deadline) return [];
    await new Promise(r => setTimeout(r, 100));
  }
}
