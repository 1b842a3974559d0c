// MetalLB's own install manifests (namespace, CRDs, RBAC, controller Deployment, speaker
// DaemonSet, webhook), as each release ships them. The objects are generated from the release's
// files in the Go module cache by build-tools/gen-metallb-install.js (src/generated/, with
// MetalLB's LICENSE, Apache-2.0); this file only places them in the app.
import { ApiObject, ApiObjectProps, Chart } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { fail, problem } from '../core/errors';

const DEFAULT_NAMESPACE = 'metallb-system';

/**
 * The kinds of a release's manifest that are left out, and why. PodSecurityPolicy
 * (policy/v1beta1, in MetalLB 0.12's manifest) was removed in Kubernetes 1.25; the library
 * targets 1.28 and later, where an API server refuses the object.
 */
const LEFT_OUT: Record<string, string> = {
  PodSecurityPolicy: 'policy/v1beta1 PodSecurityPolicy is not served from Kubernetes 1.25 on',
};

/** The releases whose manifests the library carries (`v0.12.1`, ...). @internal */
export function installableReleases(): string[] {
  return Object.keys(releases());
}

/**
 * Writes the install manifests of MetalLB `version` (as `vX.Y.Z`) for namespace `namespace`
 * below `scope` (in a new chart `metallb-install` when `scope` is not inside a chart).
 * @internal
 */
export function writeInstallManifests(scope: Construct, version: string, namespace: string): Construct {
  const load = releases()[version];
  if (!load) {
    fail(scope, problem('M0', 'version', version, `a MetalLB release whose install manifests the library carries (${installableReleases().join(', ')}) for MetalLb.install; set it with MetalLb.configure`));
  }
  const release = load();
  const host = insideChart(scope) ? new Construct(scope, 'metallb-install') : new Chart(scope, 'metallb-install');
  for (const original of release.objects) {
    if (LEFT_OUT[original.kind] !== undefined) continue;
    const obj = JSON.parse(JSON.stringify(original));
    if (namespace !== DEFAULT_NAMESPACE) renamespace(obj, namespace);
    new ApiObject(host, `${obj.kind}-${obj.metadata.name}`, obj as ApiObjectProps);
  }
  return host;
}

/** What `writeInstallManifests` leaves out of a release, kind -> reason. @internal */
export function leftOut(): Record<string, string> {
  return { ...LEFT_OUT };
}

function releases(): Record<string, () => { source: string[]; objects: any[] }> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('../generated/metallb-install') as typeof import('../generated/metallb-install')).RELEASES;
}

function insideChart(scope: IConstruct): boolean {
  for (let c: IConstruct | undefined = scope; c; c = c.node.scope) {
    if (Chart.isChart(c)) return true;
  }
  return false;
}

/** Moves a MetalLB object from metallb-system to `ns`: every `namespace` field and the Namespace itself. */
function renamespace(obj: any, ns: string): void {
  if (obj.kind === 'Namespace' && obj.metadata.name === DEFAULT_NAMESPACE) obj.metadata.name = ns;
  const visit = (v: any): void => {
    if (Array.isArray(v)) {
      v.forEach(visit);
    } else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (k === 'namespace' && x === DEFAULT_NAMESPACE) v[k] = ns;
        else visit(x);
      }
    }
  };
  visit(obj);
}
