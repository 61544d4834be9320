import {
  CompiledQuery,
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

type Row = Readonly<Record<string, unknown>>;

/**
 * A statement's text written by hand, its values numbered as they come: for the inserts of many
 * rows, where building and compiling them with Kysely took the server more time than PostgreSQL
 * took to run them (decision 0023). Table and column names come from the code, never from input.
 */
export class StatementText {
  readonly parameters: unknown[] = [];

  /** The placeholder for `value`. */
  value(value: unknown): string {
    this.parameters.push(value);
    return `$${String(this.parameters.length)}`;
  }

  compiled<Result>(text: string): CompiledQuery<Result> {
    return CompiledQuery.raw(text, this.parameters);
  }
}

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** One insert of the rows; where a row leaves a column undefined, it takes its default. */
function insertText(statement: StatementText, table: string, rows: readonly Row[]): string {
  const columns = [
    ...new Set(rows.flatMap((row) => Object.keys(row).filter((key) => row[key] !== undefined))),
  ];
  const values = rows.map(
    (row) =>
      `(${columns.map((column) => (row[column] === undefined ? 'default' : statement.value(row[column]))).join(', ')})`,
  );
  return `insert into ${quoted(table)} (${columns.map(quoted).join(', ')}) values ${values.join(', ')}`;
}

/** The writes as inserts, one per table (its rows together), in the order the tables come. */
function insertsByTable(statement: StatementText, writes: readonly RowWrite[]): string[] {
  const rowsByTable = new Map<string, Row[]>();
  for (const write of writes) {
    const rows = rowsByTable.get(write.table) ?? [];
    rows.push(write.row);
    rowsByTable.set(write.table, rows);
  }
  return [...rowsByTable].map(([table, rows]) => insertText(statement, table, rows));
}

/** `statement` preceded by `parts`, each a named part of its WITH. */
function withParts(parts: readonly (readonly [name: string, text: string])[], statement: string) {
  if (parts.length === 0) return statement;
  return `with ${parts.map(([name, text]) => `${quoted(name)} as (${text})`).join(', ')} ${statement}`;
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
  const statement = new StatementText();
  const [first, ...rest] = insertsByTable(statement, writes);
  if (!first) return;
  const parts = rest.map((insert, i) => [`write_${String(i)}`, insert] as const);
  await db.executeQuery(statement.compiled(withParts(parts, first)));
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
 * A data-modifying part of a statement that must change `rows` rows, or the whole statement fails
 * and writes nothing: e.g. a counter advanced only if it still holds the value a process predicted.
 */
export type RequiredChange = { text: (statement: StatementText) => string; rows: number };

/** Whether a statement failed because its required change found fewer rows than it needed. */
export function isRequiredChangeUnmet(error: unknown): boolean {
  return (
    typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'OD001'
  );
}

/**
 * Inserts `into`'s rows, answering the columns named by `returning`, with the rows written beside
 * them and `alongside`'s data-modifying statements, all in one statement, so they commit together.
 * Rows that reference the inserted rows must carry their keys (foreign keys are checked at the
 * statement's end). `alongside` writes its statements into the same text, for their values to be
 * numbered with the others'. With `required`, the statement fails (`isRequiredChangeUnmet`) unless
 * that change found all its rows; it is checked as the rows are returned, before anything commits.
 */
export async function insertWithRows<Result>(
  db: Db,
  into: { table: keyof Database; rows: readonly Row[]; returning: readonly string[] },
  writes: readonly RowWrite[],
  alongside: readonly ((statement: StatementText) => string)[] = [],
  required?: RequiredChange,
): Promise<Result[]> {
  const statement = new StatementText();
  const returning = into.returning.map(quoted);
  if (required)
    returning.push(
      `(select require_row_count(count(*), ${statement.value(required.rows)}::int) from required) as required`,
    );
  const insert = `${insertText(statement, into.table, into.rows)} returning ${returning.join(', ')}`;
  const parts = [
    ...insertsByTable(statement, writes).map((text, i) => [`write_${String(i)}`, text] as const),
    ...alongside.map((part, i) => [`alongside_${String(i)}`, part(statement)] as const),
    ...(required ? [['required', required.text(statement)] as const] : []),
  ];
  const { rows } = await db.executeQuery(statement.compiled<Result>(withParts(parts, insert)));
  return rows;
}
