import type { DossierAction, DossierStatus } from '../../../domain/dossier-lifecycle.ts';
import { sql, type RawBuilder } from 'kysely';
import type { OutboxEntry } from '../../platform/outbox.ts';

/** What a dossier's change tells the national portal (decision 0017, Decision 31/2021 art. 30 cl. 3). */
export type DossierProgress = {
  code: string;
  /** The agency holding the dossier after the change. */
  agencyCode: string;
  procedureCode: string;
  procedureName: string;
  channel: string;
  action: DossierAction;
  from: DossierStatus | null;
  to: DossierStatus;
  occurredAt: Date;
  submittedAt: Date;
  receivedAt: Date | null;
  dueAt: Date | null;
  finishedAt: Date | null;
  /** So the portal can show applicants their own dossiers; no other personal data leaves. */
  applicantCitizenId: string | null;
  /** The applicant's rating (1 to 5) when the change is one (`rate`), for the satisfaction figures. */
  rating?: number | null;
};

export const DOSSIER_PROGRESS = 'dossier.progress';

const iso = (date: Date | null) => (date ? date.toISOString() : null);

/** The outbox entry of a dossier's change, ordered by the dossier's code. */
export function progressEntry(progress: DossierProgress): OutboxEntry {
  return {
    type: DOSSIER_PROGRESS,
    agencyCode: progress.agencyCode,
    key: progress.code,
    body: {
      ...progress,
      occurredAt: progress.occurredAt.toISOString(),
      submittedAt: progress.submittedAt.toISOString(),
      receivedAt: iso(progress.receivedAt),
      dueAt: iso(progress.dueAt),
      finishedAt: iso(progress.finishedAt),
    },
  };
}

const isoText = (column: RawBuilder<unknown>) =>
  sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * Every change every dossier has had, as the messages `progressEntry` would have made of them,
 * in the order they happened (`position`): what a national portal learns first from a system
 * that joins it with a history. The dates of reception, appointment and settlement are the
 * dossier's latest.
 */
export function progressHistory(): RawBuilder<unknown> {
  return sql`
    select ${DOSSIER_PROGRESS}::text as type, ea.code as agency_code, d.code as key,
      jsonb_build_object(
        'code', d.code, 'agencyCode', ea.code,
        'procedureCode', p.national_code, 'procedureName', p.name, 'channel', d.channel,
        'action', e.action, 'from', e.from_status, 'to', e.to_status,
        'occurredAt', ${isoText(sql`e.occurred_at`)}, 'submittedAt', ${isoText(sql`d.submitted_at`)},
        'receivedAt', ${isoText(sql`d.received_at`)}, 'dueAt', ${isoText(sql`d.due_at`)},
        'finishedAt', ${isoText(sql`d.finished_at`)}, 'applicantCitizenId', a.citizen_id,
        'rating', (e.details ->> 'rating')::integer
      ) as body,
      row_number() over (order by e.occurred_at, e.id) as position
    from dossier_event e
    join dossier d on d.id = e.dossier_id
    join agency ea on ea.id = e.agency_id
    join service s on s.id = d.service_id
    join procedure p on p.id = s.procedure_id
    left join account a on a.id = d.applicant_id
    where ea.code is not null`;
}
