import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { run, typeCheck, typescriptBlocks } from './code-blocks';

function markdown(text: string): string {
  const f = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'md-')), 'doc.md');
  fs.writeFileSync(f, text);
  return f;
}

const good = [
  '# Doc', '', '```ts',
  "import { App, Chart } from 'cdk8s';",
  "import { ExternalNameService } from 'cdk8s-services';",
  'const app = new App();',
  "new ExternalNameService(new Chart(app, 'c'), 's', { metadata: { name: 'ext' }, externalName: 'example.com' });",
  'app.synth();',
  '```', '', '```bash', 'echo not typescript', '```', '',
].join('\n');

test('finds only TypeScript blocks, with their line', () => {
  const blocks = typescriptBlocks(markdown(good));
  expect(blocks).toHaveLength(1);
  expect(blocks[0].line).toBe(3);
  expect(blocks[0].code).toMatch(/^import \{ App, Chart \}/);
});

test('a block that does not compile is reported with its line', () => {
  const blocks = typescriptBlocks(markdown(good.replace("externalName: 'example.com'", 'externalName: 42')));
  const errors = typeCheck(blocks);
  expect(errors).toHaveLength(1);
  expect(errors[0]).toMatch(/doc\.md:7: Type 'number' is not assignable to type 'string'/);
});

test('a block runs and synthesizes into its own folder', () => {
  const outdir = run(typescriptBlocks(markdown(good))[0]);
  expect(fs.readdirSync(outdir)).toEqual(['c.k8s.yaml']);
});

test('a block that fails synth throws', () => {
  const bad = typescriptBlocks(markdown(good.replace("'example.com'", "'https://example.com'")))[0];
  expect(() => run(bad)).toThrow(/S4 spec\.externalName/);
});
