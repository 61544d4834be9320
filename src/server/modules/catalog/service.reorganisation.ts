import { sql, type Kysely, type Transaction } from 'kysely';
import { allowedEverywhere } from '../../../domain/access.ts';
import { vietnamDate } from '../../../domain/vietnam-time.ts';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../../platform/actor.ts';
import { appendAudit } from '../../platform/audit.ts';
import { catalogErrors } from './errors.ts';
import { refreshListing } from './repository.listing.ts';

export type Merger = { from: readonly string[]; to: string; actor: Actor; note: string };

/** What the other modules move to the successor, in the merger's transaction: counts by kind. */
export type MoveWork = (
  tx: Transaction<Database>,
  merger: Merger,
) => Promise<{ dossiers: number; feedback: number; officerRoles: number }>;

export type AgencyReorganisation = ReturnType<typeof createAgencyReorganisation>;

/**
 * Mergers of agencies (the 2025 mergers of communes, provinces and ministries): the merged agencies
 * close on the day, naming their successor, and keep their history; what is still in progress
 * continues at the successor (decision 0020).
 */
export function createAgencyReorganisation(db: Kysely<Database>, deps: { moveWork: MoveWork }) {
  return {
    async merge(
      actor: Actor,
      input: { from: string[]; into: string; note: string },
      now = new Date(),
    ) {
      if (!allowedEverywhere(actor.roles, 'agency.reorganise'))
        throw catalogErrors.reorganisationForbidden();
      const from = [...new Set(input.from)];
      if (from.includes(input.into))
        throw catalogErrors.mergerInvalid(
          'Cơ quan kế thừa không thể đồng thời là cơ quan bị sáp nhập.',
        );
      const today = vietnamDate(now);
      return db.transaction().execute(async (tx) => {
        const agencies = await tx
          .selectFrom('agency')
          .select(['id', 'code', 'name', 'level', 'valid_from', 'valid_to'])
          .where('id', 'in', [...from, input.into])
          .forUpdate()
          .execute();
        const successor = agencies.find((a) => a.id === input.into);
        const merged = from.map((id) => agencies.find((a) => a.id === id));
        if (!successor || merged.some((a) => a === undefined)) throw catalogErrors.agencyNotFound();
        const closed = [successor, ...merged].find((a) => a?.valid_to !== null);
        if (closed)
          throw catalogErrors.mergerInvalid(`${closed.name} đã ngừng hoạt động từ trước.`);
        const otherLevel = merged.find((a) => a?.level !== successor.level);
        if (otherLevel)
          throw catalogErrors.mergerInvalid(
            `${otherLevel.name} không cùng cấp với ${successor.name}.`,
          );
        const startedToday = merged.find((a) => a && a.valid_from >= today);
        if (startedToday)
          throw catalogErrors.mergerInvalid(`${startedToday.name} mới thành lập hôm nay.`);
        const unit = await tx
          .selectFrom('agency')
          .select('name')
          .where('parent_id', 'in', from)
          .where('valid_to', 'is', null)
          .executeTakeFirst();
        if (unit)
          throw catalogErrors.mergerInvalid(
            `Cơ quan còn đơn vị trực thuộc đang hoạt động (${unit.name}): sắp xếp các đơn vị trước.`,
          );

        // The merged agencies acted until today: their figures of today stay theirs.
        await tx
          .updateTable('agency')
          .set({ valid_to: today, successor_id: successor.id })
          .where('id', 'in', from)
          .execute();
        // vertically organised agencies located in a merged province now work in the successor
        await tx
          .updateTable('agency')
          .set({ located_in_id: successor.id })
          .where('located_in_id', 'in', from)
          .execute();
        const services = await moveServices(tx, from, successor.id);
        const merger: Merger = { from, to: successor.id, actor, note: input.note };
        const moved = await deps.moveWork(tx, merger);
        const summary = {
          successor: { id: successor.id, code: successor.code, name: successor.name },
          merged: merged.flatMap((a) => (a ? [{ id: a.id, code: a.code, name: a.name }] : [])),
          lastDay: today,
          servicesMoved: services.moved,
          servicesWithdrawn: services.withdrawn,
          dossiersMoved: moved.dossiers,
          feedbackMoved: moved.feedback,
          officerRolesMoved: moved.officerRoles,
        };
        await appendAudit(tx, {
          actor,
          action: 'agency.merged',
          subject: { type: 'agency', id: successor.id },
          agencyId: successor.id,
          details: { ...summary, note: input.note },
        });
        return summary;
      });
    },
  };
}

/**
 * The merged agencies' services: one the successor does not offer yet moves to it (the first of
 * each procedure), every other is withdrawn. The level history closes the merged agency's period
 * and opens the successor's, so past figures stay where they were counted.
 */
async function moveServices(tx: Transaction<Database>, from: readonly string[], to: string) {
  const { rows } = await sql<{ id: string; move: boolean }>`
    select s.id, s.id = (
        select first.id from service first
        where first.agency_id = any(${[...from]}::uuid[]) and first.procedure_id = s.procedure_id
          and first.status <> 'unpublished'
        order by first.status = 'published' desc, first.created_at, first.id limit 1
      ) and not exists (
        select 1 from service own where own.agency_id = ${to}::uuid and own.procedure_id = s.procedure_id
      ) as move
    from service s
    where s.agency_id = any(${[...from]}::uuid[]) and s.status <> 'unpublished'`.execute(tx);
  const moving = rows.filter((r) => r.move).map((r) => r.id);
  const withdrawing = rows.filter((r) => !r.move).map((r) => r.id);
  if (moving.length > 0) {
    await tx.updateTable('service').set({ agency_id: to }).where('id', 'in', moving).execute();
    await tx
      .updateTable('service_version')
      .set({ agency_id: to })
      .where('service_id', 'in', moving)
      .execute();
    await tx
      .updateTable('service_level_history')
      .set({ valid_to: sql`now()` })
      .where('service_id', 'in', moving)
      .where('valid_to', 'is', null)
      .execute();
  }
  if (withdrawing.length > 0)
    await tx
      .updateTable('service')
      .set({ status: 'unpublished' })
      .where('id', 'in', withdrawing)
      .execute();
  await refreshListing(tx, [...moving, ...withdrawing]);
  return { moved: moving.length, withdrawn: withdrawing.length };
}
