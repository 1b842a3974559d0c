"""cdk8s-plus workloads handed to the library from Python (bindings/run.sh runs it after main.py).

A cdk8s-plus Deployment as a NodePortService's backend and a cdk8s-plus StatefulSet governed by a
headless ClusterIpService: the library takes any construct (no cdk8s-plus type in its API), and
jsii passes the Python objects through as the JavaScript constructs they stand for. Prints
`workloads: ok` when the manifests are right; exits 1 otherwise.
"""
import sys

from cdk8s import ApiObjectMetadata, App, Chart, Testing
import cdk8s_plus_28 as plus

from cdk8s_services import (
    ClusterIpService,
    NodePortService,
    NodePortServicePort,
    ServiceBackend,
    ServicePort,
    TargetPort,
)

app = App()
chart = Chart(app, "web")
deployment = plus.Deployment(
    chart, "deployment", containers=[plus.ContainerProps(image="nginx:1.27", ports=[plus.ContainerPort(number=8080, name="http")])]
)
NodePortService(
    chart,
    "service",
    metadata=ApiObjectMetadata(name="web"),
    backend=ServiceBackend.from_workload(deployment),
    ports=[NodePortServicePort(port=80, target_port=TargetPort.from_name("http"), node_port=30080)],
)
db = plus.StatefulSet(
    chart, "db", containers=[plus.ContainerProps(image="postgres:16", ports=[plus.ContainerPort(number=5432, name="pg")])]
)
headless = ClusterIpService(
    chart,
    "db-headless",
    metadata=ApiObjectMetadata(name="db"),
    headless=True,
    backend=ServiceBackend.from_workload(db),
    ports=[ServicePort(name="pg", port=5432, target_port=TargetPort.from_name("pg"))],
)
headless.govern_stateful_set(db)

manifests = Testing.synth(chart)
by_kind = {}
for m in manifests:
    by_kind.setdefault(m["kind"], []).append(m)
problems = []
services = {s["metadata"]["name"]: s for s in by_kind.get("Service", [])}
if sorted(services) != ["db", "web"]:
    problems.append(f"Services written: {sorted(services)} (expected db and web)")
dep = by_kind["Deployment"][0]
sts = by_kind["StatefulSet"][0]
if services.get("web", {}).get("spec", {}).get("selector") != dep["spec"]["selector"]["matchLabels"]:
    problems.append("the selector of web is not the Deployment's")
if services.get("web", {}).get("spec", {}).get("ports", [{}])[0].get("targetPort") != "http":
    problems.append("the target port of web is not http")
if sts["spec"].get("serviceName") != "db":
    problems.append(f"the StatefulSet's serviceName is {sts['spec'].get('serviceName')!r}, not 'db'")
if services.get("db", {}).get("spec", {}).get("selector") != sts["spec"]["selector"]["matchLabels"]:
    problems.append("the selector of db is not the StatefulSet's")
if problems:
    print("workloads: " + "; ".join(problems), file=sys.stderr)
    sys.exit(1)
print("workloads: ok")
