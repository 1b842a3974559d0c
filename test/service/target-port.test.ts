import { TargetPort } from '../../src';

test('a number', () => {
  const t = TargetPort.fromNumber(8080);
  expect(t.portNumber).toBe(8080);
  expect(t.portName).toBeUndefined();
  expect(t.toString()).toBe('8080');
});

test('a name', () => {
  const t = TargetPort.fromName('http-alt');
  expect(t.portName).toBe('http-alt');
  expect(t.portNumber).toBeUndefined();
  expect(t.toString()).toBe('http-alt');
});

test('a bad value is not an error until a Service uses it (the Service names its path and field)', () => {
  expect(TargetPort.fromName('HTTP').portName).toBe('HTTP');
  expect(TargetPort.fromNumber(0).portNumber).toBe(0);
});
