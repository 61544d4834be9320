import {
  sql,
  type Compilable,
  type Insertable,
  type Kysely,
  type OperationNodeSource,
  type RawBuilder,
  type Transaction,
} from 'kysely';
import type { Database } from '../db/schema.ts';

/**
 * A row another module wants written with a change: a module describes its rows (its own tables,
 * its own rules) and the module making the change writes them in its statement, so a change, its
 * event, its notice and its audit record take one round trip to the database and commit together.
 */
export type RowWrite = {
  [T in keyof Database]: { table: T; row: Insertable<Database[T]> };
}[keyof Database];

type Db = Kysely<Database> | Transaction<Database>;

/** One insert of the rows; a column some row lacks takes its default there. */
function insertOf(table: string, rows: readonly Record<string, unknown>[]): RawBuilder<unknown> {
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const values = rows.map(
    (row) =>
      sql`(${sql.join(columns.map((column) => (Object.hasOwn(row, column) ? sql`${row[column]}` : sql`default`)))})`,
  );
  return sql`insert into ${sql.table(table)} (${sql.join(columns.map((column) => sql.ref(column)))}) values ${sql.join(values)}`;
}

/** The writes as inserts, one per table (its rows together), in the order the tables come. */
function insertsByTable(writes: readonly RowWrite[]): RawBuilder<unknown>[] {
  const rowsByTable = new Map<string, Record<string, unknown>[]>();
  for (const write of writes) {
    const rows = rowsByTable.get(write.table) ?? [];
    rows.push(write.row);
    rowsByTable.set(write.table, rows);
  }
  return [...rowsByTable].map(([table, rows]) => insertOf(table, rows));
}

/** The row inserted once for each row `source` answers (none when it answers none). */
function insertPerRowOf(write: RowWrite, source: string): RawBuilder<unknown> {
  const entries = Object.entries(write.row);
  const columns = sql.join(entries.map(([column]) => sql.ref(column)));
  const values = sql.join(entries.map(([, value]) => sql`${value}`));
  return sql`insert into ${sql.table(write.table)} (${columns}) select ${values} from ${sql.table(source)}`;
}

/** Inserts the rows in one statement. */
export async function insertRows(db: Db, writes: readonly RowWrite[]): Promise<void> {
  const [first, ...rest] = insertsByTable(writes);
  if (!first) return;
  const others = rest.map((insert, i) => sql`${sql.id(`write_${String(i)}`)} as (${insert})`);
  await (others.length > 0 ? sql`with ${sql.join(others)} ${first}` : first).execute(db);
}

/**
 * Runs `change` (an UPDATE … RETURNING one row) and, only if it returned its row, inserts the
 * rows: one statement. Answers the returned row, or undefined when nothing matched.
 */
export async function changeWithRows<Row>(
  db: Db,
  change: Compilable<Row> & OperationNodeSource,
  writes: readonly RowWrite[],
): Promise<Row | undefined> {
  const parts = [
    sql`changed as (${change})`,
    ...writes.map(
      (write, i) => sql`${sql.id(`write_${String(i)}`)} as (${insertPerRowOf(write, 'changed')})`,
    ),
  ];
  const { rows } = await sql<Row>`with ${sql.join(parts)} select * from changed`.execute(db);
  return rows[0];
}

/**
 * Runs `statement` (an INSERT … RETURNING) with the rows inserted beside it and `alongside`'s
 * data-modifying statements, all in its WITH: one statement, so they commit together. Rows that
 * reference the statement's row must carry its key (foreign keys are checked at the statement's
 * end). Answers the statement's returned rows.
 */
export async function insertWithRows<Row>(
  db: Db,
  statement: Compilable<Row> & OperationNodeSource,
  writes: readonly RowWrite[],
  alongside: readonly RawBuilder<unknown>[] = [],
): Promise<Row[]> {
  const parts = [
    ...insertsByTable(writes).map(
      (insert, i) => sql`${sql.id(`write_${String(i)}`)} as (${insert})`,
    ),
    ...alongside.map((part, i) => sql`${sql.id(`alongside_${String(i)}`)} as (${part})`),
  ];
  const { rows } = await (
    parts.length > 0 ? sql<Row>`with ${sql.join(parts)} ${statement}` : sql<Row>`${statement}`
  ).execute(db);
  return rows;
}
