import { MetalLbSelectorOperator, MetalLbSelectorRequirement } from '../../src';
import { renderSelector, selectorListProblem, selectorMatches, selectorProblem } from '../../src/metallb/selector';

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

describe('M17: label selectors as Kubernetes and MetalLB check them', () => {
  const R = MetalLbSelectorRequirement;
  test('MetalLbSelectorRequirement.of takes any operator of the enum, as data', () => {
    const r = R.of({ key: 'tier', matchOperator: MetalLbSelectorOperator.NOT_IN, values: ['db'] });
    expect(renderSelector({ matchExpressions: [r] })).toEqual({ matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['db'] }] });
    expect(selectorMatches({ matchExpressions: [r] }, { tier: 'web' })).toBe(true);
    expect(R.isIn('a', ['b']).matchOperator).toBe(MetalLbSelectorOperator.IN);
  });

  test.each([
    ['a key that is not a qualified name', { matchLabels: { 'bad key': 'x' } }, /matchLabels key "bad key": a qualified name/],
    ['a label value with a space', { matchLabels: { zone: 'a b' } }, /matchLabels\["zone"\] "a b": a label value/],
    ['an expression key with two slashes', { matchExpressions: [R.exists('a/b/c')] }, /matchExpressions key "a\/b\/c": a qualified name/],
    ['an In value that is not a label value', { matchExpressions: [R.isIn('k', ['-x'])] }, /k In value "-x": a label value/],
    ['Exists with values', { matchExpressions: [R.of({ key: 'k', matchOperator: MetalLbSelectorOperator.EXISTS, values: ['v'] })] }, /k Exists: takes no values/],
    ['an unknown operator', { matchExpressions: [R.of({ key: 'k', matchOperator: 'Gt' as MetalLbSelectorOperator, values: ['1'] })] }, /operator "Gt": expected In, NotIn, Exists or DoesNotExist/],
    ['a value twice in one requirement', { matchExpressions: [R.isIn('k', ['a', 'a'])] }, /the value "a" twice/],
    ['the same requirement twice (values in any order)', { matchExpressions: [R.isIn('k', ['a', 'b']), R.isIn('k', ['b', 'a'])] }, /the same match expression twice/],
  ])('refuses %s', (_what, s, expected) => {
    expect(selectorProblem(s as any)).toMatch(expected);
  });

  test('the duplicate checks are MetalLB 0.13+ only: the legacy parser has none', () => {
    expect(selectorProblem({ matchExpressions: [R.isIn('k', ['a', 'a'])] }, false)).toBeUndefined();
    expect(selectorListProblem([{ matchLabels: { a: 'b' } }, { matchLabels: { a: 'b' } }], false)).toBeUndefined();
  });

  test('two equal selectors in one list are refused; the same expressions in another order are not equal', () => {
    expect(selectorListProblem([{ matchLabels: { a: 'b', c: 'd' } }, { matchLabels: { c: 'd', a: 'b' } }]))
      .toEqual({ index: 1, problem: 'a selector different from selector 0: MetalLB refuses the same selector twice in one list' });
    expect(selectorListProblem([{}, {}])?.index).toBe(1);
    expect(selectorListProblem([
      { matchExpressions: [R.exists('a'), R.exists('b')] },
      { matchExpressions: [R.exists('b'), R.exists('a')] },
    ])).toBeUndefined();
    expect(selectorListProblem([{ matchLabels: { ok: 'yes' } }, { matchLabels: { 'no way': 'x' } }])?.index).toBe(1);
  });

  test('a plain object where a requirement belongs is refused, not a crash', () => {
    expect(selectorProblem({ matchExpressions: ['k' as any] })).toMatch(/each a MetalLbSelectorRequirement/);
    expect(selectorProblem({ matchExpressions: [{ key: 'k', operator: 'In', values: ['a'] } as any] })).toMatch(/operator undefined/);
  });
});
