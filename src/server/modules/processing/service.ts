import { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { agenciesAllowed } from '../../../domain/access.ts';
import type { Actor } from '../../platform/actor.ts';
import { appendAudit } from '../../platform/audit.ts';
import type { DossierService, LifecycleInput, RegisterDossierInput } from '../dossiers/index.ts';
import type { ResultService } from '../results/index.ts';
import { processingErrors } from './errors.ts';
import { ONE_STOP_FORMS, type OneStopForm } from '../../../domain/one-stop-forms.ts';
import { formEvent, renderForm } from './forms.ts';
import { registerCsv, registerXlsx } from './register.ts';
import { formatDate, formatDateTime } from '../../../domain/vietnam-time.ts';

async function formFile(
  dossier: Awaited<ReturnType<DossierService['getAgencyDossier']>>,
  form: OneStopForm,
) {
  const event = formEvent(dossier, form);
  if (!event) throw processingErrors.formNotAvailable();
  const content = Buffer.from(await renderForm(form, dossier, event));
  return {
    file_name: `${form}-${dossier.code}.pdf`,
    media_type: 'application/pdf',
    size_bytes: content.length,
    content: Readable.from([content]),
  };
}

export type InboxRequest = Parameters<DossierService['inbox']>[1];
export type RegisterRequest = Omit<Parameters<DossierService['register']>[1], 'from' | 'to'> & {
  format: 'csv' | 'xlsx';
  /** Vietnam calendar days, both included. */
  from: string;
  to: string;
};

/** The instant a Vietnam calendar day starts, `days` later. */
const vietnamDayStart = (day: string, days = 0) =>
  new Date(Date.parse(`${day}T00:00:00+07:00`) + days * 86_400_000);

export type ProcessingService = ReturnType<typeof createProcessingService>;

export function createProcessingService(
  db: Kysely<Database>,
  dossiers: DossierService,
  results: Pick<ResultService, 'approve'>,
) {
  return {
    inbox: (actor: Actor, filter: InboxRequest) =>
      dossiers.inbox(agenciesAllowed(actor.roles, 'dossier.read'), filter),

    /** Every opening of a dossier or a file by an officer is audited. */
    async openDossier(actor: Actor, dossierId: string) {
      const dossier = await dossiers.getAgencyDossier(
        actor,
        agenciesAllowed(actor.roles, 'dossier.read'),
        dossierId,
      );
      await appendAudit(db, {
        actor,
        action: 'dossier.opened',
        subject: { type: 'dossier', id: dossier.id },
        agencyId: dossier.agencyId,
        details: { code: dossier.code },
      });
      return dossier;
    },

    async openFile(actor: Actor, dossierId: string, fileId: string) {
      const file = await dossiers.findAgencyFile(
        agenciesAllowed(actor.roles, 'dossier.read'),
        dossierId,
        fileId,
      );
      await appendAudit(db, {
        actor,
        action: 'dossier.file_opened',
        subject: { type: 'dossier', id: dossierId },
        agencyId: file.agencyId,
        details: { code: file.dossierCode, fileId, fileName: file.file_name },
      });
      return dossiers.withContent(file);
    },

    /**
     * An officer's action on a dossier their agency holds. Who may do what at which step is the
     * state machine's decision; a dossier outside the officer's agencies looks missing.
     */
    register: (actor: Actor, input: RegisterDossierInput) => dossiers.registerDossier(actor, input),

    /**
     * The dossier register (Sổ theo dõi hồ sơ) of the officer's agencies for a period, with the
     * inbox's filters, streamed as CSV or XLSX however many dossiers it holds; audited.
     */
    async exportRegister(actor: Actor, request: RegisterRequest) {
      const agencyIds = agenciesAllowed(actor.roles, 'dossier.read');
      if (agencyIds.length === 0) throw processingErrors.registerNotPermitted();
      if (request.from > request.to) throw processingErrors.registerPeriodInvalid();
      const { format, from, to, ...filters } = request;
      await appendAudit(db, {
        actor,
        action: 'dossier.register_exported',
        details: { format, from, to, ...filters },
      });
      const entries = dossiers.register(agencyIds, {
        ...filters,
        from: vietnamDayStart(from),
        to: vietnamDayStart(to, 1),
      });
      const fileName = `so-theo-doi-ho-so-${from}-${to}.${format}`;
      return format === 'csv'
        ? { fileName, mediaType: 'text/csv; charset=utf-8', content: registerCsv(entries) }
        : {
            fileName,
            mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
            content: registerXlsx(entries, {
              title: `SỔ THEO DÕI HỒ SƠ TỪ NGÀY ${formatDate(vietnamDayStart(from))} ĐẾN NGÀY ${formatDate(vietnamDayStart(to))}`,
              agency: `Xuất lúc ${formatDateTime(new Date())} bởi ${actor.fullName}`,
            }),
          };
    },

    deskServices: (actor: Actor) => dossiers.deskServices(actor),

    act: (actor: Actor, dossierId: string, input: LifecycleInput) =>
      // Approval may sign the result: the results module decides and moves the dossier.
      input.action === 'approve'
        ? results.approve(actor, dossierId, input)
        : dossiers.actAsOfficer(
            actor,
            agenciesAllowed(actor.roles, 'dossier.act'),
            dossierId,
            input,
          ),

    /** A one-stop-shop form of a dossier of the officer's agencies, as PDF. */
    async officerForm(actor: Actor, dossierId: string, form: OneStopForm) {
      const dossier = await dossiers.getAgencyDossier(
        actor,
        agenciesAllowed(actor.roles, 'dossier.read'),
        dossierId,
      );
      return formFile(dossier, form);
    },

    /** The applicant's copy of a form (the control sheet stays in the back office). */
    async applicantForm(actor: Actor, code: string, form: OneStopForm) {
      if (ONE_STOP_FORMS[form].officersOnly) throw processingErrors.formNotAvailable();
      return formFile(await dossiers.getOwnDossier(actor, code), form);
    },
  };
}
