package example;

import java.util.List;
import java.util.Map;

import io.github.cdk8s_services.ClusterIpService;
import io.github.cdk8s_services.ClusterSettings;
import io.github.cdk8s_services.ClusterSettingsProps;
import io.github.cdk8s_services.ExternalNameService;
import io.github.cdk8s_services.LoadBalancerService;
import io.github.cdk8s_services.MetalLb;
import io.github.cdk8s_services.MetalLbAdvertisement;
import io.github.cdk8s_services.MetalLbPool;
import io.github.cdk8s_services.MetalLbProps;
import io.github.cdk8s_services.MetalLbServiceOptions;
import io.github.cdk8s_services.NodePortService;
import io.github.cdk8s_services.NodePortServicePort;
import io.github.cdk8s_services.ServiceBackend;
import io.github.cdk8s_services.ServicePort;
import io.github.cdk8s_services.TargetPort;
import org.cdk8s.ApiObjectMetadata;
import org.cdk8s.App;
import org.cdk8s.Chart;
import org.cdk8s.plus28.k8s.Container;
import org.cdk8s.plus28.k8s.ContainerPort;
import org.cdk8s.plus28.k8s.DeploymentSpec;
import org.cdk8s.plus28.k8s.KubeDeployment;
import org.cdk8s.plus28.k8s.LabelSelector;
import org.cdk8s.plus28.k8s.ObjectMeta;
import org.cdk8s.plus28.k8s.PodSpec;
import org.cdk8s.plus28.k8s.PodTemplateSpec;

/**
 * The example app of examples/article.ts, rebuilt from Java with the packaged jar.
 *
 * <p>bindings/run.sh runs this with CDK8S_OUTDIR set and compares the manifests, byte for byte,
 * with the TypeScript example's: same charts, same objects, same order. Each step of
 * examples/article.ts is one method here, called in the same order from {@link #buildArticleApp}:
 * a new step there is a new method here. The marked snippet region is the README's Java quick
 * example (bindings/snippets.js).
 */
public final class Main {
    private Main() {
    }

    /** Step 1: 3 replicas of the demo app, pods labelled name=k8sdemo, container port 80. */
    static KubeDeployment deploymentStep(final App app) {
        Chart workload = new Chart(app, "k8sdemo-deployment");
        return KubeDeployment.Builder.create(workload, "deployment")
                .metadata(ObjectMeta.builder().name("k8sdemo-deployment").build())
                .spec(DeploymentSpec.builder()
                        .replicas(3)
                        .selector(LabelSelector.builder().matchLabels(Map.of("name", "k8sdemo")).build())
                        .template(PodTemplateSpec.builder()
                                .metadata(ObjectMeta.builder().labels(Map.of("name", "k8sdemo")).build())
                                .spec(PodSpec.builder()
                                        .containers(List.of(Container.builder()
                                                .name("k8sdemo")
                                                .image("beckjin/k8sdemo:1.0.0")
                                                .ports(List.of(ContainerPort.builder().containerPort(80).build()))
                                                .imagePullPolicy("IfNotPresent")
                                                .build()))
                                        .build())
                                .build())
                        .build())
                .build();
    }

    /** Step 2: ClusterIP, Service port 80 -> container port 80, the virtual IP pinned. */
    static void clusterIpStep(final App app, final KubeDeployment deployment) {
        ClusterIpService.Builder.create(new Chart(app, "k8sdemo-service-clusterip"), "service")
                .metadata(ApiObjectMetadata.builder().name("k8sdemo-service").build())
                .backend(ServiceBackend.fromApiObject(deployment))
                .clusterIp("10.1.19.92")
                .ports(List.of(ServicePort.builder()
                        .port(80)
                        .targetPort(TargetPort.fromNumber(80))
                        .build()))
                .build();
    }

    /** Step 3: NodePort, every node opens 30080. */
    static void nodePortStep(final App app, final KubeDeployment deployment) {
        // snippet:start
        // The Service selects the pods of `deployment` (a k8s.KubeDeployment): selector name=k8sdemo.
        // Every node opens 30080: Client > NodeIP:NodePort > ClusterIP:ServicePort > PodIP:ContainerPort
        NodePortService.Builder.create(new Chart(app, "k8sdemo-service-nodeport"), "service")
                .metadata(ApiObjectMetadata.builder().name("k8sdemo-service").build())
                .backend(ServiceBackend.fromApiObject(deployment))
                .ports(List.of(NodePortServicePort.builder()
                        .port(80)
                        .targetPort(TargetPort.fromNumber(80))
                        .nodePort(30080)
                        .build()))
                .build();
        // snippet:end
    }

    /**
     * Step 4a: a self-built cluster has no load balancer: MetalLB v0.9.3 with a Layer2 pool in the
     * ConfigMap metallb-system/config.
     */
    static MetalLbPool metalLbLayer2ConfigStep(final App app) {
        Chart metallbConfig = new Chart(app, "metallb-layer2-config");
        MetalLb.configure(metallbConfig, MetalLbProps.builder().version("0.9.3").build());
        return MetalLbPool.Builder.create(metallbConfig, "default")
                .addresses(List.of("192.168.124.200-192.168.124.210"))
                .advertisements(List.of(MetalLbAdvertisement.layer2()))
                .build();
    }

    /** Step 4b: LoadBalancer; gets EXTERNAL-IP 192.168.124.200, the first address of the pool. */
    static void loadBalancerStep(final App app, final KubeDeployment deployment, final MetalLbPool pool) {
        LoadBalancerService.Builder.create(new Chart(app, "k8sdemo-service-loadbalancer"), "service")
                .metadata(ApiObjectMetadata.builder().name("k8sdemo-service").build())
                .backend(ServiceBackend.fromApiObject(deployment))
                .ports(List.of(NodePortServicePort.builder()
                        .port(80)
                        .targetPort(TargetPort.fromNumber(80))
                        .build()))
                .metalLb(MetalLbServiceOptions.builder().pool(pool).build())
                .build();
    }

    /**
     * Step 4c: the same pool for MetalLB 0.13 and later, which reads custom resources instead of
     * the ConfigMap: an IPAddressPool and the L2Advertisement that announces it.
     */
    static MetalLbPool metalLbCrsLayer2Step(final App app) {
        Chart metallbCrs = new Chart(app, "metallb-crs-layer2");
        MetalLb.configure(metallbCrs, MetalLbProps.builder().version("0.16.1").build());
        return MetalLbPool.Builder.create(metallbCrs, "default")
                .addresses(List.of("192.168.124.200-192.168.124.210"))
                .advertisements(List.of(MetalLbAdvertisement.layer2()))
                .build();
    }

    /** Step 4d: the LoadBalancer Service bound to the MetalLB 0.16.1 pool. */
    static void loadBalancerCrsStep(final App app, final KubeDeployment deployment, final MetalLbPool pool) {
        LoadBalancerService.Builder.create(new Chart(app, "k8sdemo-service-loadbalancer-crs"), "service")
                .metadata(ApiObjectMetadata.builder().name("k8sdemo-service").build())
                .backend(ServiceBackend.fromApiObject(deployment))
                .ports(List.of(NodePortServicePort.builder()
                        .port(80)
                        .targetPort(TargetPort.fromNumber(80))
                        .build()))
                .metalLb(MetalLbServiceOptions.builder().pool(pool).build())
                .build();
    }

    /** Step 5: ExternalName, a DNS CNAME k8sdemo-external-service.default.svc.cluster.local -> mingdao.com */
    static void externalNameStep(final App app) {
        ExternalNameService.Builder.create(new Chart(app, "k8sdemo-external-service"), "service")
                .metadata(ApiObjectMetadata.builder().name("k8sdemo-external-service").build())
                .externalName("mingdao.com")
                .build();
    }

    static void buildArticleApp(final App app) {
        // The article's cluster: service CIDR 10.1.0.0/16 (its Services get 10.1.19.x), default node ports.
        ClusterSettings.configure(app, ClusterSettingsProps.builder()
                .serviceClusterIpRanges(List.of("10.1.0.0/16"))
                .build());
        KubeDeployment deployment = deploymentStep(app);
        clusterIpStep(app, deployment);
        nodePortStep(app, deployment);
        MetalLbPool pool = metalLbLayer2ConfigStep(app);
        loadBalancerStep(app, deployment, pool);
        MetalLbPool pool16 = metalLbCrsLayer2Step(app);
        loadBalancerCrsStep(app, deployment, pool16);
        externalNameStep(app);
    }

    public static void main(final String[] args) {
        // The output directory comes from CDK8S_OUTDIR, as with `cdk8s synth`.
        App app = new App();
        buildArticleApp(app);
        app.synth();
    }
}
