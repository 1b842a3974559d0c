// The keys of the Service structs, for the unknown-key check (rule K1). The compiler checks each
// list against its interface: a key added to an interface and not here fails the build.
import type { PodServiceProps } from './pod-service-props';
import type { ServiceProps } from './service-base';
import type { NodePortServicePort } from './service-port';
import type { KeysOf } from '../core/keys';

export const SERVICE_PROPS_KEYS: KeysOf<ServiceProps> = { metadata: true, generateName: true };

export const POD_SERVICE_PROPS_KEYS: KeysOf<PodServiceProps> = {
  ...SERVICE_PROPS_KEYS,
  selector: true,
  backend: true,
  clusterIp: true,
  clusterIps: true,
  ipFamilies: true,
  ipFamilyPolicy: true,
  externalIps: true,
  internalTrafficPolicy: true,
  sessionAffinity: true,
  publishNotReadyAddresses: true,
  trafficDistribution: true,
};

/** NodePortServicePort; a ClusterIP port with a nodePort fails S15 instead. */
export const PORT_KEYS: KeysOf<NodePortServicePort> = {
  port: true,
  name: true,
  protocol: true,
  targetPort: true,
  appProtocol: true,
  nodePort: true,
};
