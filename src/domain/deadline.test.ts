import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deadlineStatus } from './deadline.ts';

const at = (iso: string) => new Date(iso);

describe('deadline status', () => {
  const now = at('2026-03-02T09:00:00+07:00');
  const dueSoonBefore = at('2026-03-03T09:00:00+07:00');

  it('colours open dossiers by the time left', () => {
    const status = (due: string) =>
      deadlineStatus({ dueAt: at(due), finishedAt: null, now, dueSoonBefore });
    expect(status('2026-03-05T09:00:00+07:00')).toBe('on_time');
    expect(status('2026-03-03T08:00:00+07:00')).toBe('due_soon');
    expect(status('2026-03-02T08:59:00+07:00')).toBe('overdue');
  });

  it('judges finished dossiers by when they finished, whatever the time now', () => {
    fc.assert(
      fc.property(fc.date({ noInvalidDate: true }), (later) => {
        const dueAt = at('2026-03-02T09:00:00+07:00');
        expect(
          deadlineStatus({
            dueAt,
            finishedAt: at('2026-03-02T08:00:00+07:00'),
            now: later,
            dueSoonBefore: later,
          }),
        ).toBe('finished_on_time');
        expect(
          deadlineStatus({
            dueAt,
            finishedAt: at('2026-03-02T10:00:00+07:00'),
            now: later,
            dueSoonBefore: later,
          }),
        ).toBe('finished_late');
      }),
    );
  });

  it('has nothing to say before reception', () => {
    expect(deadlineStatus({ dueAt: null, finishedAt: null, now, dueSoonBefore })).toBeNull();
  });
});
