// The reference loader against DynamoDB Local: first load, a re-run that changes nothing, a package change
// applied to a card the loader owns, and an operator's edit that the loader never overwrites.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { dynamoCatalogue } from '../../functions/services/dynamo-catalogue';
import { getService, putService, type CatalogueDeps } from '../../functions/services/domain/catalogue';
import { daysFrom } from '../../functions/shared/dates';
import { tableName } from '../../lib/platform/tables';
import { ensureTables, localDynamoDbClient, type RunningDynamoDb, startDynamoDb } from '../../local/dynamodb';
import { type ReferencePackage, referencePackage } from '../../reference';
import { loadReference } from '../../reference/load';

const root = mkdtempSync(path.join(os.tmpdir(), 'khidma-reference-'));
let dynamoDb: RunningDynamoDb;
let client: DynamoDBClient;
let deps: CatalogueDeps;
let documents: DynamoDBDocumentClient;
const table = tableName('unit', 'catalogue');
// An injected clock that is not today: the schedule must follow it, not the machine's date.
const loadDay = new Date(Date.now() + 1234 * 86_400_000);

const [first, second, third] = referencePackage.services;
const small: ReferencePackage = { ...referencePackage, services: [first!, second!, third!] };

async function allItems(): Promise<number> {
  const { Count } = await documents.send(new QueryCommand({ TableName: table, IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': 'SERVICES' }, Select: 'COUNT' }));
  return Count ?? 0;
}

beforeAll(async () => {
  dynamoDb = await startDynamoDb({ port: 0, dataDir: path.join(root, 'dynamodb'), reset: true });
  client = localDynamoDbClient(dynamoDb.endpoint);
  documents = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  await ensureTables(client, 'unit');
  deps = { catalogue: dynamoCatalogue(documents, table), now: () => loadDay };
}, 60_000);
afterAll(async () => {
  client?.destroy();
  await dynamoDb?.stop();
  rmSync(root, { recursive: true, force: true });
});

test('a first load writes the whole package, the rollout relative to the loader clock', async () => {
  const report = await loadReference(deps, small);
  expect(report).toEqual({
    version: referencePackage.version,
    agencies: { written: referencePackage.agencies.length, unchanged: 0 },
    lifeEvents: { written: referencePackage.lifeEvents.length, unchanged: 0 },
    rollout: 'written',
    calendar: 'written',
    synonyms: 'written',
    services: { created: 3, updated: 0, unchanged: 0 },
    skipped: [],
  });
  expect(await deps.catalogue.getRollout()).toEqual(
    Object.fromEntries(Object.entries(referencePackage.rolloutOffsetDays).map(([phase, days]) => [phase, daysFrom(loadDay, days)])),
  );
  expect(await allItems()).toBe(3);
});

test('a re-run changes nothing', async () => {
  const before = await getService(deps, first!.serviceId);
  const report = await loadReference({ ...deps, now: () => new Date(loadDay.getTime() + 400 * 86_400_000) }, small);
  expect(report).toMatchObject({
    agencies: { written: 0, unchanged: referencePackage.agencies.length },
    lifeEvents: { written: 0, unchanged: referencePackage.lifeEvents.length },
    rollout: 'kept',
    calendar: 'kept',
    synonyms: 'kept',
    services: { created: 0, updated: 0, unchanged: 3 },
    skipped: [],
  });
  expect(await getService(deps, first!.serviceId)).toEqual(before);
  expect((await deps.catalogue.getRollout())[3]).toBe(daysFrom(loadDay, referencePackage.rolloutOffsetDays[3]!));
});

test('a changed card the package owns is published as its next version; one an operator edited is skipped and reported', async () => {
  const withFee = (card: (typeof referencePackage.services)[number]["card"], more: number) => ({ ...card, fees: { ...card.fees, amountJod: card.fees.amountJod + more } });
  const operatorCard = withFee(second!.card, 1);
  await putService(deps, second!.serviceId, operatorCard, 1, { username: 'rania.khalil', groups: ['operator'] });
  const changed = (service: typeof first) => ({ ...service!, card: withFee(service!.card, 7) });
  const next: ReferencePackage = { ...small, version: '2026.12.2', services: [changed(first), changed(second), third!] };

  const report = await loadReference(deps, next);

  expect(report).toMatchObject({ version: '2026.12.2', services: { created: 0, updated: 1, unchanged: 1 } });
  expect(report.skipped).toEqual([{ serviceId: second!.serviceId, version: 2, editedBy: 'operator' }]);
  expect(await getService(deps, first!.serviceId)).toMatchObject({ version: 2, fees: { amountJod: first!.card.fees.amountJod + 7 } });
  // The public card names the role that changed it, never the person's username.
  expect(await getService(deps, second!.serviceId)).toMatchObject({ version: 2, updatedBy: 'operator', fees: operatorCard.fees });
  expect(JSON.stringify(await getService(deps, second!.serviceId))).not.toContain('rania');
  expect((await loadReference(deps, next)).services).toEqual({ created: 0, updated: 0, unchanged: 2 });
});
