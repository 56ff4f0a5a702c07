// Issue 13, item 5: the audit chains are anchored outside their table. The checkpoint worker (fed by the audit
// table's stream) signs each chain's head into a write-once store; `GET /v1/audit/verify` holds the chain against
// it, so records removed from the end of a chain directly in the table no longer go unnoticed.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { fileCheckpointStore } from '../../functions/registry/file-checkpoints';
import { checkpointKey } from '../../functions/registry/domain/checkpoints';
import { tableName } from '../../lib/platform/tables';
import { api, tables, tokenFor } from '../support/api';
import { createPerson } from '../support/fixtures';
import { until } from '../support/wait';

/** Appends one record to the person's chain: a registry read the officer's agency is refused (audited all the same). */
async function appendRecord(nationalNumber: string): Promise<void> {
  const purpose = encodeURIComponent(`checkpoint probe ${randomUUID()}`);
  expect((await api(`/v1/registry/persons/${nationalNumber}?fields=familyBookNumber&purpose=${purpose}`, { token: await tokenFor('officer-ssc') })).status).toBe(403);
}

async function verify(subject: string) {
  const response = await api(`/v1/audit/verify?subject=${subject}`, { token: await tokenFor('auditor') });
  expect(response.status).toBe(200);
  return response.body;
}

/** Waits until the subject's latest checkpoint is its chain's head, and answers that verification. */
const checkpointed = (subject: string) =>
  until(`the checkpoint of ${subject}'s head`, async () => {
    const answer = await verify(subject);
    return answer.checkpoint && answer.checkpoint.seq === answer.chainHead?.seq ? answer : undefined;
  });

const removeRecord = (subject: string, seq: number) =>
  tables().send(new DeleteCommand({ TableName: tableName('local', 'audit'), Key: { pk: `SUBJECT#${subject}`, sk: `SEQ#${String(seq).padStart(12, '0')}` } }));

const checkpointDir = () => path.join(process.env.KHIDMA_CLOUD_DIR!, 'audit-checkpoints');

describe('audit checkpoints outside the table', () => {
  it('reports a chain whose last records were deleted in the table as truncated, naming the checkpoint and the head left', async () => {
    const nationalNumber = await createPerson();
    const subject = `persons:${nationalNumber}`;
    for (let i = 0; i < 3; i++) {
      await appendRecord(nationalNumber);
    }
    const before = await checkpointed(subject);
    expect(before).toMatchObject({ valid: true, records: 4 });
    expect(before.checkpoint).toMatchObject({ seq: 4, hash: before.chainHead.hash, keyId: expect.any(String) });

    // An insider deletes the chain's last two records straight from the table: the chain left is intact in itself.
    await removeRecord(subject, 4);
    await removeRecord(subject, 3);
    const after = await verify(subject);
    expect(after).toMatchObject({
      valid: false,
      records: 2,
      problemCode: 'truncated',
      firstBrokenSeq: 3,
      chainHead: { seq: 2 },
      checkpoint: { seq: 4, hash: before.checkpoint.hash, at: before.checkpoint.at },
    });
    expect(after.problem).toContain('records 3 to 4 were removed');
  });

  it('reports a chain regrown over deleted records as rewritten, however far it grows past the checkpoint', async () => {
    const nationalNumber = await createPerson();
    const subject = `persons:${nationalNumber}`;
    await appendRecord(nationalNumber);
    const original = (await checkpointed(subject)).checkpoint;
    expect(original.seq).toBe(2);

    // Delete the head, then let new activity write a new record 2 and a record 3 on top of it.
    await removeRecord(subject, 2);
    await appendRecord(nationalNumber);
    await appendRecord(nationalNumber);
    const store = fileCheckpointStore(checkpointDir());
    await until('the checkpoint of the regrown chain', async () => (await store.list(subject)).some((entry) => entry.seq === 3));
    // The first checkpoint of record 2 is still there beside the new ones, and the chain contradicts it.
    expect((await store.list(subject)).filter((entry) => entry.seq === 2).map((entry) => entry.hash)).toContain(original.hash);
    expect(await verify(subject)).toMatchObject({
      valid: false,
      records: 3,
      problemCode: 'checkpoint_mismatch',
      firstBrokenSeq: 2,
      chainHead: { seq: 3 },
      checkpoint: { seq: 2, hash: original.hash },
    });
  });

  it('never overwrites a checkpoint, and a checkpoint not signed by the platform is reported, not trusted', async () => {
    const nationalNumber = await createPerson();
    const subject = `persons:${nationalNumber}`;
    await appendRecord(nationalNumber);
    const signed = (await checkpointed(subject)).checkpoint;
    const store = fileCheckpointStore(checkpointDir());
    const [latest] = await store.list(subject);
    const original = await store.read(latest!.key);

    // The store's own code path: the same key again is refused, the first checkpoint stays as it was.
    const forged = `${Buffer.from('{"alg":"ES256","typ":"audit-checkpoint+jwt","kid":"forged"}').toString('base64url')}.e30.AAAA`;
    expect(await store.put({ key: checkpointKey(subject, signed.seq, signed.hash), seq: signed.seq, hash: signed.hash }, forged)).toBe('exists');
    expect(await store.read(latest!.key)).toBe(original);
    expect(await verify(subject)).toMatchObject({ valid: true, checkpoint: { seq: signed.seq, hash: signed.hash } });

    // A checkpoint of a later record that someone able to write files, but not to sign, left behind is not trusted.
    const later = { seq: signed.seq + 5, hash: 'f'.repeat(64) };
    expect(await store.put({ key: checkpointKey(subject, later.seq, later.hash), ...later }, forged)).toBe('written');
    expect(await verify(subject)).toMatchObject({ valid: false, problemCode: 'checkpoint_invalid' });
  });
});
