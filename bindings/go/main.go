// The example app of examples/article.ts, rebuilt from Go with the packaged module.
//
// bindings/run.sh runs this with CDK8S_OUTDIR set and compares the manifests, byte for byte, with
// the TypeScript example's: same charts, same objects, same order. Each step of examples/article.ts
// is one function here, called in the same order from buildArticleApp: a new step there is a new
// function here. The marked snippet region is the README's Go quick example (bindings/snippets.js).
package main

import (
	"github.com/aws/jsii-runtime-go"
	"github.com/cdk8s-services/cdk8s-services-go/cdk8sservices"
	"github.com/cdk8s-team/cdk8s-core-go/cdk8s/v2"
	"github.com/cdk8s-team/cdk8s-plus-go/cdk8splus28/v2/k8s"
)

// Step 1: 3 replicas of the demo app, pods labelled name=k8sdemo, container port 80.
func deploymentStep(app cdk8s.App) k8s.KubeDeployment {
	workload := cdk8s.NewChart(app, jsii.String("k8sdemo-deployment"), nil)
	return k8s.NewKubeDeployment(workload, jsii.String("deployment"), &k8s.KubeDeploymentProps{
		Metadata: &k8s.ObjectMeta{Name: jsii.String("k8sdemo-deployment")},
		Spec: &k8s.DeploymentSpec{
			Replicas: jsii.Number(3),
			Selector: &k8s.LabelSelector{MatchLabels: &map[string]*string{"name": jsii.String("k8sdemo")}},
			Template: &k8s.PodTemplateSpec{
				Metadata: &k8s.ObjectMeta{Labels: &map[string]*string{"name": jsii.String("k8sdemo")}},
				Spec: &k8s.PodSpec{
					Containers: &[]*k8s.Container{{
						Name:            jsii.String("k8sdemo"),
						Image:           jsii.String("beckjin/k8sdemo:1.0.0"),
						Ports:           &[]*k8s.ContainerPort{{ContainerPort: jsii.Number(80)}},
						ImagePullPolicy: jsii.String("IfNotPresent"),
					}},
				},
			},
		},
	})
}

// Step 2: ClusterIP, Service port 80 -> container port 80, the virtual IP pinned.
func clusterIPStep(app cdk8s.App, deployment k8s.KubeDeployment) {
	cdk8sservices.NewClusterIpService(cdk8s.NewChart(app, jsii.String("k8sdemo-service-clusterip"), nil), jsii.String("service"), &cdk8sservices.ClusterIpServiceProps{
		Metadata:  &cdk8s.ApiObjectMetadata{Name: jsii.String("k8sdemo-service")},
		Backend:   cdk8sservices.ServiceBackend_FromApiObject(deployment),
		ClusterIp: jsii.String("10.1.19.92"),
		Ports: &[]*cdk8sservices.ServicePort{{
			Port:       jsii.Number(80),
			TargetPort: cdk8sservices.TargetPort_FromNumber(jsii.Number(80)),
		}},
	})
}

// Step 3: NodePort, every node opens 30080.
func nodePortStep(app cdk8s.App, deployment k8s.KubeDeployment) {
	// snippet:start
	// The Service selects the pods of `deployment` (a k8s.KubeDeployment): selector name=k8sdemo.
	// Every node opens 30080: Client > NodeIP:NodePort > ClusterIP:ServicePort > PodIP:ContainerPort
	chart := cdk8s.NewChart(app, jsii.String("k8sdemo-service-nodeport"), nil)
	cdk8sservices.NewNodePortService(chart, jsii.String("service"), &cdk8sservices.NodePortServiceProps{
		Metadata: &cdk8s.ApiObjectMetadata{Name: jsii.String("k8sdemo-service")},
		Backend:  cdk8sservices.ServiceBackend_FromApiObject(deployment),
		Ports: &[]*cdk8sservices.NodePortServicePort{{
			Port:       jsii.Number(80),
			TargetPort: cdk8sservices.TargetPort_FromNumber(jsii.Number(80)),
			NodePort:   jsii.Number(30080),
		}},
	})
	// snippet:end
}

// Step 4a: a self-built cluster has no load balancer: MetalLB v0.9.3 with a Layer2 pool in the
// ConfigMap metallb-system/config.
func metalLbLayer2ConfigStep(app cdk8s.App) cdk8sservices.MetalLbPool {
	metallbConfig := cdk8s.NewChart(app, jsii.String("metallb-layer2-config"), nil)
	cdk8sservices.MetalLb_Configure(metallbConfig, &cdk8sservices.MetalLbProps{Version: jsii.String("0.9.3")})
	return cdk8sservices.NewMetalLbPool(metallbConfig, jsii.String("default"), &cdk8sservices.MetalLbPoolProps{
		Addresses:      jsii.Strings("192.168.124.200-192.168.124.210"),
		Advertisements: &[]cdk8sservices.MetalLbAdvertisement{cdk8sservices.MetalLbAdvertisement_Layer2(nil)},
	})
}

// Step 4b: LoadBalancer; gets EXTERNAL-IP 192.168.124.200, the first address of the pool.
func loadBalancerStep(app cdk8s.App, deployment k8s.KubeDeployment, pool cdk8sservices.MetalLbPool) {
	cdk8sservices.NewLoadBalancerService(cdk8s.NewChart(app, jsii.String("k8sdemo-service-loadbalancer"), nil), jsii.String("service"), &cdk8sservices.LoadBalancerServiceProps{
		Metadata: &cdk8s.ApiObjectMetadata{Name: jsii.String("k8sdemo-service")},
		Backend:  cdk8sservices.ServiceBackend_FromApiObject(deployment),
		Ports: &[]*cdk8sservices.NodePortServicePort{{
			Port:       jsii.Number(80),
			TargetPort: cdk8sservices.TargetPort_FromNumber(jsii.Number(80)),
		}},
		MetalLb: &cdk8sservices.MetalLbServiceOptions{Pool: pool},
	})
}

// Step 4c: the same pool for MetalLB 0.13 and later, which reads custom resources instead of the
// ConfigMap: an IPAddressPool and the L2Advertisement that announces it.
func metalLbCrsLayer2Step(app cdk8s.App) cdk8sservices.MetalLbPool {
	metallbCrs := cdk8s.NewChart(app, jsii.String("metallb-crs-layer2"), nil)
	cdk8sservices.MetalLb_Configure(metallbCrs, &cdk8sservices.MetalLbProps{Version: jsii.String("0.16.1")})
	return cdk8sservices.NewMetalLbPool(metallbCrs, jsii.String("default"), &cdk8sservices.MetalLbPoolProps{
		Addresses:      jsii.Strings("192.168.124.200-192.168.124.210"),
		Advertisements: &[]cdk8sservices.MetalLbAdvertisement{cdk8sservices.MetalLbAdvertisement_Layer2(nil)},
	})
}

// Step 4d: the LoadBalancer Service bound to the MetalLB 0.16.1 pool.
func loadBalancerCrsStep(app cdk8s.App, deployment k8s.KubeDeployment, pool cdk8sservices.MetalLbPool) {
	cdk8sservices.NewLoadBalancerService(cdk8s.NewChart(app, jsii.String("k8sdemo-service-loadbalancer-crs"), nil), jsii.String("service"), &cdk8sservices.LoadBalancerServiceProps{
		Metadata: &cdk8s.ApiObjectMetadata{Name: jsii.String("k8sdemo-service")},
		Backend:  cdk8sservices.ServiceBackend_FromApiObject(deployment),
		Ports: &[]*cdk8sservices.NodePortServicePort{{
			Port:       jsii.Number(80),
			TargetPort: cdk8sservices.TargetPort_FromNumber(jsii.Number(80)),
		}},
		MetalLb: &cdk8sservices.MetalLbServiceOptions{Pool: pool},
	})
}

// Step 5: ExternalName, a DNS CNAME k8sdemo-external-service.default.svc.cluster.local -> mingdao.com
func externalNameStep(app cdk8s.App) {
	cdk8sservices.NewExternalNameService(cdk8s.NewChart(app, jsii.String("k8sdemo-external-service"), nil), jsii.String("service"), &cdk8sservices.ExternalNameServiceProps{
		Metadata:     &cdk8s.ApiObjectMetadata{Name: jsii.String("k8sdemo-external-service")},
		ExternalName: jsii.String("mingdao.com"),
	})
}

func buildArticleApp(app cdk8s.App) {
	// The article's cluster: service CIDR 10.1.0.0/16 (its Services get 10.1.19.x), default node ports.
	cdk8sservices.ClusterSettings_Configure(app, &cdk8sservices.ClusterSettingsProps{
		ServiceClusterIpRanges: jsii.Strings("10.1.0.0/16"),
	})
	deployment := deploymentStep(app)
	clusterIPStep(app, deployment)
	nodePortStep(app, deployment)
	pool := metalLbLayer2ConfigStep(app)
	loadBalancerStep(app, deployment, pool)
	pool16 := metalLbCrsLayer2Step(app)
	loadBalancerCrsStep(app, deployment, pool16)
	externalNameStep(app)
}

func main() {
	// The output directory comes from CDK8S_OUTDIR, as with `cdk8s synth`.
	defer jsii.Close()
	app := cdk8s.NewApp(nil)
	buildArticleApp(app)
	app.Synth()
}
