/**
 * Test helper: runs kube-controller-manager (same Kubernetes release as the e2e kube-apiserver,
 * built by `build.sh kube-controller-manager`) against an ApiServer from ./server, with only the
 * controllers a test needs.
 *
 * Node 20 built-ins only.
 */
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ApiServer } from './server';

export interface ControllerManager {
  /** The controllers it runs, as passed to --controllers. */
  readonly controllers: readonly string[];
  /** The last lines of its log (stderr), for failure messages. */
  logTail(): string;
  /** SIGTERM, then SIGKILL after 10 s. Stop it BEFORE the apiserver (else the apiserver waits ~38 s). */
  stop(): Promise<void>;
}

const TAIL_BYTES = 16 * 1024;

/** Runs `build.sh kube-controller-manager` (or uses $KUBE_CONTROLLER_MANAGER_E2E_BIN); returns the binary path. */
export function buildControllerManager(): string {
  const fromEnv = process.env.KUBE_CONTROLLER_MANAGER_E2E_BIN;
  if (fromEnv) return fromEnv;
  const script = [path.join(__dirname, 'build.sh'), path.resolve(process.cwd(), 'e2e', 'apiserver', 'build.sh')].find(p => fs.existsSync(p));
  if (!script) throw new Error('e2e/apiserver/build.sh not found');
  const out = execFileSync('bash', [script, 'kube-controller-manager'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 16 * 1024 * 1024,
  });
  const bin = out.split('\n').map(l => l.trim()).filter(Boolean).pop();
  if (!bin || !fs.existsSync(bin)) throw new Error(`build.sh kube-controller-manager did not print a binary path (got: ${JSON.stringify(out)})`);
  return bin;
}

/**
 * Starts kube-controller-manager with `--controllers=<controllers>` and the admin kubeconfig of
 * `server`. No leader election, no serving port (the default 10257 binds every interface), no
 * service-account credentials (the admin user is in system:masters). Resolves once it logs that
 * informer caches are synced, or after `readyTimeoutMs` (tests poll for the controllers' results anyway).
 */
export async function startControllerManager(server: ApiServer, controllers: string[], readyTimeoutMs = 15_000): Promise<ControllerManager> {
  const bin = buildControllerManager();
  const child = spawn(bin, [
    `--kubeconfig=${server.kubeconfig}`,
    `--controllers=${controllers.join(',')}`,
    '--leader-elect=false',
    '--use-service-account-credentials=false',
    '--secure-port=0',
    '--v=2',
  ], { stdio: ['ignore', 'ignore', 'pipe'] });
  let tail = '';
  child.stderr?.setEncoding('utf8');
  const exited = new Promise<void>(resolve => child.once('exit', () => resolve()));
  const onExit = (): void => { if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL'); };
  process.on('exit', onExit);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => resolve(), readyTimeoutMs);
    child.stderr?.on('data', (chunk: string) => {
      tail = (tail + chunk).slice(-TAIL_BYTES);
      if (/Caches are synced/.test(tail)) { clearTimeout(timer); resolve(); }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`kube-controller-manager exited at start (code ${code}, signal ${signal})\n--- log tail ---\n${tail}`));
    });
    child.once('error', err => { clearTimeout(timer); reject(err); });
  });
  let stopping: Promise<void> | undefined;
  return {
    controllers,
    logTail: () => tail,
    stop: () => stopping ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const t = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(t);
      }
      process.removeListener('exit', onExit);
    })(),
  };
}
