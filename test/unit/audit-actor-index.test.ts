// The audit table's actor index on a real DynamoDB Local: a staff member's entries are indexed by actor (what an
// officer, an operator... did), a citizen's and the platform's are not (read by subject); every entry is on its
// subject's chain either way, appended with the items it records in one transaction.
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { PutCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditEntry } from '../../functions/registry/domain/audit-chain';
import { verifyChain } from '../../functions/registry/domain/audit-chain';
import { auditChainWriter, dynamoRegistry } from '../../functions/registry/dynamo-registry';
import { unitTables } from '../support/unit-tables';

const local = unitTables('khidma-audit-actor-');
const tables = { registry: local.table('registry'), audit: local.table('audit') };

const subject = 'persons:9861012345';
const entry = (actor: AuditEntry['actor'], n: number): AuditEntry => ({
  subject,
  action: 'registry.read',
  at: `2031-08-10T06:00:0${n}.000Z`,
  actor,
  fields: ['fullName'],
  purpose: 'test',
});

const byActor = async (actorId: string) =>
  (
    await local.documents.send(
      new QueryCommand({ TableName: tables.audit, IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': `ACTOR#${actorId}` } }),
    )
  ).Items ?? [];

describe('audit actor index', () => {
  it('indexes staff entries by actor, and leaves citizens\' and the platform\'s to their subject\'s chain', async () => {
    const writer = auditChainWriter(local.documents, tables);
    const officer = { id: 'officer-sub', role: 'officer', agencyId: 'dvld' };
    const citizen = { id: 'citizen-sub', role: 'citizen' };
    const platform = { id: 'khidma-workflow', role: 'system' };
    // A citizen's entry written with another item, in one transaction (as a submission's consents are).
    const marker = { Put: { TableName: tables.registry, Item: { pk: 'REC#persons#9861012345', sk: 'CONSENT#X' }, ConditionExpression: 'attribute_not_exists(pk)' } };
    await writer.appendWith([entry(citizen, 1)], [marker]);
    await writer.appendWith([entry(officer, 2)], []);
    await writer.appendWith([entry(platform, 3), entry(officer, 4)], []);

    const trail = await dynamoRegistry(local.documents, tables).readAudit(subject, 0, 10);
    expect(trail.map((record) => [record.seq, record.actor.role])).toEqual([
      [1, 'citizen'],
      [2, 'officer'],
      [3, 'system'],
      [4, 'officer'],
    ]);
    expect(verifyChain(trail)).toMatchObject({ valid: true, records: 4 });
    expect((await byActor('officer-sub')).map((item) => item.record.seq)).toEqual([2, 4]);
    expect(await byActor('citizen-sub')).toEqual([]);
    expect(await byActor('khidma-workflow')).toEqual([]);
  });

  it('still refuses the whole append when an item written with it is refused', async () => {
    const writer = auditChainWriter(local.documents, tables);
    const taken = { pk: 'REC#persons#9861099999', sk: 'CONSENT#Y' };
    await local.documents.send(new PutCommand({ TableName: tables.registry, Item: taken }));
    const other = 'persons:9861099999';
    await expect(
      writer.appendWith([{ ...entry({ id: 'citizen-sub', role: 'citizen' }, 5), subject: other }], [{ Put: { TableName: tables.registry, Item: taken, ConditionExpression: 'attribute_not_exists(pk)' } }]),
    ).rejects.toMatchObject({ codes: ['ConditionalCheckFailed'] });
    expect(await dynamoRegistry(local.documents, tables).readAudit(other, 0, 10)).toEqual([]);
  });

  it('answers a retryable 503 (nothing written) when the chain stays contended past its attempts, never the raw refusal', async () => {
    const contended = Object.create(local.documents) as typeof local.documents;
    let attempts = 0;
    contended.send = (async (command: unknown) => {
      if (command instanceof TransactWriteCommand) {
        attempts += 1;
        throw new TransactionCanceledException({ message: 'Transaction cancelled [None, TransactionConflict]', $metadata: {}, CancellationReasons: [{ Code: 'None' }, { Code: 'TransactionConflict' }] });
      }
      return local.documents.send(command as never);
    }) as typeof contended.send;
    const busy = 'persons:9861077777';
    const marker = { Put: { TableName: tables.registry, Item: { pk: 'REC#persons#9861077777', sk: 'CONSENT#Z' }, ConditionExpression: 'attribute_not_exists(pk)' } };
    await expect(auditChainWriter(contended, tables).appendWith([{ ...entry({ id: 'citizen-sub', role: 'citizen' }, 6), subject: busy }], [marker])).rejects.toMatchObject({
      status: 503,
      code: 'service_unavailable',
      details: { retryAfterSeconds: 1 },
    });
    expect(attempts).toBe(25);
    expect(await dynamoRegistry(local.documents, tables).readAudit(busy, 0, 10)).toEqual([]);
  });
});
