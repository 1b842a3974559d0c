'use strict';
// Variant (a): the Services written with this library (the compiled lib/index.js).
const common = require('./common');

common.runServicesProgram(
  () => ({ cdk8s: require('cdk8s'), lib: require(common.LIB_MAIN) }),
  ({ lib }, chart, d) => {
    const metadata = { name: d.name };
    if (d.namespace) metadata.namespace = d.namespace;
    if (d.labels) metadata.labels = d.labels;
    if (d.type === 'ExternalName') {
      new lib.ExternalNameService(chart, d.name, { metadata, externalName: d.externalName });
      return;
    }
    const ports = d.ports.map(p => ({
      name: p.name,
      port: p.port,
      protocol: lib.Protocol[p.protocol],
      targetPort: p.target.name !== undefined ? lib.TargetPort.fromName(p.target.name) : lib.TargetPort.fromNumber(p.target.number),
      nodePort: p.nodePort,
    }));
    const props = { metadata, selector: d.selector, ports };
    switch (d.type) {
      case 'ClusterIP': new lib.ClusterIpService(chart, d.name, props); break;
      case 'NodePort': new lib.NodePortService(chart, d.name, props); break;
      case 'LoadBalancer': new lib.LoadBalancerService(chart, d.name, props); break;
      default: throw new Error(`unknown type ${d.type}`);
    }
  },
);
