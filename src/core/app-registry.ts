import { IConstruct } from 'constructs';

/**
 * App-wide state for the checks that need the whole app in view (node-port collisions, MetalLB
 * pools). One per construct tree root. Derived indexes are built at most once per change of the
 * app, so N Services validating against them cost O(N) in total, not O(N^2).
 *
 * @internal
 */
export class AppRegistry {
  public static of(scope: IConstruct): AppRegistry {
    // the root, found without `node.root` (which builds the array of every scope on each call)
    let root = scope;
    for (let up = scope.node.scope; up; up = up.node.scope) root = up;
    let r = registries.get(root);
    if (!r) {
      r = new AppRegistry(root);
      registries.set(root, r);
    }
    return r;
  }

  private version_ = 0;
  private readonly memos = new Map<string, { version: number; value: unknown }>();
  private readonly lists = new Map<string, unknown[]>();

  private constructor(public readonly root: IConstruct) {}

  /** Changes whenever something app-wide checks depend on changes. */
  public get version(): number {
    return this.version_;
  }

  /** Something that app-wide checks depend on has changed. */
  public changed(): void {
    this.version_++;
  }

  /** Adds a member to a named app-wide list (e.g. all node-port Services). */
  public add<T>(list: string, member: T): void {
    let l = this.lists.get(list);
    if (!l) {
      l = [];
      this.lists.set(list, l);
    }
    l.push(member);
    this.version_++;
  }

  public list<T>(list: string): readonly T[] {
    return (this.lists.get(list) ?? []) as T[];
  }

  /** A value derived from the app, computed again only after the app changed. */
  public memo<T>(key: string, compute: () => T): T {
    const m = this.memos.get(key);
    if (m && m.version === this.version_) return m.value as T;
    const hook = appWideHooks.onCompute;
    let value: T;
    if (hook) {
      const t0 = process.cpuUsage();
      value = compute();
      const t = process.cpuUsage(t0);
      hook(key, (t.user + t.system) / 1000);
    } else {
      value = compute();
    }
    this.memos.set(key, { version: this.version_, value });
    return value;
  }
}

/**
 * Observes the app-wide computations (every `memo` computation: MetalLB errors, node-port owners,
 * ...): `onCompute(key, cpuMs)` after each, with the CPU time it took. The benchmark measures
 * the app-wide checks' share from here (bench/programs/metallb.js). Not part of the API.
 *
 * @internal
 */
export const appWideHooks: { onCompute?: (key: string, cpuMs: number) => void } = {};

/**
 * The one switch for every app-wide check: the checks that look at the whole app at validation
 * time rather than at one construct. Each of them consults it:
 *
 * - A2 (a node port used by two Services: the app-wide node-port index, `service/node-ports.ts`);
 * - MetalLB's app-wide checks (M2-M5, M7, M8 profile references, M10-M16, M18, M19,
 *   `metallb/checks.ts`);
 * - the ServicePolicy evaluation of the app (one pass over every Service, `policy/service-policy.ts`);
 * - G3 (another headless Service of the namespace selecting the same pods, `service/stateful-set.ts`).
 *
 * On by default. Not part of the API: the benchmark turns it off (bench/run.js,
 * `BENCH_METALLB_NOCHECKS_SET`) to measure what the app-wide checks cost. The checks of one
 * construct (syntax, ranges, A1, A4, ...) do not consult it.
 *
 * @internal
 */
export const appWideChecks: { enabled: boolean } = { enabled: true };

const registries = new WeakMap<IConstruct, AppRegistry>();
