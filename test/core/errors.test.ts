import { Chart, Testing } from 'cdk8s';
import { fail, problem, show, warn } from '../../src/core/errors';

test('problem names the rule, the field, the value and what is allowed', () => {
  expect(problem('S6', 'spec.ports[0].port', 70000, 'an integer from 1 to 65535'))
    .toBe('S6 spec.ports[0].port: got 70000; expected an integer from 1 to 65535');
  expect(show(undefined)).toBe('nothing');
  expect(show('x')).toBe('"x"');
  expect(show(['a'])).toBe('["a"]');
});

test('fail prefixes the construct path', () => {
  const c = new Chart(Testing.app(), 'chart');
  expect(() => fail(c, 'boom')).toThrow('[chart] boom');
});

test('warn prints once per app', () => {
  const spy = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  const c = new Chart(Testing.app(), 'chart');
  warn(c, 'careful');
  warn(c, 'careful');
  expect(spy).toHaveBeenCalledTimes(1);
  expect(spy).toHaveBeenCalledWith('warning: [chart] careful');
  warn(new Chart(Testing.app(), 'chart'), 'careful');
  expect(spy).toHaveBeenCalledTimes(2);
  spy.mockRestore();
});
