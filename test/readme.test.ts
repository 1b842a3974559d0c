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

test('"Use it in your app" comes right after the title: npm install, an app, cdk8s synth', () => {
  const text = fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf-8');
  const sections = text.split('\n').filter(l => l.startsWith('## '));
  expect(sections[0]).toBe('## Use it in your app');
  const first = text.slice(text.indexOf('## Use it in your app'), text.indexOf(sections[1]));
  expect(first).toContain('npm install cdk8s-services');
  expect(first).toMatch(/^cdk8s synth/m);
  // the app of that section: a NodePortService whose backend is a cdk8s-plus-33 Deployment
  const block = blocks.find(b => b.code.includes("from 'cdk8s-plus-33'"))!;
  expect(first).toContain(block.code);
  const objects = synthesized(block);
  const deployment = objects.find(o => o.kind === 'Deployment');
  const service = objects.find(o => o.kind === 'Service');
  expect(service.spec.type).toBe('NodePort');
  expect(service.spec.selector).toEqual(deployment.spec.selector.matchLabels);
  // the contributor quick start stays
  expect(text).toContain('npm ci && npm run synth\nnpm run test:all');
});

test('the StatefulSet example writes one headless Service, the one the set names', () => {
  const block = blocks.find(b => b.code.includes('governStatefulSet'))!;
  const objects = synthesized(block);
  const services = objects.filter(o => o.kind === 'Service');
  expect(services).toHaveLength(1);
  expect(services[0].spec.clusterIP).toBe('None');
  expect(objects.find(o => o.kind === 'StatefulSet').spec.serviceName).toBe(services[0].metadata.name);
});

function synthesized(block: (typeof blocks)[number]): any[] {
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  const outdir = run(block);
  warn.mockRestore();
  return fs.readdirSync(outdir).filter(f => f.endsWith('.yaml'))
    .flatMap(f => YAML.parseAllDocuments(fs.readFileSync(path.join(outdir, f), 'utf-8')).map(d => d.toJSON()));
}
