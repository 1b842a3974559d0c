import { kube } from '../../src/core/kube';

test('the generated k8s@1.28.0 import is loaded once, on demand', () => {
  const k = kube();
  expect(k.KubeService.GVK).toEqual({ apiVersion: 'v1', kind: 'Service' });
  expect(kube()).toBe(k);
});
