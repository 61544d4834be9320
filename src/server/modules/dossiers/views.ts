import { deadlineStatus } from '../../../domain/deadline.ts';
import type { NameBook } from './name-book.ts';
import type * as repository from './repository.ts';

/** How dossiers read on the wire: summaries, event details for the applicant, form labels. */
/** What a dossier's summary is made of: a row of any of the lists. */
export type SummaryRow = Pick<
  Awaited<ReturnType<typeof repository.listDossiers>>[number],
  | 'id'
  | 'code'
  | 'status'
  | 'channel'
  | 'procedure_code'
  | 'procedure_name'
  | 'agency_id'
  | 'agency_name'
  | 'holder_agency_name'
  | 'reception_agency_name'
  | 'return_agency_name'
  | 'step_index'
  | 'workflow'
  | 'applicant_name'
  | 'submitted_at'
  | 'received_at'
  | 'due_at'
  | 'finished_at'
  | 'returned_at'
>;

type Clock = { now: Date; dueSoonBefore: Date };

/** A dossier's dates, and where it stands against its deadline. */
function timeline(
  row: Pick<SummaryRow, 'submitted_at' | 'received_at' | 'due_at' | 'finished_at' | 'returned_at'>,
  clock: Clock,
) {
  return {
    submittedAt: row.submitted_at,
    receivedAt: row.received_at,
    dueAt: row.due_at,
    finishedAt: row.finished_at,
    returnedAt: row.returned_at,
    deadline: deadlineStatus({ dueAt: row.due_at, finishedAt: row.finished_at, ...clock }),
  };
}

export function toSummary(row: SummaryRow, clock: Clock) {
  return {
    id: row.id,
    code: row.code,
    status: row.status,
    channel: row.channel,
    procedureCode: row.procedure_code,
    procedureName: row.procedure_name,
    agencyId: row.agency_id,
    agencyName: row.agency_name,
    holderAgencyName: row.holder_agency_name,
    receptionAgencyName: row.reception_agency_name,
    returnAgencyName: row.return_agency_name,
    stepName: row.step_index === null ? null : (row.workflow[row.step_index]?.name ?? null),
    applicantName: row.applicant_name,
    ...timeline(row, clock),
  };
}

/** A dossier as anyone may look it up by its code: no ids, no applicant. */
export function toPublicStatus(
  row: NonNullable<Awaited<ReturnType<typeof repository.findPublicStatuses>>[number]>,
  names: NameBook,
  clock: Clock,
) {
  const procedure = names.procedure(row.service_id);
  const agency = orNull(names.agency);
  return {
    code: row.code,
    status: row.status,
    channel: row.channel,
    procedureCode: procedure.code,
    procedureName: procedure.name,
    agencyName: names.agency(row.agency_id),
    holderAgencyName: names.agency(row.holder_agency_id),
    receptionAgencyName: agency(row.reception_agency_id),
    returnAgencyName: agency(row.return_agency_id),
    stepName: names.step(row.workflow_version_id, row.step_index),
    ...timeline(row, clock),
  };
}

/** A dossier as the register (Sổ theo dõi hồ sơ) lists it: no ids, no step, no workflow. */
export function toRegisterEntry(
  row: Awaited<ReturnType<typeof repository.registerBatch>>[number],
  names: NameBook,
  clock: Clock,
) {
  const agency = orNull(names.agency);
  return {
    code: row.code,
    procedureName: names.procedure(row.service_id).name,
    applicantName: row.applicant_name,
    channel: row.channel,
    agencyName: names.agency(row.agency_id),
    receptionAgencyName: agency(row.reception_agency_id),
    returnAgencyName: agency(row.return_agency_id),
    status: row.status,
    ...timeline(row, clock),
  };
}

const orNull =
  <T>(name: (id: string) => T) =>
  (id: string | null) =>
    id === null ? null : name(id);

/** Event details an applicant may read: the names of units and dates, never officers' ids. */
export function publicDetails(details: Record<string, unknown>, view: 'applicant' | 'officer') {
  if (view === 'officer') return details;
  const { assigneeId: _assignee, targetAgencyId: _target, ...rest } = details;
  return rest;
}

/** Field titles of the version's form, so the dossier reads with the labels the citizen saw. */
export function fieldTitles(schema: Record<string, unknown>): Record<string, string> {
  const properties = (schema.properties ?? {}) as Record<string, { title?: unknown }>;
  return Object.fromEntries(
    Object.entries(properties).flatMap(([key, field]) =>
      typeof field.title === 'string' ? [[key, field.title]] : [],
    ),
  );
}

/**
 * The form's sections in order: each section heading (a field of type null) starts one, with the
 * keys of the answers under it; the answers before the first heading make an untitled one.
 */
export function fieldSections(
  schema: Record<string, unknown>,
): { title: string | null; keys: string[] }[] {
  const properties = (schema.properties ?? {}) as Record<
    string,
    { title?: unknown; type?: unknown }
  >;
  const sections: { title: string | null; keys: string[] }[] = [{ title: null, keys: [] }];
  for (const [key, field] of Object.entries(properties)) {
    if (field.type === 'null')
      sections.push({ title: typeof field.title === 'string' ? field.title : null, keys: [] });
    else sections[sections.length - 1]?.keys.push(key);
  }
  return sections.filter((section) => section.keys.length > 0);
}
