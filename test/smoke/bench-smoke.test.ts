// `npm run bench -- --smoke`: every section of the benchmark for a few seconds (its own short-lived local
// clouds), so the benchmark cannot rot unseen. The deterministic budgets (bundle size, capacity units,
// transitions, cost) are judged here as in a full run and a broken one fails this test; timings of a
// seconds-long run say nothing and are left unjudged (`npm run bench` judges them).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Row } from '../../bench/rows';

const root = path.resolve(__dirname, '../..');
const scratch = mkdtempSync(path.join(os.tmpdir(), 'khidma-bench-smoke-'));
let exitCode: number | null = null;
let stderr = '';
let rows: Row[] = [];

beforeAll(async () => {
  const out = path.join(scratch, 'results.json');
  exitCode = await new Promise<number | null>((resolve, reject) => {
    const bench = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'bench/run.ts'), '--smoke', '--out', out], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
    bench.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
    bench.once('error', reject);
    bench.once('exit', resolve);
  });
  if (!existsSync(out)) {
    throw new Error(`the bench exited with ${exitCode} and wrote no results:\n${stderr}`);
  }
  rows = (JSON.parse(readFileSync(out, 'utf8')) as { smoke: { rows: Row[] } }).smoke.rows;
  // A bound, not a wait: about 2 minutes on a quiet machine, near 4 under the load of other work.
}, 480_000);

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

test('runs to the end and keeps every budget it judges (exit 0), never a crash', () => {
  if (exitCode !== 0 && exitCode !== 1) {
    throw new Error(`the bench exited with ${exitCode}:\n${stderr}`);
  }
  expect(rows.filter((row) => row.verdict === 'FAIL').map((row) => `${row.section}: ${row.item} measured ${row.measured}, budget ${row.budget}`)).toEqual([]);
  expect(exitCode).toBe(0);
});

test('judges the deterministic budgets: the bundles it builds, capacity per operation and per application, transitions and cost', () => {
  const judged = (section: string) => rows.filter((row) => row.section === section && row.verdict !== 'info');
  expect(judged('Bundle').map((row) => row.item).sort()).toEqual(['agency-task-consumer', 'get-service', 'submit-application']);
  expect(judged('Capacity').length).toBeGreaterThan(1);
  expect(judged('Cost').map((row) => row.item)).toEqual(['Step Functions transitions per application', 'infrastructure per completed application']);
  expect([...judged('Bundle'), ...judged('Capacity'), ...judged('Cost')].filter((row) => row.verdict !== 'ok')).toEqual([]);
});

test('reports every section, and every fault figure', () => {
  expect([...new Set(rows.map((row) => row.section))]).toEqual(expect.arrayContaining(['Bundle', 'Cold load', 'API', 'Capacity', 'Cost', 'Fault']));
  expect(rows.filter((row) => row.section === 'Fault').map((row) => row.item)).toEqual([
    expect.stringMatching(/^poison message/),
    expect.stringMatching(/^duplicate-submission storm/),
    expect.stringMatching(/^crash and reconcile/),
  ]);
});

test('loses and duplicates nothing in the fault runs: a poison message, a duplicate storm, kills during submissions and decisions', () => {
  const faults = rows.filter((row) => row.section === 'Fault');
  expect(faults.filter((row) => row.verdict !== 'ok')).toEqual([]);
  expect(faults.find((row) => row.item.startsWith('crash and reconcile'))?.note).toMatch(/into \d+ submissions.*into \d+ decisions/);
});

test('no section failed to finish', () => {
  expect(rows.filter((row) => row.measured === 'did not finish')).toEqual([]);
});

test('measures what it meters: capacity of a submission, transitions of the workflow, each load run answered', () => {
  expect(rows.find((row) => row.item === 'POST /v1/applications' && row.section === 'Capacity')?.measured).toMatch(/[1-9][\d.]* WCU/);
  expect(Number(rows.find((row) => row.item === 'Step Functions transitions per application')?.measured)).toBeGreaterThan(0);
  // Answered at all, counted from the row's own tally: a run of one slow request rounds to "0 req/s" and still answered.
  const answered = rows.filter((row) => row.section === 'API').map((row) => ({ item: row.item, answered: Number(/(\d+) (?:requests|calls)\b/.exec(row.note ?? '')?.[1] ?? 0) }));
  expect(answered.length).toBeGreaterThan(0);
  expect(answered.filter((run) => run.answered === 0)).toEqual([]);
  // Every write route served in the run, with its round trips: the journey's and the tour's at least.
  const writes = rows.filter((row) => row.section === 'Write path');
  expect(writes.map((row) => row.item)).toEqual(expect.arrayContaining(['POST /v1/applications', 'POST /v1/tasks/{taskId}/decision', 'POST /v1/applications/{applicationId}/cancel']));
  expect(writes.find((row) => row.item === 'POST /v1/applications')?.measured).toMatch(/^[1-9][\d.]* DynamoDB calls per call \(at most \d+\)$/);
});

test('judges cold loads against a reference measured in the same run that makes the same AWS calls, and each read against its own raw request', () => {
  const cold = rows.filter((row) => row.section === 'Cold load');
  expect(cold.map((row) => row.measured)).toEqual(cold.map(() => expect.stringMatching(/^import \d+\.\d\d×, \+event \d+\.\d\d×$/)));
  // A submission's first event replays its DynamoDB calls and its workflow start.
  expect(Number(/(\d+) AWS call\(s\) replayed/.exec(cold.find((row) => row.item === 'submit-application')?.note ?? '')?.[1])).toBeGreaterThan(2);
  expect(rows.find((row) => row.section === 'API' && row.item === 'GET /v1/applications/{applicationId}')?.measured).toMatch(/% of Query of an application\)$/);
  expect(rows.find((row) => row.section === 'API' && row.item === 'GET /v1/services/{serviceId}')?.measured).toMatch(/% of GetItem\)$/);
});

test('reports the duplicate storm’s 5xx, judged', () => {
  expect(rows.find((row) => row.item.startsWith('duplicate-submission storm'))).toMatchObject({ measured: expect.stringMatching(/, 5xx 0$/), verdict: 'ok' });
});
