// DynamoDB's item size rules (the Developer Guide's "item sizes and formats"), for the write units of a
// transaction: DynamoDB Local totals a TransactWriteItems from the distinct per-item units only (ten 1 KB puts
// report 2 units, not 20), so the meter counts the items of a transaction itself.
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { type TableDefinition, tableDefinitions, tableName } from '../../lib/platform/tables';

const utf8 = (text: string) => Buffer.byteLength(text, 'utf8');

export function valueSize(value: AttributeValue): number {
  if (value.S !== undefined) return utf8(value.S);
  if (value.N !== undefined) return Math.ceil(value.N.replace(/^-|\.|^0+/g, '').length / 2) + 1;
  if (value.B !== undefined) return value.B.length;
  if (value.BOOL !== undefined || value.NULL !== undefined) return 1;
  if (value.SS) return value.SS.reduce((sum, entry) => sum + utf8(entry), 0);
  if (value.NS) return value.NS.reduce((sum, entry) => sum + valueSize({ N: entry }), 0);
  if (value.L) return 3 + value.L.reduce((sum, entry) => sum + 1 + valueSize(entry), 0);
  if (value.M) return 3 + Object.entries(value.M).reduce((sum, [name, entry]) => sum + 1 + utf8(name) + valueSize(entry), 0);
  return 0;
}

export function itemSize(item: Record<string, AttributeValue>): number {
  return Object.entries(item).reduce((sum, [name, value]) => sum + utf8(name) + valueSize(value), 0);
}

const units = (bytes: number) => Math.max(1, Math.ceil(bytes / 1024));

function definitionOf(table: string, stage: string): TableDefinition | undefined {
  return tableDefinitions.find((definition) => tableName(stage, definition.id) === table);
}

type Key = Record<string, unknown>;
interface TransactItem {
  Put?: { TableName: string; Item: Key };
  Update?: { TableName: string; Key: Key; ExpressionAttributeValues?: Key };
  Delete?: { TableName: string; Key: Key };
  ConditionCheck?: { TableName: string; Key: Key };
}

const marshalled = (item: Key) => marshall(item, { removeUndefinedValues: true, convertClassInstanceToMap: true });

/**
 * The standard (not yet doubled) write units of a transaction, per table and per index a put adds an entry to:
 * what DynamoDB bills, twice over (prepare and commit), for the transaction. Every item of a TransactWriteItems
 * is billed, a ConditionCheck included, at least 1 unit each. A put is sized whole; an update, delete or condition
 * check only from what the request carries (the key and an update's values), a lower bound that is exact for the
 * small items the platform updates in transactions (counters, flags); their index entries are not counted.
 */
export function transactionPutUnits(
  transactItems: ReadonlyArray<TransactItem>,
  stage: string,
): Map<string, { puts: number; units: number }> {
  const totals = new Map<string, { puts: number; units: number }>();
  const add = (key: string, value: number) => {
    const total = totals.get(key) ?? { puts: 0, units: 0 };
    totals.set(key, { puts: total.puts + 1, units: total.units + value });
  };
  for (const { Put, Update, Delete, ConditionCheck } of transactItems) {
    const other = Update ?? Delete ?? ConditionCheck;
    if (other) {
      add(other.TableName, units(itemSize(marshalled({ ...(Update?.ExpressionAttributeValues ?? {}), ...other.Key }))));
    }
    if (Put) {
      addPut(Put, stage, add);
    }
  }
  return totals;
}

/** A put's units in its table and in each index it adds an entry to (the entry sized by the index's projection). */
function addPut(put: NonNullable<TransactItem['Put']>, stage: string, add: (key: string, value: number) => void): void {
  const item = marshalled(put.Item);
  add(put.TableName, units(itemSize(item)));
  const definition = definitionOf(put.TableName, stage);
  for (const index of definition?.indexes ?? []) {
    if (!item[index.partitionKey.name] || (index.sortKey && !item[index.sortKey.name])) continue;
    const keys = [definition!.partitionKey.name, definition!.sortKey?.name, index.partitionKey.name, index.sortKey?.name].filter((name): name is string => Boolean(name));
    const projected = index.projection === 'all' ? item : Object.fromEntries(Object.entries(item).filter(([name]) => keys.includes(name) || index.projection.includes(name)));
    add(`${put.TableName} ${index.name}`, units(itemSize(projected)));
  }
}
