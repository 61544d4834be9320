import { createHash } from 'node:crypto';

/** What an audit record says; its hash covers every field and the previous record's hash. */
export type AuditFields = {
  seq: number;
  occurredAt: Date;
  actorId: string | null;
  actorName: string;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  agencyId: string | null;
  ip: string | null;
  details: Record<string, unknown>;
};

export type ChainedRecord = AuditFields & { prevHash: string; hash: string };

/** The previous hash of the first record. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * JSON with object keys sorted at every depth: the database's jsonb does not keep key order, so
 * the hash is taken over a form that survives the round trip.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function auditHash(fields: AuditFields, prevHash: string): string {
  const content = canonicalJson({
    seq: fields.seq,
    occurredAt: fields.occurredAt.toISOString(),
    actorId: fields.actorId,
    actorName: fields.actorName,
    action: fields.action,
    subjectType: fields.subjectType,
    subjectId: fields.subjectId,
    agencyId: fields.agencyId,
    ip: fields.ip,
    details: fields.details,
    prevHash,
  });
  return createHash('sha256').update(content).digest('hex');
}

export type ChainBreak = { seq: number; reason: 'altered' | 'unlinked' };

/**
 * Walks records in sequence order from `prevHash` and returns the first one that does not hold:
 * `altered` when its content no longer matches its hash, `unlinked` when it does not point at the
 * record before it (one was removed or slipped in). Returns the hash to continue from otherwise.
 */
export function verifyChainSegment(
  records: readonly ChainedRecord[],
  prevHash: string,
): { broken: ChainBreak } | { lastHash: string } {
  let expectedPrev = prevHash;
  for (const record of records) {
    if (record.prevHash !== expectedPrev)
      return { broken: { seq: record.seq, reason: 'unlinked' } };
    if (auditHash(record, record.prevHash) !== record.hash)
      return { broken: { seq: record.seq, reason: 'altered' } };
    expectedPrev = record.hash;
  }
  return { lastHash: expectedPrev };
}
