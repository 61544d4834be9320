import type { Kysely } from 'kysely';
import { availableActions } from '../../../domain/dossier-lifecycle.ts';
import { describeFeeChoice } from '../../../domain/fees.ts';
import { oneWorkingDayFrom, type WorkingCalendar } from '../../../domain/working-calendar.ts';
import type { Database } from '../../db/schema.ts';
import type { Actor, MachineClient } from '../../platform/actor.ts';
import type { MalwareScanner } from '../../platform/malware-scan.ts';
import type { FileStorage } from '../../platform/file-storage.ts';
import type { CatalogService } from '../catalog/index.ts';
import { dossierErrors } from './errors.ts';
import { visibleOr404 } from '../../platform/errors.ts';
import { createNameBook } from './name-book.ts';
import * as repository from './repository.ts';
import type { DossierScope, InboxFilter, RegisterFilter } from './repository.ts';
import { batched } from '../../platform/batching.ts';
import { createDrafts } from './service.drafts.ts';
import { createIntake, type HandOver, type SubmitDossierInput } from './service.intake.ts';
import {
  createLifecycle,
  lifecycleActor,
  stateOf,
  type LifecycleInput,
} from './service.lifecycle.ts';
import {
  fieldSections,
  fieldTitles,
  publicDetails,
  toPublicStatus,
  toRegisterEntry,
  toSummary,
} from './views.ts';

/** Rows read at a time for the register: one index range each, a few hundred kB in memory. */
const REGISTER_BATCH = 500;

type Deps = {
  db: Kysely<Database>;
  /** The same database, its statements sent in order on one connection (`DatabaseHandle.inOrder`). */
  inOrder: Kysely<Database> | undefined;
  catalog: CatalogService;
  storage: FileStorage;
  scanner?: MalwareScanner;
  calendar: () => Promise<WorkingCalendar>;
  /** Set on the national portal: online applications go to the member systems (decision 0017). */
  handOver?: HandOver | undefined;
};

export type DossierService = ReturnType<typeof createDossierService>;

const PUBLIC_NAMES_MAX_AGE_MS = 60_000;

export function createDossierService({
  db,
  inOrder,
  catalog,
  storage,
  scanner,
  calendar,
  handOver,
}: Deps) {
  const lifecycle = createLifecycle({ db, calendar });
  const intake = createIntake({ db, inOrder, catalog, storage, scanner, handOver });
  const drafts = createDrafts({ db, catalog, submissionProblems: intake.submissionProblems });

  /** The public lookup's names: a renamed agency or procedure shows within a minute. */
  const publicNames = createNameBook(db, { maxAgeMs: PUBLIC_NAMES_MAX_AGE_MS });
  /** Public lookups arriving while one is read are read together, by one statement. */
  const lookUpTogether = batched((codes: string[]) => repository.findPublicStatuses(db, codes));

  /**
   * "Now" and one working day from now, to colour dossiers by the time left. The working day is
   * walked once a minute, not on every request (a twentieth of a public lookup's time); the
   * boundary lags by under a minute.
   */
  let dueSoon: { calendar: WorkingCalendar; minute: number; before: Date } | undefined;
  async function deadlineClock() {
    const now = new Date();
    const workingCalendar = await calendar();
    const minute = Math.floor(now.getTime() / 60_000);
    if (dueSoon?.calendar !== workingCalendar || dueSoon.minute !== minute)
      dueSoon = {
        calendar: workingCalendar,
        minute,
        before: oneWorkingDayFrom(now, workingCalendar),
      };
    return { now, dueSoonBefore: dueSoon.before };
  }

  async function loadDossier(
    where: { code: string } | { id: string },
    scope: DossierScope,
    actor: Actor,
  ) {
    const view = actor.kind === 'citizen' ? 'applicant' : 'officer';
    const dossier = visibleOr404(
      await repository.findDossier(db, where, scope),
      dossierErrors.notFound,
    );
    const [events, files, clock] = await Promise.all([
      repository.listEvents(db, dossier.id),
      repository.listFiles(db, dossier.id),
      deadlineClock(),
    ]);
    return {
      ...toSummary(dossier, clock),
      lockVersion: dossier.lock_version,
      formData: dossier.form_data,
      formLabels: fieldTitles(dossier.form_schema),
      formSections: fieldSections(dossier.form_schema),
      workflow: dossier.workflow.map((step) => ({ name: step.name, role: step.role })),
      stepIndex: dossier.step_index,
      stepDueAt: dossier.step_due_at,
      // The applicant learns which unit holds the dossier, never which person.
      assigneeId: view === 'officer' ? dossier.assignee_id : null,
      rating: dossier.rating,
      feeDueVnd: dossier.fee_due_vnd,
      feeOutstanding: dossier.fee_outstanding,
      feeChoice: dossier.fee_choice,
      feeBasis: dossier.fee_choice && describeFeeChoice(dossier.fee_schedule, dossier.fee_choice),
      resultOnline: dossier.result_online,
      availableActions: availableActions(
        stateOf(dossier),
        lifecycleActor(actor, dossier),
        dossier.workflow,
        { feeRequestable: dossier.fee_requestable },
      ),
      events: events.map((e) => ({
        id: e.id,
        action: e.action,
        fromStatus: e.from_status,
        toStatus: e.to_status,
        note: e.note,
        occurredAt: e.occurred_at,
        byOfficer: e.actor_kind === 'officer',
        agencyName: e.agency_name,
        actorName: view === 'officer' || e.actor_kind !== 'officer' ? e.actor_name : null,
        details: publicDetails(e.details, view),
      })),
      files: files.map((f) => ({
        id: f.id,
        documentKey: f.document_key,
        fileName: f.file_name,
        mediaType: f.media_type,
        sizeBytes: f.size_bytes,
        sha256: f.sha256,
      })),
    };
  }

  async function findFile(
    where: { code: string } | { id: string },
    fileId: string,
    scope: DossierScope,
  ) {
    const dossier = visibleOr404(
      await repository.findDossier(db, where, scope),
      dossierErrors.notFound,
    );
    const file = await repository.findFile(db, dossier.id, fileId);
    if (!file) throw dossierErrors.fileNotFound();
    return { ...file, agencyId: dossier.agency_id, dossierCode: dossier.code };
  }

  /** The stream is opened last, once every check has passed: nothing is left open on a refusal. */
  const withContent = <F extends { storage_key: string }>(file: F) => ({
    ...file,
    content: storage.read(file.storage_key),
  });

  return {
    ...intake,
    ...drafts,

    async listOwnDossiers(actor: Actor) {
      const clock = await deadlineClock();
      return (
        await repository.listDossiers(db, { applicantId: actor.accountId }, { limit: 200 })
      ).map((row) => toSummary(row, clock));
    },
    getOwnDossier: (actor: Actor, code: string) =>
      loadDossier({ code }, { applicantId: actor.accountId }, actor),
    openOwnFile: async (actor: Actor, code: string, fileId: string) =>
      withContent(await findFile({ code }, fileId, { applicantId: actor.accountId })),

    /** The applicant's own actions: supplement (with new files), withdraw, rate. */
    async actAsApplicant(
      actor: Actor,
      code: string,
      input: LifecycleInput & { documents?: SubmitDossierInput['documents'] | undefined },
    ) {
      const documents = input.documents ?? [];
      if (documents.length > 0 && input.action !== 'supplement')
        throw dossierErrors.actionInvalid('Chỉ đính kèm tệp khi bổ sung hồ sơ');
      return lifecycle.act(
        actor,
        { code },
        { applicantId: actor.accountId },
        input,
        async (tx, row) => {
          if (documents.length === 0) return {};
          const fileIds = [...new Set(documents.map((d) => d.fileId))];
          const files = await repository.lockUnattachedFiles(tx, actor.accountId, fileIds);
          const found = new Set(files.map((f) => f.id));
          const missing = documents.findIndex((d) => !found.has(d.fileId));
          if (missing >= 0)
            throw dossierErrors.formInvalid('Vui lòng kiểm tra lại tệp đính kèm', [
              {
                field: `/documents/${missing}/fileId`,
                code: 'not_found',
                message: 'Tệp đính kèm không tồn tại hoặc đã được dùng cho hồ sơ khác',
              },
            ]);
          for (const document of documents)
            await repository.attachFile(
              tx,
              document.fileId,
              row.id,
              row.agency_id,
              document.documentKey,
            );
          return {};
        },
      );
    },

    /** Other systems' sync feed (national portal, LGSP): status and dates, no personal data. */
    async changedDossiers(client: MachineClient, since: Date, limit: number) {
      const rows = await repository.listChangedDossiers(db, client.agencyIds, since, limit);
      return rows.map((r) => ({
        code: r.code,
        agencyCode: r.agency_code,
        procedureCode: r.procedure_code,
        channel: r.channel,
        status: r.status,
        submittedAt: r.submitted_at,
        receivedAt: r.received_at,
        dueAt: r.due_at,
        finishedAt: r.finished_at,
        updatedAt: r.updated_at,
      }));
    },

    /** Status and dates only: anyone holding the code may follow the dossier, no personal data is shown. */
    async lookupPublicStatus(code: string) {
      const dossier = await lookUpTogether(code);
      if (!dossier) throw dossierErrors.notFound();
      const clock = await deadlineClock();
      await publicNames.learn([dossier]);
      return toPublicStatus(dossier, publicNames, clock);
    },

    /**
     * The register of the agencies' dossiers submitted in a period, with the inbox's filters, in
     * order of submission: read batch by batch, so memory stays flat however long the period.
     */
    async *register(
      agencyIds: string[],
      filter: Omit<RegisterFilter, 'now' | 'dueSoonBefore'>,
    ): AsyncGenerator<ReturnType<typeof toRegisterEntry>> {
      if (agencyIds.length === 0) return;
      const clock = await deadlineClock();
      // names as they stand when the export starts, for the whole of it
      const names = createNameBook(db, { maxAgeMs: Infinity });
      let after: { submittedAt: Date; id: string } | undefined;
      for (;;) {
        const rows = await repository.registerBatch(
          db,
          agencyIds,
          { ...filter, ...clock },
          after,
          REGISTER_BATCH,
        );
        await names.learn(rows);
        const last = rows.at(-1);
        const complete = rows.length === REGISTER_BATCH;
        // Each row is let go as it is written: the consumer waits on a slow client after its
        // last row, and a batch held through that wait outlived the young generation and grew
        // the heap by hundreds of MB over an export (decision 0023).
        rows.reverse();
        for (let row = rows.pop(); row; row = rows.pop()) yield toRegisterEntry(row, names, clock);
        if (!last || !complete) return;
        after = { submittedAt: last.submitted_at, id: last.id };
      }
    },

    // Agency-scoped access for the back office; callers pass the agencies the officer may act in.
    async inbox(
      agencyIds: string[],
      filter: Omit<InboxFilter, 'now' | 'dueSoonBefore' | 'limit' | 'offset'> & {
        page: number;
        pageSize: number;
      },
    ) {
      const clock = await deadlineClock();
      const rows = await repository.listInbox(db, agencyIds, {
        ...filter,
        ...clock,
        limit: filter.pageSize,
        offset: (filter.page - 1) * filter.pageSize,
      });
      return {
        items: rows.slice(0, filter.pageSize).map((row) => toSummary(row, clock)),
        page: filter.page,
        hasMore: rows.length > filter.pageSize,
      };
    },
    getAgencyDossier: (actor: Actor, agencyIds: string[], dossierId: string) =>
      loadDossier({ id: dossierId }, { agencyIds }, actor),
    findAgencyFile: (agencyIds: string[], dossierId: string, fileId: string) =>
      findFile({ id: dossierId }, fileId, { agencyIds }),
    withContent,

    /**
     * An officer's lifecycle action on a dossier one of `agencyIds` holds; `within` adds writes
     * (the signed result) that commit with the move, and runs only once the move is allowed.
     */
    actAsOfficer: (
      actor: Actor,
      agencyIds: string[],
      dossierId: string,
      input: LifecycleInput,
      within?: Parameters<typeof lifecycle.act>[4],
    ) => lifecycle.act(actor, { id: dossierId }, { agencyIds }, input, within),
  };
}
