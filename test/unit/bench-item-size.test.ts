// The meter's own count of transactional puts: DynamoDB's item size rules and the doubled units per table and index.
import { marshall } from '@aws-sdk/util-dynamodb';
import { itemSize, transactionPutUnits } from '../../bench/harness/item-size';
import { tableName } from '../../lib/platform/tables';

test('sizes items by the Developer Guide: names and values in UTF-8, numbers by digits, maps and lists with overhead', () => {
  expect(itemSize(marshall({ pk: 'abc' }))).toBe(2 + 3);
  expect(itemSize(marshall({ name: 'عمر' }))).toBe(4 + 6);
  expect(itemSize(marshall({ n: 12345 }))).toBe(1 + 4);
  expect(itemSize(marshall({ ok: true, none: null }))).toBe(2 + 1 + 4 + 1);
  expect(itemSize(marshall({ m: { a: 'x' } }))).toBe(1 + 3 + 1 + 1 + 1);
  expect(itemSize(marshall({ l: ['x', 'y'] }))).toBe(1 + 3 + 2 * (1 + 1));
});

test('counts each put of a transaction per table and per index it enters, rounding each item up to 1 KB', () => {
  const audit = tableName('local', 'audit');
  const record = (seq: number) => ({ Put: { TableName: audit, Item: { pk: 'SUBJECT#persons:1', sk: `SEQ#${seq}`, gsi1pk: 'ACTOR#x', gsi1sk: `${seq}`, pad: 'x'.repeat(900) } } });
  const totals = transactionPutUnits([record(1), record(2), record(3), { Put: { TableName: audit, Item: { pk: 'p', sk: 's', pad: 'y'.repeat(1500) } } }], 'local');
  expect(totals.get(audit)).toEqual({ puts: 4, units: 1 + 1 + 1 + 2 });
  // The fourth has no gsi1 keys: it enters no index.
  expect(totals.get(`${audit} gsi1`)).toEqual({ puts: 3, units: 3 });
});

test('counts every item of a transaction, a condition check and each update included, at least 1 unit each', () => {
  const kpis = tableName('local', 'metrics');
  const counter = (name: string) => ({
    Update: { TableName: kpis, Key: { pk: `KPI#${name}`, sk: '2026-12' }, UpdateExpression: 'ADD #c :c', ExpressionAttributeValues: { ':c': 1 } },
  });
  const totals = transactionPutUnits(
    [
      { ConditionCheck: { TableName: kpis, Key: { pk: 'REBUILD', sk: 'FLAG' } } },
      { Put: { TableName: kpis, Item: { pk: 'KPIEVT#e1', sk: 'COUNTED' } } },
      counter('a'),
      counter('b'),
      counter('c'),
      { Delete: { TableName: kpis, Key: { pk: 'old', sk: 'x' } } },
    ],
    'local',
  );
  // 6 items of 1 unit each: DynamoDB bills 12 for the transaction (the meter doubles them).
  expect(totals.get(kpis)).toEqual({ puts: 6, units: 6 });
  // An update is sized from what it carries: a 1.5 KB value set by an update is 2 units.
  const large = transactionPutUnits([{ Update: { TableName: kpis, Key: { pk: 'p', sk: 's' }, ExpressionAttributeValues: { ':v': 'z'.repeat(1500) } } }], 'local');
  expect(large.get(kpis)).toEqual({ puts: 1, units: 2 });
});
