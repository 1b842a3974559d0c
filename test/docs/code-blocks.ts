// Compiles and runs the TypeScript code blocks of a Markdown file, as a user would paste them:
// `cdk8s-services` is this repo's source, `app.synth()` writes into a temporary folder.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';

const ROOT = path.resolve(__dirname, '..', '..');

export interface CodeBlock {
  readonly file: string;
  readonly line: number;
  readonly code: string;
}

/** The ```ts / ```typescript blocks of a Markdown file. */
export function typescriptBlocks(markdownFile: string): CodeBlock[] {
  const lines = fs.readFileSync(markdownFile, 'utf-8').split('\n');
  const blocks: CodeBlock[] = [];
  let start = -1;
  let fence = '';
  for (let i = 0; i < lines.length; i++) {
    const m = /^(\s*)```(\w*)/.exec(lines[i]);
    if (start < 0 && m && (m[2] === 'ts' || m[2] === 'typescript')) {
      start = i + 1;
      fence = m[1];
    } else if (start >= 0 && lines[i].trim() === '```') {
      const code = lines.slice(start, i).map(l => l.startsWith(fence) ? l.slice(fence.length) : l).join('\n');
      blocks.push({ file: path.relative(ROOT, markdownFile), line: start, code });
      start = -1;
    }
  }
  return blocks;
}

function rewrite(code: string): string {
  return code.replace(/from 'cdk8s-services'/g, `from ${JSON.stringify(path.join(ROOT, 'src'))}`);
}

/** Type-checks all blocks as one program; returns the diagnostics as text. */
export function typeCheck(blocks: CodeBlock[]): string[] {
  const dir = fs.mkdtempSync(path.join(ROOT, 'test', '.blocks-'));
  try {
    const files = blocks.map((b, i) => {
      const f = path.join(dir, `block${i}.ts`);
      // each block is its own module
      fs.writeFileSync(f, rewrite(b.code) + '\nexport {};\n');
      return f;
    });
    const options: ts.CompilerOptions = {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.Node16,
      moduleResolution: ts.ModuleResolutionKind.Node16,
      strict: true,
      noEmit: true,
      esModuleInterop: true,
      skipLibCheck: true,
      types: ['node'],
      typeRoots: [path.join(ROOT, 'node_modules', '@types')],
    };
    const program = ts.createProgram(files, options);
    return ts.getPreEmitDiagnostics(program)
      .filter(d => d.file && files.includes(path.resolve(d.file.fileName)))
      .map(d => {
        const i = files.indexOf(path.resolve(d.file!.fileName));
        const { line } = d.file!.getLineAndCharacterOfPosition(d.start ?? 0);
        return `${blocks[i].file}:${blocks[i].line + line + 1}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
      });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs one block; `app.synth()` writes into the returned folder. */
export function run(block: CodeBlock): string {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'block-'));
  const js = ts.transpileModule(rewrite(block.code), {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  }).outputText;
  const before = process.env.CDK8S_OUTDIR;
  process.env.CDK8S_OUTDIR = outdir;
  try {
    const fn = new Function('require', 'module', 'exports', js);
    const mod = { exports: {} };
    fn(require, mod, mod.exports);
  } finally {
    if (before === undefined) delete process.env.CDK8S_OUTDIR;
    else process.env.CDK8S_OUTDIR = before;
  }
  return outdir;
}
