// What a Service reads of a workload: the ApiObject it writes and, from that object's rendered
// JSON, the labels its pods carry and the ports its containers declare. Reading the rendered
// object instead of a cdk8s-plus class keeps every cdk8s-plus version (28 to 33, whose classes
// are distinct types) and every jsii language on the same path, with no cdk8s-plus type in the
// public API.
import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';

/** The kinds whose objects hold a pod template in `spec.template` (a Pod is its own template). */
const POD_TEMPLATE_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'Pod']);

/** @internal */
export interface BackendContainerPort {
  readonly name?: string;
  readonly port: number;
  readonly protocol: string;
}

/** @internal */
export interface ResolvedBackend {
  /** the labels a Service selects the backend's pods by */
  readonly selector: Record<string, string>;
  /** every container port of the pods, when the pod template is known */
  readonly containerPorts?: BackendContainerPort[];
  /** what the backend is, for messages */
  readonly description: string;
  /** why no selector can be derived, when it cannot */
  readonly error?: string;
  /** the IP addresses of a backend outside the cluster's pods (no selector; EndpointSlices by hand) */
  readonly addresses?: string[];
}

/**
 * The ApiObject a workload construct writes: the construct itself (an L1 object, or one read with
 * `Include`), or the object of a cdk8s-plus workload (its `apiObject`, otherwise its one child
 * ApiObject of a pod-template kind).
 * @internal
 */
export function workloadApiObject(workload: IConstruct): ApiObject | undefined {
  if (ApiObject.isApiObject(workload)) return workload;
  const own = (workload as { apiObject?: unknown }).apiObject;
  if (ApiObject.isApiObject(own)) return own;
  const children = workload.node.children.filter((c): c is ApiObject => ApiObject.isApiObject(c) && POD_TEMPLATE_KINDS.has(c.kind));
  return children.length === 1 ? children[0] : undefined;
}

/**
 * The selector and container ports of an object with a pod template, from its rendered JSON.
 * @internal
 */
export function resolvePodTemplate(apiObject: ApiObject, description: string): ResolvedBackend {
  const json = apiObject.toJson();
  const template = apiObject.kind === 'Pod' ? json : json?.spec?.template;
  if (!template) {
    return { selector: {}, description, error: `${description} has no pod template (spec.template)` };
  }
  const containerPorts: BackendContainerPort[] = [];
  for (const c of [...(template.spec?.containers ?? []), ...(template.spec?.initContainers ?? [])]) {
    for (const p of c.ports ?? []) {
      containerPorts.push({ name: p.name, port: p.containerPort, protocol: p.protocol ?? 'TCP' });
    }
  }
  const labelSelector = apiObject.kind === 'Pod' ? undefined : json?.spec?.selector;
  const matchLabels: Record<string, string> = labelSelector?.matchLabels ?? {};
  if (Object.keys(matchLabels).length > 0) {
    return { selector: { ...matchLabels }, containerPorts, description };
  }
  if (labelSelector !== undefined && labelSelector !== null) {
    // the workload selects its pods, but by no label a Service selector can say
    const why = (labelSelector.matchExpressions ?? []).length > 0 ? 'only by match expressions, which a Service selector cannot express' : 'by no label';
    return { selector: {}, containerPorts, description, error: `${description} selects its pods ${why} (spec.selector.matchLabels is empty)` };
  }
  const labels: Record<string, string> = template.metadata?.labels ?? {};
  if (Object.keys(labels).length === 0) {
    return { selector: {}, containerPorts, description, error: `${description} has neither spec.selector.matchLabels nor pod template labels to select its pods by` };
  }
  return { selector: { ...labels }, containerPorts, description };
}
