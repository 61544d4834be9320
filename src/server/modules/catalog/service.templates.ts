import type { Kysely } from 'kysely';
import type { Database, RequiredDocument } from '../../db/schema.ts';
import { agenciesAllowed } from '../../../domain/access.ts';
import type { Actor } from '../../platform/actor.ts';
import { visibleOr404 } from '../../platform/errors.ts';
import type { FileStorage } from '../../platform/file-storage.ts';
import type { MalwareScanner } from '../../platform/malware-scan.ts';
import { storeSniffedUpload } from '../../platform/uploads.ts';
import type { FieldError } from '../../../domain/form-validation.ts';
import { catalogErrors } from './errors.ts';
import * as repository from './repository.templates.ts';
import { findManagedService } from './repository.versions.ts';

/** Forms citizens download, fill by hand or on a computer, and attach: PDF, Word, Excel, OpenDocument. */
export const TEMPLATE_MEDIA_TYPES = [
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/x-cfb', // .doc and .xls (Compound File Binary)
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.oasis.opendocument.text',
] as const;

export type DocumentTemplates = ReturnType<typeof createDocumentTemplates>;

export function createDocumentTemplates(deps: {
  db: Kysely<Database>;
  storage: FileStorage;
  scanner?: MalwareScanner;
}) {
  const { db, storage } = deps;
  const managedAgencies = (actor: Actor) => agenciesAllowed(actor.roles, 'catalog.manage');

  return {
    /** An administrator uploads the template of one of their services' documents. */
    async upload(actor: Actor, serviceId: string, upload: { fileName: string; content: Buffer }) {
      const service = visibleOr404(
        await findManagedService(db, serviceId, managedAgencies(actor)),
        catalogErrors.managedServiceNotFound,
      );
      const stored = await storeSniffedUpload(
        storage,
        upload.content,
        TEMPLATE_MEDIA_TYPES,
        'templates',
        deps.scanner,
      );
      if (!stored) throw catalogErrors.templateTypeRefused();
      const row = await repository.insertTemplate(db, {
        ...stored,
        agencyId: service.agency_id,
        uploadedBy: actor.accountId,
        fileName: upload.fileName.slice(0, 255),
      });
      return {
        id: row.id,
        fileName: row.file_name,
        mediaType: row.media_type,
        sizeBytes: row.size_bytes,
      };
    },

    async open(actor: Actor | null, templateId: string) {
      const template = visibleOr404(
        await repository.findDownloadableTemplate(
          db,
          templateId,
          actor ? managedAgencies(actor) : [],
        ),
        catalogErrors.templateNotFound,
      );
      return { ...template, content: storage.read(template.storage_key) };
    },

    /**
     * The documents of a draft with each template checked to be the agency's own and named as
     * uploaded; problems name the document whose template is wrong.
     */
    async resolveDocuments(
      agencyId: string,
      documents: RequiredDocument[],
    ): Promise<{ documents: RequiredDocument[]; problems: FieldError[] }> {
      const ids = documents.flatMap((d) => (d.template ? [d.template.id] : []));
      const found = new Map(
        (await repository.findTemplates(db, ids))
          .filter((t) => t.agency_id === agencyId)
          .map((t) => [t.id, t.file_name]),
      );
      const problems: FieldError[] = [];
      const resolved = documents.map((document, index) => {
        if (!document.template) return document;
        const fileName = found.get(document.template.id);
        if (fileName === undefined) {
          problems.push({
            field: `/requiredDocuments/${String(index)}/template`,
            code: 'template',
            message: 'Không tìm thấy tệp mẫu đã tải lên cho thành phần hồ sơ này',
          });
          return document;
        }
        return { ...document, template: { id: document.template.id, fileName } };
      });
      return { documents: resolved, problems };
    },
  };
}
