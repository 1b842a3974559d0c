import { MetalLbSelectorRequirement } from '../../src';
import { renderSelector, selectorMatches, selectorProblem } from '../../src/metallb/selector';

test('matching', () => {
  const s = { matchLabels: { zone: 'a' }, matchExpressions: [MetalLbSelectorRequirement.isIn('tier', ['web', 'api']), MetalLbSelectorRequirement.doesNotExist('legacy')] };
  expect(selectorMatches(s, { zone: 'a', tier: 'web' })).toBe(true);
  expect(selectorMatches(s, { zone: 'b', tier: 'web' })).toBe(false);
  expect(selectorMatches(s, { zone: 'a', tier: 'db' })).toBe(false);
  expect(selectorMatches(s, { zone: 'a', tier: 'web', legacy: '' })).toBe(false);
  expect(selectorMatches({ matchExpressions: [MetalLbSelectorRequirement.notIn('x', ['1']), MetalLbSelectorRequirement.exists('y')] }, { y: '' })).toBe(true);
  expect(selectorMatches({}, {})).toBe(true);
});

test('rendering and problems', () => {
  expect(renderSelector({ matchExpressions: [MetalLbSelectorRequirement.exists('k')] })).toEqual({ matchExpressions: [{ key: 'k', operator: 'Exists' }] });
  expect(selectorProblem({ matchExpressions: [MetalLbSelectorRequirement.notIn('k', [])] })).toMatch(/needs at least one value/);
  expect(selectorProblem({ matchLabels: { a: 'b' } })).toBeUndefined();
});
