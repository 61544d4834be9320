import type { DeadlineStatus } from '../api.ts';
import { useI18n } from '../i18n.tsx';

const COLORS: Record<DeadlineStatus, string> = {
  on_time: 'green',
  due_soon: 'gold',
  overdue: 'red',
  finished_on_time: 'default',
  finished_late: 'volcano',
};

/** The inbox colour: on time, due within one working day, overdue. */
export function DeadlineTag({ deadline }: { deadline: DeadlineStatus | null }) {
  const { t } = useI18n();
  if (!deadline) return null;
  return <span className={`tag tag-${COLORS[deadline]}`}>{t(`deadline.${deadline}`)}</span>;
}
