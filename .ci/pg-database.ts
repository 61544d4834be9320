import pg from 'pg';

// Creates or drops CI's own database on the PostgreSQL server it is given.
const [action, name] = process.argv.slice(2);
if ((action !== 'create' && action !== 'drop') || !name || !/^[a-z0-9_]+$/.test(name)) {
  process.stderr.write('usage: node .ci/pg-database.ts create|drop <name>\n');
  process.exit(2);
}
const client = new pg.Client({
  connectionString: process.env.PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
});
await client.connect();
await client.query(
  action === 'create' ? `create database ${name}` : `drop database if exists ${name} with (force)`,
);
await client.end();
