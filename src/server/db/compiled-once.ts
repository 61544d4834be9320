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
