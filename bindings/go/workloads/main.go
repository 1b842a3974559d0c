// cdk8s-plus workloads handed to the library from Go: bindings/plus/main.ts rebuilt with the
// cdk8s-plus-28 Go module (a NodePortService whose backend is the Deployment, a StatefulSet
// governed by a headless ClusterIpService). bindings/run.sh builds and runs it with CDK8S_OUTDIR
// set and checks the manifests with bindings/plus/check.js.
package main

import (
	"github.com/aws/jsii-runtime-go"
	"github.com/cdk8s-services/cdk8s-services-go/cdk8sservices"
	"github.com/cdk8s-team/cdk8s-core-go/cdk8s/v2"
	plus "github.com/cdk8s-team/cdk8s-plus-go/cdk8splus28/v2"
)

func main() {
	defer jsii.Close()
	app := cdk8s.NewApp(nil)
	chart := cdk8s.NewChart(app, jsii.String("web"), nil)

	deployment := plus.NewDeployment(chart, jsii.String("deployment"), &plus.DeploymentProps{
		Replicas: jsii.Number(2),
		Containers: &[]*plus.ContainerProps{{
			Image: jsii.String("nginx:1.27"),
			Ports: &[]*plus.ContainerPort{{Number: jsii.Number(8080), Name: jsii.String("http")}},
		}},
	})
	cdk8sservices.NewNodePortService(chart, jsii.String("service"), &cdk8sservices.NodePortServiceProps{
		Metadata: &cdk8s.ApiObjectMetadata{Name: jsii.String("web")},
		Backend:  cdk8sservices.ServiceBackend_FromWorkload(deployment),
		Ports: &[]*cdk8sservices.NodePortServicePort{{
			Port:       jsii.Number(80),
			TargetPort: cdk8sservices.TargetPort_FromName(jsii.String("http")),
			NodePort:   jsii.Number(30080),
		}},
	})

	db := plus.NewStatefulSet(chart, jsii.String("db"), &plus.StatefulSetProps{
		Containers: &[]*plus.ContainerProps{{
			Image: jsii.String("postgres:16"),
			Ports: &[]*plus.ContainerPort{{Number: jsii.Number(5432), Name: jsii.String("pg")}},
		}},
	})
	headless := cdk8sservices.NewClusterIpService(chart, jsii.String("db-headless"), &cdk8sservices.ClusterIpServiceProps{
		Metadata: &cdk8s.ApiObjectMetadata{Name: jsii.String("db")},
		Headless: jsii.Bool(true),
		Backend:  cdk8sservices.ServiceBackend_FromWorkload(db),
		Ports: &[]*cdk8sservices.ServicePort{{
			Name:       jsii.String("pg"),
			Port:       jsii.Number(5432),
			TargetPort: cdk8sservices.TargetPort_FromName(jsii.String("pg")),
		}},
	})
	headless.GovernStatefulSet(db)

	app.Synth()
}
