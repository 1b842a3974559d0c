import { MetalLbVersion } from '../../src/metallb/version';

test('parsing and comparing', () => {
  const v = MetalLbVersion.parse('v0.14.9')!;
  expect(v.toString()).toBe('v0.14.9');
  expect(v.atLeast('0.14.9')).toBe(true);
  expect(v.atLeast('0.14.10')).toBe(false);
  expect(MetalLbVersion.parse('0.13')!.toString()).toBe('v0.13.0');
  expect(MetalLbVersion.parse('1.0.0')!.toString()).toBe('v1.0.0');
  expect(MetalLbVersion.parse('1.0.0')!.unsupported()).toMatch(/too new/);
  expect(MetalLbVersion.parse('latest')).toBeUndefined();
});

test('format and annotation prefix by version', () => {
  expect(MetalLbVersion.parse('0.12.1')!.legacy).toBe(true);
  expect(MetalLbVersion.parse('0.13.0')!.legacy).toBe(false);
  expect(MetalLbVersion.parse('0.14.8')!.annotationPrefix).toBe('metallb.universe.tf/');
  expect(MetalLbVersion.parse('0.14.9')!.annotationPrefix).toBe('metallb.io/');
});
