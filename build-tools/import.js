#!/usr/bin/env node
// Regenerates src/imports/ from the `imports` list of cdk8s.yaml, one `cdk8s import` per entry.
//
// Online this is plain `cdk8s import`. On a machine without internet, the Kubernetes schema is
// read from a local copy: set CDK8S_K8S_SCHEMA_DIR (a folder holding vX.Y.Z/_definitions.json)
// or keep the read-only ../shared/ folder beside the repo; the preload that makes cdk8s-cli read
// it is ../shared/tools/cdk8s-offline-k8s-schema.js (or CDK8S_OFFLINE_PRELOAD).
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const YAML = require('yaml');

const root = path.resolve(__dirname, '..');
const config = YAML.parse(fs.readFileSync(path.join(root, 'cdk8s.yaml'), 'utf-8'));
const specs = config.imports ?? [];
const cli = path.join(path.dirname(require.resolve('cdk8s-cli/package.json', { paths: [root] })), 'bin', 'cdk8s');

const shared = path.resolve(root, '..', 'shared');
const schemaDir = process.env.CDK8S_K8S_SCHEMA_DIR
  ?? (fs.existsSync(path.join(shared, 'schemas', 'k8s')) ? path.join(shared, 'schemas', 'k8s') : undefined);
const preload = process.env.CDK8S_OFFLINE_PRELOAD
  ?? path.join(shared, 'tools', 'cdk8s-offline-k8s-schema.js');

const env = { ...process.env, CDK8S_CHECK_UPGRADE: 'false' };
const nodeArgs = [];
if (schemaDir && fs.existsSync(preload)) {
  env.CDK8S_K8S_SCHEMA_DIR = schemaDir;
  nodeArgs.push('--require', preload);
  console.error(`import: Kubernetes schemas read from ${schemaDir}`);
}

const outdir = path.join(root, 'src', 'imports');
fs.rmSync(outdir, { recursive: true, force: true });
for (const spec of specs) {
  console.error(`import: ${spec}`);
  execFileSync(process.execPath, [...nodeArgs, cli, 'import', spec, '-l', 'typescript', '-o', outdir, '--no-save'], {
    cwd: root, env, stdio: 'inherit',
  });
}
