import { Chart, Testing } from 'cdk8s';
import { AppRegistry, appWideHooks } from '../../src/core/app-registry';

test('one registry per construct tree', () => {
  const app = Testing.app();
  const a = new Chart(app, 'a');
  expect(AppRegistry.of(a)).toBe(AppRegistry.of(app));
  expect(AppRegistry.of(new Chart(Testing.app(), 'b'))).not.toBe(AppRegistry.of(app));
});

test('memos are computed once until the app changes', () => {
  const r = AppRegistry.of(Testing.app());
  let runs = 0;
  const compute = () => ++runs;
  expect(r.memo('k', compute)).toBe(1);
  expect(r.memo('k', compute)).toBe(1);
  r.add('list', 'x');
  expect(r.memo('k', compute)).toBe(2);
  r.changed();
  expect(r.memo('k', compute)).toBe(3);
  expect(r.list('list')).toEqual(['x']);
  expect(r.list('none')).toEqual([]);
});

test('appWideHooks.onCompute sees each app-wide computation with its CPU time, not the remembered values', () => {
  const seen: Array<[string, number]> = [];
  appWideHooks.onCompute = (key, cpuMs) => seen.push([key, cpuMs]);
  try {
    const r = AppRegistry.of(new Chart(Testing.app(), 'hooked'));
    expect(r.memo('k', () => 1)).toBe(1);
    expect(r.memo('k', () => 2)).toBe(1); // remembered: not computed, not reported
    r.changed();
    expect(r.memo('k', () => 3)).toBe(3);
    expect(seen.slice(0, 2).map(([k]) => k)).toEqual(['k', 'k']);
    // a computation that burns CPU is reported with that CPU
    r.changed();
    r.memo('busy', () => {
      const t0 = process.cpuUsage();
      for (let t = t0; (t = process.cpuUsage(t0)).user + t.system < 20_000;);
      return 0;
    });
    expect(seen[2][0]).toBe('busy');
    expect(seen[2][1]).toBeGreaterThanOrEqual(20);
  } finally {
    appWideHooks.onCompute = undefined;
  }
});
