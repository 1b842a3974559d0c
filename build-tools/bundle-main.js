#!/usr/bin/env node
// The package's main, lib/index.js, as one file: `npx projen compile` runs this after jsii. jsii
// writes a module per source file (each with its runtime type information, which the jsii kernel
// reads); loading some fifty files costs Node a resolve, a read and a compile each, about a
// quarter of what `require('cdk8s-services')` costs (bench: the require goal). esbuild bundles
// jsii's output as it is: the modules keep their code and their order of evaluation, and the ones
// the library loads on first use (the migration, MetalLB's CRD imports and install manifests, the
// YAML parser, ipaddr.js) stay lazy.
//
//   node build-tools/bundle-main.js
//
// jsii's own index is kept as lib/index.modules.js (the bundle's entry); the other lib/ files stay
// as jsii wrote them (the CLI, lib/cli, loads them). The generated CRD imports and MetalLB install
// manifests stay separate files (large, and only needed by some apps), and so does the app
// registry (see SEPARATE): the bundle requires them by their lib/ paths.
const fs = require('fs');
const path = require('path');
const esbuild = require('esbuild');

const ROOT = path.resolve(__dirname, '..');
const LIB = path.join(ROOT, 'lib');
const MAIN = path.join(LIB, 'index.js');
const MODULES = path.join(LIB, 'index.modules.js');
const MARK = '// lib/index.js: bundled by build-tools/bundle-main.js from lib/index.modules.js (jsii\'s index)';

const main = fs.readFileSync(MAIN, 'utf8');
// jsii re-emits lib/index.js when src/index.ts changes; otherwise the bundle is still there
if (!main.startsWith(MARK)) fs.writeFileSync(MODULES, main);

// The separate files, required by their paths from lib/ whichever module asks for them: the
// generated imports and manifests, and core/app-registry (the app's registry and the switch of
// the app-wide checks, which the benchmark sets from outside: one copy of it, not two).
const SEPARATE = /^(imports|generated)\/|^core\/app-registry(\.js)?$/;
const separate = {
  name: 'separate-files',
  setup(build) {
    build.onResolve({ filter: /^\.\.?\// }, (args) => {
      if (!args.importer) return undefined; // the entry
      const rel = path.relative(LIB, path.resolve(args.resolveDir, args.path)).split(path.sep).join('/');
      return SEPARATE.test(rel) ? { path: `./${rel}`, external: true } : undefined;
    });
  },
};

esbuild.build({
  entryPoints: [MODULES],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  outfile: MAIN,
  allowOverwrite: true,
  banner: { js: MARK },
  external: ['cdk8s', 'constructs', 'yaml', 'ipaddr.js'],
  plugins: [separate],
  logLevel: 'warning',
}).then(() => {
  const size = fs.statSync(MAIN).size;
  process.stdout.write(`bundle-main: lib/index.js ${Math.round(size / 1024)} KiB from lib/index.modules.js\n`);
}).catch((e) => {
  process.stderr.write(`bundle-main: ${e.message}\n`);
  process.exit(1);
});
