import { sql, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';

/**
 * A merger: the officers of the merged agencies keep their roles at the successor (a role already
 * held there stays as it is). Answers how many roles were moved. Runs in the merger's transaction.
 */
export async function moveOfficerRoles(
  tx: Transaction<Database>,
  merger: { from: readonly string[]; to: string; grantedBy: string },
): Promise<number> {
  const ids = sql`${[...merger.from]}::uuid[]`;
  const moved = await sql`
    insert into officer_role (account_id, agency_id, role, include_sub_agencies, granted_by)
    select account_id, ${merger.to}::uuid, role, bool_or(include_sub_agencies), ${merger.grantedBy}::uuid
    from officer_role where agency_id = any(${ids})
    group by account_id, role
    on conflict (account_id, agency_id, role) do nothing`.execute(tx);
  await sql`delete from officer_role where agency_id = any(${ids})`.execute(tx);
  return Number(moved.numAffectedRows ?? 0);
}
