import { sql, type Kysely } from 'kysely';

const COUNTERS = `submitted_online, received, received_with_fee, paid_online, finished,
  finished_early, finished_on_time, processing_seconds, finished_electronic_result, rated,
  rated_dissatisfied, rating_sum, withdrawn`;
const SUMS = COUNTERS.split(',')
  .map((c) => `sum(${c.trim()})`)
  .join(', ');

/**
 * Figures of an agency together with all of its units, kept rolled up (decision 0013), so that a
 * ranking reads a row per ministry or province instead of summing the whole registry:
 * - `agency_closure`: each agency with each of its ancestors and itself, kept by triggers on
 *   `agency` (a new agency is linked under its parent; a move unlinks and relinks its subtree);
 * - `stats_subtree_month`: per month, agency (with its units) and channel, and
 *   `stats_subtree_field_month`, the same per field; the statistics job adds to them in the
 *   statement that adds to the other grains. They replace `stats_agency_month`, which only ever
 *   served subtree sums;
 * - `stats_open` and `stats_open_subtree`: the dossiers received and not yet settled, on time or
 *   overdue, per holding agency and procedure and per agency with its units, as the statistics job
 *   counted them last (every few seconds);
 * - `stats_version.services`: moves on whenever the service figures (published, full online, with
 *   an online dossier) may change, so they can be computed once per period and kept until then.
 * When agencies move under other parents, the subtree grains are rebuilt from the per-agency
 * ones once, as the transaction commits, under the statistics job's lock.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table agency_closure (
      ancestor_id uuid not null references agency (id) on delete cascade,
      agency_id uuid not null references agency (id) on delete cascade,
      primary key (ancestor_id, agency_id)
    )`.execute(db);
  await sql`create index agency_closure_agency on agency_closure (agency_id)`.execute(db);
  // Links an agency and whatever is already below it under the agency and its parent's ancestors.
  // Row by row in any order: a unit inserted before its parent is linked when the parent comes.
  await sql`
    create function agency_closure_link(node uuid) returns void language sql as $$
      insert into agency_closure (ancestor_id, agency_id)
      select up.id, down.id
      from (select node as id
            union select c.ancestor_id from agency_closure c
              where c.agency_id = (select parent_id from agency where id = node)) up
      cross join (select node as id
            union select c.agency_id from agency_closure c
              where c.ancestor_id in (select id from agency where parent_id = node)) down
      on conflict do nothing
    $$`.execute(db);
  await sql`
    create function agency_closure_added() returns trigger language plpgsql as $$
    begin
      perform agency_closure_link(new.id);
      return null;
    end $$`.execute(db);
  await sql`
    create function agency_closure_moved() returns trigger language plpgsql as $$
    begin
      delete from agency_closure
      where agency_id in (select agency_id from agency_closure where ancestor_id = new.id)
        and ancestor_id in (select ancestor_id from agency_closure
          where agency_id = new.id and ancestor_id <> new.id);
      insert into agency_closure (ancestor_id, agency_id)
      select up.ancestor_id, down.agency_id
      from agency_closure up cross join agency_closure down
      where up.agency_id = new.parent_id and down.ancestor_id = new.id
      on conflict do nothing;
      perform set_config('opendvc.stats_regroup', 'on', true);
      return null;
    end $$`.execute(db);
  await sql`
    create trigger agency_closure_added after insert on agency
    for each row execute function agency_closure_added()`.execute(db);
  await sql`
    create trigger agency_closure_moved after update of parent_id on agency
    for each row when (old.parent_id is distinct from new.parent_id)
    execute function agency_closure_moved()`.execute(db);
  await sql`
    with recursive tree(ancestor_id, agency_id) as (
      select id, id from agency
      union
      select tree.ancestor_id, a.id from agency a join tree on a.parent_id = tree.agency_id)
    insert into agency_closure (ancestor_id, agency_id) select ancestor_id, agency_id from tree`.execute(
    db,
  );

  await sql`
    create table stats_subtree_month (like stats_agency_month including defaults including constraints,
      primary key (agency_id, month, channel))`.execute(db);
  await sql`alter table stats_subtree_month
    add foreign key (agency_id) references agency (id)`.execute(db);
  await sql`
    create table stats_open (
      agency_id uuid not null references agency (id),
      procedure_id uuid not null references procedure (id),
      on_time integer not null,
      overdue integer not null,
      primary key (agency_id, procedure_id)
    )`.execute(db);
  await sql`
    create table stats_open_subtree (
      agency_id uuid primary key references agency (id),
      on_time integer not null,
      overdue integer not null
    )`.execute(db);

  await sql`
    create table stats_subtree_field_month (like stats_subtree_month including defaults
      including constraints, field text not null, primary key (agency_id, month, field, channel))`.execute(
    db,
  );
  await sql`alter table stats_subtree_field_month
    add foreign key (agency_id) references agency (id)`.execute(db);

  // The subtree grains from the per-agency ones: filled below, and again when an agency moves or a
  // procedure changes field (each sets the flag; the rebuild runs once, as the transaction
  // commits, and moves the service figures' version on).
  await sql`
    create function stats_subtree_refill() returns void language plpgsql as $$
    begin
      delete from stats_subtree_month;
      insert into stats_subtree_month (month, agency_id, channel, ${sql.raw(COUNTERS)})
      select s.month, c.ancestor_id, s.channel, ${sql.raw(SUMS)}
      from stats_month s join agency_closure c on c.agency_id = s.agency_id
      group by 1, 2, 3;
      delete from stats_subtree_field_month;
      insert into stats_subtree_field_month (month, agency_id, field, channel, ${sql.raw(COUNTERS)})
      select s.month, c.ancestor_id, p.field, s.channel, ${sql.raw(SUMS)}
      from stats_month s join agency_closure c on c.agency_id = s.agency_id
        join procedure p on p.id = s.procedure_id
      group by 1, 2, 3, 4;
      delete from stats_open_subtree;
      insert into stats_open_subtree (agency_id, on_time, overdue)
      select c.ancestor_id, sum(o.on_time), sum(o.overdue)
      from stats_open o join agency_closure c on c.agency_id = o.agency_id
      group by 1;
      update stats_version set services = services + 1;
    end $$`.execute(db);
  await sql`
    create function stats_subtree_rebuild() returns trigger language plpgsql as $$
    begin
      if coalesce(current_setting('opendvc.stats_regroup', true), '') <> 'on' then
        return null;
      end if;
      perform set_config('opendvc.stats_regroup', '', true);
      perform pg_advisory_xact_lock(7240115);
      perform stats_subtree_refill();
      return null;
    end $$`.execute(db);
  await sql`
    create constraint trigger stats_subtree_rebuild after update of parent_id on agency
    deferrable initially deferred
    for each row when (old.parent_id is distinct from new.parent_id)
    execute function stats_subtree_rebuild()`.execute(db);
  await sql`
    create function stats_regroup() returns trigger language plpgsql as $$
    begin
      perform set_config('opendvc.stats_regroup', 'on', true);
      return null;
    end $$`.execute(db);
  await sql`
    create trigger procedure_field_changed after update of field on procedure
    for each row when (old.field is distinct from new.field)
    execute function stats_regroup()`.execute(db);
  await sql`
    create constraint trigger stats_subtree_rebuild after update of field on procedure
    deferrable initially deferred
    for each row when (old.field is distinct from new.field)
    execute function stats_subtree_rebuild()`.execute(db);
  // Moves on when the service figures may change: the catalog's levels, or a service's first
  // online dossier of a month (the statistics job moves it then); their readers key on it.
  await sql`create table stats_version (services bigint not null)`.execute(db);
  await sql`insert into stats_version (services) values (0)`.execute(db);
  await sql`
    create function stats_services_changed() returns trigger language plpgsql as $$
    begin
      update stats_version set services = services + 1;
      return null;
    end $$`.execute(db);
  await sql`
    create trigger stats_services_changed after insert or update or delete on service_level_history
    for each statement execute function stats_services_changed()`.execute(db);
  await sql`create index service_level_agency on service_level_history (agency_id)`.execute(db);

  await sql`select stats_subtree_refill()`.execute(db);
  await sql`drop table stats_agency_month`.execute(db);
}
