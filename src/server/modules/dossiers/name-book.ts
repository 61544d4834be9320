import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import * as repository from './repository.ts';

/** What a dossier row refers to by id, and the book can name. */
export type NamedIds = {
  service_id: string;
  workflow_version_id?: string;
  agency_id: string;
  holder_agency_id?: string | null;
  reception_agency_id: string | null;
  return_agency_id: string | null;
};

type Procedure = { code: string; name: string };
type Entry<T> = { value: T; readAt: number };

/** Past this many entries of one kind, the book lets its oldest go rather than grow. */
const MAX_ENTRIES = 50_000;

/**
 * The names dossiers are shown with, read by key for the ids not yet known and kept: procedures'
 * by service, agencies' by id, workflow steps' by version. The register reads them once per export
 * and the public lookup keeps them for `maxAgeMs`, so that neither joins them on every row or
 * request (decision 0023). A renamed agency or procedure shows its new name once its entry is
 * older than that; published versions never change.
 */
export function createNameBook(db: Kysely<Database>, { maxAgeMs }: { maxAgeMs: number }) {
  const procedures = new Map<string, Entry<Procedure>>();
  const agencies = new Map<string, Entry<string>>();
  const steps = new Map<string, Entry<string[]>>();

  const known = <T>(map: Map<string, Entry<T>>, id: string, now: number) => {
    const entry = map.get(id);
    return entry !== undefined && now - entry.readAt < maxAgeMs;
  };
  const keep = <T>(map: Map<string, Entry<T>>, id: string, value: T, readAt: number) => {
    if (map.size >= MAX_ENTRIES && !map.has(id)) map.delete(map.keys().next().value as string);
    map.set(id, { value, readAt });
  };

  return {
    /** Reads the names of these rows' ids that the book does not hold, or holds too old. */
    async learn(rows: Iterable<NamedIds>) {
      const now = Date.now();
      const missing = {
        services: new Set<string>(),
        agencies: new Set<string>(),
        versions: new Set<string>(),
      };
      for (const row of rows) {
        if (!known(procedures, row.service_id, now)) missing.services.add(row.service_id);
        const version = row.workflow_version_id;
        if (version !== undefined && !known(steps, version, now)) missing.versions.add(version);
        for (const id of [
          row.agency_id,
          row.holder_agency_id,
          row.reception_agency_id,
          row.return_agency_id,
        ])
          if (id && !known(agencies, id, now)) missing.agencies.add(id);
      }
      if (missing.services.size + missing.agencies.size + missing.versions.size === 0) return;
      const read = await repository.namesOf(db, {
        serviceIds: [...missing.services],
        agencyIds: [...missing.agencies],
        versionIds: [...missing.versions],
      });
      for (const row of read.procedures)
        keep(procedures, row.id, { code: row.national_code, name: row.name }, now);
      for (const row of read.agencies) keep(agencies, row.id, row.name, now);
      for (const row of read.versions)
        keep(
          steps,
          row.id,
          row.workflow.map((step) => step.name),
          now,
        );
    },
    procedure: (serviceId: string): Procedure =>
      procedures.get(serviceId)?.value ?? { code: '', name: '' },
    agency: (id: string): string => agencies.get(id)?.value ?? '',
    step: (versionId: string, index: number | null): string | null =>
      index === null ? null : (steps.get(versionId)?.value[index] ?? null),
  };
}

export type NameBook = ReturnType<typeof createNameBook>;
