// The bench's write-path rows: DynamoDB round trips per write route, served and refused calls apart.
import type { Invocation } from '../../bench/harness/meter';
import { writeCallsSection, writeRouteCalls } from '../../bench/sections/write-calls';

const call = (label: string, status: number, dbCalls: number, writeCapacity = 0, kind: Invocation['kind'] = 'http', ms = 10): Invocation => ({
  fn: 'f',
  kind,
  label,
  status,
  dbCalls,
  writeCapacity,
  readCapacity: 0,
  failedConditionalWrites: 0,
  ms,
  childMs: 0,
  dbMs: ms / 2,
  done: true,
});

test('averages served calls per write route, keeps refusals apart, and leaves reads and workers out', () => {
  const routes = writeRouteCalls([
    call('POST /v1/applications', 201, 3, 20),
    call('POST /v1/applications', 201, 4, 22, 'http', 30),
    call('POST /v1/applications', 409, 1),
    call('GET /v1/services', 200, 1),
    call('POST /v1/tasks/{taskId}/decision', 200, 3, 10),
    call('worker', 200, 9, 9, 'worker'),
  ]);
  expect(routes).toEqual([
    { route: 'POST /v1/applications', served: 2, refused: 1, dbCalls: 3.5, maxDbCalls: 4, writeCapacity: 21, ms: { p50: 20, p99: 30, dbP50: 10 }, refusedDbCalls: 1, refusedWriteCapacity: 0 },
    { route: 'POST /v1/tasks/{taskId}/decision', served: 1, refused: 0, dbCalls: 3, maxDbCalls: 3, writeCapacity: 10, ms: { p50: 10, p99: 10, dbP50: 5 }, refusedDbCalls: undefined, refusedWriteCapacity: undefined },
  ]);
});

test('a route only refused in the run says so', () => {
  const { rows } = writeCallsSection([call('DELETE /v1/x', 403, 1)]);
  expect(rows).toEqual([expect.objectContaining({ section: 'Write path', item: 'DELETE /v1/x', measured: 'not served in this run', verdict: 'info', note: '1 refused: 1 DynamoDB calls and 0 WCU each' })]);
});
