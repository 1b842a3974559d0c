/**
 * The four Service types.
 */
export enum ServiceType {
  /** Reachable inside the cluster on a virtual IP. */
  CLUSTER_IP = 'ClusterIP',
  /** A ClusterIP Service that every node also exposes on a port of its own. */
  NODE_PORT = 'NodePort',
  /** A NodePort Service with an external load balancer in front of it. */
  LOAD_BALANCER = 'LoadBalancer',
  /** A DNS CNAME to another name; no proxying. */
  EXTERNAL_NAME = 'ExternalName',
}

/**
 * The protocol of a Service port.
 */
export enum Protocol {
  /** TCP (the default). */
  TCP = 'TCP',
  /** UDP. */
  UDP = 'UDP',
  /** SCTP. */
  SCTP = 'SCTP',
}

/**
 * An IP family.
 */
export enum IpFamily {
  /** IPv4. */
  IPV4 = 'IPv4',
  /** IPv6. */
  IPV6 = 'IPv6',
}

/**
 * How many IP families a Service asks for.
 */
export enum IpFamilyPolicy {
  /** One family (the default). */
  SINGLE_STACK = 'SingleStack',
  /** Two families when the cluster has both, one otherwise. */
  PREFER_DUAL_STACK = 'PreferDualStack',
  /** Two families; fails on a single-stack cluster. */
  REQUIRE_DUAL_STACK = 'RequireDualStack',
}

/**
 * Where traffic from outside the cluster (node ports, load balancer, external IPs) is sent.
 */
export enum ExternalTrafficPolicy {
  /** To any ready endpoint in the cluster; the client's source IP is hidden (the default). */
  CLUSTER = 'Cluster',
  /** Only to endpoints on the node that received it; the client's source IP is kept. */
  LOCAL = 'Local',
}

/**
 * Where traffic from inside the cluster is sent.
 */
export enum InternalTrafficPolicy {
  /** To any ready endpoint (the default). */
  CLUSTER = 'Cluster',
  /** Only to endpoints on the client's own node. */
  LOCAL = 'Local',
}

/**
 * How traffic to a Service is spread over its endpoints (`spec.trafficDistribution`), a hint to
 * the implementation. Kubernetes 1.31 added the field with `PreferClose`; 1.34 added
 * `PreferSameZone` (the new name of `PreferClose`) and `PreferSameNode`.
 */
export enum TrafficDistribution {
  /** Prefer endpoints in the client's zone (Kubernetes 1.31+; deprecated name of PreferSameZone from 1.34). */
  PREFER_CLOSE = 'PreferClose',
  /** Prefer endpoints in the client's zone (Kubernetes 1.34+). */
  PREFER_SAME_ZONE = 'PreferSameZone',
  /** Prefer endpoints on the client's node, then anywhere (Kubernetes 1.34+). */
  PREFER_SAME_NODE = 'PreferSameNode',
}
