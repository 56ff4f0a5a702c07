// The cold-load reference replays a write that succeeded for the function so that it succeeds again on the data the
// function left: no condition, no condition check, no transaction token; the same items, keys and values.
import { succeedingWrite } from '../../bench/sections/replay-writes';

it('drops a put\'s condition and the names and values only it used, and keeps what the update expression uses', () => {
  const put = { TableName: 't', Item: { pk: { S: 'A' } }, ConditionExpression: 'attribute_not_exists(#pk)', ExpressionAttributeNames: { '#pk': 'pk' }, ReturnValuesOnConditionCheckFailure: 'ALL_OLD' };
  expect(succeedingWrite('PutItem', put)).toEqual({ TableName: 't', Item: { pk: { S: 'A' } } });
  const update = {
    TableName: 't',
    Key: { pk: { S: 'A' } },
    UpdateExpression: 'SET #v = :v1, #s = :s ADD #n :one',
    ConditionExpression: '#v = :v AND #s <> :closed',
    ExpressionAttributeNames: { '#v': 'version', '#s': 'status', '#n': 'count' },
    ExpressionAttributeValues: { ':v': { N: '1' }, ':v1': { N: '2' }, ':s': { S: 'open' }, ':closed': { S: 'closed' }, ':one': { N: '1' } },
  };
  expect(succeedingWrite('UpdateItem', update)).toEqual({
    TableName: 't',
    Key: { pk: { S: 'A' } },
    UpdateExpression: 'SET #v = :v1, #s = :s ADD #n :one',
    ExpressionAttributeNames: { '#v': 'version', '#s': 'status', '#n': 'count' },
    ExpressionAttributeValues: { ':v1': { N: '2' }, ':s': { S: 'open' }, ':one': { N: '1' } },
  });
  const remove = { TableName: 't', Key: { pk: { S: 'A' } }, ConditionExpression: 'attribute_exists(pk)' };
  expect(succeedingWrite('DeleteItem', remove)).toEqual({ TableName: 't', Key: { pk: { S: 'A' } } });
});

it("replays a transaction's writes without its condition checks and its idempotency token, and leaves reads alone", () => {
  const transaction = {
    ClientRequestToken: 'token-1',
    TransactItems: [
      { ConditionCheck: { TableName: 't', Key: { pk: { S: 'LOCK' } }, ConditionExpression: 'attribute_not_exists(pk)' } },
      { Put: { TableName: 't', Item: { pk: { S: 'A' } }, ConditionExpression: 'attribute_not_exists(pk)' } },
      { Update: { TableName: 't', Key: { pk: { S: 'B' } }, UpdateExpression: 'SET #v = :v', ConditionExpression: '#v = :old', ExpressionAttributeNames: { '#v': 'version' }, ExpressionAttributeValues: { ':v': { N: '3' }, ':old': { N: '2' } } } },
    ],
  };
  expect(succeedingWrite('TransactWriteItems', transaction)).toEqual({
    TransactItems: [
      { Put: { TableName: 't', Item: { pk: { S: 'A' } } } },
      { Update: { TableName: 't', Key: { pk: { S: 'B' } }, UpdateExpression: 'SET #v = :v', ExpressionAttributeNames: { '#v': 'version' }, ExpressionAttributeValues: { ':v': { N: '3' } } } },
    ],
  });
  const read = { TableName: 't', Key: { pk: { S: 'A' } }, ConsistentRead: true };
  expect(succeedingWrite('GetItem', read)).toBe(read);
});
