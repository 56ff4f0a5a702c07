// DynamoDB adapter of the service catalogue: catalogue table items and the listing index (gsi1).
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { BundleDefinition } from '../../schemas/bundles';
import type { WorkingCalendar } from '../../schemas/calendar';
import type { SynonymList } from '../../schemas/synonyms';
import type { Agency, ServiceCard } from '../../schemas/services';
import { type ServiceCatalogue, type StoredSummary } from './domain/catalogue';
import { VersionConflict } from '../shared/errors';
import { queryAll } from '../shared/query-all';
import { catalogueReads, getVersioned, servicePk, versionSk } from './catalogue-reads';
import { dynamoListing, listingDelta } from './dynamo-listing';

const AGENCIES = 'AGENCIES';
const SERVICES = 'SERVICES';
const LIFE_EVENTS = 'LIFE_EVENTS';
const CALENDAR = 'CALENDAR';
const SYNONYMS = 'SEARCH_SYNONYMS';
/** Attempts of a card save that collides with a transaction in flight before its error is let through. */
const SAVE_ATTEMPTS = 3;


/** `listingPartBytes`: the snapshot's slice size (tests set it small to hold a catalogue in several parts). */
export function dynamoCatalogue(client: DynamoDBDocumentClient, tableName: string, options: { listingPartBytes?: number } = {}): ServiceCatalogue {
  async function queryIndex<T>(partition: string): Promise<T[]> {
    const items = await queryAll(client, { TableName: tableName, IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': partition } });
    return items.map((item) => item.summary as T);
  }

  const calendar = versionedDocument<WorkingCalendar>(client, tableName, CALENDAR, 'calendar', 'The working calendar');
  const synonyms = versionedDocument<SynonymList>(client, tableName, SYNONYMS, 'synonyms', 'The synonym list');

  const reads = catalogueReads(client, tableName);
  const listing = dynamoListing(client, tableName, async () => {
    const items = await queryAll(client, { TableName: tableName, IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': SERVICES } });
    return items.map((item) => ({ version: Number(item.version), summary: item.summary as StoredSummary }));
  }, options.listingPartBytes);
  return {
    getRollout: reads.getRollout,
    getCurrent: reads.getCurrent,
    listAgencies: () => queryIndex<Agency>(AGENCIES),
    async putAgency(agency) {
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: { pk: `AGENCY#${agency.agencyId}`, sk: 'PROFILE', gsi1pk: AGENCIES, gsi1sk: agency.agencyId, summary: agency },
        }),
      );
    },
    listSummaries: () => listing.summaries(),
    foldListing: (now) => listing.fold(now),
    listLifeEvents: () => queryIndex<BundleDefinition>(LIFE_EVENTS),
    async getLifeEvent(lifeEventId) {
      const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: { pk: `LIFE_EVENT#${lifeEventId}`, sk: 'DEFINITION' } }));
      return Item?.summary as BundleDefinition | undefined;
    },
    async putLifeEvent(definition) {
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: { pk: `LIFE_EVENT#${definition.lifeEventId}`, sk: 'DEFINITION', gsi1pk: LIFE_EVENTS, gsi1sk: definition.lifeEventId, summary: definition },
        }),
      );
    },
    async putRollout(phases, onlyIfAbsent) {
      try {
        await client.send(
          new PutCommand({
            TableName: tableName,
            Item: { pk: 'ROLLOUT', sk: 'SCHEDULE', phases },
            ...(onlyIfAbsent ? { ConditionExpression: 'attribute_not_exists(pk)' } : {}),
          }),
        );
      } catch (error) {
        if (!(onlyIfAbsent && error instanceof Error && error.name === 'ConditionalCheckFailedException')) {
          throw error;
        }
      }
    },
    getCalendar: (version) => calendar.get(version),
    saveCalendar: (document, expectedVersion) => calendar.save(document, expectedVersion),
    getSynonyms: (version) => synonyms.get(version),
    saveSynonyms: (document, expectedVersion) => synonyms.save(document, expectedVersion),
    getVersion: (serviceId, version) => getVersioned<ServiceCard>(client, tableName, servicePk(serviceId), 'card', version),
    async listVersions(serviceId, limit, before) {
      const { Items = [] } = await client.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :first AND :last',
          ExpressionAttributeValues: { ':pk': servicePk(serviceId), ':first': versionSk(0), ':last': versionSk(before ? before - 1 : 9_999_999_999) },
          ExpressionAttributeNames: { '#c': 'card', '#v': 'version', '#s': 'lifecycleStage', '#f': 'fees', '#a': 'updatedAt', '#b': 'updatedBy' },
          ProjectionExpression: '#c.#v, #c.#s, #c.#f, #c.#a, #c.#b',
          ScanIndexForward: false,
          Limit: limit,
        }),
      );
      return Items.map(({ card }) => ({
        version: card.version,
        lifecycleStage: card.lifecycleStage,
        feesJod: card.fees.amountJod,
        updatedAt: card.updatedAt,
        updatedBy: card.updatedBy,
      }));
    },
    async saveVersion(card, summary, expectedVersion) {
      const pk = servicePk(card.serviceId);
      const write = new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: tableName, Item: { pk, sk: versionSk(card.version), version: card.version, card }, ConditionExpression: 'attribute_not_exists(pk)' } },
          {
            Put: {
              TableName: tableName,
              Item: { pk, sk: 'CURRENT', version: card.version, card, summary, gsi1pk: SERVICES, gsi1sk: card.serviceId },
              ...(expectedVersion === 0
                ? { ConditionExpression: 'attribute_not_exists(pk)' }
                : { ConditionExpression: 'version = :expected', ExpressionAttributeValues: { ':expected': expectedVersion } }),
            },
          },
          listingDelta(tableName, { version: card.version, summary }),
        ],
      });
      for (let attempt = 1; ; attempt++) {
        try {
          await client.send(write);
          return;
        } catch (error) {
          const reasons = error instanceof TransactionCanceledException ? (error.CancellationReasons ?? []) : [];
          if (reasons.some((reason) => reason.Code === 'ConditionalCheckFailed')) {
            throw new VersionConflict(`Service ${card.serviceId} moved past version ${expectedVersion}`);
          }
          // Collided with a transaction in flight (a listing fold deleting this service's delta): not a version
          // conflict; try again after a jittered pause.
          if (!reasons.some((reason) => reason.Code === 'TransactionConflict') || attempt >= SAVE_ATTEMPTS) {
            throw error;
          }
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
        }
      }
    },
  };
}

/**
 * A document operators keep in versions (the working calendar, the synonym list): every version an item of its
 * own, CURRENT a copy of the latest, both written in one transaction conditional on the version it replaces.
 */
function versionedDocument<T extends { readonly version: number }>(client: DynamoDBDocumentClient, tableName: string, pk: string, attribute: string, label: string) {
  return {
    get: (version?: number) => getVersioned<T>(client, tableName, pk, attribute, version),
    async save(document: T, expectedVersion: number): Promise<void> {
      const current =
        expectedVersion === 0
          ? { ConditionExpression: 'attribute_not_exists(pk)' }
          : { ConditionExpression: 'version = :expected', ExpressionAttributeValues: { ':expected': expectedVersion } };
      try {
        await client.send(
          new TransactWriteCommand({
            TransactItems: [
              { Put: { TableName: tableName, Item: { pk, sk: versionSk(document.version), version: document.version, [attribute]: document }, ConditionExpression: 'attribute_not_exists(pk)' } },
              { Put: { TableName: tableName, Item: { pk, sk: 'CURRENT', version: document.version, [attribute]: document }, ...current } },
            ],
          }),
        );
      } catch (error) {
        if (error instanceof TransactionCanceledException) {
          throw new VersionConflict(`${label} moved past version ${expectedVersion}`);
        }
        throw error;
      }
    },
  };
}
