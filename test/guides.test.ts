import * as fs from 'fs';
import * as path from 'path';
import { run, typeCheck, typescriptBlocks } from './docs/code-blocks';

const docs = path.join(__dirname, '..', 'docs');
const guides = fs.readdirSync(docs).filter(f => f.endsWith('.md')).sort();
const blocks = guides.flatMap(f => typescriptBlocks(path.join(docs, f)));

test('the guides have TypeScript examples', () => {
  expect(guides).toEqual(expect.arrayContaining(['from-cdk8s-plus.md', 'metallb-migration.md', 'rules.md']));
  expect(blocks.length).toBeGreaterThanOrEqual(4);
});

test('every TypeScript block of docs/*.md compiles', () => {
  expect(typeCheck(blocks)).toEqual([]);
});

test.each(blocks.map(b => [`${b.file}:${b.line}`, b] as const))('%s synthesizes', (_where, block) => {
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  const outdir = run(block);
  warn.mockRestore();
  expect(fs.readdirSync(outdir).filter(f => f.endsWith('.yaml')).length).toBeGreaterThan(0);
});
