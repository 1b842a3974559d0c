import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';
import { run, typeCheck, typescriptBlocks } from './docs/code-blocks';

const blocks = typescriptBlocks(path.join(__dirname, '..', 'README.md'));

test('the README has TypeScript examples', () => {
  expect(blocks.length).toBeGreaterThanOrEqual(4);
});

test('every README TypeScript block compiles', () => {
  expect(typeCheck(blocks)).toEqual([]);
});

test.each(blocks.map(b => [`README.md:${b.line}`, b] as const))('%s synthesizes', (_where, block) => {
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  const outdir = run(block);
  warn.mockRestore();
  const files = fs.readdirSync(outdir).filter(f => f.endsWith('.yaml'));
  expect(files.length).toBeGreaterThan(0);
  const objects = files.flatMap(f => YAML.parseAllDocuments(fs.readFileSync(path.join(outdir, f), 'utf-8')).map(d => d.toJSON()));
  expect(objects.some(o => o?.kind === 'Service')).toBe(true);
});
