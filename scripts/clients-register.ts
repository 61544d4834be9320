import { parseArgs } from 'node:util';
import { loadConfig } from '../src/server/config.ts';
import { createMachineClients } from '../src/server/modules/identity/index.ts';
import { openMigratedDatabase } from '../src/server/runtime.ts';

/**
 * Registers another system as an OAuth 2 client and prints its secret once.
 * Usage: npm run clients:register -- --name "Cổng DVC quốc gia" --scopes dossiers:read
 *          --agencies 000.00.31.H29,000.00.16.H29 [--rate 600]
 */
const { values } = parseArgs({
  options: {
    name: { type: 'string' },
    scopes: { type: 'string', default: 'dossiers:read' },
    agencies: { type: 'string', default: '' },
    rate: { type: 'string', default: '600' },
  },
});
if (!values.name) {
  process.stderr.write('clients:register needs --name\n');
  process.exit(2);
}
const config = loadConfig();
const database = await openMigratedDatabase(config);
try {
  const codes = values.agencies.split(',').filter(Boolean);
  const agencies = codes.length
    ? await database.db
        .selectFrom('agency')
        .select(['id', 'code'])
        .where('code', 'in', codes)
        .execute()
    : [];
  const unknown = codes.filter((code) => !agencies.some((a) => a.code === code));
  if (unknown.length > 0) {
    process.stderr.write(`unknown agency codes: ${unknown.join(', ')}\n`);
    process.exitCode = 2;
  } else {
    const clients = createMachineClients({
      db: database.db,
      issuer: config.PUBLIC_URL.replace(/\/$/, ''),
    });
    const registered = await clients.register({
      name: values.name,
      scopes: values.scopes.split(',').filter(Boolean),
      agencyIds: agencies.map((a) => a.id),
      rateLimitPerMinute: Number(values.rate),
    });
    process.stdout.write(
      `client_id=${registered.clientId}\nclient_secret=${registered.clientSecret}\n(the secret is shown once; store it in the other system's vault)\n`,
    );
  }
} finally {
  await database.close();
}
