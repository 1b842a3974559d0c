import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdk8s';
import * as YAML from 'yaml';
import { ApiServer, KubeObject, startApiServer } from './apiserver/server';

/** The cluster the e2e server runs: dual-stack service CIDRs and the default node-port range. */
export const CLUSTER = {
  serviceCidrs: ['10.1.0.0/16', 'fd00:10:1::/108'],
  nodePortRange: '30000-32767',
};

export async function startCluster(): Promise<ApiServer> {
  const t0 = Date.now();
  const server = await startApiServer({ serviceCidr: CLUSTER.serviceCidrs.join(','), nodePortRange: CLUSTER.nodePortRange });
  console.log(`e2e: kube-apiserver ready in ${((Date.now() - t0) / 1000).toFixed(1)} s at ${server.url}`);
  return server;
}

/** Synthesizes an app into a temp folder, as `cdk8s synth` does, and reads back each file's objects. */
export function synthToFiles(build: (app: App) => void): Record<string, KubeObject[]> {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-synth-'));
  const app = new App({ outdir });
  build(app);
  app.synth();
  const out: Record<string, KubeObject[]> = {};
  for (const f of fs.readdirSync(outdir).sort()) {
    out[f] = YAML.parseAllDocuments(fs.readFileSync(path.join(outdir, f), 'utf-8')).map(d => d.toJSON()).filter(Boolean);
  }
  return out;
}

/** MetalLB's CRDs: from ../shared/schemas when present, else the copy in this repo. */
export function metallbCrds(): KubeObject[] {
  const root = path.resolve(__dirname, '..');
  const candidates = [
    path.resolve(root, '..', 'shared', 'schemas', 'metallb', 'v0.16.1', 'metallb-crds.yaml'),
    path.join(root, 'schemas', 'metallb', 'v0.16.1', 'metallb-crds.yaml'),
  ];
  const file = candidates.find(f => fs.existsSync(f))!;
  return YAML.parseAllDocuments(fs.readFileSync(file, 'utf-8')).map(d => d.toJSON()).filter(Boolean);
}
