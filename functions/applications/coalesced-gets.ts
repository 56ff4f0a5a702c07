// A DynamoDB document client whose GetItem requests made together (in the same turn of the event loop, e.g.
// under one Promise.all) go as one BatchGetItem: the submission reads its service card, the rollout schedule,
// the working calendar and the applicant's record in one round trip through adapters that each send a GetCommand.
import { ServiceUnavailable } from '../shared/errors';
import { BatchGetCommand, type BatchGetCommandOutput, type DynamoDBDocumentClient, GetCommand, type GetCommandInput } from '@aws-sdk/lib-dynamodb';

interface Pending {
  readonly input: GetCommandInput;
  resolve(output: { Item?: Record<string, unknown> }): void;
  reject(error: unknown): void;
}

/** Unprocessed keys are asked again with backoff (25 ms doubling, at most 1 s), this many times in all. */
const MAX_ATTEMPTS = 8;

const sameKey = (key: Record<string, unknown>, item: Record<string, unknown>) => Object.entries(key).every(([name, value]) => item[name] === value);

export function coalescedGets(client: DynamoDBDocumentClient): DynamoDBDocumentClient {
  let queue: Pending[] = [];

  async function flush(): Promise<void> {
    const batch = queue;
    queue = [];
    if (batch.length === 1) {
      const [only] = batch;
      client.send(new GetCommand(only!.input)).then(only!.resolve, only!.reject);
      return;
    }
    try {
      const found = await batchGet(client, batch);
      for (const pending of batch) {
        pending.resolve({ Item: found.find((entry) => entry.table === pending.input.TableName && sameKey(pending.input.Key!, entry.item))?.item });
      }
    } catch (error) {
      batch.forEach((pending) => pending.reject(error));
    }
  }

  const send = (command: unknown, ...rest: unknown[]) => {
    // Only plain key reads are combined (a projection or a per-request option goes alone).
    if (command instanceof GetCommand && !command.input.ProjectionExpression && rest.length === 0) {
      return new Promise((resolve, reject) => {
        queue.push({ input: command.input, resolve, reject });
        if (queue.length === 1) {
          setImmediate(() => void flush());
        }
      });
    }
    return (client.send as (...args: unknown[]) => unknown)(command, ...rest);
  };
  return new Proxy(client, { get: (target, property, receiver) => (property === 'send' ? send : Reflect.get(target, property, receiver)) });
}

/** The items of the pending reads (per table, consistent if any read of that table is), unprocessed keys retried. */
async function batchGet(client: DynamoDBDocumentClient, batch: readonly Pending[]): Promise<Array<{ table: string; item: Record<string, unknown> }>> {
  let request: NonNullable<BatchGetCommandOutput['UnprocessedKeys']> = {};
  for (const { input } of batch) {
    const table = (request[input.TableName!] ??= { Keys: [] });
    if (!table.Keys!.some((key) => sameKey(key, input.Key!))) {
      table.Keys!.push(input.Key!);
    }
    table.ConsistentRead = Boolean(table.ConsistentRead || input.ConsistentRead);
  }
  const found: Array<{ table: string; item: Record<string, unknown> }> = [];
  for (let attempt = 0; Object.keys(request).length > 0; attempt++) {
    if (attempt === MAX_ATTEMPTS) {
      // Throttled throughout: a retryable 503, never a 500.
      throw new ServiceUnavailable('The data store is busy; try again shortly (with the same Idempotency-Key)', 1);
    }
    if (attempt > 0) {
      await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 25 * 2 ** attempt)));
    }
    const page: BatchGetCommandOutput = await client.send(new BatchGetCommand({ RequestItems: request }));
    for (const [table, items] of Object.entries(page.Responses ?? {})) {
      found.push(...items.map((item) => ({ table, item })));
    }
    request = page.UnprocessedKeys ?? {};
  }
  return found;
}
