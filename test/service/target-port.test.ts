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

test.each(['', 'HTTP', '-http', 'http-', 'http--alt', '1234', 'a-sixteen-chars-'])('fails S8: %p is not an IANA service name', (name) => {
  expect(() => TargetPort.fromName(name)).toThrow(/S8 targetPort: got .*; expected an IANA service name/);
});

test.each([0, 65536, 1.5])('fails S8: %p is not a port number', (n) => {
  expect(() => TargetPort.fromNumber(n)).toThrow(/S8 targetPort: got .*; expected an integer from 1 to 65535/);
});
