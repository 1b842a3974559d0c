import { Duration } from 'cdk8s';
import { SessionAffinity } from '../../src';

test('none', () => {
  expect(SessionAffinity.none()).toMatchObject({ mode: 'None', timeoutSeconds: undefined });
});

test('clientIp without a timeout keeps the cluster default', () => {
  expect(SessionAffinity.clientIp()).toMatchObject({ mode: 'ClientIP', timeoutSeconds: undefined });
});

test('clientIp with the bounds', () => {
  expect(SessionAffinity.clientIp(Duration.seconds(1)).timeoutSeconds).toBe(1);
  expect(SessionAffinity.clientIp(Duration.days(1)).timeoutSeconds).toBe(86400);
});

test('a bad timeout is not an error until a Service uses it (the Service names its path and field)', () => {
  expect(SessionAffinity.clientIp(Duration.days(2)).timeoutSeconds).toBe(172800);
});
