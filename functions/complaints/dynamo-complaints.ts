// DynamoDB adapter of complaints (table `engagement`).
//
//   COMPLAINT#<id>    META                the complaint, with its answers and rating
//                                         gsi1: COMPLAINANT#<kind>:<id> / <createdAt>#<id>   (a citizen's complaints)
//                                         gsi2: HANDLER#<agencyId|egov-unit> / <createdAt>#<id>  (who must answer)
//   COMPLAINT#<id>    EVT#<version>#<n>   its events: the outbox the table's stream carries to notifications (TTL 30 days)
//   SLA#complaints    <dueAt>#<id>        while an agency must answer it, for the escalation sweep
//   KPIC#<cell>       M#<YYYY-MM>         the KPIs' complaint counters (ALL#all, AGENCY#<id>): filed, resolved, minutes to resolve
// Each change writes the complaint, its events and its SLA entry in one transaction, conditioned on the version.
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, QueryCommand, TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { ComplaintEvent, ComplaintStatus } from '../../schemas/engagement';
import { type ComplaintStore, isWatched, type StoredComplaint } from './domain/complaints';
import { VersionConflict } from '../shared/errors';
import { ammanMonth } from '../shared/amman-time';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

const EVENT_DAYS = 30;
const SLA_PK = 'SLA#complaints';
const complaintPk = (complaintId: string) => `COMPLAINT#${complaintId}`;
const pageKey = (complaint: StoredComplaint) => `${complaint.createdAt}#${complaint.complaintId}`;

/** The KPI cells a complaint counts in: everything, and the agency it was filed against (else the one handling it). */
function kpiCounters(tableName: string, complaint: StoredComplaint, at: string, counters: Record<string, number>): TransactItem[] {
  const month = ammanMonth(at);
  const names = Object.keys(counters);
  return ['ALL#all', `AGENCY#${complaint.agencyId ?? complaint.handler}`].map((cell) => ({
    Update: {
      TableName: tableName,
      Key: { pk: `KPIC#${cell}`, sk: `M#${month}` },
      UpdateExpression: `ADD ${names.map((_, index) => `#c${index} :c${index}`).join(', ')}`,
      ExpressionAttributeNames: Object.fromEntries(names.map((name, index) => [`#c${index}`, name])),
      ExpressionAttributeValues: Object.fromEntries(names.map((name, index) => [`:c${index}`, counters[name]])),
    },
  }));
}

/** A resolution in these events: counted with the minutes from filing to it. */
function resolutionCounters(tableName: string, complaint: StoredComplaint, events: readonly ComplaintEvent[]): TransactItem[] {
  const resolved = events.find((event) => event.type === 'ComplaintAnswered' && event.status === 'resolved');
  if (!resolved) {
    return [];
  }
  const minutes = Math.max(0, Math.round((Date.parse(resolved.at) - Date.parse(complaint.createdAt)) / 60_000));
  return kpiCounters(tableName, complaint, resolved.at, { complaintsResolved: 1, complaintResolutionMinutes: minutes });
}

export function dynamoComplaints(client: DynamoDBDocumentClient, tableName: string): ComplaintStore {
  const meta = (complaint: StoredComplaint): Record<string, unknown> => ({
    pk: complaintPk(complaint.complaintId),
    sk: 'META',
    version: complaint.version,
    status: complaint.status,
    gsi1pk: `COMPLAINANT#${complaint.complainant.kind}:${complaint.complainant.recordId}`,
    gsi1sk: pageKey(complaint),
    gsi2pk: `HANDLER#${complaint.handler}`,
    gsi2sk: pageKey(complaint),
    complaint,
  });
  const eventItems = (complaint: StoredComplaint, events: readonly ComplaintEvent[]): TransactItem[] =>
    events.map((event, index) => ({
      Put: {
        TableName: tableName,
        Item: {
          pk: complaintPk(complaint.complaintId),
          sk: `EVT#${String(complaint.version).padStart(6, '0')}#${index}`,
          event,
          expiresAt: Math.floor(Date.parse(event.at) / 1000) + EVENT_DAYS * 86_400,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    }));
  const slaItem = (complaint: StoredComplaint): TransactItem => {
    const key = { pk: SLA_PK, sk: `${complaint.dueAt}#${complaint.complaintId}` };
    return isWatched(complaint)
      ? { Put: { TableName: tableName, Item: { ...key, complaintId: complaint.complaintId } } }
      : { Delete: { TableName: tableName, Key: key } };
  };

  async function list(index: 'gsi1' | 'gsi2', partition: string, limit: number, after?: string, status?: ComplaintStatus) {
    const items: StoredComplaint[] = [];
    let startKey: Record<string, unknown> | undefined;
    // The status filter is applied after the key condition: read pages until the page is full.
    do {
      const page = await client.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: index,
          KeyConditionExpression: after ? `${index}pk = :pk AND ${index}sk < :after` : `${index}pk = :pk`,
          ...(status ? { FilterExpression: '#status = :status', ExpressionAttributeNames: { '#status': 'status' } } : {}),
          ExpressionAttributeValues: { ':pk': partition, ...(after ? { ':after': after } : {}), ...(status ? { ':status': status } : {}) },
          ScanIndexForward: false,
          Limit: limit + 1,
          ExclusiveStartKey: startKey,
        }),
      );
      items.push(...(page.Items ?? []).map((item) => item.complaint as StoredComplaint));
      startKey = page.LastEvaluatedKey;
    } while (startKey && items.length <= limit);
    const pageItems = items.slice(0, limit);
    const last = pageItems.at(-1);
    return { items: pageItems, ...(items.length > limit && last ? { last: pageKey(last) } : {}) };
  }

  return {
    async create(complaint, events) {
      await client.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: tableName, Item: meta(complaint), ConditionExpression: 'attribute_not_exists(pk)' } },
            ...eventItems(complaint, events),
            ...(isWatched(complaint) ? [slaItem(complaint)] : []),
            ...kpiCounters(tableName, complaint, complaint.createdAt, { complaints: 1 }),
          ],
        }),
      );
    },

    async get(complaintId) {
      const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: { pk: complaintPk(complaintId), sk: 'META' }, ConsistentRead: true }));
      return Item?.complaint as StoredComplaint | undefined;
    },

    async save(complaint, expectedVersion, events) {
      try {
        await client.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: tableName,
                  Item: meta(complaint),
                  ConditionExpression: 'version = :expected',
                  ExpressionAttributeValues: { ':expected': expectedVersion },
                },
              },
              ...eventItems(complaint, events),
              slaItem(complaint),
              ...resolutionCounters(tableName, complaint, events),
            ],
          }),
        );
      } catch (error) {
        if (error instanceof TransactionCanceledException && error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed') {
          throw new VersionConflict(`complaint ${complaint.complaintId} moved past version ${expectedVersion}`);
        }
        throw error;
      }
    },

    listByComplainant: (complainant, limit, after, status) => list('gsi1', `COMPLAINANT#${complainant}`, limit, after, status),
    listByHandler: (handler, limit, after, status) => list('gsi2', `HANDLER#${handler}`, limit, after, status),

    async overdue(now, limit) {
      const { Items = [] } = await client.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk AND sk < :now',
          ExpressionAttributeValues: { ':pk': SLA_PK, ':now': `${now}~` },
          Limit: limit,
          ConsistentRead: true,
        }),
      );
      return Items.map((item) => String(item.complaintId));
    },
  };
}
