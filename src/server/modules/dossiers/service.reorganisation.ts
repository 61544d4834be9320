import { sql, type Transaction } from 'kysely';
import { formatDate } from '../../../domain/vietnam-time.ts';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../../platform/actor.ts';
import { outboxRecord } from '../../platform/outbox.ts';
import { insertRows, type RowWrite } from '../../platform/row-writes.ts';
import { noticeRows } from '../notifications/index.ts';
import { progressEntry } from './outbox.ts';

/** A dossier is still in progress until its result is returned, or it is refused or withdrawn. */
const SETTLED = ['draft', 'returned', 'refused', 'withdrawn'] as const;

export type DossiersMoved = { moved: number };

/**
 * A merger: the dossiers in progress that the merged agencies hold, are competent for, received at
 * their desk or are to return there continue at the successor. Each keeps its code, state,
 * appointment and step: the reorganisation stops no clock. One `reorganise` event per dossier, at
 * the successor, says so; the applicant is told, and the national portal learns the new holder.
 * Runs in the merger's transaction.
 */
export async function moveOpenDossiers(
  tx: Transaction<Database>,
  merger: { from: readonly string[]; to: string; actor: Actor; note: string },
): Promise<number> {
  const { from, to, actor, note } = merger;
  const ids = sql`${[...from]}::uuid[]`;
  const successor = sql`${to}::uuid`;
  // Where a desk is the new holder itself, the dossier names no separate desk (null: the holder).
  const { rows } = await sql<{
    id: string;
    code: string;
    status: Database['dossier']['status'];
    channel: string;
    applicant_id: string;
    applicant_email: string | null;
    applicant_citizen_id: string | null;
    submitted_at: Date;
    received_at: Date | null;
    due_at: Date | null;
    finished_at: Date | null;
    procedure_code: string;
    procedure_name: string;
    holder_code: string | null;
    holder_name: string;
    left_name: string;
  }>`
    with open as (
      select d.id, d.holder_agency_id as left_id from dossier d
      where d.status <> all(${[...SETTLED]}::text[])
        and (d.holder_agency_id = any(${ids}) or d.agency_id = any(${ids})
          or d.reception_agency_id = any(${ids}) or d.return_agency_id = any(${ids}))
      order by d.id
      for update
    ), moved as (
      update dossier d set
        agency_id = case when d.agency_id = any(${ids}) then ${successor} else d.agency_id end,
        holder_agency_id = case when d.holder_agency_id = any(${ids}) then ${successor}
          else d.holder_agency_id end,
        reception_agency_id = nullif(case when d.reception_agency_id = any(${ids}) then ${successor}
          else d.reception_agency_id end,
          case when d.holder_agency_id = any(${ids}) then ${successor} else d.holder_agency_id end),
        return_agency_id = nullif(case when d.return_agency_id = any(${ids}) then ${successor}
          else d.return_agency_id end,
          case when d.holder_agency_id = any(${ids}) then ${successor} else d.holder_agency_id end),
        lock_version = d.lock_version + 1,
        updated_at = now()
      from open
      where d.id = open.id
      returning d.id, d.code, d.status, d.channel, d.applicant_id, d.submitted_at, d.received_at,
        d.due_at, d.finished_at, d.service_id, d.holder_agency_id, open.left_id
    )
    select m.id, m.code, m.status, m.channel, m.applicant_id, a.email as applicant_email,
      a.citizen_id as applicant_citizen_id, m.submitted_at, m.received_at, m.due_at, m.finished_at,
      p.national_code as procedure_code, p.name as procedure_name,
      h.code as holder_code, h.name as holder_name, l.name as left_name
    from moved m
    join account a on a.id = m.applicant_id
    join service s on s.id = m.service_id
    join procedure p on p.id = s.procedure_id
    join agency h on h.id = m.holder_agency_id
    join agency l on l.id = m.left_id`.execute(tx);
  const now = new Date();
  const writes: RowWrite[] = rows.flatMap((row) => [
    {
      table: 'dossier_event' as const,
      row: {
        dossier_id: row.id,
        agency_id: to,
        action: 'reorganise' as const,
        from_status: row.status,
        to_status: row.status,
        actor_id: actor.accountId,
        note,
        details: JSON.stringify({ mergedAgencyIds: from }),
      },
    },
    ...noticeRows({
      accountId: row.applicant_id,
      email: row.applicant_email,
      dossierId: row.id,
      title: `Hồ sơ ${row.code} được chuyển cơ quan tiếp tục giải quyết`,
      body:
        `Do sắp xếp tổ chức bộ máy, hồ sơ ${row.code} (${row.procedure_name}) ` +
        `được chuyển từ ${row.left_name} sang ${row.holder_name} để tiếp tục giải quyết. ` +
        (row.due_at
          ? `Ngày hẹn trả kết quả không thay đổi: ${formatDate(row.due_at)}.`
          : 'Bạn không cần nộp lại hồ sơ.'),
    }),
    outboxRecord(
      progressEntry({
        code: row.code,
        agencyCode: row.holder_code ?? '',
        procedureCode: row.procedure_code,
        procedureName: row.procedure_name,
        channel: row.channel,
        action: 'reorganise',
        from: row.status,
        to: row.status,
        occurredAt: now,
        submittedAt: row.submitted_at,
        receivedAt: row.received_at,
        dueAt: row.due_at,
        finishedAt: row.finished_at,
        applicantCitizenId: row.applicant_citizen_id,
      }),
    ),
  ]);
  await insertRows(tx, writes);
  return rows.length;
}
