'use strict';
// Variant (c): cdk8s-plus-28 `Service`, mapped as faithfully as its API allows:
// - selector labels with selectLabel() (its `selector` prop takes a pod selector, not labels);
// - ServicePort.targetPort is a number only: a named target port is added with a JSON patch on
//   the Service's KubeService. The L1 KubeService converts its JSON again after applying patches
//   (toJson_ServicePort reads `targetPort.value`, the IntOrString shape), so a plain string patch
//   is silently dropped; the patch writes `{ value: name }`, which comes out as `targetPort: name`.
//   The written manifest is the same; the patch costs a little at synth;
// - a numeric targetPort and the protocol are always passed (the library writes both always);
// - ExternalName: `externalName` alone (cdk8s-plus then writes no ports and no selector, like the
//   library); cdk8s-plus writes `externalIPs: []` and `selector: {}` on the other types, which the
//   equivalence check normalizes away.
const common = require('./common');

common.runServicesProgram(
  () => ({ cdk8s: require('cdk8s'), plus: require('cdk8s-plus-28') }),
  ({ cdk8s, plus }, chart, d) => {
    const metadata = { name: d.name };
    if (d.namespace) metadata.namespace = d.namespace;
    if (d.labels) metadata.labels = d.labels;
    if (d.type === 'ExternalName') {
      new plus.Service(chart, d.name, { metadata, externalName: d.externalName });
      return;
    }
    const type = { ClusterIP: plus.ServiceType.CLUSTER_IP, NodePort: plus.ServiceType.NODE_PORT, LoadBalancer: plus.ServiceType.LOAD_BALANCER }[d.type];
    const ports = d.ports.map(p => ({
      port: p.port,
      name: p.name,
      protocol: plus.Protocol[p.protocol],
      targetPort: p.target.number,
      nodePort: p.nodePort,
    }));
    const svc = new plus.Service(chart, d.name, { metadata, type, ports });
    for (const [k, v] of Object.entries(d.selector)) svc.selectLabel(k, v);
    d.ports.forEach((p, j) => {
      if (p.target.name !== undefined) {
        cdk8s.ApiObject.of(svc).addJsonPatch(cdk8s.JsonPatch.add(`/spec/ports/${j}/targetPort`, { value: p.target.name }));
      }
    });
  },
);
