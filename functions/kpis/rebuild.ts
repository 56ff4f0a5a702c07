// The KPI rebuild against the tables: the event history is every application's outbox (APP#<id> EVT#... items of
// the applications table, kept for the application's timeline). It is streamed: a paginated Scan of the
// applications' META items (their keys only, a page at a time), and for each application one Query of its EVT#
// items in their order, replayed through the same counting as the live consumer before the next is read. Memory
// holds one page of keys and one application's events, never the history.
import { type DynamoDBDocumentClient, paginateScan } from '@aws-sdk/lib-dynamodb';
import { DomainEvent } from '../../schemas/applications';
import { dynamoCatalogue } from '../services/dynamo-catalogue';
import { queryAll } from '../shared/query-all';
import type { CardFacts } from './domain/counting';
import { type EventHistory, rebuildKpis } from './domain/kpis';
import { dynamoKpis } from './dynamo-kpis';

export interface RebuildTables {
  readonly applications: string;
  /** Where the aggregates go: the region's own (regional) metrics table. */
  readonly metrics: string;
  readonly catalogue: string;
}

/** Applications' keys per Scan page: a bound on what the history holds at once. */
const KEYS_PER_PAGE = 100;

export async function* eventHistory(client: DynamoDBDocumentClient, table: string): EventHistory {
  for await (const page of paginateScan(
    { client, pageSize: KEYS_PER_PAGE },
    {
      TableName: table,
      FilterExpression: 'sk = :meta AND begins_with(pk, :app)',
      ExpressionAttributeValues: { ':meta': 'META', ':app': 'APP#' },
      ProjectionExpression: 'pk',
    },
  )) {
    for (const { pk } of page.Items ?? []) {
      const items = await queryAll(client, {
        TableName: table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :evt)',
        ExpressionAttributeValues: { ':pk': pk, ':evt': 'EVT#' },
        ProjectionExpression: 'event',
      });
      yield items.flatMap((item) => {
        const parsed = DomainEvent.safeParse(item.event);
        return parsed.success ? [parsed.data] : [];
      });
    }
  }
}

export function rebuildFromTables(client: DynamoDBDocumentClient, tables: RebuildTables, now = new Date()) {
  const catalogue = dynamoCatalogue(client, tables.catalogue);
  const card = async (serviceId: string, version?: number): Promise<CardFacts | undefined> => {
    const found = version === undefined ? await catalogue.getCurrent(serviceId) : await catalogue.getVersion(serviceId, version);
    return found && { ownerAgencyId: found.ownerAgencyId, rolloutPhase: found.rolloutPhase, baseline: found.baseline };
  };
  return rebuildKpis({ store: dynamoKpis(client, { metrics: tables.metrics }), card }, eventHistory(client, tables.applications), now);
}
