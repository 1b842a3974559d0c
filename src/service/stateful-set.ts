// The governing Service of a StatefulSet (`spec.serviceName`): the headless Service that gives
// each pod of the set its DNS name. A cdk8s-plus StatefulSet makes a headless Service of its own;
// when a ClusterIpService governs the set, that one is removed and the set names ours, so that
// exactly one headless Service selects the set's pods.
import { ApiObject, JsonPatch } from 'cdk8s';
import { IConstruct } from 'constructs';
import { workloadApiObject } from './workload-object';
import { appWideChecks } from '../core/app-registry';
import { pathOf, problem, show } from '../core/errors';

/** StatefulSet ApiObject -> the Service that governs it */
const governors = new WeakMap<ApiObject, IConstruct>();

/** What a governing Service needs to know of itself. @internal */
export interface GoverningService extends IConstruct {
  readonly name: string;
  readonly headless: boolean;
  readonly metadata: { readonly namespace?: string };
  readonly selector: { [key: string]: string };
}

/**
 * Makes `service` the governing Service of `statefulSet`; returns the set's ApiObject, or throws
 * (nothing is changed then).
 * @internal
 */
export function governStatefulSet(service: GoverningService, statefulSet: IConstruct): ApiObject {
  if (!service.headless) {
    throw new Error(problem('G1', 'spec.clusterIP', 'a cluster IP', `None to govern StatefulSet ${statefulSet.node.path}: a StatefulSet's governing Service is headless (headless: true)`));
  }
  const set = workloadApiObject(statefulSet);
  if (!set || set.kind !== 'StatefulSet') {
    throw new Error(problem('G1', 'governStatefulSet(statefulSet)', `${set?.kind ?? 'a construct'} ${statefulSet.node.path}`,
      'a StatefulSet: a cdk8s-plus StatefulSet, a KubeStatefulSet or an ApiObject of kind StatefulSet'));
  }
  const setNamespace = set.metadata.namespace ?? 'default';
  const ownNamespace = service.metadata.namespace ?? 'default';
  if (setNamespace !== ownNamespace) {
    throw new Error(problem('G1', 'metadata.namespace', ownNamespace,
      `the namespace of StatefulSet ${statefulSet.node.path} (${setNamespace}): spec.serviceName names a Service of the set's own namespace`));
  }
  const before = governors.get(set);
  if (before !== undefined && before !== service) {
    throw new Error(problem('G1', 'governStatefulSet(statefulSet)', statefulSet.node.path,
      `a StatefulSet no other Service governs: ${pathOf(before)} already does (a set has one spec.serviceName)`));
  }
  governors.set(set, service);
  // cdk8s-plus's StatefulSet made its own headless Service, as its child `service`: ours replaces it
  const own = (statefulSet as { service?: unknown }).service as IConstruct | undefined;
  if (own !== undefined && own !== service && own.node?.scope === statefulSet) {
    statefulSet.node.tryRemoveChild(own.node.id);
  }
  set.addJsonPatch(JsonPatch.add('/spec/serviceName', service.name));
  // the Service is written before the set, as cdk8s-plus does with its own
  set.node.addDependency(service);
  return set;
}

/**
 * G2: the governing Service selects the pods of the set (an error otherwise: they would get no
 * DNS names). The set is read as written, so pod labels added later count.
 * @internal
 */
export function checkGoverned(service: GoverningService, set: ApiObject, errors: string[]): void {
  const labels: Record<string, string> = set.toJson()?.spec?.template?.metadata?.labels ?? {};
  const selector = service.selector;
  const missing = Object.entries(selector).filter(([k, v]) => labels[k] !== v);
  if (Object.keys(selector).length === 0 || missing.length > 0) {
    errors.push(problem('G2', 'spec.selector', selector,
      `labels that the pods of StatefulSet ${set.node.path} carry (${show(labels)}), so that its pods get their DNS names: `
      + 'pass backend: ServiceBackend.fromWorkload(statefulSet)'));
  }
}

/**
 * G3: another headless Service of the namespace selects the same pods (one selector holds the
 * other): a warning, since DNS then has two names for the pods and a StatefulSet is governed by
 * one of them only. App-wide: skipped when `appWideChecks` is off.
 * @internal
 */
export function warnDuplicateHeadless(service: GoverningService & ApiObject, warn: (message: string) => void): void {
  if (!appWideChecks.enabled) return;
  const selector = service.selector;
  if (Object.keys(selector).length === 0) return;
  const namespace = service.metadata.namespace ?? 'default';
  for (const other of service.node.root.node.findAll()) {
    if (other === service || !ApiObject.isApiObject(other) || other.kind !== 'Service' || other.apiVersion !== 'v1') continue;
    let json: any;
    try {
      json = other.toJson();
    } catch {
      continue; // its own validation reports it
    }
    if (json?.spec?.clusterIP !== 'None' || (json.metadata?.namespace ?? 'default') !== namespace) continue;
    const theirs: Record<string, string> = json.spec.selector ?? {};
    if (Object.keys(theirs).length === 0) continue;
    if (holds(selector, theirs) || holds(theirs, selector)) {
      const owner = other.node.id === 'Resource' && other.node.scope ? other.node.scope : other;
      warn(`G3 spec.selector: headless Service ${pathOf(owner)} (${json.metadata?.name}) selects the same pods (${show(theirs)}); `
        + 'a StatefulSet is governed by one headless Service (spec.serviceName): make one the governing Service with '
        + 'governStatefulSet() and drop the other');
    }
  }
}

/** Whether every pair of `b` is in `a`. */
function holds(a: Record<string, string>, b: Record<string, string>): boolean {
  return Object.entries(b).every(([k, v]) => a[k] === v);
}
