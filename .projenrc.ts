import { cdk8s, javascript, typescript } from 'projen';

const CDK8S_VERSION = '2.70.106';
const CONSTRUCTS_VERSION = '10.4.2';
const CDK8S_PLUS_VERSION = '2.5.6';
// The newest cdk8s-plus, which `cdk8s init typescript-app` scaffolds: the README's first app and
// the tests of workloads from a cdk8s-plus other than 28 use it.
const CDK8S_PLUS_33_VERSION = '2.5.57';
// cdk8s-cli is pinned exactly: the offline schema preload in ../shared/tools patches its internals.
const CDK8S_CLI_VERSION = '2.207.60';

const project = new cdk8s.ConstructLibraryCdk8s({
  name: 'cdk8s-services',
  description: 'Kubernetes Services for cdk8s, one construct per type, with every kube-apiserver and MetalLB rule checked at synth time; MetalLB pools and advertisements in both config formats.',
  author: 'cdk8s-services maintainers',
  authorAddress: 'maintainers@users.noreply.github.com',
  repositoryUrl: 'https://github.com/cdk8s-services/cdk8s-services.git',
  homepage: 'https://github.com/cdk8s-services/cdk8s-services',
  license: 'Apache-2.0',
  keywords: ['cdk8s', 'kubernetes', 'service', 'metallb', 'loadbalancer', 'nodeport', 'jsii'],
  defaultReleaseBranch: 'main',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,

  cdk8sVersion: CDK8S_VERSION,
  constructsVersion: CONSTRUCTS_VERSION,
  jsiiVersion: '~6.0.0',

  // `cdk8s synth` owns dist/ (it deletes it before writing the example app);
  // packaged artifacts go elsewhere.
  artifactsDirectory: 'dist-pkg',

  // cdk8s-plus is no dependency at all, not even a peer: the library reads any workload (cdk8s-plus
  // 28 to 33, L1 objects) through the ApiObject it writes, so an app brings the cdk8s-plus it
  // likes, or none. The tests, the example and the language bindings use cdk8s-plus-28 (and 33);
  // bindings/plus-versions.sh installs the packed library next to each of cdk8s-plus-28 to -33.
  devDeps: [
    `cdk8s-plus-28@${CDK8S_PLUS_VERSION}`,
    `cdk8s-plus-33@${CDK8S_PLUS_33_VERSION}`,
    `cdk8s-cli@${CDK8S_CLI_VERSION}`,
    'fast-check@^4',
    // the MetalLB CRD-schema test validates what the constructs write against the CRDs' openAPIV3Schema
    'ajv@^8',
    // import circles: `npx madge --circular --extensions ts src` and test/core/no-circles.test.ts
    'madge@^8',
    // build-tools/bundle-main.js: lib/index.js as one file (the require() goal of the benchmark)
    'esbuild@^0.28',
  ],
  deps: ['ipaddr.js@^2.2.0', 'yaml@^2.8.0'],
  bundledDeps: ['ipaddr.js', 'yaml'],
  bin: { 'cdk8s-services': 'bin/cdk8s-services' },

  publishToPypi: {
    distName: 'cdk8s-services',
    module: 'cdk8s_services',
  },
  publishToMaven: {
    javaPackage: 'io.github.cdk8s_services',
    mavenGroupId: 'io.github.cdk8s-services',
    mavenArtifactId: 'cdk8s-services',
  },
  publishToGo: {
    moduleName: 'github.com/cdk8s-services/cdk8s-services-go',
    packageName: 'cdk8sservices',
  },
  publishToNuget: {
    dotNetNamespace: 'Cdk8sServices',
    packageId: 'Cdk8sServices',
  },

  jestOptions: {
    // A changed snapshot fails the build; `npm run test:update` rewrites them on purpose.
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    jestConfig: {
      testPathIgnorePatterns: ['/node_modules/', '/e2e/', '/bench/', '/bindings/'],
      coveragePathIgnorePatterns: ['/node_modules/', '/src/imports/', '/src/generated/'],
    },
  },
  // No inline source maps in lib/: they triple the size of every module a user's app requires
  // (the benchmark measures require time). Stack traces still name lib/ files and lines.
  tsconfig: {
    compilerOptions: { inlineSourceMap: false, inlineSources: false },
  },
  // The development config (tests, examples, e2e, bench, .projenrc.ts) lives at the top level.
  tsconfigDevFile: 'tsconfig.dev.json',
  tsconfigDev: {
    include: ['src/**/*.ts', 'test/**/*.ts', 'examples/**/*.ts', 'bench/**/*.ts', 'e2e/**/*.ts', '.projenrc.ts'],
    exclude: ['bench/.work', 'e2e/.work', 'bindings/.work'],
  },
  // One tsconfig for every linted file, and no `--fix`: a lint error fails `npx projen test`
  // (fix on purpose with `npx projen eslint --fix`).
  eslintOptions: {
    dirs: ['src'],
    tsconfigPath: './tsconfig.dev.json',
    projectService: false,
    commandOptions: { fix: false },
  },
  // .projenrc.ts is type-checked and run with the development config too (no projenrc/ folder).
  projenrcTsOptions: {
    runner: typescript.TypeScriptRunner.tsNode({ tsconfig: 'tsconfig.dev.json', typeCheck: true }),
  },
  gitignore: ['/dist-pkg/', '/bindings/.work/', '/e2e/.work/', '/bench/.work/', '/test/.blocks-*/', 'tsconfig.tsbuildinfo'],
  npmignoreEnabled: true,
  githubOptions: { mergify: false },
  depsUpgrade: false,
  pullRequestTemplate: false,
});

// jsii's reserved-word warning stays on, and any jsii warning fails the build:
// a member named after a reserved word gets renamed instead.
project.compileTask.reset('jsii --fail-on-warnings');
// lib/build-info.json records the hash of the src/ that lib/ was compiled from: the benchmark and the
// compiled-CLI test refuse (or rebuild) a stale lib/.
project.compileTask.exec('node build-tools/bundle-main.js', { name: 'bundle lib/index.js (one file to load instead of fifty)' });
project.compileTask.exec('node build-tools/build-info.js write', { name: 'record the sources lib/ was compiled from' });
project.tryFindObjectFile('package.json');
// madge 8 declares an optional peer typescript@^5; it parses this project's sources with the
// project's own TypeScript.
project.package.addField('overrides', { madge: { typescript: '$typescript' } });

// The top level holds the development config; projen's own projenrc/tsconfig.json is not needed
// (.projenrc.ts is covered by tsconfig.dev.json).
project.tsconfigDev.removeInclude('**/*.ts');
project.tryRemoveFile('projenrc/tsconfig.json');
project.gitignore.removePatterns('!/projenrc/tsconfig.json');
project.npmignore?.removePatterns('/projenrc/tsconfig.json');
project.gitattributes.removeAttributes('/projenrc/tsconfig.json');

// ts-jest only transpiles (isolatedModules): type-check the tests, the example and e2e first.
project.testTask.prependExec(`tsc --noEmit -p ${project.tsconfigDev.fileName}`, { name: 'type-check tests, examples, e2e and bench' });

project.eslint?.addIgnorePattern('src/imports/');
// MetalLB's install manifests, generated by build-tools/gen-metallb-install.js from its releases
project.eslint?.addIgnorePattern('src/generated/');
project.eslint?.addIgnorePattern('e2e/apiserver/');
project.npmignore?.exclude('/lib/build-info.json', '/examples/', '/e2e/', '/bench/', '/bindings/', '/build-tools/', '/schemas/', '/docs/', '/.ci/', '/cdk8s.yaml', '/dist-pkg/');

// The generated imports: `cdk8s.yaml` is the one list of what is imported.
project.addTask('import', {
  description: 'Regenerate src/imports/ from the specs listed in cdk8s.yaml (offline when ../shared/schemas is present)',
  exec: 'node build-tools/import.js',
});

// MetalLB's install manifests (MetalLb.install) from its releases in the Go module cache.
project.addTask('import:metallb-install', {
  description: 'Regenerate src/generated/metallb-install/ from the MetalLB releases the e2e tests build (e2e/metallb/<version>/)',
  exec: 'node build-tools/gen-metallb-install.js',
});

// The example app (the article's walk-through) synthesized into dist/.
project.addTask('synth', {
  description: 'Synthesize the example app into dist/',
  env: { CDK8S_CHECK_UPGRADE: 'false' },
  exec: 'cdk8s synth',
});

project.addTask('test:e2e', {
  description: 'Apply the example and run the differential validation against a real kube-apiserver',
  exec: 'jest --config e2e/jest.config.js --runInBand',
});

project.addTask('test:bindings', {
  description: 'Pack the library for npm, Python, Java, Go and .NET and run a consumer program in each language; a fresh TypeScript app per cdk8s-plus release from 28 to 33',
  exec: 'bash bindings/run.sh',
});

project.addTask('bench', {
  description: 'Benchmark synth CPU, wall time and peak memory against raw ApiObjects and cdk8s-plus-28; writes bench/results.json',
  exec: 'node bench/run.js',
});

const testAll = project.addTask('test:all', {
  description: 'The whole test suite: unit tests and lint, the example synth, end-to-end against kube-apiserver, language bindings',
});
testAll.spawn(project.compileTask);
testAll.spawn(project.testTask);
testAll.spawn(project.tasks.tryFind('synth')!);
testAll.spawn(project.tasks.tryFind('test:e2e')!);
testAll.spawn(project.tasks.tryFind('test:bindings')!);

project.synth();
