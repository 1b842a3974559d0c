module example.com/cdk8s-services-bindings

go 1.25.0

require (
	github.com/aws/jsii-runtime-go v1.140.0
	github.com/cdk8s-services/cdk8s-services-go/cdk8sservices v0.0.0
	github.com/cdk8s-team/cdk8s-core-go/cdk8s/v2 v2.70.106
	github.com/cdk8s-team/cdk8s-plus-go/cdk8splus28/v2 v2.5.6
)

require (
	github.com/Masterminds/semver/v3 v3.5.0 // indirect
	github.com/aws/constructs-go/constructs/v10 v10.4.2 // indirect
	github.com/fatih/color v1.19.0 // indirect
	github.com/mattn/go-colorable v0.1.14 // indirect
	github.com/mattn/go-isatty v0.0.24 // indirect
	github.com/yuin/goldmark v1.7.16 // indirect
	golang.org/x/lint v0.0.0-20241112194109-818c5a804067 // indirect
	golang.org/x/mod v0.39.0 // indirect
	golang.org/x/sync v0.22.0 // indirect
	golang.org/x/sys v0.47.0 // indirect
	golang.org/x/telemetry v0.0.0-20260811182544-a038080d80e5 // indirect
	golang.org/x/tools v0.49.0 // indirect
	golang.org/x/tools/cmd/godoc v0.1.0-deprecated // indirect
	golang.org/x/tools/godoc v0.1.0-deprecated // indirect
)

// The module under test, as jsii-pacmak packaged it (bindings/run.sh writes it there).
replace github.com/cdk8s-services/cdk8s-services-go/cdk8sservices => ../.work/dist-go/go/cdk8sservices

// cdk8s core for Go (github.com/cdk8s-team/cdk8s-core-go) is not served by the Go module proxy
// reachable here, so bindings/run.sh generates it with jsii-pacmak from the npm package cdk8s at the
// version the library is built with (the same way cdk8s-team publishes it).
replace github.com/cdk8s-team/cdk8s-core-go/cdk8s/v2 => ../.work/dist-go/go/cdk8s
