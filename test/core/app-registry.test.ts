import { Chart, Testing } from 'cdk8s';
import { AppRegistry } from '../../src/core/app-registry';

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
