import type { Kysely, Transaction } from 'kysely';
import type { AgencyLevel, Database } from '../schema.ts';
import { MINISTRIES, PROVINCES_2020, PROVINCES_2025 } from './reference-agencies.data.ts';

/** The registry's history starts here: an agency that existed then is recorded as valid from this day. */
export const REGISTRY_START = '2020-01-01';
/** Two-level local government: the merged provinces ended on 30 June 2025 (Resolution 202/2025/QH15). */
const PROVINCES_MERGED_ON = '2025-07-01';
/** The Government's restructuring of ministries took effect on 1 March 2025 (Resolution 176/2025/QH15, to verify). */
const MINISTRIES_MERGED_ON = '2025-03-01';
const GOVERNMENT = 'Chính phủ';

const dayBefore = (date: string) =>
  new Date(new Date(`${date}T00:00:00Z`).getTime() - 86_400_000).toISOString().slice(0, 10);
const bare = (name: string) => name.replace(/^(Thành phố|Tỉnh) /, '');
const committee = (provinceName: string) => `Ủy ban nhân dân ${provinceName}`;
const committee2020 = (p: { name: string; city: boolean }) =>
  committee(`${p.city ? 'Thành phố' : 'Tỉnh'} ${p.name}`);

type Tx = Transaction<Database>;

/**
 * Loads the Government, all ministries and provinces of 2020 and of today, with validity dates and
 * successors, so figures of 2020 stay readable after the 2025 mergers. Agencies already present
 * (same name, still valid) are kept and completed. Safe to run at every start.
 */
export async function loadReferenceAgencies(db: Kysely<Database>): Promise<boolean> {
  const loaded = await db
    .selectFrom('agency')
    .select('id')
    .where('name', '=', GOVERNMENT)
    .executeTakeFirst();
  if (loaded) return false;
  await db.transaction().execute(async (tx) => {
    const government = await ensure(tx, {
      name: GOVERNMENT,
      level: 'central',
      parentId: null,
      validFrom: REGISTRY_START,
    });

    const ministries2025 = new Map<string, string>();
    for (const name of new Set(MINISTRIES.map((m) => m.name2025))) {
      const existedIn2020 = MINISTRIES.some((m) => m.name2020 === name);
      ministries2025.set(
        name,
        await ensure(tx, {
          name,
          level: 'ministry',
          parentId: government,
          validFrom: existedIn2020 ? REGISTRY_START : MINISTRIES_MERGED_ON,
        }),
      );
    }
    for (const ministry of MINISTRIES.filter((m) => m.name2020 !== m.name2025)) {
      await insertClosed(tx, {
        name: ministry.name2020,
        level: 'ministry',
        parentId: government,
        validTo: dayBefore(MINISTRIES_MERGED_ON),
        successorId: ministries2025.get(ministry.name2025) ?? null,
      });
    }

    const provinces2025 = new Map<string, string>();
    for (const province of PROVINCES_2025) {
      const continues = province.formedFrom.includes(bare(province.name));
      const id = await ensure(tx, {
        name: committee(province.name),
        level: 'province',
        parentId: null,
        validFrom: continues ? REGISTRY_START : PROVINCES_MERGED_ON,
      });
      for (const predecessor of province.formedFrom) provinces2025.set(predecessor, id);
    }
    for (const province of PROVINCES_2020) {
      const successor = PROVINCES_2025.find((p) => p.formedFrom.includes(province.name));
      // a province that goes on under its own name is the same agency, not a predecessor
      if (successor && bare(successor.name) === province.name) continue;
      await insertClosed(tx, {
        name: committee2020(province),
        level: 'province',
        parentId: null,
        validTo: dayBefore(PROVINCES_MERGED_ON),
        successorId: provinces2025.get(province.name) ?? null,
      });
    }
  });
  return true;
}

/** The current agency of that name, created without a code if missing; parent and start filled in. */
async function ensure(
  tx: Tx,
  agency: { name: string; level: AgencyLevel; parentId: string | null; validFrom: string },
): Promise<string> {
  const existing = await tx
    .selectFrom('agency')
    .select(['id', 'parent_id'])
    .where('name', '=', agency.name)
    .where('valid_to', 'is', null)
    .executeTakeFirst();
  if (existing) {
    await tx
      .updateTable('agency')
      .set({
        valid_from: agency.validFrom,
        ...(existing.parent_id === null && agency.parentId ? { parent_id: agency.parentId } : {}),
      })
      .where('id', '=', existing.id)
      .execute();
    return existing.id;
  }
  const row = await tx
    .insertInto('agency')
    .values({
      code: null,
      name: agency.name,
      level: agency.level,
      parent_id: agency.parentId,
      valid_from: agency.validFrom,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function insertClosed(
  tx: Tx,
  agency: {
    name: string;
    level: AgencyLevel;
    parentId: string | null;
    validTo: string;
    successorId: string | null;
  },
) {
  await tx
    .insertInto('agency')
    .values({
      code: null,
      name: agency.name,
      level: agency.level,
      parent_id: agency.parentId,
      valid_from: REGISTRY_START,
      valid_to: agency.validTo,
      successor_id: agency.successorId,
    })
    .execute();
}

/**
 * Demo mode: every ministry and province without a code gets one of the QCVN 102 shape,
 * `000.00.00.Gnn` or `000.00.00.Hnn`, the first number no agency holds, current agencies first and
 * in name order. The lists in shared/data carry no codes, so these are not the official ones
 * (docs/glossary.md): a real registry enters its own. Answers how many were given.
 */
export async function assignDemoAgencyCodes(db: Kysely<Database> | Tx): Promise<number> {
  const agencies = await db
    .selectFrom('agency')
    .select(['id', 'code', 'level'])
    .where('level', 'in', ['ministry', 'province'])
    .orderBy((eb) => eb('valid_to', 'is not', null))
    .orderBy('name')
    .execute();
  const used = new Set(agencies.flatMap((a) => (a.code ? [a.code] : [])));
  let given = 0;
  for (const agency of agencies.filter((a) => a.code === null)) {
    const letter = agency.level === 'ministry' ? 'G' : 'H';
    const code = Array.from(
      { length: 99 },
      (_, i) => `000.00.00.${letter}${String(i + 1).padStart(2, '0')}`,
    ).find((candidate) => !used.has(candidate));
    if (!code) break;
    used.add(code);
    await db.updateTable('agency').set({ code }).where('id', '=', agency.id).execute();
    given += 1;
  }
  return given;
}
