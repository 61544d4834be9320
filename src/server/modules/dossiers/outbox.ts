import type { DossierAction, DossierStatus } from '../../../domain/dossier-lifecycle.ts';
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
