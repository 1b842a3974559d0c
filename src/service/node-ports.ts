import { ApiObjectMetadataDefinition } from 'cdk8s';
import { IConstruct } from 'constructs';
import { AppRegistry, appWideChecks } from '../core/app-registry';
import { ClusterSettings } from '../core/cluster-settings';
import { pathOf, problem, warn } from '../core/errors';

/** A Service that may ask for node ports (NodePort, LoadBalancer). */
export interface NodePortHolder extends IConstruct {
  readonly name: string;
  readonly metadata: ApiObjectMetadataDefinition;
  /** the node ports the Service asks for explicitly, with the field that asks */
  _allNodePorts(): Array<{ port: number; field: string }>;
}

/** Who asks for a node port first. */
export interface NodePortUse {
  readonly service: NodePortHolder;
  readonly field: string;
}

/** The app-wide list of Services that may ask for node ports. */
export const NODE_PORT_SERVICES = 'node-port-services';

/**
 * A1 (in range), A2 (one Service per node port in the app), A4 (static band). A2 is app-wide:
 * it is skipped when `appWideChecks` is off.
 */
export function checkNodePorts(service: NodePortHolder, registry: AppRegistry, errors: string[]): void {
  const s = ClusterSettings._of(service);
  const owners = appWideChecks.enabled ? registry.memo('node-port-owners', () => buildNodePortIndex(registry)) : undefined;
  for (const { port, field } of service._allNodePorts()) {
    if (port < s.nodePortMin || port > s.nodePortMax) {
      errors.push(problem('A1', field, port, `a port in the cluster's node-port range ${s.nodePortRangeText} (configure it with ClusterSettings.configure)`));
      continue;
    }
    const owner = owners?.get(port);
    if (owner && owner.service !== service && !sameObject(owner.service, service)) {
      errors.push(problem('A2', field, port, `a node port no other Service uses: ${pathOf(owner.service)} already uses it (${owner.field}); the cluster allocates each node port to one Service, whatever the protocol`));
    } else if (port >= s.nodePortStaticBandEnd) {
      warn(service, `A4 ${field} ${port} is in the dynamic band of the node-port range (${s.nodePortStaticBandEnd}-${s.nodePortMax}), where the cluster also allocates ports at random; explicitly chosen ports are safest in ${s.nodePortMin}-${s.nodePortStaticBandEnd - 1} (KEP-3668)`);
    }
  }
}

/**
 * Two constructs that write the same namespace/name are successive versions of one Service (a
 * later manifest replaces the earlier one), not two Services competing for a node port.
 */
function sameObject(a: NodePortHolder, b: NodePortHolder): boolean {
  return a.name === b.name && (a.metadata.namespace ?? 'default') === (b.metadata.namespace ?? 'default');
}

/** port -> the first Service (in creation order) that asks for it */
function buildNodePortIndex(registry: AppRegistry): Map<number, NodePortUse> {
  const owners = new Map<number, NodePortUse>();
  for (const service of registry.list<NodePortHolder>(NODE_PORT_SERVICES)) {
    for (const { port, field } of service._allNodePorts()) {
      if (!owners.has(port)) owners.set(port, { service, field });
    }
  }
  return owners;
}
