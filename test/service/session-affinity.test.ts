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

test.each([Duration.seconds(0), Duration.seconds(86401), Duration.millis(1500)])('fails S11: timeout %p', (d) => {
  expect(() => SessionAffinity.clientIp(d)).toThrow(/S11 sessionAffinityConfig\.clientIP\.timeoutSeconds/);
});
