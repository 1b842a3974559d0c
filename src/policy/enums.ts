/**
 * The rules a `ServicePolicy` checks at synth time. Each mirrors a rule that clusters enforce (or
 * lint) at admission, where a violation is a 403 after the YAML was written; the value is the
 * rule's id, as messages show it. See docs/policy.md for each rule.
 */
export enum PolicyRule {
  /**
   * No `spec.externalIPs`, or only addresses inside `allowedExternalIps`. CVE-2020-8554: whoever
   * can create a Service with external IPs can intercept the cluster's traffic to those addresses.
   * Mirrors the DenyServiceExternalIPs admission plugin, Kyverno restrict-external-ips and
   * Gatekeeper k8sexternalips (K8sExternalIPs with allowedIPs).
   */
  EXTERNAL_IPS = 'P1',

  /**
   * No Services of type NodePort: a node port opens on every node, where NetworkPolicy does not
   * apply. Mirrors Kyverno restrict-nodeport, Gatekeeper block-nodeport-services
   * (K8sBlockNodePort), kube-score service-type and kube-linter exposed-services.
   */
  NODE_PORT_SERVICES = 'P2',

  /**
   * No Services of type LoadBalancer: each one exposes the Service outside the cluster and, on a
   * cloud, costs money. Mirrors Gatekeeper block-loadbalancer-services (K8sBlockLoadBalancer),
   * Kyverno restrict-loadbalancer (no-loadbalancer-service) and kube-linter exposed-services.
   */
  LOAD_BALANCER_SERVICES = 'P3',

  /**
   * No Services of type ExternalName. CVE-2021-25740: an ExternalName Service makes ingress and
   * gateway controllers forward traffic to any name, including Services of other namespaces.
   * Mirrors Capsule's `serviceOptions.allowedServices.externalName: false`; Ingress and Gateway
   * controllers refuse ExternalName backends by default for the same reason.
   */
  EXTERNAL_NAME_SERVICES = 'P4',

  /**
   * Every node port a Service asks for (`spec.ports[].nodePort`, `spec.healthCheckNodePort`) lies
   * in `allowedNodePortRange`, the part of the cluster's range given to this app. Mirrors Kyverno
   * restrict-service-port-range, applied to node ports.
   */
  NODE_PORT_RANGE = 'P5',

  /**
   * A pinned cluster IP (`spec.clusterIP`, `spec.clusterIPs`) lies in `allowedClusterIpRanges`.
   * A platform rule with no standard admission policy (the cluster-wide service CIDR is rule A3
   * of `ClusterSettings`): the address block a platform team gave the app.
   */
  CLUSTER_IP_RANGES = 'P6',

  /**
   * An ExternalName Service points to a name of `allowedExternalNames`, and never to `localhost`.
   * CVE-2021-25740 and Contour GHSA-5ph6-qq5x-7jwc. Mirrors Kyverno disallow-localhost-services
   * (no-localhost-service).
   */
  EXTERNAL_NAME_TARGETS = 'P7',

  /**
   * No Services in the `default` namespace (a Service without a namespace counts as `default`).
   * Mirrors Kyverno disallow-default-namespace.
   */
  DEFAULT_NAMESPACE = 'P8',

  /**
   * A LoadBalancer Service restricts its clients with `loadBalancerSourceRanges` (or the
   * `service.beta.kubernetes.io/load-balancer-source-ranges` annotation), and not to `0.0.0.0/0`
   * or `::/0`: otherwise every address of the internet (or of the network) reaches the Service.
   * A lint, with no standard admission policy.
   */
  LOAD_BALANCER_SOURCE_RANGES = 'P9',

  /**
   * A Service's selector matches the pod template of a workload of the app in its namespace (only
   * checked when the app has workloads). Mirrors kube-linter dangling-service and kube-score
   * service-targets-pod.
   */
  SELECTOR_MATCHES_NO_WORKLOAD = 'P10',

  /**
   * No two Services of one namespace have the same selector (successive versions of one Service,
   * same name and namespace, and headless Services are not compared). A lint.
   */
  DUPLICATE_SELECTOR = 'P11',

  /**
   * A NodePort Service does not use `externalTrafficPolicy: Local`: a node without a ready pod of
   * the Service drops what arrives on its node port. A lint.
   */
  NODE_PORT_LOCAL_TRAFFIC = 'P12',
}

/**
 * What a policy does with a rule.
 */
export enum PolicySeverity {
  /** A violation stops synth: nothing is written. */
  ERROR = 'error',
  /** A violation prints a warning (once per app); synth goes on. */
  WARNING = 'warning',
  /** The rule is not checked. */
  OFF = 'off',
}
