// Wiring of the open-data export against the tables (the nightly worker, and `npm run open-data:export`).
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dynamoKpis, type KpiTables } from '../kpis/dynamo-kpis';
import { dynamoCatalogue } from '../services/dynamo-catalogue';
import type { ExportDeps, OpenDataStore } from './domain/export';

export function exportDeps(client: DynamoDBDocumentClient, tables: { catalogue: string } & Required<KpiTables>, store: OpenDataStore, now = () => new Date()): ExportDeps {
  const catalogue = dynamoCatalogue(client, tables.catalogue);
  const kpis = dynamoKpis(client, tables);
  return { store, services: () => catalogue.listSummaries(), agencies: () => catalogue.listAgencies(), months: (cell, from, to) => kpis.months(cell, from, to), now };
}
