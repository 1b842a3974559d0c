// `.ci/run` says what happened: a run with a failing test ends with `ci: N passed, K failed`,
// K >= 1, and a non-zero exit status (issue 13, "CI and tests that say what happened").
import * as childProcess from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.join(__dirname, '..', '..');

function ci(env: Record<string, string>): { status: number | null; out: string } {
  const r = childProcess.spawnSync('bash', [path.join(ROOT, '.ci', 'run')], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 10 * 60_000,
  });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

function closingLine(out: string): string {
  const lines = out.trimEnd().split('\n');
  return lines.filter(l => l.startsWith('ci: ') && / passed, \d+ failed$/.test(l)).pop() ?? `(no closing line; output ended with: ${lines.slice(-5).join(' | ')})`;
}

test('a failing jest test: the closing line counts it and the run exits non-zero', () => {
  const { status, out } = ci({
    CI_STEPS: 'test',
    CI_JEST_ARGS: '--testMatch <rootDir>/test/fixtures/ci/*.fixture.ts --coverage=false',
  });
  // the fixture has one passing and one failing test
  expect(closingLine(out)).toBe('ci: 1 passed, 1 failed');
  expect(out).toMatch(/::: test: FAILED \(exit status [1-9][0-9]*\) in \d+ s/);
  expect(status).not.toBe(0);
}, 10 * 60_000);

test('a failing step without tests is counted, and the run still ends with the closing line', () => {
  const { status, out } = ci({ CI_STEPS: 'tools no-such-step' });
  expect(out).toContain("CI_STEPS names an unknown step 'no-such-step'");
  expect(closingLine(out)).toMatch(/^ci: 0 passed, [1-9][0-9]* failed$/);
  expect(status).not.toBe(0);
});

/** A folder of stand-ins for go, java, mvn and python3 that report the given versions. */
function fakeTools(versions: { go: string; java: string; python: string }): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ci-tools-'));
  const tool = (name: string, script: string) => fs.writeFileSync(path.join(dir, name), `#!/bin/sh\n${script}\n`, { mode: 0o755 });
  tool('go', `echo go${versions.go}`);
  tool('java', `echo 'openjdk version "${versions.java}" 2025-01-01' >&2`);
  tool('mvn', 'echo "Apache Maven 3.9.0"');
  tool('python3', `echo ${versions.python}`);
  return dir;
}

test('tool versions are checked with a clear message: too old fails the tools step', () => {
  const bin = fakeTools({ go: '1.21.4', java: '11.0.2', python: '2.7.18' });
  const { status, out } = ci({ CI_STEPS: 'tools', PATH: `${bin}${path.delimiter}${process.env.PATH}` });
  expect(out).toMatch(/^ci: Go 1\.21\.4 is too old: e2e\/apiserver\/go\.mod asks for go \d+\.\d+/m);
  expect(out).toContain('ci: Java 11.0.2 is too old: the Java binding needs Java 17 or newer');
  expect(out).toContain('ci: python3 is Python 2.7.18: the Python binding needs Python 3');
  expect(out).toMatch(/::: tools: FAILED \(exit status 1\) in \d+ s/);
  expect(closingLine(out)).toBe('ci: 0 passed, 1 failed');
  expect(status).toBe(1);
});

test('tool versions new enough: ci: 1 passed, 0 failed, exit 0', () => {
  const bin = fakeTools({ go: '1.99.0', java: '21.0.1', python: '3.12.1' });
  const { status, out } = ci({ CI_STEPS: 'tools', PATH: `${bin}${path.delimiter}${process.env.PATH}` });
  expect(out).toMatch(/^node \S+ \(need 20 or newer\): ok$/m);
  expect(out).toMatch(/^go 1\.99\.0 \(e2e\/apiserver\/go\.mod asks for go \S+\): ok$/m);
  expect(out).toMatch(/^java 21\.0\.1 \(need 17 or newer\): ok$/m);
  expect(out).toMatch(/^python3 3\.12\.1: ok$/m);
  expect(out).toMatch(/::: tools: passed in \d+ s/);
  expect(closingLine(out)).toBe('ci: 1 passed, 0 failed');
  expect(status).toBe(0);
});
