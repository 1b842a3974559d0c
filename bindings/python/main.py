"""The example app of examples/article.ts, rebuilt from Python with the packaged wheel.

bindings/run.sh runs this with CDK8S_OUTDIR set and compares the manifests, byte for byte, with
the TypeScript example's: same charts, same objects, same order. Each step of examples/article.ts
is one function here, called in the same order from build_article_app: a new step there is a new
function here. The marked snippet region is the README's Python quick example (bindings/snippets.js).
"""
from cdk8s import ApiObjectMetadata, App, Chart
from cdk8s_plus_28 import k8s

from cdk8s_services import (
    ClusterIpService,
    ClusterSettings,
    ExternalNameService,
    LoadBalancerService,
    MetalLb,
    MetalLbAdvertisement,
    MetalLbPool,
    MetalLbServiceOptions,
    NodePortService,
    NodePortServicePort,
    ServiceBackend,
    ServicePort,
    TargetPort,
)


def deployment_step(app: App) -> k8s.KubeDeployment:
    """Step 1: 3 replicas of the demo app, pods labelled name=k8sdemo, container port 80."""
    workload = Chart(app, "k8sdemo-deployment")
    return k8s.KubeDeployment(
        workload,
        "deployment",
        metadata=k8s.ObjectMeta(name="k8sdemo-deployment"),
        spec=k8s.DeploymentSpec(
            replicas=3,
            selector=k8s.LabelSelector(match_labels={"name": "k8sdemo"}),
            template=k8s.PodTemplateSpec(
                metadata=k8s.ObjectMeta(labels={"name": "k8sdemo"}),
                spec=k8s.PodSpec(
                    containers=[
                        k8s.Container(
                            name="k8sdemo",
                            image="beckjin/k8sdemo:1.0.0",
                            ports=[k8s.ContainerPort(container_port=80)],
                            image_pull_policy="IfNotPresent",
                        )
                    ]
                ),
            ),
        ),
    )


def cluster_ip_step(app: App, deployment: k8s.KubeDeployment) -> None:
    """Step 2: ClusterIP, Service port 80 -> container port 80, the virtual IP pinned."""
    ClusterIpService(
        Chart(app, "k8sdemo-service-clusterip"),
        "service",
        metadata=ApiObjectMetadata(name="k8sdemo-service"),
        backend=ServiceBackend.from_api_object(deployment),
        cluster_ip="10.1.19.92",
        ports=[ServicePort(port=80, target_port=TargetPort.from_number(80))],
    )


def node_port_step(app: App, deployment: k8s.KubeDeployment) -> None:
    """Step 3: NodePort, every node opens 30080."""
    # snippet:start
    # The Service selects the pods of `deployment` (a k8s.KubeDeployment): selector name=k8sdemo.
    # Every node opens 30080: Client > NodeIP:NodePort > ClusterIP:ServicePort > PodIP:ContainerPort
    NodePortService(
        Chart(app, "k8sdemo-service-nodeport"),
        "service",
        metadata=ApiObjectMetadata(name="k8sdemo-service"),
        backend=ServiceBackend.from_api_object(deployment),
        ports=[NodePortServicePort(port=80, target_port=TargetPort.from_number(80), node_port=30080)],
    )
    # snippet:end


def metallb_layer2_config_step(app: App) -> MetalLbPool:
    """Step 4a: a self-built cluster has no load balancer: MetalLB v0.9.3 with a Layer2 pool in the
    ConfigMap metallb-system/config."""
    metallb_config = Chart(app, "metallb-layer2-config")
    MetalLb.configure(metallb_config, version="0.9.3")
    return MetalLbPool(
        metallb_config,
        "default",
        addresses=["192.168.124.200-192.168.124.210"],
        advertisements=[MetalLbAdvertisement.layer2()],
    )


def load_balancer_step(app: App, deployment: k8s.KubeDeployment, pool: MetalLbPool) -> None:
    """Step 4b: LoadBalancer; gets EXTERNAL-IP 192.168.124.200, the first address of the pool."""
    LoadBalancerService(
        Chart(app, "k8sdemo-service-loadbalancer"),
        "service",
        metadata=ApiObjectMetadata(name="k8sdemo-service"),
        backend=ServiceBackend.from_api_object(deployment),
        ports=[NodePortServicePort(port=80, target_port=TargetPort.from_number(80))],
        metal_lb=MetalLbServiceOptions(pool=pool),
    )


def metallb_crs_layer2_step(app: App) -> MetalLbPool:
    """Step 4c: the same pool for MetalLB 0.13 and later, which reads custom resources instead of
    the ConfigMap: an IPAddressPool and the L2Advertisement that announces it."""
    metallb_crs = Chart(app, "metallb-crs-layer2")
    MetalLb.configure(metallb_crs, version="0.16.1")
    return MetalLbPool(
        metallb_crs,
        "default",
        addresses=["192.168.124.200-192.168.124.210"],
        advertisements=[MetalLbAdvertisement.layer2()],
    )


def load_balancer_crs_step(app: App, deployment: k8s.KubeDeployment, pool: MetalLbPool) -> None:
    """Step 4d: the LoadBalancer Service bound to the MetalLB 0.16.1 pool."""
    LoadBalancerService(
        Chart(app, "k8sdemo-service-loadbalancer-crs"),
        "service",
        metadata=ApiObjectMetadata(name="k8sdemo-service"),
        backend=ServiceBackend.from_api_object(deployment),
        ports=[NodePortServicePort(port=80, target_port=TargetPort.from_number(80))],
        metal_lb=MetalLbServiceOptions(pool=pool),
    )


def external_name_step(app: App) -> None:
    """Step 5: ExternalName, a DNS CNAME k8sdemo-external-service.default.svc.cluster.local -> mingdao.com"""
    ExternalNameService(
        Chart(app, "k8sdemo-external-service"),
        "service",
        metadata=ApiObjectMetadata(name="k8sdemo-external-service"),
        external_name="mingdao.com",
    )


def build_article_app(app: App) -> None:
    # The article's cluster: service CIDR 10.1.0.0/16 (its Services get 10.1.19.x), default node ports.
    ClusterSettings.configure(app, service_cluster_ip_ranges=["10.1.0.0/16"])
    deployment = deployment_step(app)
    cluster_ip_step(app, deployment)
    node_port_step(app, deployment)
    pool = metallb_layer2_config_step(app)
    load_balancer_step(app, deployment, pool)
    pool16 = metallb_crs_layer2_step(app)
    load_balancer_crs_step(app, deployment, pool16)
    external_name_step(app)


if __name__ == "__main__":
    # The output directory comes from CDK8S_OUTDIR, as with `cdk8s synth`.
    app = App()
    build_article_app(app)
    app.synth()
