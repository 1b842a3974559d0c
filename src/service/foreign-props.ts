import { IConstruct } from 'constructs';
import { fail, problem } from '../core/errors';

/**
 * Fields that belong to other Service types. TypeScript keeps them off each class's props; a
 * JavaScript caller (or a cast) can still pass them, and they would be dropped without a word.
 * They fail instead, with the rule kube-apiserver applies when such a field meets the wrong type.
 */
type Foreign = Record<string, [string, string, string]>;

const LOAD_BALANCER_ONLY: Foreign = {
  loadBalancerSourceRanges: ['S17', 'spec.loadBalancerSourceRanges', 'no loadBalancerSourceRanges unless the Service is a LoadBalancer'],
  loadBalancerClass: ['S18', 'spec.loadBalancerClass', 'no loadBalancerClass unless the Service is a LoadBalancer'],
  allocateLoadBalancerNodePorts: ['S18', 'spec.allocateLoadBalancerNodePorts', 'no allocateLoadBalancerNodePorts unless the Service is a LoadBalancer'],
  healthCheckNodePort: ['S20', 'spec.healthCheckNodePort', 'no healthCheckNodePort unless the Service is a LoadBalancer with externalTrafficPolicy Local'],
};
const NOT_EXTERNAL_NAME: Foreign = {
  externalName: ['S4', 'spec.externalName', 'no externalName unless the Service is an ExternalName Service (use ExternalNameService)'],
};
const NOT_PROXIED: Foreign = {
  loadBalancerIp: ['S22', 'spec.loadBalancerIP', 'no loadBalancerIP unless the Service is a LoadBalancer'],
  metalLb: ['M11', 'metalLb', 'no MetalLB binding unless the Service is a LoadBalancer'],
};

const FOREIGN: Record<string, Foreign> = {
  ClusterIP: {
    ...LOAD_BALANCER_ONLY,
    ...NOT_EXTERNAL_NAME,
    ...NOT_PROXIED,
  },
  NodePort: {
    ...LOAD_BALANCER_ONLY,
    ...NOT_EXTERNAL_NAME,
    ...NOT_PROXIED,
    headless: ['S3', 'spec.clusterIP', 'a cluster IP or nothing: a NodePort Service cannot be headless'],
  },
  LoadBalancer: {
    ...NOT_EXTERNAL_NAME,
    headless: ['S3', 'spec.clusterIP', 'a cluster IP or nothing: a LoadBalancer Service cannot be headless'],
  },
  ExternalName: {
    ...LOAD_BALANCER_ONLY,
    ports: ['S4', 'spec.ports', 'no ports on an ExternalName Service: DNS answers with a CNAME, there is nothing to proxy'],
    selector: ['S4', 'spec.selector', 'no selector on an ExternalName Service'],
    backend: ['S4', 'spec.selector', 'no backend on an ExternalName Service'],
    clusterIp: ['S4', 'spec.clusterIP', 'no clusterIP on an ExternalName Service'],
    clusterIps: ['S4', 'spec.clusterIPs', 'no clusterIPs on an ExternalName Service'],
    ipFamilies: ['S4', 'spec.ipFamilies', 'no ipFamilies on an ExternalName Service'],
    ipFamilyPolicy: ['S4', 'spec.ipFamilyPolicy', 'no ipFamilyPolicy on an ExternalName Service'],
    externalTrafficPolicy: ['S19', 'spec.externalTrafficPolicy', 'no externalTrafficPolicy on an ExternalName Service'],
    // the server accepts these on an ExternalName Service and ignores them (DNS answers with a CNAME)
    sessionAffinity: ['S4', 'spec.sessionAffinity', 'no sessionAffinity on an ExternalName Service: nothing is proxied, the server ignores it'],
    internalTrafficPolicy: ['S4', 'spec.internalTrafficPolicy', 'no internalTrafficPolicy on an ExternalName Service: nothing is proxied, the server ignores it'],
    externalIps: ['S4', 'spec.externalIPs', 'no externalIPs on an ExternalName Service: nothing is proxied, the server ignores them'],
    publishNotReadyAddresses: ['S4', 'spec.publishNotReadyAddresses', 'no publishNotReadyAddresses on an ExternalName Service: it has no endpoints, the server ignores it'],
    trafficDistribution: ['S4', 'spec.trafficDistribution', 'no trafficDistribution on an ExternalName Service: it has no endpoints'],
  },
};

/** Fails on a prop that belongs to another Service type. */
export function rejectForeignProps(scope: IConstruct, serviceType: string, props: object): void {
  const foreign = FOREIGN[serviceType];
  if (!foreign) return;
  const given = props as Record<string, unknown>;
  for (const key in given) {
    const f = foreign[key];
    if (f && given[key] !== undefined && !(key === 'headless' && given[key] === false)) {
      fail(scope, problem(f[0], f[1], given[key], f[2]));
    }
  }
}
