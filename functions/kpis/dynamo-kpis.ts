// DynamoDB adapter of the KPI aggregates (table `metrics`: regional, derived, rebuilt when a region takes over), and
// of the complaint counters they add in (table `engagement`, replicated: complaints are not rebuilt).
//
//   KPI#<cell>              M#<YYYY-MM>   counters of one cell: SERVICE#<id>, AGENCY#<id> (ALL#all, PHASE#<n>, CHANNEL#<c>: before 2026-12-07)
//   KPI#MIX                 M#<YYYY-MM>#<phase>#<channel>   counters of one (rollout phase, channel) pair: all, a phase, a channel are their sums
//   KPIAPP#<applicationId>  FACTS         what the counter keeps of a submitted application (service, agency, channel, baseline...)
//   KPITASK#<taskId>        FACTS         when an agency step's task was assigned and when it is due
//   KPIEVT#<eventId>        COUNTED       the event was counted (35 days: longer than the bus ever redelivers)
//   KPIC#<cell>             M#<YYYY-MM>   (engagement) complaints filed and resolved (written by the complaints store; read here)
//   KPIREBUILD              FLAG          while a rebuild runs: counting waits (its events are retried by the bus)
// Counting an event is one transaction: no rebuild running (condition check), the COUNTED marker (conditional:
// absent; for a submission its FACTS item, conditional the same way, is the marker) and an ADD to each of its 3
// cells (service, agency, mix), so a redelivered event adds nothing, a crash leaves nothing half-counted, and no
// event slips between a rebuild's clearing and its replay. Reading a range is one Query per cell, and one of the
// mix partition for all, a phase or a channel (at most phases x channels items a month), summed here; the cells
// all, phase and channel that earlier counting wrote are read and added too, until a rebuild replaces them.
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DeleteCommand, type DynamoDBDocumentClient, GetCommand, paginateScan, PutCommand, TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { type ApplicationFacts, type Counters, type Delta, isMixCell, mixCovers, readsMix, type TaskFacts } from './domain/counting';
import { sumCounters } from './domain/figures';
import { type KpiStore, RebuildRunning } from './domain/kpis';
import { queryAll } from '../shared/query-all';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

const MARKER_DAYS = 35;
const REBUILD_FLAG = { pk: 'KPIREBUILD', sk: 'FLAG' };
const KEY_ATTRIBUTES = new Set(['pk', 'sk']);

const MIX_PARTITION = 'KPI#MIX';

/** A cell-month's key: the mix cells of all months share one partition, sorted by month. */
function keyOf(cell: string, month: string): { pk: string; sk: string } {
  return isMixCell(cell) ? { pk: MIX_PARTITION, sk: `M#${month}#${cell.slice('MIX#'.length)}` } : { pk: `KPI#${cell}`, sk: `M#${month}` };
}

function addTo(tableName: string, delta: Delta): TransactItem {
  const entries = Object.entries(delta.counters).filter(([, value]) => value !== 0);
  const names = Object.fromEntries(entries.map(([name], index) => [`#c${index}`, name]));
  const values = Object.fromEntries(entries.map(([, value], index) => [`:c${index}`, value]));
  return {
    Update: {
      TableName: tableName,
      Key: keyOf(delta.cell, delta.month),
      UpdateExpression: `ADD ${entries.map((_, index) => `#c${index} :c${index}`).join(', ')}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}

function countersOf(item: Record<string, unknown>): Counters {
  return Object.fromEntries(Object.entries(item).filter(([name, value]) => !KEY_ATTRIBUTES.has(name) && typeof value === 'number')) as Counters;
}

async function batchWrite(client: DynamoDBDocumentClient, tableName: string, requests: readonly Record<string, unknown>[]): Promise<void> {
  for (let start = 0; start < requests.length; start += 25) {
    let pending: Record<string, unknown>[] | undefined = requests.slice(start, start + 25);
    while (pending?.length) {
      const { UnprocessedItems } = await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
      pending = UnprocessedItems?.[tableName] as Record<string, unknown>[] | undefined;
    }
  }
}

async function deleteAll(client: DynamoDBDocumentClient, tableName: string, prefix: string): Promise<number> {
  let deleted = 0;
  for await (const page of paginateScan(
    { client },
    { TableName: tableName, FilterExpression: 'begins_with(pk, :prefix)', ExpressionAttributeValues: { ':prefix': prefix }, ProjectionExpression: 'pk, sk' },
  )) {
    const keys = page.Items ?? [];
    await batchWrite(client, tableName, keys.map((key) => ({ DeleteRequest: { Key: { pk: key.pk, sk: key.sk } } })));
    deleted += keys.length;
  }
  return deleted;
}


/**
 * The application cells (the cell's own, and for all, a phase or a channel the mix cells it sums), and the
 * complaint counters the complaints store keeps beside them (never rebuilt), added up per month.
 */
async function monthsOf(client: DynamoDBDocumentClient, tables: KpiTables, cell: string, from: string, to: string): Promise<Map<string, Counters>> {
  if (!tables.engagement) {
    throw new Error('reading KPIs needs the engagement table (the complaint counters)');
  }
  const query = (pk: string, lower: string, upper: string, TableName = tables.metrics) =>
    queryAll(client, {
      TableName,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': pk, ':from': lower, ':to': upper },
    });
  const [cells, complaints, mix] = await Promise.all([
    query(`KPI#${cell}`, `M#${from}`, `M#${to}`),
    query(`KPIC#${cell}`, `M#${from}`, `M#${to}`, tables.engagement),
    readsMix(cell) ? query(MIX_PARTITION, `M#${from}#`, `M#${to}#~`) : Promise.resolve([]),
  ]);
  // A mix item's sort key is M#<YYYY-MM>#<phase>#<channel> (a phase starts with a digit: "~" sorts after it).
  // Its cell is MIX#<phase>#<channel>.
  const mixed = mix.filter((item) => mixCovers(cell, `MIX#${String(item.sk).slice('M#YYYY-MM#'.length)}`));
  const months = new Map<string, Counters>();
  for (const item of [...cells, ...complaints, ...mixed]) {
    const month = String(item.sk).slice(2, 9);
    months.set(month, sumCounters([months.get(month) ?? {}, countersOf(item)]));
  }
  return months;
}

export interface KpiTables {
  /** The aggregates, facts and markers (regional). */
  readonly metrics: string;
  /** The complaint counters the complaints store keeps (replicated): for reading, not counting. */
  readonly engagement?: string;
}

export function dynamoKpis(client: DynamoDBDocumentClient, tables: KpiTables): KpiStore {
  const tableName = tables.metrics;
  const getItem = async (pk: string) => (await client.send(new GetCommand({ TableName: tableName, Key: { pk, sk: 'FACTS' } }))).Item;

  return {
    async facts(applicationId) {
      return (await getItem(`KPIAPP#${applicationId}`))?.facts as ApplicationFacts | undefined;
    },
    async task(taskId) {
      return (await getItem(`KPITASK#${taskId}`))?.task as TaskFacts | undefined;
    },
    async rememberTask(task) {
      await client.send(new PutCommand({ TableName: tableName, Item: { pk: `KPITASK#${task.taskId}`, sk: 'FACTS', task } }));
    },
    async count(eventId, at, deltas, facts) {
      const expiresAt = Math.floor(at.getTime() / 1000) + MARKER_DAYS * 86_400;
      // A submission's FACTS item is its marker: an application is submitted once.
      const marker = facts ? { pk: `KPIAPP#${facts.applicationId}`, sk: 'FACTS', facts } : { pk: `KPIEVT#${eventId}`, sk: 'COUNTED', expiresAt };
      const items: TransactItem[] = [
        { ConditionCheck: { TableName: tableName, Key: REBUILD_FLAG, ConditionExpression: 'attribute_not_exists(pk)' } },
        { Put: { TableName: tableName, Item: marker, ConditionExpression: 'attribute_not_exists(pk)' } },
        ...deltas.map((delta) => addTo(tableName, delta)),
      ];
      try {
        await client.send(new TransactWriteCommand({ TransactItems: items }));
        return true;
      } catch (error) {
        const reasons = error instanceof TransactionCanceledException ? (error.CancellationReasons ?? []) : [];
        if (reasons[0]?.Code === 'ConditionalCheckFailed') {
          throw new RebuildRunning();
        }
        if (reasons[1]?.Code === 'ConditionalCheckFailed') {
          return false;
        }
        throw error;
      }
    },
    months: (cell, from, to) => monthsOf(client, tables, cell, from, to),
    async startRebuild(at) {
      try {
        await client.send(new PutCommand({ TableName: tableName, Item: { ...REBUILD_FLAG, startedAt: at.toISOString() }, ConditionExpression: 'attribute_not_exists(pk)' }));
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) {
          throw new RebuildRunning();
        }
        throw error;
      }
    },
    async endRebuild() {
      await client.send(new DeleteCommand({ TableName: tableName, Key: REBUILD_FLAG }));
    },
    async write(snapshot, at) {
      const expiresAt = Math.floor(at.getTime() / 1000) + MARKER_DAYS * 86_400;
      const put = (Item: Record<string, unknown>) => ({ PutRequest: { Item } });
      await batchWrite(client, tableName, [
        ...[...snapshot.cells.values()].map(({ cell, month, counters }) => put({ ...counters, ...keyOf(cell, month) })),
        ...snapshot.facts.map((facts) => put({ pk: `KPIAPP#${facts.applicationId}`, sk: 'FACTS', facts })),
        ...snapshot.tasks.map((task) => put({ pk: `KPITASK#${task.taskId}`, sk: 'FACTS', task })),
        ...snapshot.counted.map((eventId) => put({ pk: `KPIEVT#${eventId}`, sk: 'COUNTED', expiresAt })),
      ]);
    },
    async clear() {
      // Only while the rebuild flag stands: no event is counted meanwhile.
      return { cells: await deleteAll(client, tableName, 'KPI#') };
    },
  };
}
