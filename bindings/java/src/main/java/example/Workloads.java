package example;

import java.util.List;

import io.github.cdk8s_services.ClusterIpService;
import io.github.cdk8s_services.NodePortService;
import io.github.cdk8s_services.NodePortServicePort;
import io.github.cdk8s_services.ServiceBackend;
import io.github.cdk8s_services.ServicePort;
import io.github.cdk8s_services.TargetPort;
import org.cdk8s.ApiObjectMetadata;
import org.cdk8s.App;
import org.cdk8s.Chart;
import org.cdk8s.plus28.ContainerPort;
import org.cdk8s.plus28.ContainerProps;
import org.cdk8s.plus28.Deployment;
import org.cdk8s.plus28.StatefulSet;

/**
 * cdk8s-plus workloads handed to the library from Java: bindings/plus/main.ts rebuilt with the
 * cdk8s-plus-28 Java package (a NodePortService whose backend is the Deployment, a StatefulSet
 * governed by a headless ClusterIpService). bindings/run.sh runs it with CDK8S_OUTDIR set and
 * checks the manifests with bindings/plus/check.js.
 */
public final class Workloads {
    private Workloads() {
    }

    public static void main(final String[] args) {
        App app = new App();
        Chart chart = new Chart(app, "web");

        Deployment deployment = Deployment.Builder.create(chart, "deployment")
                .replicas(2)
                .containers(List.of(ContainerProps.builder()
                        .image("nginx:1.27")
                        .ports(List.of(ContainerPort.builder().number(8080).name("http").build()))
                        .build()))
                .build();
        NodePortService.Builder.create(chart, "service")
                .metadata(ApiObjectMetadata.builder().name("web").build())
                .backend(ServiceBackend.fromWorkload(deployment))
                .ports(List.of(NodePortServicePort.builder()
                        .port(80)
                        .targetPort(TargetPort.fromName("http"))
                        .nodePort(30080)
                        .build()))
                .build();

        StatefulSet db = StatefulSet.Builder.create(chart, "db")
                .containers(List.of(ContainerProps.builder()
                        .image("postgres:16")
                        .ports(List.of(ContainerPort.builder().number(5432).name("pg").build()))
                        .build()))
                .build();
        ClusterIpService headless = ClusterIpService.Builder.create(chart, "db-headless")
                .metadata(ApiObjectMetadata.builder().name("db").build())
                .headless(true)
                .backend(ServiceBackend.fromWorkload(db))
                .ports(List.of(ServicePort.builder()
                        .name("pg")
                        .port(5432)
                        .targetPort(TargetPort.fromName("pg"))
                        .build()))
                .build();
        headless.governStatefulSet(db);

        app.synth();
    }
}
