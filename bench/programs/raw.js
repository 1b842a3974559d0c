'use strict';
// Variant (b): raw cdk8s ApiObjects with exactly the manifests the mix describes (no checks).
const common = require('./common');

common.runServicesProgram(
  () => ({ cdk8s: require('cdk8s') }),
  ({ cdk8s }, chart, d) => {
    const m = common.manifest(d);
    new cdk8s.ApiObject(chart, d.name, { apiVersion: m.apiVersion, kind: m.kind, metadata: m.metadata, spec: m.spec });
  },
);
