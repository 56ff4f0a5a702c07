// `npm run demo` tells whole journeys against the running local cloud (here the integration project's), to their end.
import { spawn } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');

function npmRun(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '-s', ...args], { cwd: root, env: { ...process.env, KHIDMA_LOCAL_DIR: process.env.KHIDMA_CLOUD_DIR } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

it('tells the vehicle journey, citizen to agencies to document, with each request and answer', async () => {
  const run = await npmRun(['demo']);
  expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
  expect(run.stdout).toMatch(/citizen: POST \/v1\/applications \{"serviceId":"vehicle-registration-renewal".*\n {3}← 201/);
  expect(run.stdout).toMatch(/officer-gam: POST \/v1\/tasks\/\w+\.fines-check\/decision \{"decision":"request-info"/);
  expect(run.stdout).toMatch(/officer-dvld: POST \/v1\/tasks\/\w+\.issue-registration\/decision \{"decision":"approve"\}\n {3}← 200/);
  expect(run.stdout).toMatch(/status approved; outcome \{"decision":"approved","documentId":"DOC-\w+"\}/);
  expect(run.stdout).toContain('Approved: Vehicle registration renewal');
  expect(run.stdout).toContain('Done: the "vehicle" journey ran to its end.');
}, 240_000);

it('tells the newborn life event to its eleventh approval and four documents', async () => {
  const run = await npmRun(['demo', '--', 'newborn']);
  expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
  expect(run.stdout.match(/\{"decision":"approve"\}\n {3}← 200/g)).toHaveLength(11);
  expect(run.stdout.match(/: approved, document DOC-\w+/g)).toHaveLength(4);
  expect(run.stdout).toContain('Done: the "newborn" journey ran to its end.');
}, 300_000);

it('lists its journeys, and refuses one it does not know', async () => {
  const help = await npmRun(['demo', '--', '--help']);
  expect(help.code).toBe(0);
  expect(help.stdout).toMatch(/vehicle .*\(default\)\n {2}newborn /);
  const unknown = await npmRun(['demo', '--', 'wedding']);
  expect(unknown.code).toBe(2);
  expect(unknown.stderr).toContain('no journey "wedding"');
});
