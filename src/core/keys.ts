// Unknown keys in a struct the library receives. TypeScript keeps them out at compile time;
// JavaScript callers and casts do not, and a key the library does not read would be dropped
// without a word. (From the jsii languages, the kernel's struct deserializer already keeps only
// the struct's own keys: a Python dict in a list of structs loses `node_port` before it gets
// here; bindings/python/dicts.py measures that.)
import { IConstruct } from 'constructs';
import { fail, problem } from './errors';

/** Every key of a struct, checked by the compiler against its interface. */
export type KeysOf<T> = { readonly [K in keyof Required<T>]: true };

/** `node_port` -> `nodePort` */
function camel(key: string): string {
  return key.replace(/[_-]+([a-zA-Z0-9])/g, (_m, c: string) => c.toUpperCase());
}

function distance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_v, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length];
}

/** The known key closest to `key` (case, `_` and `-` ignored first), if any is close. */
export function nearestKey(key: string, known: readonly string[]): string | undefined {
  const norm = (k: string) => camel(k).toLowerCase();
  const exact = known.find(k => norm(k) === norm(key));
  if (exact) return exact;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const k of known) {
    const d = distance(norm(key), norm(k));
    if (d < bestDistance) {
      best = k;
      bestDistance = d;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(key.length / 3)) ? best : undefined;
}

/**
 * Fails on the first key of `given` that `known` (or `tolerated`) does not list (rule K1), naming
 * the key and the nearest known one. `given` that is not an object is left to the caller's own
 * checks.
 */
export function checkKeys<T>(
  scope: IConstruct | undefined, field: string, structName: string, given: T | undefined, known: KeysOf<T>, tolerated: readonly string[] = [],
): void {
  if (given === undefined || given === null || typeof given !== 'object' || Array.isArray(given)) return;
  // class instances (a TargetPort, a MetalLbPool) are not structs
  const proto = Object.getPrototypeOf(given);
  if (proto !== Object.prototype && proto !== null) return;
  const keys = Object.keys(given as object);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    if (key in known || tolerated.includes(key)) continue;
    const names = Object.keys(known);
    const near = nearestKey(key, names);
    const message = problem('K1', field, key,
      `a key of ${structName}${near ? `: did you mean "${near}"?` : ''} (known: ${names.join(', ')}); an unknown key would be dropped without a word`);
    if (scope) fail(scope, message);
    throw new Error(message);
  }
}
