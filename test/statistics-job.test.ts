import { describe, expect, it } from 'vitest';
import { openCountDueAt } from '../src/server/modules/monitoring/job.ts';

describe('the statistics job’s open-dossier count', () => {
  const at = Date.parse('2026-12-01T08:00:00+07:00');
  const later = (seconds: number) => at + seconds * 1000;

  it('counts again after events, but not more often than every 4 seconds', () => {
    const counted = { at, nextDue: null, eventsSince: true };
    expect(openCountDueAt(counted, later(3))).toBe(false);
    expect(openCountDueAt(counted, later(4))).toBe(true);
  });

  it('counts again when an appointment passes, when a dossier turns overdue', () => {
    const counted = { at, nextDue: new Date(later(30)), eventsSince: false };
    expect(openCountDueAt(counted, later(29))).toBe(false);
    expect(openCountDueAt(counted, later(30))).toBe(true);
  });

  it('counts again after a minute even when nothing seemed to change', () => {
    const counted = { at, nextDue: null, eventsSince: false };
    expect(openCountDueAt(counted, later(59))).toBe(false);
    expect(openCountDueAt(counted, later(60))).toBe(true);
  });
});
