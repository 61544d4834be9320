/**
 * How a dossier stands against its appointment: derived from times at the moment of asking,
 * never stored (a stored "overdue" would be wrong the minute after it was written).
 */
export type DeadlineStatus =
  'on_time' | 'due_soon' | 'overdue' | 'finished_on_time' | 'finished_late';

export function deadlineStatus(dossier: {
  dueAt: Date | null;
  finishedAt: Date | null;
  now: Date;
  /** One working day from now: an open dossier due before it is "due soon". */
  dueSoonBefore: Date;
}): DeadlineStatus | null {
  const { dueAt, finishedAt, now, dueSoonBefore } = dossier;
  if (!dueAt) return null;
  if (finishedAt) return finishedAt <= dueAt ? 'finished_on_time' : 'finished_late';
  if (dueAt < now) return 'overdue';
  return dueAt <= dueSoonBefore ? 'due_soon' : 'on_time';
}
