// One cold start, in a fresh `node` process: import the bundled handler, serve one event, report the times.
// Usage: node bench/cold-start.mjs <bundle.mjs> <event.json | -> <result.json>
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const [bundle, eventFile, resultFile] = process.argv.slice(2);
const event = eventFile === '-' ? undefined : JSON.parse(readFileSync(eventFile, 'utf8'));
const context = {
  functionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
  memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
  awsRequestId: 'cold-start',
  callbackWaitsForEmptyEventLoop: false,
  getRemainingTimeInMillis: () => 10_000,
};

const bootMs = performance.now();
const module = await import(pathToFileURL(bundle).href);
const importedMs = performance.now();
let outcome = 'no event';
if (event !== undefined) {
  try {
    const result = await module.handler(event, context);
    outcome = result?.statusCode !== undefined ? String(result.statusCode) : result?.batchItemFailures?.length ? `${result.batchItemFailures.length} failed` : 'ok';
  } catch (error) {
    outcome = `threw ${error?.name ?? 'a non-error'}`;
  }
}
const servedMs = performance.now();
writeFileSync(resultFile, JSON.stringify({ bootMs, importMs: importedMs - bootMs, firstEventMs: servedMs - bootMs, outcome }));
// Lambda freezes the sandbox here; keep-alive sockets must not hold the process.
process.exit(0);
