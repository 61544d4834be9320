import type { Kysely, Transaction } from 'kysely';
import { checkFormDesign, type FormDesign } from '../../../domain/form-design.ts';
import { createFormAjv, type FieldError } from '../../../domain/form-validation.ts';
import type { Database, OnlineLevel } from '../../db/schema.ts';
import { agenciesAllowed } from '../../../domain/access.ts';
import type { Actor } from '../../platform/actor.ts';
import { appendAudit } from '../../platform/audit.ts';
import { visibleOr404 } from '../../platform/errors.ts';
import { outboxRecord } from '../../platform/outbox.ts';
import { insertRows } from '../../platform/row-writes.ts';
import { publishedServiceEntry } from './service.mirror.ts';
import { catalogErrors } from './errors.ts';
import { refreshListing } from './repository.listing.ts';
import * as repository from './repository.versions.ts';
import type { VersionContent } from './repository.versions.ts';
import { feeScheduleProblems } from '../../../domain/fees.ts';
import { workflowProblems } from '../../../domain/workflow.ts';
import type { DocumentTemplates } from './service.templates.ts';

export type ServiceVersionsService = ReturnType<typeof createServiceVersionsService>;

/** What agency administrators do with their services: draft a version, publish it, unpublish the service. */
export function createServiceVersionsService(db: Kysely<Database>, templates: DocumentTemplates) {
  const ajv = createFormAjv();
  const managedAgencies = (actor: Actor) => agenciesAllowed(actor.roles, 'catalog.manage');

  async function managedService(actor: Actor, serviceId: string) {
    return visibleOr404(
      await repository.findManagedService(db, serviceId, managedAgencies(actor)),
      catalogErrors.managedServiceNotFound,
    );
  }

  /** A version can be published only if citizens can fill its form and the server can check it. */
  function publicationProblems(
    formSchema: Record<string, unknown>,
    documentKeys: string[],
  ): FieldError[] {
    const problems: FieldError[] = [];
    if (
      formSchema.type !== 'object' ||
      typeof formSchema.properties !== 'object' ||
      formSchema.properties === null
    ) {
      problems.push({
        field: '/formSchema',
        code: 'shape',
        message: 'Biểu mẫu phải có ít nhất một trường thông tin',
      });
    } else {
      try {
        ajv.compile(formSchema);
      } catch (error) {
        problems.push({
          field: '/formSchema',
          code: 'compile',
          message: `Cấu trúc biểu mẫu không hợp lệ: ${error instanceof Error ? error.message : String(error)}`,
        });
      }
    }
    const duplicates = documentKeys.filter((key, index) => documentKeys.indexOf(key) !== index);
    for (const key of new Set(duplicates)) {
      problems.push({
        field: '/requiredDocuments',
        code: 'duplicate',
        message: `Mã thành phần hồ sơ "${key}" bị trùng`,
      });
    }
    return problems;
  }

  /** The national portal learns of the service's new state with it (decision 0017). */
  async function reportToPortal(tx: Transaction<Database>, serviceId: string) {
    const entry = await publishedServiceEntry(tx, serviceId);
    if (entry) await insertRows(tx, [outboxRecord(entry)]);
  }

  function managedAgency(actor: Actor, agencyId: string) {
    // An agency's settings are seen only by its administrators: to anyone else, hidden.
    if (!managedAgencies(actor).includes(agencyId))
      throw catalogErrors.managedAgencyNotFound.hidden();
  }

  return {
    /** The settings an agency's administrator keeps for its citizens' applications. */
    async getAgencySettings(actor: Actor, agencyId: string) {
      managedAgency(actor, agencyId);
      return { draftRetentionDays: await repository.draftRetentionDays(db, agencyId) };
    },

    async setAgencySettings(
      actor: Actor,
      agencyId: string,
      settings: { draftRetentionDays: number },
    ) {
      managedAgency(actor, agencyId);
      await db.transaction().execute(async (tx) => {
        const before = await repository.draftRetentionDays(tx, agencyId);
        await repository.setDraftRetentionDays(tx, agencyId, settings.draftRetentionDays);
        await appendAudit(tx, {
          actor,
          action: 'agency.settings_changed',
          subject: { type: 'agency', id: agencyId },
          agencyId,
          details: { draftRetentionDays: { from: before, to: settings.draftRetentionDays } },
        });
      });
      return settings;
    },

    async listServices(actor: Actor) {
      const rows = await repository.listManagedServices(db, managedAgencies(actor));
      return rows.map((row) => ({
        id: row.id,
        status: row.status,
        onlineLevel: row.online_level,
        procedureCode: row.national_code,
        procedureName: row.procedure_name,
        agencyName: row.agency_name,
        publishedVersion: row.published_version,
        draftVersion: row.draft_version,
      }));
    },

    async getService(actor: Actor, serviceId: string) {
      const service = await managedService(actor, serviceId);
      const versions = await repository.listVersions(db, service.id);
      return {
        id: service.id,
        agencyId: service.agency_id,
        status: service.status,
        onlineLevel: service.online_level,
        procedureCode: service.national_code,
        procedureName: service.procedure_name,
        agencyName: service.agency_name,
        versions: versions.map((v) => ({
          id: v.id,
          version: v.version,
          formSchema: v.form_schema,
          uiSchema: v.ui_schema,
          requiredDocuments: v.required_documents,
          processingDays: v.processing_days,
          feeVnd: v.fee_vnd,
          feeSchedule: v.fee_schedule,
          paymentOnline: v.payment_online,
          resultOnline: v.result_online,
          receivedLocally: v.received_locally,
          resultTemplate: v.result_template,
          workflow: v.workflow,
          publishedAt: v.published_at,
          createdAt: v.created_at,
        })),
      };
    },

    listProcedures: async () =>
      (await repository.listProcedures(db)).map((p) => ({
        id: p.id,
        nationalCode: p.national_code,
        name: p.name,
        field: p.field,
      })),

    async createService(
      actor: Actor,
      input: { agencyId: string; procedureId: string; onlineLevel: OnlineLevel },
    ) {
      if (!managedAgencies(actor).includes(input.agencyId)) throw catalogErrors.agencyNotManaged();
      if (!(await repository.findProcedure(db, input.procedureId)))
        throw catalogErrors.procedureNotFound();
      const created = await repository.insertService(db, input);
      if (!created) throw catalogErrors.serviceExists();
      return { id: created.id };
    },

    /** Drafts may be incomplete; publication is where the form must be whole. */
    async saveDraft(actor: Actor, serviceId: string, content: VersionContent) {
      const service = await managedService(actor, serviceId);
      const { documents, problems } = await templates.resolveDocuments(
        service.agency_id,
        content.requiredDocuments,
      );
      const feeProblems = content.feeSchedule ? feeScheduleProblems(content.feeSchedule) : [];
      const stepProblems = content.workflow ? workflowProblems(content.workflow) : [];
      if (problems.length > 0 || feeProblems.length > 0 || stepProblems.length > 0)
        throw catalogErrors.draftInvalid(undefined, [
          ...problems,
          ...feeProblems.map((p) => ({ ...p, code: 'fee' })),
          ...stepProblems.map((p) => ({ ...p, code: 'workflow' })),
        ]);
      return db.transaction().execute(async (tx) => {
        const saved = await repository.saveDraft(
          tx,
          { id: service.id, agencyId: service.agency_id },
          { ...content, requiredDocuments: documents },
        );
        await appendAudit(tx, {
          actor,
          action: 'catalog.draft_saved',
          subject: { type: 'service', id: service.id },
          agencyId: service.agency_id,
          details: {
            version: saved.version,
            ...(content.workflow && { workflow: content.workflow.map((s) => s.role) }),
          },
        });
        return saved;
      });
    },

    async publish(actor: Actor, serviceId: string) {
      const service = await managedService(actor, serviceId);
      if (!service.agency_code) throw catalogErrors.agencyCodeMissing();
      return db.transaction().execute(async (tx) => {
        const draft = await repository.findDraft(tx, service.id);
        if (!draft) throw catalogErrors.noDraft();
        const design = draft.ui_schema['ui:design'] as FormDesign | undefined;
        const problems = [
          ...(design
            ? checkFormDesign(design).map((p) => ({
                field: `/design${p.field}`,
                code: 'design',
                message: p.message,
              }))
            : []),
          ...publicationProblems(
            draft.form_schema,
            draft.required_documents.map((d) => d.key),
          ),
        ];
        if (problems.length > 0)
          throw catalogErrors.formSchemaInvalid('Vui lòng sửa các lỗi được liệt kê', problems);
        const publishedAt = new Date();
        await repository.markPublished(tx, draft.id, publishedAt);
        await repository.setServiceStatus(tx, service.id, 'published');
        await refreshListing(tx, [service.id]);
        await reportToPortal(tx, service.id);
        await appendAudit(tx, {
          actor,
          action: 'catalog.published',
          subject: { type: 'service', id: service.id },
          agencyId: service.agency_id,
          details: { version: draft.version },
        });
        return { id: draft.id, version: draft.version, publishedAt };
      });
    },

    /** New dossiers stop; dossiers already submitted stay workable under their own version. */
    async unpublish(actor: Actor, serviceId: string) {
      const service = await managedService(actor, serviceId);
      await db.transaction().execute(async (tx) => {
        await repository.setServiceStatus(tx, service.id, 'unpublished');
        await refreshListing(tx, [service.id]);
        await reportToPortal(tx, service.id);
        await appendAudit(tx, {
          actor,
          action: 'catalog.unpublished',
          subject: { type: 'service', id: service.id },
          agencyId: service.agency_id,
          details: {},
        });
      });
      return { id: service.id, status: 'unpublished' as const };
    },
  };
}
