import { goDuration } from '../../src/metallb/duration';

test('durations as Go prints them', () => {
  expect(goDuration(0)).toBe('0s');
  expect(goDuration(30)).toBe('30s');
  expect(goDuration(90)).toBe('1m30s');
  expect(goDuration(120)).toBe('2m0s');
  expect(goDuration(3600)).toBe('1h0m0s');
  expect(goDuration(3725)).toBe('1h2m5s');
});
