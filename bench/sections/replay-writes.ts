// A DynamoDB write that succeeded for the function, made to succeed again when its reference replays it on the data
// the function left behind (bench/sections/cold-reference.ts). Replayed as recorded, a conditional put, update or
// delete is refused (the item is there now, its version moved on), and a transaction repeats its ClientRequestToken,
// which DynamoDB answers from its idempotency record without doing anything. Either way the reference did less than
// the function, and the function's ratio counted the difference against it. So the replay leaves out the
// conditions, a transaction's condition checks and its token; the writes are the same items, keys and values.
const WRITES = new Set(['PutItem', 'UpdateItem', 'DeleteItem']);

type Request = Record<string, unknown>;

export function succeedingWrite(operation: string, input: Request): Request {
  if (operation === 'TransactWriteItems') {
    const { ClientRequestToken: _token, TransactItems, ...rest } = input as { ClientRequestToken?: string; TransactItems?: Request[] };
    const writes = (TransactItems ?? []).filter((item) => !('ConditionCheck' in item));
    return writes.length === 0 ? input : { ...rest, TransactItems: writes.map((item) => Object.fromEntries(Object.entries(item).map(([kind, request]) => [kind, unconditional(request as Request)]))) };
  }
  return WRITES.has(operation) ? unconditional(input) : input;
}

/** The request without its condition, and without the names and values only the condition used (DynamoDB refuses unused ones). */
function unconditional(request: Request): Request {
  const { ConditionExpression: _condition, ReturnValuesOnConditionCheckFailure: _failure, ExpressionAttributeNames: names, ExpressionAttributeValues: values, ...rest } = request;
  const expressions = Object.entries(rest)
    .filter(([field, value]) => field.endsWith('Expression') && typeof value === 'string')
    .map(([, value]) => value as string)
    .join(' ');
  const used = (placeholders: unknown): Request | undefined => {
    const kept = Object.entries((placeholders ?? {}) as Request).filter(([placeholder]) => new RegExp(`${placeholder.replace(/[^A-Za-z0-9_]/g, '\\$&')}(?![A-Za-z0-9_])`).test(expressions));
    return kept.length > 0 ? Object.fromEntries(kept) : undefined;
  };
  const keptNames = used(names);
  const keptValues = used(values);
  return { ...rest, ...(keptNames ? { ExpressionAttributeNames: keptNames } : {}), ...(keptValues ? { ExpressionAttributeValues: keptValues } : {}) };
}
