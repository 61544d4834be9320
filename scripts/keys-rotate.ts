import { loadConfig } from '../src/server/config.ts';
import { createMachineClients } from '../src/server/modules/identity/index.ts';
import { openMigratedDatabase } from '../src/server/runtime.ts';

// Starts signing access tokens with a new key; the old one stays in the JWKS for an hour.
const config = loadConfig();
const database = await openMigratedDatabase(config);
try {
  const clients = createMachineClients({
    db: database.db,
    issuer: config.PUBLIC_URL.replace(/\/$/, ''),
  });
  process.stdout.write(`signing with key ${(await clients.rotateKeys()) ?? '?'}\n`);
} finally {
  await database.close();
}
