import { sql, type Transaction } from 'kysely';
import { CLOSED_FEEDBACK_STATES } from '../../../domain/feedback.ts';
import type { Database } from '../../db/schema.ts';

/**
 * A merger: feedback still open at the merged agencies' desks, or forwarded to them, continues at
 * the successor with its due date; an event on each says so. Answers how many items moved. Runs in
 * the merger's transaction.
 */
export async function moveOpenFeedback(
  tx: Transaction<Database>,
  merger: { from: readonly string[]; to: string; actor: { accountId: string; fullName: string } },
): Promise<number> {
  const ids = sql`${[...merger.from]}::uuid[]`;
  const successor = sql`${merger.to}::uuid`;
  const { rows } = await sql<{ id: string }>`
    with moved as (
      update feedback f set
        holder_agency_id = case when f.holder_agency_id = any(${ids}) then ${successor}
          else f.holder_agency_id end,
        competent_agency_id = case when f.competent_agency_id = any(${ids}) then ${successor}
          else f.competent_agency_id end,
        updated_at = now()
      where f.state <> all(${[...CLOSED_FEEDBACK_STATES]}::text[])
        and (f.holder_agency_id = any(${ids}) or f.competent_agency_id = any(${ids}))
      returning f.id
    )
    insert into feedback_event (feedback_id, action, actor_id, actor_name, agency_id)
    select id, 'reorganised', ${merger.actor.accountId}::uuid, ${merger.actor.fullName}, ${successor}
    from moved
    returning feedback_id as id`.execute(tx);
  return rows.length;
}
