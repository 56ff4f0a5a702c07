// DynamoDB adapter of applications (table `applications`) and idempotency claims (table `idempotency`).
//
//   APP#<id>   META                 the application as it changes (gsi1: APPLICANT#<kind>:<id> / <createdAt>#<id>, projecting
//                                   status and the list's summary; gsi2 while submitted and not decided:
//                                   ACTIVE / <submittedAt>#<id>, keys only, for the reconciler)
//   APP#<id>   FORM                 what is fixed once it is submitted (answers, prefill, ...: application-items.ts)
//   APP#<id>   EVT#<version>#<n>    its domain events: the timeline and the outbox the stream publishes
//   REF#<ref>  REF                  { applicationId }: the short reference, claimed with the application
//   UPLOAD#<id> UPLOAD              { upload }: an uploaded document (functions/uploads), read here by submissions
//   idempotency: id = <sub>#<key>   { bodyHash, applicationId, expiration (TTL) }
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { changesFixedPart, type FixedPart, FORM_SK, formPut, joinApplication, splitApplication, type TransactItem, writtenWhole } from './application-items';
import {
  type ApplicationStore,
  type ApplicationSummary,
  applicantKey,
  isActive,
  KeyAlreadyUsed,
  ReferenceTaken,
  type StoredApplication,
  summaryOf,
  type TimelineEvent,
} from './domain/applications';
import { actingPerson } from './domain/applicant';
import { VersionConflict } from '../shared/errors';
import { uploadKey } from '../uploads/domain/records';
import { queryAll } from '../shared/query-all';
import type { SharingWrites } from '../registry/domain/sharing';
import { byCodeUnit } from '../shared/order';

export type { TransactItem };

const appPk = (applicationId: string) => `APP#${applicationId}`;


/** The application's META item (and its index keys). */
/** An application's whole partition (META, FORM, the events), as GET /v1/applications/{id} reads it (the bench replays it raw). */
export const partitionQuery = (tableName: string, applicationId: string) => ({
  TableName: tableName,
  KeyConditionExpression: 'pk = :pk',
  // Only what the view is made of (the summary and version complete META's `application`), not the index keys.
  ProjectionExpression: 'sk, version, summary, application, #event, #fixed',
  ExpressionAttributeNames: { '#event': 'event', '#fixed': 'fixed' },
  ExpressionAttributeValues: { ':pk': appPk(applicationId) },
  ConsistentRead: true,
});

export const applicationItem = (application: StoredApplication) => ({
    pk: appPk(application.applicationId),
    sk: 'META',
    version: application.version,
    status: application.status,
    // The person's list: a business's application is listed for the representative who made it.
    gsi1pk: `APPLICANT#${applicantKey(actingPerson(application))}`,
    gsi1sk: `${application.createdAt}#${application.applicationId}`,
    summary: summaryOf(application),
    // Sparse: only applications whose workflow should be running are in the reconciler's index.
    // Keyed by submission, which never changes: saving the application again leaves its index entry alone.
    ...(isActive(application) ? { gsi2pk: 'ACTIVE', gsi2sk: `${application.submittedAt ?? application.createdAt}#${application.applicationId}` } : {}),
    // Its fixed part is in the FORM item (application-items.ts); `fixedApart` tells this META from one written whole.
    application: splitApplication(application).changing,
    fixedApart: true,
  });

/** The puts of an application's new domain events (the outbox), each refused if its key exists. */
export const eventPuts = (tableName: string, application: StoredApplication, events: readonly TimelineEvent[]): TransactItem[] =>
    events.map((event, index) => ({
      Put: {
        TableName: tableName,
        // The service and channel ride along for the outcome metrics the publisher counts (events do not repeat them).
        Item: { pk: appPk(application.applicationId), sk: `EVT#${String(application.version).padStart(6, '0')}#${index}`, event, serviceId: application.serviceId, channel: application.channel },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    }));

/**
 * The replacement of the application at `expectedVersion` with its events, as transaction items: its FORM too when
 * the save changes it (or `withForm`); otherwise the META is refused unless it was written apart from a FORM.
 */
export const applicationSaveItems = (tableName: string, application: StoredApplication, expectedVersion: number, events: readonly TimelineEvent[], withForm = false): TransactItem[] => {
  const form = withForm || changesFixedPart(application, events);
  return [
    {
      Put: {
        TableName: tableName,
        Item: applicationItem(application),
        ConditionExpression: form ? 'version = :expected' : 'version = :expected AND attribute_exists(fixedApart)',
        ExpressionAttributeValues: { ':expected': expectedVersion },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      },
    },
    ...(form ? [formPut(tableName, application)] : []),
    ...eventPuts(tableName, application, events),
  ];
};

/** Runs a save's transaction (the application's items from `at`), again with the FORM when a META written whole refused it. */
export async function sendSave(client: DynamoDBDocumentClient, items: (withForm: boolean) => TransactItem[], at: number, expectedVersion: number): Promise<void> {
  try {
    await client.send(new TransactWriteCommand({ TransactItems: items(false) }));
  } catch (error) {
    if (!(error instanceof TransactionCanceledException) || !writtenWhole(error.CancellationReasons?.[at] as never, expectedVersion)) {
      throw error;
    }
    await client.send(new TransactWriteCommand({ TransactItems: items(true) }));
  }
}

/** The application of a META item and the FORM item beside it. */
const applicationOf = (meta: Record<string, unknown> | undefined, form: Record<string, unknown> | undefined) =>
  meta ? joinApplication(meta, form?.fixed as FixedPart | undefined) : undefined;

export function dynamoApplications(
  client: DynamoDBDocumentClient,
  tables: {
    readonly applications: string;
    readonly idempotency: string;
    /**
     * Writes the items with a submission's registry sharing in one transaction (the registry's adapter, given by
     * the submitting functions only: the others' bundles do without it); refused items: an error with their `codes`.
     */
    readonly withSharing?: (items: TransactItem[], sharing: SharingWrites) => Promise<void>;
  },
): ApplicationStore {
  const write = async (items: TransactItem[], sharing?: SharingWrites) => {
    if (sharing) {
      if (!tables.withSharing) {
        throw new Error('this store writes no registry sharing');
      }
      await tables.withSharing(items, sharing);
      return;
    }
    await client.send(new TransactWriteCommand({ TransactItems: items }));
  };
  /** The codes of a refused transaction's items, in their order. */
  const refusedCodes = (error: unknown): ReadonlyArray<string | undefined> | undefined =>
    error instanceof TransactionCanceledException
      ? (error.CancellationReasons ?? []).map((reason) => reason.Code)
      : ((error as { codes?: ReadonlyArray<string | undefined> } | undefined)?.codes ?? undefined);
  const metaItem = applicationItem;
  const eventItems = (application: StoredApplication, events: readonly TimelineEvent[]) => eventPuts(tables.applications, application, events);

  /** Items of these keys, consistently read (BatchGetItem, unprocessed keys retried). */
  async function getItems(allKeys: readonly { pk: string; sk: string }[]): Promise<Record<string, unknown>[]> {
    const found: Record<string, unknown>[] = [];
    for (let offset = 0; offset < allKeys.length; offset += 100) {
      let keys: Record<string, unknown>[] | undefined = allKeys.slice(offset, offset + 100);
      for (let attempt = 0; keys?.length; attempt++) {
        if (attempt > 0) {
          await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 25 * 2 ** attempt)));
        }
        const page: BatchGetCommandOutput = await client.send(new BatchGetCommand({ RequestItems: { [tables.applications]: { Keys: keys, ConsistentRead: true } } }));
        found.push(...(page.Responses?.[tables.applications] ?? []));
        keys = page.UnprocessedKeys?.[tables.applications]?.Keys;
      }
    }
    return found;
  }

  /** META items of these partitions. */
  async function getMany(pks: readonly string[]): Promise<StoredApplication[]> {
    const items = await getItems(pks.flatMap((pk) => [{ pk, sk: 'META' }, { pk, sk: FORM_SK }]));
    const of = (pk: string, sk: string) => items.find((item) => item.pk === pk && item.sk === sk);
    const found = pks.flatMap((pk) => applicationOf(of(pk, 'META'), of(pk, FORM_SK)) ?? []);
    return found.sort((a, b) => byCodeUnit(`${a.updatedAt}#${a.applicationId}`, `${b.updatedAt}#${b.applicationId}`));
  }

  /**
   * A claim whose application does not exist (after a failover, global tables replicated the claim but the region
   * was lost before the application's items: tables replicate independently) is released, so the key's replay
   * creates the application rather than answering 404 forever. Within one region the transaction writes both.
   */
  async function releasedOrphan(key: string, applicationId: string): Promise<boolean> {
    const { Item } = await client.send(new GetCommand({ TableName: tables.applications, Key: { pk: appPk(applicationId), sk: 'META' }, ConsistentRead: true }));
    if (Item) {
      return false;
    }
    // A transaction of one (its command is in this bundle already): deleted only if the claim still names that application.
    const release = { TableName: tables.idempotency, Key: { id: key }, ConditionExpression: 'applicationId = :id', ExpressionAttributeValues: { ':id': applicationId } };
    await client.send(new TransactWriteCommand({ TransactItems: [{ Delete: release }] })).catch(() => undefined);
    return true;
  }

  return {
    // The uploads `file` answers name (UPLOAD#<id> / UPLOAD, written by functions/uploads): one batch read.
    getUploads: async (uploadIds) => (await getItems(uploadIds.map(uploadKey))).map((item) => item.upload as never),
    async create(application, events, claim, sharing) {
      const items: TransactItem[] = [
        ...(claim
          ? [
              {
                Put: {
                  TableName: tables.idempotency,
                  Item: { id: claim.key, bodyHash: claim.bodyHash, applicationId: application.applicationId, expiration: claim.expiresAt },
                  ConditionExpression: 'attribute_not_exists(id)',
                },
              },
            ]
          : []),
        { Put: { TableName: tables.applications, Item: metaItem(application), ConditionExpression: 'attribute_not_exists(pk)' } },
        formPut(tables.applications, application),
        ...eventItems(application, events),
      ];
      const referenceAt = items.length;
      if (application.reference) {
        items.push({
          Put: {
            TableName: tables.applications,
            Item: { pk: `REF#${application.reference}`, sk: 'REF', applicationId: application.applicationId },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        });
      }
      for (let orphansReleased = 0; ; orphansReleased++) {
        try {
          await write(items, sharing);
          return;
        } catch (error) {
          const codes = refusedCodes(error);
          if (claim && codes?.[0] === 'ConditionalCheckFailed') {
            const { Item } = await client.send(new GetCommand({ TableName: tables.idempotency, Key: { id: claim.key }, ConsistentRead: true }));
            if (Item && orphansReleased === 0 && (await releasedOrphan(Item.id as string, String(Item.applicationId)))) {
              continue;
            }
            throw new KeyAlreadyUsed(String(Item?.bodyHash), String(Item?.applicationId));
          }
          if (application.reference && codes?.[referenceAt] === 'ConditionalCheckFailed') {
            throw new ReferenceTaken();
          }
          throw error;
        }
      }
    },

    async findByReference(reference) {
      const { Item } = await client.send(new GetCommand({ TableName: tables.applications, Key: { pk: `REF#${reference}`, sk: 'REF' } }));
      return Item?.applicationId as string | undefined;
    },

    async get(applicationId) {
      // FORM and META, one Query (the events sort before them): read units of their sizes together, not each rounded up.
      const { Items = [] } = await client.send(
        new QueryCommand({
          TableName: tables.applications,
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :form AND :meta',
          ProjectionExpression: 'sk, version, summary, application, #fixed',
          ExpressionAttributeNames: { '#fixed': 'fixed' },
          ExpressionAttributeValues: { ':pk': appPk(applicationId), ':form': FORM_SK, ':meta': 'META' },
          ConsistentRead: true,
        }),
      );
      return applicationOf(Items.find((item) => item.sk === 'META'), Items.find((item) => item.sk === FORM_SK));
    },

    async save(application, expectedVersion, events) {
      try {
        await sendSave(client, (withForm) => applicationSaveItems(tables.applications, application, expectedVersion, events, withForm), 0, expectedVersion);
      } catch (error) {
        if (error instanceof TransactionCanceledException) {
          throw new VersionConflict(`application ${application.applicationId} moved past version ${expectedVersion}`);
        }
        throw error;
      }
    },

    async getWithEvents(applicationId) {
      // The partition holds the events (EVT#…) and the application (META): one query reads them all.
      const items = await queryAll(client, partitionQuery(tables.applications, applicationId));
      return {
        application: applicationOf(items.find((item) => item.sk === 'META'), items.find((item) => item.sk === FORM_SK)),
        events: items.filter((item) => String(item.sk).startsWith('EVT#')).map((item) => item.event as TimelineEvent),
      };
    },

    async listActive(updatedBefore, limit, after) {
      // Submitted no later than it was last changed: the key condition narrows, the applications' updatedAt decides.
      const { Items = [], LastEvaluatedKey } = await client.send(
        new QueryCommand({
          TableName: tables.applications,
          IndexName: 'gsi2',
          KeyConditionExpression: 'gsi2pk = :active AND gsi2sk BETWEEN :from AND :to',
          ExpressionAttributeValues: { ':active': 'ACTIVE', ':from': after ? `${after}\u0000` : ' ', ':to': `${updatedBefore}~` },
          Limit: limit,
        }),
      );
      // The index holds keys only: the applications themselves, as they are now.
      const items = (await getMany(Items.map((item) => String(item.pk)))).filter((application) => isActive(application) && application.updatedAt < updatedBefore);
      const lastKey = Items.at(-1)?.gsi2sk;
      return { items, ...(LastEvaluatedKey && lastKey ? { last: String(lastKey) } : {}) };
    },
    async listByApplicant(applicant, limit, after, status) {
      const items: ApplicationSummary[] = [];
      let startKey: Record<string, unknown> | undefined;
      // The status filter is applied after the key condition: read pages until the page is full.
      do {
        const page = await client.send(
          new QueryCommand({
            TableName: tables.applications,
            IndexName: 'gsi1',
            KeyConditionExpression: after ? 'gsi1pk = :pk AND gsi1sk < :after' : 'gsi1pk = :pk',
            ...(status ? { FilterExpression: '#status = :status' } : {}),
            ExpressionAttributeNames: status ? { '#status': 'status' } : undefined,
            ExpressionAttributeValues: { ':pk': `APPLICANT#${applicant}`, ...(after ? { ':after': after } : {}), ...(status ? { ':status': status } : {}) },
            ScanIndexForward: false,
            Limit: limit + 1,
            ExclusiveStartKey: startKey,
          }),
        );
        items.push(...(page.Items ?? []).map((item) => item.summary as ApplicationSummary));
        startKey = page.LastEvaluatedKey;
      } while (startKey && items.length <= limit);
      const pageItems = items.slice(0, limit);
      const last = pageItems.at(-1);
      return { items: pageItems, ...(items.length > limit && last ? { last: `${last.createdAt}#${last.applicationId}` } : {}) };
    },
  };
}
