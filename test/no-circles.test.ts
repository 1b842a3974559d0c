// No import circles in src/: dependencies run one way. The same check as
// `npx madge --circular --extensions ts src`, through madge's API, so `npx projen test` fails on a
// circle. src/imports/ is generated and left out.
import * as path from 'path';

interface MadgeResult {
  circular(): string[][];
  obj(): Record<string, string[]>;
}
// madge ships no type declarations
// eslint-disable-next-line @typescript-eslint/no-require-imports
const madge: (paths: string | string[], config: object) => Promise<MadgeResult> = require('madge');

const SRC = path.join(__dirname, '..', 'src');

async function circlesIn(dir: string): Promise<{ circles: string[][]; files: string[] }> {
  const result = await madge(dir, {
    baseDir: dir,
    fileExtensions: ['ts'],
    excludeRegExp: [/^imports[\\/]/],
    detectiveOptions: { ts: { skipTypeImports: false, mixedImports: true } },
  });
  return { circles: result.circular(), files: Object.keys(result.obj()) };
}

jest.setTimeout(120_000);

test('no import circle in src/ (madge --circular)', async () => {
  const { circles, files } = await circlesIn(SRC);
  // the check saw the sources, not an empty graph
  expect(files).toEqual(expect.arrayContaining(['index.ts', 'policy/service-policy.ts', 'policy/evaluate.ts', 'service/service-base.ts', 'metallb/pool.ts', 'core/app-registry.ts']));
  const shown = circles.map(c => `${c.join(' > ')} > ${c[0]}`);
  expect(shown).toEqual([]);
});

test('a circle is found (the check can fail)', async () => {
  const result = await madge(path.join(__dirname, 'fixtures', 'circle'), { fileExtensions: ['ts'] });
  expect(result.circular()).toEqual([['a.ts', 'b.ts']]);
});
