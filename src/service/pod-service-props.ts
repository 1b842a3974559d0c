import { ServiceBackend } from './backend';
import { InternalTrafficPolicy, IpFamily, IpFamilyPolicy, TrafficDistribution } from './enums';
import { ServiceProps } from './service-base';
import { SessionAffinity } from './session-affinity';

/**
 * Properties of the Services that route to pods: ClusterIP, NodePort and LoadBalancer.
 */
export interface PodServiceProps extends ServiceProps {
  /**
   * Select pods by these labels (keys and values in label syntax). Combined with the selector
   * of `backend` when both are given. More can be added with `addSelector()`.
   *
   * @default - no labels; see `backend`
   */
  readonly selector?: { [key: string]: string };

  /**
   * The workload whose pods the Service selects: a cdk8s-plus workload (28 to 33), an L1 object with a
   * pod template, or plain labels. Named target ports are checked against its containers.
   *
   * @default - no backend: the Service selects by `selector` only (without either, its endpoints are managed by hand)
   */
  readonly backend?: ServiceBackend;

  /**
   * Pin the Service's cluster IP (`spec.clusterIP`). It must be free and inside the cluster's
   * service CIDR.
   *
   * @default - allocated by the cluster (and changes when the Service is re-created)
   */
  readonly clusterIp?: string;

  /**
   * Pin the cluster IPs of a dual-stack Service (`spec.clusterIPs`), at most one per family.
   * Only together with `clusterIp`, which must equal the first (kube-apiserver refuses clusterIPs
   * without clusterIP).
   *
   * @default - allocated by the cluster
   */
  readonly clusterIps?: string[];

  /**
   * The IP families of the Service, primary first.
   *
   * @default - the cluster's primary family
   */
  readonly ipFamilies?: IpFamily[];

  /**
   * Single or dual stack.
   *
   * @default IpFamilyPolicy.SINGLE_STACK
   */
  readonly ipFamilyPolicy?: IpFamilyPolicy;

  /**
   * IPs outside the cluster's control for which nodes accept traffic for this Service. Each is a
   * valid IP, not unspecified, loopback or link-local. Note CVE-2020-8554: a Service with external
   * IPs can intercept traffic to those addresses.
   *
   * @default - none
   */
  readonly externalIps?: string[];

  /**
   * Where traffic from inside the cluster goes.
   *
   * @default InternalTrafficPolicy.CLUSTER
   */
  readonly internalTrafficPolicy?: InternalTrafficPolicy;

  /**
   * Whether a client's connections stick to one pod.
   *
   * @default SessionAffinity.none()
   */
  readonly sessionAffinity?: SessionAffinity;

  /**
   * Publish endpoints of pods that are not ready (for peer discovery of stateful sets).
   *
   * @default false
   */
  readonly publishNotReadyAddresses?: boolean;

  /**
   * How traffic is spread over the endpoints (`spec.trafficDistribution`): a hint to the
   * implementation. Needs Kubernetes 1.31 (`PREFER_CLOSE`) or 1.34 (`PREFER_SAME_ZONE`,
   * `PREFER_SAME_NODE`); set the cluster's release with `ClusterSettings.configure`.
   *
   * @default - the implementation's default routing
   */
  readonly trafficDistribution?: TrafficDistribution;
}
