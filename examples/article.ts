// The walk-through of ../shared/seed (a Chinese article on the four Service types): a 3-replica
// demo Deployment, then the same Service as ClusterIP, NodePort and LoadBalancer, and an
// ExternalName Service. One chart per step, so each manifest applies on its own, in order, as in
// the article (the three `k8sdemo-service` manifests are successive versions of one Service).
import { App, Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import {
  ClusterIpService,
  ClusterSettings,
  ExternalNameService,
  LoadBalancerService,
  MetalLb,
  MetalLbAdvertisement,
  MetalLbPool,
  NodePortService,
  ServiceBackend,
  TargetPort,
} from '../src';

/** Which MetalLB releases the example's two LoadBalancer variants are written for. */
export interface ArticleOptions {
  /** The release that reads the ConfigMap (the article installs v0.9.3). */
  readonly metalLbLegacyVersion?: string;
  /** The CR-era release (0.13 and later). */
  readonly metalLbVersion?: string;
}

export function buildArticleApp(app: App, options: ArticleOptions = {}): void {
  // The article's cluster: service CIDR 10.1.0.0/16 (its Services get 10.1.19.x), default node ports.
  ClusterSettings.configure(app, { serviceClusterIpRanges: ['10.1.0.0/16'] });

  // Step 1: 3 replicas of the demo app, pods labelled name=k8sdemo, container port 80.
  const workload = new Chart(app, 'k8sdemo-deployment');
  const deployment = new k8s.KubeDeployment(workload, 'deployment', {
    metadata: { name: 'k8sdemo-deployment' },
    spec: {
      replicas: 3,
      selector: { matchLabels: { name: 'k8sdemo' } },
      template: {
        metadata: { labels: { name: 'k8sdemo' } },
        spec: {
          containers: [{
            name: 'k8sdemo',
            image: 'beckjin/k8sdemo:1.0.0',
            ports: [{ containerPort: 80 }],
            imagePullPolicy: 'IfNotPresent',
          }],
        },
      },
    },
  });
  // The Services select the Deployment's pods: the selector (name=k8sdemo) comes from it.
  const backend = ServiceBackend.fromApiObject(deployment);

  // Step 2: ClusterIP, Service port 80 -> container port 80, the virtual IP pinned.
  new ClusterIpService(new Chart(app, 'k8sdemo-service-clusterip'), 'service', {
    metadata: { name: 'k8sdemo-service' },
    backend,
    clusterIp: '10.1.19.92',
    ports: [{ port: 80, targetPort: TargetPort.fromNumber(80) }],
  });

  // Step 3: NodePort, every node opens 30080:
  // Client > NodeIP:NodePort > ClusterIP:ServicePort > PodIP:ContainerPort
  new NodePortService(new Chart(app, 'k8sdemo-service-nodeport'), 'service', {
    metadata: { name: 'k8sdemo-service' },
    backend,
    ports: [{ port: 80, targetPort: TargetPort.fromNumber(80), nodePort: 30080 }],
  });

  // Step 4: LoadBalancer. A self-built cluster has no load balancer: the article installs
  // MetalLB v0.9.3 and gives it a Layer2 pool in the ConfigMap metallb-system/config.
  const metallbConfig = new Chart(app, 'metallb-layer2-config');
  MetalLb.configure(metallbConfig, { version: options.metalLbLegacyVersion ?? '0.9.3' });
  const pool = new MetalLbPool(metallbConfig, 'default', {
    addresses: ['192.168.124.200-192.168.124.210'],
    advertisements: [MetalLbAdvertisement.layer2()],
  });
  // The Service gets EXTERNAL-IP 192.168.124.200, the first address of the pool.
  new LoadBalancerService(new Chart(app, 'k8sdemo-service-loadbalancer'), 'service', {
    metadata: { name: 'k8sdemo-service' },
    backend,
    ports: [{ port: 80, targetPort: TargetPort.fromNumber(80) }],
    metalLb: { pool },
  });

  // The same pool for MetalLB 0.13 and later, which reads custom resources instead of the
  // ConfigMap: an IPAddressPool and the L2Advertisement that announces it.
  const metallbCrs = new Chart(app, 'metallb-crs-layer2');
  MetalLb.configure(metallbCrs, { version: options.metalLbVersion ?? '0.16.1' });
  const pool16 = new MetalLbPool(metallbCrs, 'default', {
    addresses: ['192.168.124.200-192.168.124.210'],
    advertisements: [MetalLbAdvertisement.layer2()],
  });
  new LoadBalancerService(new Chart(app, 'k8sdemo-service-loadbalancer-crs'), 'service', {
    metadata: { name: 'k8sdemo-service' },
    backend,
    ports: [{ port: 80, targetPort: TargetPort.fromNumber(80) }],
    metalLb: { pool: pool16 },
  });

  // Step 5: ExternalName, a DNS CNAME k8sdemo-external-service.default.svc.cluster.local -> mingdao.com
  new ExternalNameService(new Chart(app, 'k8sdemo-external-service'), 'service', {
    metadata: { name: 'k8sdemo-external-service' },
    externalName: 'mingdao.com',
  });
}
