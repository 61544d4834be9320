import { sql, type Kysely } from 'kysely';

/**
 * A version's internal workflow is written by the designer (issue 19): a new service starts from
 * `DEFAULT_WORKFLOW` in `domain/access.ts` and a new draft copies the version before it, so the
 * column no longer carries a default of its own. Versions already stored keep theirs.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table service_version alter column workflow drop default`.execute(db);
  await sql`alter table service_version add constraint service_version_workflow_steps
    check (jsonb_typeof(workflow) = 'array' and jsonb_array_length(workflow) between 1 and 8)`.execute(
    db,
  );
}
