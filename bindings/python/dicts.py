"""Python dicts where the library takes structs (bindings/run.sh runs it after main.py).

What jsii does with them, measured here (jsii-pacmak/jsii runtime 1.140):
- a dict given for a struct-typed argument (metal_lb={...}) becomes the struct class: an unknown
  key is a Python TypeError before anything reaches the library;
- a dict inside a list of structs (ports=[{...}]) is passed on as a map, and the jsii kernel's
  struct deserializer keeps only the struct's own (camelCase) properties: `node_port`,
  `target_port` or a typo never reach the library, which therefore cannot report them (rule K1
  catches the same mistakes from JavaScript). The port is written without them. Use the struct
  classes (NodePortServicePort(port=80, node_port=30080)) or the JavaScript names in the dict.
Prints `dicts: ok` when all of that holds; exits 1 otherwise (a jsii release that changes it
shows up here).
"""
import sys

from cdk8s import ApiObjectMetadata, App, Chart, Testing

from cdk8s_services import LoadBalancerService, NodePortService, NodePortServicePort

failures = []


def error_of(build):
    try:
        build()
    except Exception as e:  # noqa: BLE001 - jsii raises the JavaScript error as a RuntimeError
        return str(e)
    return None


# 1. a port as a dict with snake_case keys or a typo: the jsii kernel drops them, silently
chart = Chart(App(), "snake")
NodePortService(chart, "svc", metadata=ApiObjectMetadata(name="svc"), ports=[{"port": 80, "node_port": 30080, "target_port": 8080, "nodeport": 1}])
ports = Testing.synth(chart)[0]["spec"]["ports"]
if ports != [{"port": 80, "protocol": "TCP", "targetPort": 80}]:
    failures.append(f"a port dict with node_port: the jsii kernel no longer drops unknown keys ({ports!r}): the library's K1 check can now see them, test it here")

# 1b. the struct class refuses them in Python
msg = error_of(lambda: NodePortServicePort(port=80, nodeport=30080))
if msg is None or "nodeport" not in msg:
    failures.append(f"NodePortServicePort(nodeport=...): expected a TypeError, got {msg!r}")

# 2. the same dict with the JavaScript names is written as given
chart = Chart(App(), "camel")
NodePortService(chart, "svc", metadata=ApiObjectMetadata(name="svc"), ports=[{"port": 80, "nodePort": 30080}])
ports = Testing.synth(chart)[0]["spec"]["ports"]
if ports != [{"nodePort": 30080, "port": 80, "protocol": "TCP", "targetPort": 80}]:
    failures.append(f"a port dict with nodePort: expected it written, got {ports!r}")

# 3. a dict for a struct-typed argument: jsii's own struct class refuses the unknown key
msg = error_of(lambda: LoadBalancerService(
    Chart(App(), "direct"), "svc", metadata=ApiObjectMetadata(name="svc"), metal_lb={"allow_shared": "k"}
))
if msg is None or "allow_shared" not in msg:
    failures.append(f"metal_lb dict with an unknown key: expected an error, got {msg!r}")

if failures:
    for f in failures:
        print(f"dicts: {f}", file=sys.stderr)
    sys.exit(1)
print("dicts: ok")
