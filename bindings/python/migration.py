"""The MetalLB ConfigMap migration from Python (bindings/run.sh runs it after main.py).

A legacy configuration is built into a chart as constructs with MetalLbMigration.import_config
(the chart runs MetalLB 0.15.2, so the constructs write the custom resources, the pool renamed to
a valid object name), a LoadBalancerService draws from the imported pool by its ConfigMap name,
from_config converts the same text with the migration options as keyword arguments, and a
configuration that FRR mode refuses is refused with bgp_type=MetalLbBgpType.FRR. Prints
`migration: ok` when all of that holds; exits 1 otherwise.
"""
import sys

from cdk8s import App, Chart, Testing
from constructs import Construct

from cdk8s_services import (
    LoadBalancerService,
    MetalLb,
    MetalLbBgpType,
    MetalLbMigration,
    MetalLbServiceOptions,
    NodePortServicePort,
    ServiceBackend,
)

CONFIG = """
address-pools:
- name: My_Pool
  protocol: layer2
  addresses: [192.168.124.200-192.168.124.210]
peers:
- {my-asn: 64500, peer-asn: 64501, peer-address: 10.0.0.1, router-id: 10.0.0.9}
- {my-asn: 64500, peer-asn: 64501, peer-address: 10.0.0.2}
"""

problems = []
app = App()
chart = Chart(app, "metallb")
MetalLb.configure(chart, version="0.15.2")
imported = MetalLbMigration.import_config(Construct(chart, "legacy"), CONFIG)
if [p.pool_name for p in imported.pools] != ["my-pool"]:
    problems.append(f"imported pools: {[p.pool_name for p in imported.pools]}")
if len(imported.peers) != 2 or not imported.notes:
    problems.append(f"imported peers {len(imported.peers)}, notes {imported.notes}")
LoadBalancerService(
    chart,
    "web",
    backend=ServiceBackend.from_labels({"app": "web"}),
    ports=[NodePortServicePort(port=80)],
    metal_lb=MetalLbServiceOptions(pool=imported.pool("My_Pool")),
)
written = Testing.synth(chart)
kinds = sorted(o["kind"] for o in written)
if kinds != ["BGPPeer", "BGPPeer", "IPAddressPool", "L2Advertisement", "Service"]:
    problems.append(f"written kinds: {kinds}")
service = next(o for o in written if o["kind"] == "Service")
if service["metadata"].get("annotations", {}).get("metallb.io/address-pool") != "my-pool":
    problems.append(f"the Service's annotations: {service['metadata'].get('annotations')}")

converted = MetalLbMigration.from_config(CONFIG, target_version="0.15.2")
if sorted(o["kind"] for o in converted) != ["BGPPeer", "BGPPeer", "IPAddressPool", "L2Advertisement"]:
    problems.append(f"from_config kinds: {[o['kind'] for o in converted]}")
try:
    MetalLbMigration.from_config(CONFIG, bgp_type=MetalLbBgpType.FRR)
    problems.append("FRR mode: two router IDs were accepted")
except Exception as e:  # a JSII error carrying the library's message
    if "M19 routerId" not in str(e):
        problems.append(f"FRR mode: unexpected error {e}")
if "MetalLbPool" not in MetalLbMigration.to_type_script(CONFIG):
    problems.append("to_type_script printed no MetalLbPool")

if problems:
    print("migration: " + "; ".join(problems), file=sys.stderr)
    sys.exit(1)
print("migration: ok")
