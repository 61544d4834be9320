import { sql, type Kysely } from 'kysely';
import { DEFAULT_EVALUATION_INDICATORS } from '../../../domain/evaluation-766.ts';

/**
 * The Decision 766/QĐ-TTg index as data (issue 22, decision 0021): each indicator's group, name,
 * formula, the rate the system measures it with, and its points, which the national office sets.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table evaluation_indicator (
      code text primary key,
      group_key text not null
        check (group_key in ('publicity', 'progress', 'digitisation', 'online', 'satisfaction')),
      position integer not null,
      name text not null,
      formula text not null,
      measure text,
      points numeric(5, 2) not null check (points >= 0 and points <= 100),
      formula_official boolean not null,
      updated_at timestamptz not null default now(),
      updated_by uuid references account (id)
    )`.execute(db);
  for (const [position, i] of DEFAULT_EVALUATION_INDICATORS.entries())
    await sql`
      insert into evaluation_indicator
        (code, group_key, position, name, formula, measure, points, formula_official)
      values (${i.code}, ${i.group}, ${position}, ${i.name}, ${i.formula}, ${i.measure},
        ${i.points}, ${i.formulaOfficial})`.execute(db);
}
