// DynamoDB adapter of the catalogue listing's snapshot (catalogue table, one partition):
//
//   LISTING#SERVICES  HEAD             generation, parts, bytes, services, foldedAt
//   LISTING#SERVICES  PART#<nnnn>      generation, data: a slice of the gzipped JSON [[version, summary], ...]
//   LISTING#SERVICES  DELTA#<service>  version, summary: put in the same transaction as the card's version
//
// Why: a cold listing read the whole index (gsi1), about 600 bytes a service: 3,000 cards took 3 to 18 s on DynamoDB
// Local (9 pages: it pages by the base items' size, the cards) and answered 503 past the function's 10 s. Now it is
// one Query of this partition (a few hundred KB compressed), and the deltas keep it as fresh as the catalogue's own
// writes. The scheduled fold (functions/services/fold-listing.ts) writes the merged snapshot as a new generation in
// one transaction (conditional on the generation it read), then deletes each folded delta unless a newer version of
// it was put meanwhile. Without a HEAD (before the first fold) the listing is the index's, merged with the deltas.
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, type DynamoDBDocumentClient, TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { StoredSummary } from './domain/catalogue';
import { mergeSummaries, type VersionedSummary } from './domain/listing';
import { queryAll } from '../shared/query-all';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

const LISTING_PK = 'LISTING#SERVICES';
const HEAD_SK = 'HEAD';
const DELTA_PREFIX = 'DELTA#';
/** Under DynamoDB's 400 KB item, with room for the keys; a transaction takes up to 100 items and 4 MB. */
const PART_BYTES = 300_000;
const READ_ATTEMPTS = 3;

interface Head {
  readonly generation: number;
  readonly parts: number;
  /** The snapshot's compressed size (absent on a head written before it was kept). */
  readonly bytes?: number;
  readonly services: number;
  readonly foldedAt: string;
}

export interface FoldFigures {
  /** Deltas merged into the snapshot (0: nothing to fold, or another fold won the race). */
  readonly folded: number;
  readonly services: number;
  readonly parts: number;
  readonly bytes: number;
}

const partSk = (index: number) => `PART#${String(index).padStart(4, '0')}`;

/** The delta a card's save puts beside its version, in the same transaction. */
export function listingDelta(tableName: string, entry: VersionedSummary): TransactItem {
  return { Put: { TableName: tableName, Item: { pk: LISTING_PK, sk: `${DELTA_PREFIX}${entry.summary.serviceId}`, version: entry.version, summary: entry.summary } } };
}

export function dynamoListing(client: DynamoDBDocumentClient, tableName: string, index: () => Promise<VersionedSummary[]>, partBytes: number = PART_BYTES) {
  /** The snapshot (undefined before the first fold, or when its parts could not be read whole) and the deltas. */
  async function read(consistent: boolean): Promise<{ head?: Head; base?: VersionedSummary[]; deltas: VersionedSummary[] }> {
    for (let attempt = 1; ; attempt++) {
      const items = await queryAll(client, { TableName: tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': LISTING_PK }, ConsistentRead: consistent });
      const deltas = items.filter((item) => String(item.sk).startsWith(DELTA_PREFIX)).map((item) => ({ version: Number(item.version), summary: item.summary as StoredSummary }));
      const head = items.find((item) => item.sk === HEAD_SK) as Head | undefined;
      if (!head) {
        return { deltas };
      }
      // A Query may see part of a fold's transaction: take the parts of the head's generation, all of them, or read again.
      const parts = items.filter((item) => String(item.sk).startsWith('PART#') && item.generation === head.generation);
      if (parts.length === head.parts) {
        const packed = Buffer.concat(parts.map((part) => part.data as Uint8Array));
        const { gunzipSync } = await import('node:zlib');
        const entries = JSON.parse(gunzipSync(packed).toString('utf8')) as Array<[number, StoredSummary]>;
        return { head, base: entries.map(([version, summary]) => ({ version, summary })), deltas };
      }
      if (attempt === READ_ATTEMPTS) {
        return { deltas };
      }
    }
  }

  return {
    /** Every service's current summary: the snapshot (or, before the first fold, the index) and the deltas. */
    async summaries(): Promise<StoredSummary[]> {
      const { base, deltas } = await read(false);
      return mergeSummaries(base ?? (await index()), deltas).map((entry) => entry.summary);
    },

    async fold(now: Date): Promise<FoldFigures> {
      const { head, base, deltas } = await read(true);
      if (head && base && deltas.length === 0) {
        return { folded: 0, services: head.services, parts: head.parts, bytes: head.bytes ?? 0 };
      }
      const merged = mergeSummaries(base ?? (await index()), deltas);
      const written = await writeGeneration(head, merged, now);
      if (!written) {
        // Another fold wrote a generation meanwhile: the deltas stay for the next pass.
        return { folded: 0, services: merged.length, parts: head?.parts ?? 0, bytes: 0 };
      }
      for (let start = 0; start < deltas.length; start += 25) {
        await Promise.all(deltas.slice(start, start + 25).map((delta) => deleteFolded(client, tableName, delta)));
      }
      return { folded: deltas.length, services: merged.length, ...written };
    },
  };

  /** The merged summaries as the next generation, in one transaction conditional on the head read; undefined when it moved. */
  async function writeGeneration(head: Head | undefined, merged: readonly VersionedSummary[], now: Date): Promise<{ parts: number; bytes: number } | undefined> {
    const { gzipSync } = await import('node:zlib');
    const packed = gzipSync(Buffer.from(JSON.stringify(merged.map((entry) => [entry.version, entry.summary]))));
    const parts = Math.max(1, Math.ceil(packed.length / partBytes));
    const generation = (head?.generation ?? 0) + 1;
    const next: Head = { generation, parts, bytes: packed.length, services: merged.length, foldedAt: now.toISOString() };
    const stale = Array.from({ length: Math.max(0, (head?.parts ?? 0) - parts) }, (_, offset) => parts + offset);
    try {
      await client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: tableName,
                Item: { pk: LISTING_PK, sk: HEAD_SK, ...next },
                ...(head ? { ConditionExpression: 'generation = :read', ExpressionAttributeValues: { ':read': head.generation } } : { ConditionExpression: 'attribute_not_exists(pk)' }),
              },
            },
            ...Array.from({ length: parts }, (_, part) => ({
              Put: { TableName: tableName, Item: { pk: LISTING_PK, sk: partSk(part), generation, data: packed.subarray(part * partBytes, (part + 1) * partBytes) } },
            })),
            ...stale.map((part) => ({ Delete: { TableName: tableName, Key: { pk: LISTING_PK, sk: partSk(part) } } })),
          ],
        }),
      );
      return { parts, bytes: packed.length };
    } catch (error) {
      if (error instanceof TransactionCanceledException && error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed') {
        return undefined;
      }
      throw error;
    }
  }
}

/** A folded delta goes, unless a newer version of its card was put meanwhile (then it waits for the next fold). */
async function deleteFolded(client: DynamoDBDocumentClient, tableName: string, delta: VersionedSummary): Promise<void> {
  try {
    await client.send(
      new DeleteCommand({
        TableName: tableName,
        Key: { pk: LISTING_PK, sk: `${DELTA_PREFIX}${delta.summary.serviceId}` },
        ConditionExpression: 'version = :folded',
        ExpressionAttributeValues: { ':folded': delta.version },
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) {
      throw error;
    }
  }
}
