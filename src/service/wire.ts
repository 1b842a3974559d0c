// The Service spec as Kubernetes JSON (wire names: clusterIP, externalIPs, loadBalancerIP, ...).
// The library writes it directly instead of going through the generated k8s@1.28.0 converter
// (toJson_ServiceSpec): the converter and the 2.7 MB module it lives in cost more than the whole
// rest of a Service's synth. test/service/wire.test.ts checks that both write the same JSON.

/** A Service port as Kubernetes JSON. */
export interface ServicePortJson {
  name?: string;
  protocol: string;
  port: number;
  targetPort: number | string;
  appProtocol?: string;
  nodePort?: number;
}

/** A Service spec as Kubernetes JSON. */
export interface ServiceSpecJson {
  type: string;
  allocateLoadBalancerNodePorts?: boolean;
  clusterIP?: string;
  clusterIPs?: string[];
  externalIPs?: string[];
  externalName?: string;
  externalTrafficPolicy?: string;
  healthCheckNodePort?: number;
  internalTrafficPolicy?: string;
  ipFamilies?: string[];
  ipFamilyPolicy?: string;
  loadBalancerClass?: string;
  loadBalancerIP?: string;
  loadBalancerSourceRanges?: string[];
  ports?: ServicePortJson[];
  publishNotReadyAddresses?: boolean;
  selector?: Record<string, string>;
  sessionAffinity?: string;
  sessionAffinityConfig?: { clientIP: { timeoutSeconds: number } };
  trafficDistribution?: string;
}

/** Copies the defined values of `from` into `to`. */
export function assignDefined<T extends object>(to: T, from: Partial<T>): T {
  for (const key in from) {
    const v = from[key];
    if (v !== undefined) to[key as keyof T] = v as T[keyof T];
  }
  return to;
}
