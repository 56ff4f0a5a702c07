// What README.md says about installing, the token command and the quick loops is true of package.json and the code.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const root = path.resolve(__dirname, '../..');
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8'));

it('states the Node version package.json requires', () => {
  const minimum = /^>=(\d+\.\d+)$/.exec(pkg.engines.node)?.[1];
  expect(readme).toContain(`Node ${minimum}+`);
  expect(readme).toContain(`\`engines\` says ${minimum} or later`);
});

it('runs aws-local-stepfunctions, which asks for Node 22, on this Node with the one polyfill it needs', async () => {
  expect(lock.packages['node_modules/aws-local-stepfunctions'].engines.node).toBe('>=22.0.0');
  await import('../../local/workflow-engine');
  const { promise, resolve } = (Promise as unknown as { withResolvers<T>(): { promise: Promise<T>; resolve(value: T): void } }).withResolvers<number>();
  resolve(7);
  await expect(promise).resolves.toBe(7);
});

it('decides, in allowScripts, on every install script in the lockfile', () => {
  const withScripts = Object.entries(lock.packages as Record<string, { hasInstallScript?: boolean }>)
    .filter(([, entry]) => entry.hasInstallScript)
    .map(([location]) => location.replace(/^.*node_modules\//, ''));
  expect(withScripts.filter((name) => !(name in pkg.allowScripts))).toEqual([]);
  expect(pkg.allowScripts).toEqual({ 'aws-sdk': false, esbuild: true });
});

it('documents the quick loops and the commands it names, and they exist', () => {
  for (const script of ['test:unit', 'test:integration', 'typecheck', 'demo', 'token']) {
    expect({ script, defined: script in pkg.scripts, documented: readme.includes(`npm run ${script}`) }).toEqual({ script, defined: true, documented: true });
  }
});

it('answers `npm run token -- --help` with its usage, saying how it finds the local cloud', async () => {
  const { stdout } = await promisify(execFile)('npm', ['run', '-s', 'token', '--', '--help'], { cwd: root });
  expect(stdout).toContain('usage: npm run -s token -- <username>');
  expect(stdout).toContain('.local/cloud.json');
  expect(stdout).toMatch(/^ {2}officer-dvld +officer/m);
}, 30_000);
