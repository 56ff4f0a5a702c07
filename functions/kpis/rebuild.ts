// The KPI rebuild against the tables: the event history is every application's outbox (APP#<id> EVT#... items of
// the applications table, kept for the application's timeline), read by one paginated Scan; each application's
// events are replayed in their order through the same counting as the live consumer.
import { type DynamoDBDocumentClient, paginateScan } from '@aws-sdk/lib-dynamodb';
import { DomainEvent } from '../../schemas/applications';
import { dynamoCatalogue } from '../services/dynamo-catalogue';
import type { CardFacts } from './domain/counting';
import { type EventHistory, rebuildKpis } from './domain/kpis';
import { dynamoKpis } from './dynamo-kpis';

export interface RebuildTables {
  readonly applications: string;
  readonly engagement: string;
  readonly catalogue: string;
}

async function* eventHistory(client: DynamoDBDocumentClient, table: string): EventHistory {
  const byApplication = new Map<string, { sk: string; event: DomainEvent }[]>();
  for await (const page of paginateScan(
    { client },
    { TableName: table, FilterExpression: 'begins_with(sk, :evt)', ExpressionAttributeValues: { ':evt': 'EVT#' }, ProjectionExpression: 'pk, sk, event' },
  )) {
    for (const item of page.Items ?? []) {
      const parsed = DomainEvent.safeParse(item.event);
      if (parsed.success) {
        const events = byApplication.get(String(item.pk)) ?? [];
        events.push({ sk: String(item.sk), event: parsed.data });
        byApplication.set(String(item.pk), events);
      }
    }
  }
  for (const events of byApplication.values()) {
    yield events.sort((a, b) => (a.sk < b.sk ? -1 : a.sk > b.sk ? 1 : 0)).map((entry) => entry.event);
  }
}

export function rebuildFromTables(client: DynamoDBDocumentClient, tables: RebuildTables, now = new Date()) {
  const catalogue = dynamoCatalogue(client, tables.catalogue);
  const card = async (serviceId: string, version?: number): Promise<CardFacts | undefined> => {
    const found = version === undefined ? await catalogue.getCurrent(serviceId) : await catalogue.getVersion(serviceId, version);
    return found && { ownerAgencyId: found.ownerAgencyId, rolloutPhase: found.rolloutPhase, baseline: found.baseline };
  };
  return rebuildKpis({ store: dynamoKpis(client, tables.engagement), card }, eventHistory(client, tables.applications), now);
}
