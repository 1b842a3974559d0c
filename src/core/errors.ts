import { IConstruct } from 'constructs';

/** Renders a received value for an error message. */
export function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === undefined) return 'nothing';
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** `S6 spec.ports[0].port: got 70000; expected an integer from 1 to 65535` */
export function problem(rule: string, field: string, value: unknown, expected: string): string {
  return `${rule} ${field}: got ${show(value)}; expected ${expected}`;
}

/** The construct's path as errors show it; the app itself (no path) is `App`. */
export function pathOf(scope: IConstruct): string {
  return scope.node.path || 'App';
}

/** Throws right away (constructor-time checks): nothing has been written yet. */
export function fail(scope: IConstruct, message: string): never {
  throw new Error(`[${pathOf(scope)}] ${message}`);
}

const printed = new WeakMap<IConstruct, Set<string>>();

/** Prints a warning once per app (validation may run more than once). */
export function warn(scope: IConstruct, message: string): void {
  const line = `[${pathOf(scope)}] ${message}`;
  const root = scope.node.root;
  let seen = printed.get(root);
  if (!seen) printed.set(root, seen = new Set());
  if (seen.has(line)) return;
  seen.add(line);
  // eslint-disable-next-line no-console
  console.warn(`warning: ${line}`);
}
