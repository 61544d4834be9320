import type { CompiledQuery, Kysely } from 'kysely';
import type { Database } from './schema.ts';

type Compiled<Row> = { query: CompiledQuery<Row>; positions: number[] };

/**
 * A statement built and compiled by Kysely once per database, then run with each call's values:
 * for the statements of the hottest requests, where building and compiling the query cost more
 * than PostgreSQL took to run it (decision 0023). `build` must use its arguments only as values,
 * never to choose the statement's shape; other values it holds stay as compiled.
 */
export function compiledOnce<Args extends unknown[], Row>(
  build: (db: Kysely<Database>, ...args: Args) => { compile(): CompiledQuery<Row> },
) {
  const compiled = new WeakMap<Kysely<Database>, Compiled<Row>>();
  return async (db: Kysely<Database>, ...args: Args): Promise<Row[]> => {
    let statement = compiled.get(db);
    if (!statement) {
      // Each argument stands in as a marker, to find where the compiled statement takes it.
      const markers = args.map((_, index) => `\u0000argument ${String(index)}`);
      const query = build(db, ...(markers as Args)).compile();
      statement = {
        query,
        positions: query.parameters.map((value) => markers.indexOf(value as string)),
      };
      compiled.set(db, statement);
    }
    const { query, positions } = statement;
    const parameters = positions.map((position, index) =>
      position < 0 ? query.parameters[index] : args[position],
    );
    return (await db.executeQuery<Row>({ ...query, parameters })).rows;
  };
}

/** The numbers of keys a statement by keys is compiled for; a call's keys are padded to the next. */
const KEY_COUNTS = [1, 4, 16, 64];

/**
 * A statement reading rows by a batch of keys (`where key in (…)`), compiled once for each of a
 * few key counts, a call's keys padded with its last one. PostgreSQL plans `= any($1)` again on
 * every call: its generic plan assumes ten keys, so a plan made for the keys actually given always
 * looks cheaper. Given `in ($1, …, $n)`, it knows the count in both and keeps the generic plan
 * after five calls: for the service read, planning had cost five times the running (decision 0023).
 */
export function compiledByKeys<Row>(
  build: (db: Kysely<Database>, keys: readonly string[]) => { compile(): CompiledQuery<Row> },
) {
  const byCount = new Map<number, (db: Kysely<Database>, ...keys: string[]) => Promise<Row[]>>();
  return (db: Kysely<Database>, keys: readonly string[]): Promise<Row[]> => {
    const last = keys.at(-1);
    if (last === undefined) return Promise.resolve([]);
    const count = KEY_COUNTS.find((n) => n >= keys.length) ?? keys.length;
    let statement = byCount.get(count);
    if (!statement) {
      statement = compiledOnce((db, ...padded: string[]) => build(db, padded));
      byCount.set(count, statement);
    }
    return statement(db, ...keys, ...Array<string>(count - keys.length).fill(last));
  };
}
