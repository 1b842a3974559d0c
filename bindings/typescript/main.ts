// The example app, built by a fresh cdk8s app that installs the library from the packed npm
// tarball. bindings/run.sh copies this file, and examples/article.ts as article.ts with its
// `from '../src'` import turned into `from 'cdk8s-services'`, into an app outside the repo, compiles
// them with tsc (type-checking against the tarball's .d.ts files) and runs them with CDK8S_OUTDIR
// set; the manifests must equal, byte for byte, those of the repo's own example.
import { App } from 'cdk8s';
import { buildArticleApp } from './article';

const app = new App();
buildArticleApp(app);
app.synth();
