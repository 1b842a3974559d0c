// The pod templates of an app, for rule P10: every ApiObject with a pod template (a Pod's own
// labels, `spec.template` of the workload kinds, or of any kind when the template has containers,
// a CronJob's `spec.jobTemplate.spec.template`), whether written as an
// L1 object, by a cdk8s-plus workload or read from YAML with Include. Indexed by namespace and by
// label pair, so matching S selectors against W templates costs about O(S + W).
import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';

/** @internal */
export interface PodTemplate {
  /** `Deployment test/web/Resource`, for messages */
  readonly description: string;
  readonly labels: Record<string, string>;
}

/** @internal */
export class WorkloadIndex {
  /** Indexes every workload below `root`. */
  public static of(root: IConstruct): WorkloadIndex {
    const index = new WorkloadIndex();
    for (const c of root.node.findAll()) {
      if (!(c instanceof ApiObject) || c.kind === 'Service') continue;
      let json: any;
      try {
        json = c.toJson();
      } catch {
        continue; // the object's own validation reports it
      }
      const labels = podTemplateLabels(json);
      if (!labels) continue;
      // a cdk8s-plus workload is the construct above its ApiObject `Resource`
      const owner = c.node.id === 'Resource' && c.node.scope ? c.node.scope : c;
      index.add(json?.metadata?.namespace ?? 'default', { description: `${c.kind} ${owner.node.path}`, labels });
    }
    return index;
  }

  /** How many workloads the app has, in all namespaces. */
  public size = 0;
  private readonly namespaces = new Map<string, { templates: PodTemplate[]; byPair: Map<string, PodTemplate[]> }>();

  private constructor() {}

  /** Whether a pod template of the namespace carries every label of the selector. */
  public matches(namespace: string, selector: Record<string, string>): boolean {
    const ns = this.namespaces.get(namespace);
    if (!ns) return false;
    const pairs = Object.entries(selector);
    if (pairs.length === 0) return ns.templates.length > 0;
    // the templates that carry the rarest pair of the selector, then check them in full
    let candidates: PodTemplate[] | undefined;
    for (const [k, v] of pairs) {
      const l = ns.byPair.get(pairKey(k, v));
      if (!l) return false;
      if (!candidates || l.length < candidates.length) candidates = l;
    }
    return candidates!.some(t => pairs.every(([k, v]) => t.labels[k] === v));
  }

  /** The pod templates of a namespace. */
  public templatesIn(namespace: string): readonly PodTemplate[] {
    return this.namespaces.get(namespace)?.templates ?? [];
  }

  private add(namespace: string, template: PodTemplate): void {
    let ns = this.namespaces.get(namespace);
    if (!ns) this.namespaces.set(namespace, ns = { templates: [], byPair: new Map() });
    ns.templates.push(template);
    for (const [k, v] of Object.entries(template.labels)) {
      const key = pairKey(k, v);
      let l = ns.byPair.get(key);
      if (!l) ns.byPair.set(key, l = []);
      l.push(template);
    }
    this.size++;
  }
}

function pairKey(k: string, v: string): string {
  return `${k}\u0000${v}`;
}

/** The labels of an object's pods, or undefined when the object has no pod template. @internal */
export function podTemplateLabels(json: any): Record<string, string> | undefined {
  if (!json || typeof json !== 'object') return undefined;
  if (json.kind === 'Pod' && (json.apiVersion === 'v1' || json.apiVersion === undefined)) return labelsOf(json.metadata);
  const template = json.spec?.template ?? json.spec?.jobTemplate?.spec?.template;
  if (!template || typeof template !== 'object') return undefined;
  // a custom resource's spec.template is a pod template only when it has containers
  if (!WORKLOAD_KINDS.has(json.kind) && !Array.isArray(template.spec?.containers)) return undefined;
  return labelsOf(template.metadata);
}

const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob']);

function labelsOf(metadata: any): Record<string, string> {
  const labels = metadata?.labels;
  return labels && typeof labels === 'object' ? labels : {};
}
