import type { Kysely } from 'kysely';
import { formatDateTime } from '../../../domain/vietnam-time.ts';
import { oneWorkingDayFrom, type WorkingCalendar } from '../../../domain/working-calendar.ts';
import type { Database } from '../../db/schema.ts';
import { rolesFor } from '../../../domain/access.ts';
import { officersHolding } from '../identity/index.ts';
import { notifyAccount } from '../notifications/index.ts';
import * as repository from './repository.deadlines.ts';

/**
 * The deadline job: warns the officer holding a dossier when its appointment is within one
 * working day, and again when it has passed (then the apology letter is due). Each level is sent
 * once per appointment, also when several workers run the job at the same time.
 */
export async function warnDeadlines(
  db: Kysely<Database>,
  calendar: WorkingCalendar,
  now = new Date(),
): Promise<number> {
  const dueBefore = oneWorkingDayFrom(now, calendar);
  let warned = 0;
  for (const dossier of await repository.listDeadlinesToWarn(db, now, dueBefore, 500)) {
    if (!dossier.due_at) continue;
    const level = dossier.due_at < now ? 'overdue' : 'due_soon';
    const due = formatDateTime(dossier.due_at);
    const notice =
      level === 'overdue'
        ? {
            title: `Hồ sơ ${dossier.code} đã quá hạn`,
            body: `Hồ sơ ${dossier.code} đã quá thời gian hẹn trả (${due}). Vui lòng giải quyết ngay và gửi Phiếu xin lỗi và hẹn lại ngày trả kết quả cho người nộp.`,
          }
        : {
            title: `Hồ sơ ${dossier.code} sắp đến hạn`,
            body: `Hồ sơ ${dossier.code} đến hạn trả kết quả lúc ${due}, còn dưới 1 ngày làm việc. Nếu không kịp, phải gửi Phiếu xin lỗi và hẹn lại ngày trả kết quả trước thời hạn.`,
          };
    const sent = await db.transaction().execute(async (tx) => {
      if (!(await repository.markWarned(tx, dossier.id, dossier.deadline_warning, level)))
        return false;
      const recipients = dossier.assignee_id
        ? [{ accountId: dossier.assignee_id, email: dossier.assignee_email }]
        : await officersHolding(tx, [dossier.holder_agency_id], rolesFor('dossier.remind'));
      for (const recipient of recipients)
        await notifyAccount(tx, { ...recipient, dossierId: dossier.id, ...notice });
      return true;
    });
    if (sent) warned += 1;
  }
  return warned;
}
