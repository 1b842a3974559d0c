/**
 * Test helper: starts a real kube-apiserver (+ embedded etcd) on 127.0.0.1,
 * built from Go modules by ./build.sh, and talks to it over HTTPS.
 *
 * Node 20 built-ins only.
 */
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as https from 'node:https';
import * as os from 'node:os';
import * as path from 'node:path';

export interface ApiResponse {
  status: number;
  /** Parsed JSON when the server answered JSON, otherwise the raw text. */
  body: any;
}

export interface ApiServer {
  /** e.g. https://127.0.0.1:40123 */
  url: string;
  /** Bearer token of user "admin" (group system:masters). */
  token: string;
  /** PEM of the CA that signed the serving cert (SANs: 127.0.0.1, ::1, localhost). */
  ca: string;
  /** Working dir (certs, token, kubeconfig, etcd data); removed by stop(). */
  dir: string;
  /** Path of a kubeconfig for this server (for debugging with kubectl). */
  kubeconfig: string;
  /**
   * Raw request. `body` is JSON-encoded unless it is a string or Buffer.
   * `contentType` defaults to application/json when there is a body.
   */
  request(method: string, path: string, body?: unknown, contentType?: string): Promise<ApiResponse>;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** --service-cluster-ip-range, default 10.1.0.0/16 */
  serviceCidr?: string;
  /** --service-node-port-range, default 30000-32767 */
  nodePortRange?: string;
  /** How long to wait for READY, default 120 s. */
  timeoutMs?: number;
  /** Extra kube-apiserver flags, e.g. ['--feature-gates=Foo=true']. */
  extraArgs?: string[];
}

const STDERR_TAIL_BYTES = 16 * 1024;

/** Runs build.sh (or uses $KUBE_APISERVER_E2E_BIN) and returns the binary path. */
export function buildApiServer(): string {
  const fromEnv = process.env.KUBE_APISERVER_E2E_BIN;
  if (fromEnv) {
    return fromEnv;
  }
  const candidates = [
    path.join(__dirname, 'build.sh'),
    path.resolve(process.cwd(), 'e2e', 'apiserver', 'build.sh'),
  ];
  const script = candidates.find((p) => fs.existsSync(p));
  if (!script) {
    throw new Error(`apiserver build.sh not found (looked in ${candidates.join(', ')})`);
  }
  const out = execFileSync('bash', [script], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 16 * 1024 * 1024,
  });
  const lines = out.split('\n').map((l) => l.trim()).filter((l) => l.length > 0);
  const bin = lines[lines.length - 1];
  if (!bin || !fs.existsSync(bin)) {
    throw new Error(`apiserver build.sh did not print a binary path (got: ${JSON.stringify(out)})`);
  }
  return bin;
}

export async function startApiServer(opts: StartOptions = {}): Promise<ApiServer> {
  const bin = buildApiServer();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-apiserver-e2e-'));
  const args = [
    '--dir', dir,
    '--rm', // the binary removes dir on exit ...
    '--watch-stdin', // ... and exits by itself when this process dies (stdin pipe closes)
    '--service-cluster-ip-range', opts.serviceCidr ?? '10.1.0.0/16',
    '--service-node-port-range', opts.nodePortRange ?? '30000-32767',
  ];
  if (opts.extraArgs && opts.extraArgs.length > 0) {
    args.push('--', ...opts.extraArgs);
  }
  const child = spawn(bin, args, { stdio: ['pipe', 'pipe', 'pipe'] });

  let stderrTail = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderrTail += chunk;
    if (stderrTail.length > 2 * STDERR_TAIL_BYTES) {
      stderrTail = stderrTail.slice(-STDERR_TAIL_BYTES);
    }
  });

  // If the test process dies without calling stop(), don't leave the server behind.
  const onExit = (): void => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  process.on('exit', onExit);

  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
  });

  let url: string;
  try {
    url = await waitForReadyLine(child, opts.timeoutMs ?? 120_000, () => stderrTail.slice(-STDERR_TAIL_BYTES));
  } catch (err) {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
    }
    await exited;
    process.removeListener('exit', onExit);
    fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  }

  const ca = fs.readFileSync(path.join(dir, 'ca.crt'), 'utf8');
  const token = fs.readFileSync(path.join(dir, 'token'), 'utf8').trim();
  const parsed = new URL(url);
  const agent = new https.Agent({ keepAlive: true, ca, maxSockets: 16 });

  const request = (method: string, reqPath: string, body?: unknown, contentType?: string): Promise<ApiResponse> => {
    let payload: Buffer | undefined;
    if (body !== undefined) {
      if (Buffer.isBuffer(body)) {
        payload = body;
      } else if (typeof body === 'string') {
        payload = Buffer.from(body, 'utf8');
      } else {
        payload = Buffer.from(JSON.stringify(body), 'utf8');
      }
    }
    const headers: Record<string, string | number> = {
      Authorization: `Bearer ${token}`,
      Accept: 'application/json',
    };
    if (payload !== undefined) {
      headers['Content-Type'] = contentType ?? 'application/json';
      headers['Content-Length'] = payload.length;
    }
    return new Promise<ApiResponse>((resolve, reject) => {
      const req = https.request(
        {
          host: parsed.hostname,
          port: Number(parsed.port),
          path: reqPath,
          method: method.toUpperCase(),
          headers,
          agent,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', reject);
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let parsedBody: unknown = text;
            const ct = String(res.headers['content-type'] ?? '');
            if (text.length > 0 && (ct.includes('json') || /^\s*[{[]/.test(text))) {
              try {
                parsedBody = JSON.parse(text);
              } catch {
                parsedBody = text;
              }
            }
            resolve({ status: res.statusCode ?? 0, body: parsedBody });
          });
        },
      );
      req.setTimeout(60_000, () => req.destroy(new Error(`${method} ${reqPath}: timed out after 60s`)));
      req.on('error', reject);
      if (payload !== undefined) {
        req.write(payload);
      }
      req.end();
    });
  };

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    if (!stopping) {
      stopping = (async () => {
        agent.destroy();
        if (child.exitCode === null && child.signalCode === null) {
          child.kill('SIGTERM');
          const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
          await exited;
          clearTimeout(timer);
        }
        process.removeListener('exit', onExit);
        fs.rmSync(dir, { recursive: true, force: true });
      })();
    }
    return stopping;
  };

  return { url, token, ca, dir, kubeconfig: path.join(dir, 'kubeconfig'), request, stop };
}

function waitForReadyLine(child: ChildProcess, timeoutMs: number, tail: () => string): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    let buf = '';
    let done = false;
    const finish = (err: Error | undefined, url?: string): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      child.stdout?.removeListener('data', onData);
      child.removeListener('exit', onExitEarly);
      if (err) reject(err);
      else resolve(url as string);
    };
    const onData = (chunk: Buffer | string): void => {
      buf += chunk.toString();
      const lines = buf.split('\n');
      buf = lines.pop() ?? '';
      for (const line of lines) {
        const m = /^READY (https:\/\/\S+)\s*$/.exec(line.trim());
        if (m) {
          finish(undefined, m[1]);
          return;
        }
      }
    };
    const onExitEarly = (code: number | null, signal: NodeJS.Signals | null): void => {
      // Let the last stderr chunks arrive before building the message.
      setTimeout(() => {
        finish(new Error(`kube-apiserver-e2e exited before READY (code ${code}, signal ${signal}).\n--- stderr tail ---\n${tail()}`));
      }, 100);
    };
    const timer = setTimeout(() => {
      finish(new Error(`kube-apiserver-e2e not READY after ${timeoutMs} ms.\n--- stderr tail ---\n${tail()}`));
    }, timeoutMs);
    child.stdout?.on('data', onData);
    child.once('exit', onExitEarly);
    child.once('error', (err: Error) => finish(err));
  });
}

// ---------------------------------------------------------------------------
// Generic object helpers
// ---------------------------------------------------------------------------

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata?: { name?: string; namespace?: string; [key: string]: unknown };
  [key: string]: unknown;
}

export interface ResourceInfo {
  /** 'apps/v1' or 'v1' */
  apiVersion: string;
  /** plural resource name, e.g. 'deployments' */
  plural: string;
  namespaced: boolean;
}

export interface ApplyOptions {
  /** Namespace for namespaced kinds without metadata.namespace. Default 'default'. */
  namespace?: string;
  /** POST (create, default) or server-side apply (PATCH application/apply-patch+yaml, force). */
  mode?: 'create' | 'apply';
  /** Add ?dryRun=All. */
  dryRun?: boolean;
  /** Throw on a non-2xx answer (default true). With false, return the answer. */
  throwOnError?: boolean;
  /** For CRDs: wait until Established and served by discovery (default true unless dryRun). */
  waitForCrd?: boolean;
  /** For CRDs: keep spec.conversion even if it is a webhook (default false: it is removed). */
  keepConversionWebhook?: boolean;
}

export class ApiError extends Error {
  constructor(message: string, public readonly response: ApiResponse) {
    super(message);
    this.name = 'ApiError';
  }
}

interface DiscoveryResource {
  name: string;
  kind: string;
  namespaced: boolean;
}

const discoveryCache = new WeakMap<ApiServer, Map<string, DiscoveryResource[]>>();

function groupVersionPath(apiVersion: string): string {
  return apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
}

async function discover(server: ApiServer, apiVersion: string, refresh: boolean): Promise<DiscoveryResource[]> {
  let cache = discoveryCache.get(server);
  if (!cache) {
    cache = new Map<string, DiscoveryResource[]>();
    discoveryCache.set(server, cache);
  }
  const cached = cache.get(apiVersion);
  if (cached && !refresh) {
    return cached;
  }
  const res = await server.request('GET', groupVersionPath(apiVersion));
  if (res.status === 404) {
    return [];
  }
  if (res.status !== 200) {
    throw new ApiError(`discovery of ${apiVersion} failed: HTTP ${res.status} ${describe(res.body)}`, res);
  }
  const list = ((res.body?.resources ?? []) as DiscoveryResource[]).filter((r) => !r.name.includes('/'));
  cache.set(apiVersion, list);
  return list;
}

/** Finds the plural resource name and scope of apiVersion/kind via discovery (cached per server). */
export async function resolveResource(server: ApiServer, apiVersion: string, kind: string): Promise<ResourceInfo> {
  for (const refresh of [false, true]) {
    const found = (await discover(server, apiVersion, refresh)).find((r) => r.kind === kind);
    if (found) {
      return { apiVersion, plural: found.name, namespaced: found.namespaced };
    }
  }
  throw new Error(`kind ${kind} is not served under ${apiVersion} (discovery)`);
}

/** Collection path (and object path when name is given) of a resource. */
export function resourcePath(info: ResourceInfo, namespace?: string, name?: string): string {
  let p = groupVersionPath(info.apiVersion);
  if (info.namespaced) {
    p += `/namespaces/${encodeURIComponent(namespace ?? 'default')}`;
  }
  p += `/${info.plural}`;
  if (name !== undefined) {
    p += `/${encodeURIComponent(name)}`;
  }
  return p;
}

/**
 * Creates (POST) any object, discovering its resource via the discovery API.
 * Namespaced kinds without metadata.namespace go to opts.namespace ?? 'default'.
 * CRDs: a webhook spec.conversion is stripped (no webhook runs here) and the
 * call waits until the CRD is Established and served.
 */
export async function applyManifest(server: ApiServer, obj: KubeObject, opts: ApplyOptions = {}): Promise<ApiResponse> {
  if (!obj || typeof obj.apiVersion !== 'string' || typeof obj.kind !== 'string') {
    throw new Error(`not a Kubernetes object: ${JSON.stringify(obj)}`);
  }
  const o = JSON.parse(JSON.stringify(obj)) as KubeObject;
  const isCrd = o.kind === 'CustomResourceDefinition' && o.apiVersion.startsWith('apiextensions.k8s.io/');
  if (isCrd && !opts.keepConversionWebhook) {
    stripConversionWebhook(o);
  }
  const info = await resolveResource(server, o.apiVersion, o.kind);
  const metadata = (o.metadata ??= {});
  let namespace: string | undefined;
  if (info.namespaced) {
    namespace = metadata.namespace ?? opts.namespace ?? 'default';
    metadata.namespace = namespace;
  } else {
    delete metadata.namespace;
  }
  const query: string[] = [];
  if (opts.dryRun) query.push('dryRun=All');
  let res: ApiResponse;
  if (opts.mode === 'apply') {
    if (!metadata.name) throw new Error(`server-side apply needs metadata.name (${o.kind})`);
    query.push('fieldManager=e2e', 'force=true');
    res = await server.request('PATCH', `${resourcePath(info, namespace, metadata.name)}?${query.join('&')}`,
      JSON.stringify(o), 'application/apply-patch+yaml');
  } else {
    const q = query.length > 0 ? `?${query.join('&')}` : '';
    res = await server.request('POST', `${resourcePath(info, namespace)}${q}`, o);
  }
  if (res.status >= 300) {
    if (opts.throwOnError === false) return res;
    throw new ApiError(
      `creating ${o.kind} ${namespace ? namespace + '/' : ''}${metadata.name ?? metadata.generateName ?? ''} failed: HTTP ${res.status} ${describe(res.body)}`,
      res,
    );
  }
  if (isCrd && !opts.dryRun && opts.waitForCrd !== false) {
    await waitForCrd(server, String(res.body?.metadata?.name ?? metadata.name));
  }
  return res;
}

/** Removes spec.conversion when it asks for a webhook (nothing serves it here). */
export function stripConversionWebhook(crd: KubeObject): KubeObject {
  const spec = crd.spec as { conversion?: { strategy?: string } } | undefined;
  if (spec?.conversion && spec.conversion.strategy !== 'None') {
    delete spec.conversion;
  }
  return crd;
}

export interface WaitOptions {
  timeoutMs?: number;
  intervalMs?: number;
}

/** Polls GET path until it answers 200 (and `until(body)` holds, if given); returns the body. */
export async function waitForResource(
  server: ApiServer,
  reqPath: string,
  until?: (body: any) => boolean,
  opts: WaitOptions = {},
): Promise<any> {
  const deadline = Date.now() + (opts.timeoutMs ?? 30_000);
  let last: ApiResponse | undefined;
  for (;;) {
    last = await server.request('GET', reqPath);
    if (last.status === 200 && (!until || until(last.body))) {
      return last.body;
    }
    if (Date.now() > deadline) {
      throw new ApiError(`timed out waiting for ${reqPath}: last HTTP ${last.status} ${describe(last.body)}`, last);
    }
    await sleep(opts.intervalMs ?? 200);
  }
}

/** Waits until a CRD is Established and every served version lists it in discovery. */
export async function waitForCrd(server: ApiServer, name: string, opts: WaitOptions = {}): Promise<void> {
  const crd = await waitForResource(
    server,
    `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${encodeURIComponent(name)}`,
    (body: any) =>
      Array.isArray(body?.status?.conditions) &&
      body.status.conditions.some((c: { type?: string; status?: string }) => c.type === 'Established' && c.status === 'True'),
    opts,
  );
  const group = String(crd.spec.group);
  const plural = String(crd.spec.names.plural);
  const versions = (crd.spec.versions as Array<{ name: string; served?: boolean }>).filter((v) => v.served !== false);
  for (const v of versions) {
    await waitForResource(
      server,
      `/apis/${group}/${v.name}`,
      (body: any) => Array.isArray(body?.resources) && body.resources.some((r: { name?: string }) => r.name === plural),
      opts,
    );
    discoveryCache.get(server)?.delete(`${group}/${v.name}`);
  }
}

function describe(body: unknown): string {
  if (body && typeof body === 'object' && 'message' in body) {
    return String((body as { message: unknown }).message);
  }
  return typeof body === 'string' ? body.slice(0, 500) : JSON.stringify(body)?.slice(0, 500) ?? '';
}

function sleep(ms: number): Promise<void> {
  return new Promise<void>((resolve) => setTimeout(resolve, ms));
}
