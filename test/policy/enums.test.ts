import { PolicyRule, PolicySeverity } from '../../src/policy/enums';

test('rule ids are P1 to P12, in order, one per rule', () => {
  expect(Object.values(PolicyRule)).toEqual(Array.from({ length: 12 }, (_, i) => `P${i + 1}`));
});

test('rule names', () => {
  expect(Object.keys(PolicyRule)).toEqual([
    'EXTERNAL_IPS', 'NODE_PORT_SERVICES', 'LOAD_BALANCER_SERVICES', 'EXTERNAL_NAME_SERVICES', 'NODE_PORT_RANGE', 'CLUSTER_IP_RANGES',
    'EXTERNAL_NAME_TARGETS', 'DEFAULT_NAMESPACE', 'LOAD_BALANCER_SOURCE_RANGES', 'SELECTOR_MATCHES_NO_WORKLOAD', 'DUPLICATE_SELECTOR', 'NODE_PORT_LOCAL_TRAFFIC',
  ]);
});

test('severities', () => {
  expect(Object.values(PolicySeverity)).toEqual(['error', 'warning', 'off']);
});
