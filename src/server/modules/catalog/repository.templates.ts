import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { StoredUpload } from '../../platform/uploads.ts';

type Db = Kysely<Database>;

export function insertTemplate(
  db: Db,
  template: StoredUpload & { agencyId: string; uploadedBy: string; fileName: string },
) {
  return db
    .insertInto('document_template')
    .values({
      agency_id: template.agencyId,
      uploaded_by: template.uploadedBy,
      file_name: template.fileName,
      media_type: template.mediaType,
      size_bytes: template.sizeBytes,
      sha256: template.sha256,
      storage_key: template.storageKey,
    })
    .returning(['id', 'file_name', 'media_type', 'size_bytes'])
    .executeTakeFirstOrThrow();
}

export function findTemplates(db: Db, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('document_template')
    .select(['id', 'agency_id', 'file_name'])
    .where('id', 'in', ids)
    .execute();
}

/**
 * A template, and whether the caller may download it (`visible`): anyone one that a published
 * version offers; drafts' templates only the administrators of their agency.
 */
export function findDownloadableTemplate(db: Db, id: string, managedAgencyIds: string[]) {
  const offered = JSON.stringify([{ template: { id } }]);
  return db
    .selectFrom('document_template')
    .select((eb) => [
      'id',
      'file_name',
      'media_type',
      'size_bytes',
      'storage_key',
      eb
        .or([
          ...(managedAgencyIds.length > 0 ? [eb('agency_id', 'in', managedAgencyIds)] : []),
          eb.exists(
            eb
              .selectFrom('service_version')
              .select(sql`1`.as('one'))
              .where('published_at', 'is not', null)
              .where('agency_id', '=', eb.ref('document_template.agency_id'))
              .where(sql<boolean>`required_documents @> ${offered}::jsonb`),
          ),
        ])
        .as('visible'),
    ])
    .where('id', '=', id)
    .executeTakeFirst();
}
