// DynamoDB's item size rules (the Developer Guide's "item sizes and formats"), for the write units of a
// transaction: DynamoDB Local totals a TransactWriteItems from the distinct per-item units only (ten 1 KB puts
// report 2 units, not 20), so the meter counts transactional puts itself.
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

/**
 * The standard (not yet doubled) write units of a transaction's puts, per table and per index a put adds an
 * entry to: what DynamoDB bills, twice over, for the transaction. Updates, deletes and condition checks are not
 * sized here (the platform's transactions put whole items).
 */
export function transactionPutUnits(
  transactItems: ReadonlyArray<{ Put?: { TableName: string; Item: Record<string, unknown> } }>,
  stage: string,
): Map<string, { puts: number; units: number }> {
  const totals = new Map<string, { puts: number; units: number }>();
  const add = (key: string, value: number) => {
    const total = totals.get(key) ?? { puts: 0, units: 0 };
    totals.set(key, { puts: total.puts + 1, units: total.units + value });
  };
  for (const { Put } of transactItems) {
    if (!Put) continue;
    const item = marshall(Put.Item, { removeUndefinedValues: true, convertClassInstanceToMap: true });
    add(Put.TableName, units(itemSize(item)));
    const definition = definitionOf(Put.TableName, stage);
    for (const index of definition?.indexes ?? []) {
      if (!item[index.partitionKey.name] || (index.sortKey && !item[index.sortKey.name])) continue;
      const keys = [definition!.partitionKey.name, definition!.sortKey?.name, index.partitionKey.name, index.sortKey?.name].filter((name): name is string => Boolean(name));
      const projected = index.projection === 'all' ? item : Object.fromEntries(Object.entries(item).filter(([name]) => keys.includes(name) || index.projection.includes(name)));
      add(`${Put.TableName} ${index.name}`, units(itemSize(projected)));
    }
  }
  return totals;
}
