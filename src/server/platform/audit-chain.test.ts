import { describe, expect, it } from 'vitest';
import {
  auditHash,
  canonicalJson,
  GENESIS_HASH,
  verifyChainSegment,
  type AuditFields,
  type ChainedRecord,
} from './audit-chain.ts';

function chain(fields: AuditFields[]): ChainedRecord[] {
  let prevHash = GENESIS_HASH;
  return fields.map((f) => {
    const hash = auditHash(f, prevHash);
    const record = { ...f, prevHash, hash };
    prevHash = hash;
    return record;
  });
}

const entry = (seq: number, details: Record<string, unknown> = {}): AuditFields => ({
  seq,
  occurredAt: new Date(Date.UTC(2026, 10, 23, 8, 0, seq)),
  actorId: '7d3c2f4e-1111-4222-8333-944445555666',
  actorName: 'Lê Minh Châu',
  action: 'dossier.opened',
  subjectType: 'dossier',
  subjectId: `dossier-${String(seq)}`,
  agencyId: null,
  ip: '203.113.1.2',
  details,
});

describe('the audit chain', () => {
  it('hashes the same content the same way whatever the key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[1,{"y":2,"z":1}]},"b":1}',
    );
    expect(auditHash(entry(1, { x: 1, y: 2 }), GENESIS_HASH)).toBe(
      auditHash(entry(1, { y: 2, x: 1 }), GENESIS_HASH),
    );
  });

  it('verifies an intact chain and hands back its last hash', () => {
    const records = chain([entry(1), entry(2), entry(4)]); // a gap in seq is a rolled-back insert
    expect(verifyChainSegment(records, GENESIS_HASH)).toEqual({ lastHash: records[2]?.hash });
  });

  it('names the first altered record', () => {
    const records = chain([entry(1), entry(2), entry(3)]);
    const tampered = records.map((r) => (r.seq === 2 ? { ...r, actorName: 'Người khác' } : r));
    expect(verifyChainSegment(tampered, GENESIS_HASH)).toEqual({
      broken: { seq: 2, reason: 'altered' },
    });
  });

  it('notices a removed record, even when the rest is rehashed consistently after it', () => {
    const records = chain([entry(1), entry(2), entry(3)]);
    const withoutSecond = records.filter((r) => r.seq !== 2);
    expect(verifyChainSegment(withoutSecond, GENESIS_HASH)).toEqual({
      broken: { seq: 3, reason: 'unlinked' },
    });
  });

  it('notices a change of details or time, not only of names', () => {
    const records = chain([entry(1, { status: 'received' })]);
    const first = records[0]!;
    for (const altered of [
      { ...first, details: { status: 'returned' } },
      { ...first, occurredAt: new Date(first.occurredAt.getTime() + 1) },
    ])
      expect(verifyChainSegment([altered], GENESIS_HASH)).toEqual({
        broken: { seq: 1, reason: 'altered' },
      });
  });
});
