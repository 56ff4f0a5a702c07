// DynamoDB adapter of the national registry and the audit trail.
//
// registry table                                    audit table (append-only: PutItem if absent, never update)
//   IDENTITY#<sub>        LINK                        SUBJECT#<kind>:<id>  SEQ#<000000000001>  one chain per subject
//   REC#<kind>#<id>       PROFILE   (the record)        gsi1: ACTOR#<sub>  <at>#<subject>#<seq>  (what a staff member did)
//   REC#<kind>#<id>       ACCOUNT   (its one sign-up)
//   REC#<kind>#<id>       CONSENT#<ulid>
//   REC#persons#<nn>      BUSINESS#<registration number>  (memberships, for GET /v1/me)
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { AuditRecord, RecordKind } from '../../schemas/registry';
import type { StoredConsent } from './domain/access';
import type { SharingWrites } from './domain/sharing';
import { type AuditEntry, nextRecord } from './domain/audit-chain';
import { AlreadyExists, type Membership, type RegistryStore, type StoredRecord } from './domain/ports';
import { ServiceUnavailable, VersionConflict } from '../shared/errors';
import { identityLinkKey } from '../shared/dynamo-identity-links';
import type { IdentityLink } from '../shared/identity';
import { queryAll } from '../shared/query-all';
import { dynamoAccountClaims } from './dynamo-account-claims';
import { staffRoles } from '../../lib/platform/identity';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

const recordPk = (kind: RecordKind, recordId: string) => `REC#${kind}#${recordId}`;
const subjectPk = (subject: string) => `SUBJECT#${subject}`;
const seqSk = (seq: number) => `SEQ#${String(seq).padStart(12, '0')}`;
/** Enough for a crowd of writers to one subject (ten submissions of one citizen at once) within a request's time. */
const MAX_APPEND_ATTEMPTS = 25;

/**
 * Sparse: only staff (officers, service-centre staff, operators, auditors) are indexed by actor, the "who did
 * what" of an investigation into staff access. A citizen acts on their own subject's chain (or a business's they
 * represent), which is read by subject; the platform's own entries (role system, one actor id) would all pile
 * onto one index partition at national volume. Each entry left out saves its index write (twice over in the
 * transactions audit entries are written in).
 */
const actorIndex = (record: AuditRecord) =>
  (staffRoles as readonly string[]).includes(record.actor.role)
    ? { gsi1pk: `ACTOR#${record.actor.id}`, gsi1sk: `${record.at}#${record.subject}#${seqSk(record.seq)}` }
    : {};

/** A condition on one of the items written with audit entries failed: the codes, in the items' order. */
export class ItemsRefused extends VersionConflict {
  constructor(readonly codes: ReadonlyArray<string | undefined>) {
    super('a condition on the written items failed');
  }
}

/** Consent items of the registry table, each refused if it exists. */
export function consentPuts(tableName: string, consents: readonly StoredConsent[]): TransactItem[] {
  return consents.map((consent) => ({
    Put: {
      TableName: tableName,
      Item: { pk: recordPk(consent.kind, consent.recordId), sk: `CONSENT#${consent.consentId}`, consent, revoked: false },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  }));
}

/** Writes other items with an application's sharing (its consents, its audit entries) in one transaction. */
export function sharingWriter(client: DynamoDBDocumentClient, tables: { readonly registry: string; readonly audit: string }) {
  return (items: TransactItem[], sharing: SharingWrites) =>
    auditChainWriter(client, tables).appendWith(
      [...sharing.grants.map(({ audit }) => audit), sharing.read],
      [...items, ...consentPuts(tables.registry, sharing.grants.map(({ consent }) => consent))],
    ).then(() => undefined);
}

/** Appends to a subject's audit chain together with other items, in one transaction (also for other tables' adapters). */
export function auditChainWriter(client: DynamoDBDocumentClient, tables: { readonly audit: string }) {
  async function lastAudit(subject: string): Promise<AuditRecord | undefined> {
    const { Items = [] } = await client.send(
      new QueryCommand({
        TableName: tables.audit,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': subjectPk(subject) },
        ScanIndexForward: false,
        Limit: 1,
        ConsistentRead: true,
      }),
    );
    return Items[0] ? toAudit(Items[0]) : undefined;
  }

  function auditPut(record: AuditRecord): TransactItem {
    return {
      Put: {
        TableName: tables.audit,
        Item: {
          pk: subjectPk(record.subject),
          sk: seqSk(record.seq),
          ...actorIndex(record),
          record,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    };
  }

  /**
   * Appends `entries` (one subject's, in order) to its chain together with `items`, in one write. Two writers
   * racing for the same sequence number: one wins, the other re-reads the head and tries again. A failed
   * condition on `items` is the caller's (VersionConflict).
   */
  async function appendWith(entries: readonly AuditEntry[], items: TransactItem[]): Promise<AuditRecord[]> {
    const subject = entries[0]!.subject;
    if (entries.some((entry) => entry.subject !== subject)) {
      throw new Error('one append writes to one chain');
    }
    for (let attempt = 1; ; attempt++) {
      const records: AuditRecord[] = [];
      let previous = await lastAudit(subject);
      for (const entry of entries) {
        previous = nextRecord(previous, entry);
        records.push(previous);
      }
      try {
        if (items.length === 0 && records.length === 1) {
          await client.send(new PutCommand(auditPut(records[0]!).Put!));
        } else {
          await client.send(new TransactWriteCommand({ TransactItems: [...items, ...records.map(auditPut)] }));
        }
        return records;
      } catch (error) {
        const reasons = error instanceof TransactionCanceledException ? (error.CancellationReasons ?? []) : [];
        const itemsFailed = reasons.slice(0, items.length).some((reason) => reason.Code === 'ConditionalCheckFailed');
        if (itemsFailed) {
          throw new ItemsRefused(reasons.slice(0, items.length).map((reason) => reason.Code));
        }
        // Lost the race for the sequence number (another append is done: retry at once on the new head), or
        // collided with a transaction still in flight (back off, jittered, so a crowd spreads out).
        const headMoved = error instanceof ConditionalCheckFailedException || reasons.some((reason) => reason.Code === 'ConditionalCheckFailed');
        const inFlight = reasons.some((reason) => reason.Code === 'TransactionConflict');
        if (!(headMoved || inFlight)) {
          throw error;
        }
        if (attempt >= MAX_APPEND_ATTEMPTS) {
          // Nothing written: the chain is contended past this request's attempts; the client retries (same key).
          throw new ServiceUnavailable('The audit chain is busy; retry with the same request', 1);
        }
        await new Promise((resolve) => setTimeout(resolve, Math.random() * (inFlight ? Math.min(250, 10 * 2 ** attempt) : 10)));
      }
    }
  }

  return { appendWith };
}

export function dynamoRegistry(client: DynamoDBDocumentClient, tables: { registry: string; audit: string }): RegistryStore {
  const { appendWith } = auditChainWriter(client, tables);

  async function putConsent(consent: StoredConsent, audit: AuditEntry, write: 'new' | 'change'): Promise<void> {
    const key = { pk: recordPk(consent.kind, consent.recordId), sk: `CONSENT#${consent.consentId}` };
    const condition =
      write === 'new'
        ? { ConditionExpression: 'attribute_not_exists(pk)' }
        : { ConditionExpression: 'attribute_exists(pk) AND revoked = :false', ExpressionAttributeValues: { ':false': false } };
    await appendWith([audit], [{ Put: { TableName: tables.registry, Item: { ...key, consent, revoked: Boolean(consent.revokedAt) }, ...condition } }]);
  }

  const queryPrefix = (pk: string, prefix: string) =>
    queryAll(client, {
      TableName: tables.registry,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': pk, ':prefix': prefix },
      ConsistentRead: true,
    });

  return {
    async getLink(sub) {
      const { Item } = await client.send(new GetCommand({ TableName: tables.registry, Key: identityLinkKey(sub) }));
      return Item?.link as IdentityLink | undefined;
    },

    async putLink(link) {
      const items: TransactItem[] = [
        {
          Put: {
            TableName: tables.registry,
            Item: { ...identityLinkKey(link.sub), link },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
      ];
      if (link.subject) {
        items.push({
          Put: {
            TableName: tables.registry,
            Item: { pk: recordPk(link.subject.kind, link.subject.recordId), sk: 'ACCOUNT', sub: link.sub, createdAt: link.createdAt, confirmed: true },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        });
      }
      try {
        await client.send(new TransactWriteCommand({ TransactItems: items }));
      } catch (error) {
        if (error instanceof TransactionCanceledException) {
          throw new AlreadyExists('the account or the record is already linked');
        }
        throw error;
      }
    },

    async markMfaEnrolled(sub, at) {
      await client.send(
        new UpdateCommand({
          TableName: tables.registry,
          Key: identityLinkKey(sub),
          UpdateExpression: 'SET link.mfaEnrolled = :true, link.mfaEnrolledAt = :at',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':true': true, ':at': at },
        }),
      );
    },

    ...dynamoAccountClaims(client, tables),

    async getRecord(kind, recordId) {
      const { Item } = await client.send(
        new GetCommand({ TableName: tables.registry, Key: { pk: recordPk(kind, recordId), sk: 'PROFILE' }, ConsistentRead: true }),
      );
      return Item?.record as StoredRecord | undefined;
    },

    async saveRecord(record, expectedVersion, memberships, audit) {
      const items: TransactItem[] = [
        {
          Put: {
            TableName: tables.registry,
            Item: { pk: recordPk(record.kind, record.recordId), sk: 'PROFILE', version: record.version, record },
            ...(expectedVersion === 0
              ? { ConditionExpression: 'attribute_not_exists(pk)' }
              : { ConditionExpression: 'version = :expected', ExpressionAttributeValues: { ':expected': expectedVersion } }),
          },
        },
        ...memberships.put.map(({ personId, ...membership }): TransactItem => ({
          Put: { TableName: tables.registry, Item: { pk: recordPk('persons', personId), sk: `BUSINESS#${membership.registrationNumber}`, membership } },
        })),
        ...memberships.remove.map(({ personId, registrationNumber }): TransactItem => ({
          Delete: { TableName: tables.registry, Key: { pk: recordPk('persons', personId), sk: `BUSINESS#${registrationNumber}` } },
        })),
      ];
      await appendWith([audit], items);
    },

    async listMemberships(personId) {
      return (await queryPrefix(recordPk('persons', personId), 'BUSINESS#')).map((item) => item.membership as Membership);
    },

    async listConsents(kind, recordId) {
      return (await queryPrefix(recordPk(kind, recordId), 'CONSENT#')).map((item) => item.consent as StoredConsent);
    },

    async grantConsents(grants, after) {
      const puts = consentPuts(tables.registry, grants.map(({ consent }) => consent));
      await appendWith([...grants.map(({ audit }) => audit), after], puts);
    },

    // A new consent never overwrites; a revocation, or an end brought forward, applies to a consent not yet revoked.
    saveConsent: (consent, audit) => putConsent(consent, audit, consent.revokedAt ? 'change' : 'new'),
    endConsentEarlier: (consent, audit) => putConsent(consent, audit, 'change'),

    appendAudit: async (entry) => (await appendWith([entry], []))[0]!,

    async readAudit(subject, afterSeq, limit) {
      const { Items = [] } = await client.send(
        new QueryCommand({
          TableName: tables.audit,
          KeyConditionExpression: 'pk = :pk AND sk > :after',
          ExpressionAttributeValues: { ':pk': subjectPk(subject), ':after': seqSk(afterSeq) },
          Limit: limit,
          ConsistentRead: true,
        }),
      );
      return Items.map(toAudit);
    },
  };
}

function toAudit(item: Record<string, unknown>): AuditRecord {
  return item.record as AuditRecord;
}
