// `cdk8s synth` runs this (see cdk8s.yaml): the article's manifests, one file per step, in dist/.
import { App } from 'cdk8s';
import { buildArticleApp } from './article';

const app = new App();
buildArticleApp(app);
app.synth();
