import { sql, type Kysely } from 'kysely';

/** A published service version is what past dossiers were submitted under: the database refuses to change it. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function refuse_published_version_change() returns trigger
    language plpgsql as $$
    begin
      if old.published_at is not null then
        raise exception 'service version % is published and cannot change', old.id
          using errcode = 'integrity_constraint_violation';
      end if;
      return case when tg_op = 'DELETE' then old else new end;
    end $$`.execute(db);
  await sql`
    create trigger service_version_immutable_once_published
    before update or delete on service_version
    for each row execute function refuse_published_version_change()`.execute(db);
  // at most one draft per service
  await sql`create unique index service_version_one_draft_idx on service_version (service_id) where published_at is null`.execute(
    db,
  );
}
