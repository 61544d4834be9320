import type { Kysely } from 'kysely';
import type { FeeChoice } from '../../../domain/fees.ts';
import type { FieldError } from '../../../domain/form-validation.ts';
import type { Database, DraftDocument } from '../../db/schema.ts';
import type { Actor } from '../../platform/actor.ts';
import {
  draftRetentionDays,
  type CatalogService,
  type PublishedService,
} from '../catalog/index.ts';
import { dossierErrors } from './errors.ts';
import * as repository from './repository.drafts.ts';

export type DraftInput = {
  formData: Record<string, unknown>;
  feeChoice?: FeeChoice | undefined;
  documents: DraftDocument[];
  step: number;
};

/**
 * A citizen's unfinished application, saved as they go so that it can be resumed on another
 * device. Saving never refuses what is unfinished: it answers the problems the application has so
 * far, and the form shows those of the step the citizen leaves.
 */
export function createDrafts({
  db,
  catalog,
  submissionProblems,
}: {
  db: Kysely<Database>;
  catalog: CatalogService;
  submissionProblems: (service: PublishedService, input: DraftInput) => FieldError[];
}) {
  async function documentsOf(actor: Actor, documents: DraftDocument[]) {
    const files = new Map(
      (
        await repository.draftFiles(
          db,
          actor.accountId,
          documents.map((d) => d.fileId),
        )
      ).map((f) => [f.id, f]),
    );
    return documents.flatMap((document) => {
      const file = files.get(document.fileId);
      return file
        ? [
            {
              ...document,
              fileName: file.file_name,
              mediaType: file.media_type,
              sizeBytes: file.size_bytes,
            },
          ]
        : [];
    });
  }

  return {
    async getDraft(actor: Actor, serviceId: string) {
      const draft = await repository.findDraft(db, actor.accountId, serviceId);
      if (!draft) throw dossierErrors.draftNotFound();
      return {
        formData: draft.form_data,
        feeChoice: draft.fee_choice ?? undefined,
        documents: await documentsOf(actor, draft.documents),
        step: draft.step,
        savedAt: draft.saved_at,
        expiresAt: draft.expires_at,
      };
    },

    async saveDraft(actor: Actor, serviceId: string, input: DraftInput) {
      const service = await catalog.getPublishedService(serviceId);
      // Only the citizen's own files not yet sent with a dossier may be kept in a draft.
      const documents = (await documentsOf(actor, input.documents)).map((d) => ({
        documentKey: d.documentKey,
        fileId: d.fileId,
      }));
      const saved = await repository.upsertDraft(db, {
        accountId: actor.accountId,
        serviceId: service.id,
        formData: input.formData,
        feeChoice: input.feeChoice,
        documents,
        step: input.step,
        retentionDays: await draftRetentionDays(db, service.agency.id),
      });
      return {
        savedAt: saved.saved_at,
        expiresAt: saved.expires_at,
        problems: submissionProblems(service, { ...input, documents }),
      };
    },

    async discardDraft(actor: Actor, serviceId: string) {
      await repository.deleteDraft(db, actor.accountId, serviceId);
    },
  };
}
