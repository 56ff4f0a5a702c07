import { type AuditEntry, canonicalJson, GENESIS_HASH, nextRecord, verifyChain } from '../../functions/registry/domain/audit-chain';
import type { AuditRecord } from '../../schemas/registry';

const entry = (n: number): AuditEntry => ({
  subject: 'persons:9861012345',
  action: 'registry.read',
  at: `2026-11-22T10:00:0${n}.000Z`,
  actor: { id: `officer-${n}`, role: 'officer', agencyId: 'ssc' },
  fields: ['fullName'],
  purpose: 'pension',
});

function chain(length: number): AuditRecord[] {
  const records: AuditRecord[] = [];
  for (let n = 1; n <= length; n++) {
    records.push(nextRecord(records.at(-1), entry(n)));
  }
  return records;
}

describe('audit hash chain', () => {
  it('starts from the genesis hash and links every record to the one before', () => {
    const records = chain(3);
    expect(records.map((record) => record.seq)).toEqual([1, 2, 3]);
    expect(records[0]!.prevHash).toBe(GENESIS_HASH);
    expect(records[1]!.prevHash).toBe(records[0]!.hash);
    expect(records[2]!.prevHash).toBe(records[1]!.hash);
    expect(new Set(records.map((record) => record.hash)).size).toBe(3);
    expect(verifyChain(records)).toEqual({ records: 3, valid: true, headHash: records[2]!.hash });
  });

  it('hashes independently of key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { f: 2, e: 3 }], c: undefined } })).toBe('{"a":{"d":[1,{"e":3,"f":2}]},"b":1}');
  });

  it('detects an edited field', () => {
    const records = chain(4);
    records[1] = { ...records[1]!, fields: ['fullName', 'phone'] };
    expect(verifyChain(records)).toMatchObject({ valid: false, firstBrokenSeq: 2, problem: expect.stringContaining('changed') });
  });

  it('detects an edit whose hash was recomputed, at the next record', () => {
    const records = chain(4);
    const { hash: _old, ...unsealed } = { ...records[1]!, purpose: 'something else' };
    records[1] = nextRecord({ seq: 1, hash: records[0]!.hash }, { ...entry(2), purpose: 'something else' });
    expect(records[1]!).toMatchObject({ seq: 2, prevHash: unsealed.prevHash });
    expect(verifyChain(records)).toMatchObject({ valid: false, firstBrokenSeq: 3 });
  });

  it('detects a deleted record and reordered records', () => {
    const records = chain(4);
    expect(verifyChain([records[0]!, records[2]!, records[3]!])).toMatchObject({ valid: false, firstBrokenSeq: 2 });
    expect(verifyChain([records[1]!, records[0]!])).toMatchObject({ valid: false, firstBrokenSeq: 1 });
  });

  it('accepts an empty chain', () => {
    expect(verifyChain([])).toEqual({ records: 0, valid: true, headHash: undefined });
  });
});
