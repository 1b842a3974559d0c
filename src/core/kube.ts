// The generated Kubernetes 1.28 import is 1.2 MB of JavaScript: it is loaded the first time a
// Service is created, not when the library is required.
import type * as k8s from '../imports/k8s';

let loaded: typeof k8s | undefined;

/** The generated k8s@1.28.0 module, loaded on first use. */
export function kube(): typeof k8s {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return loaded ??= require('../imports/k8s') as typeof k8s;
}
