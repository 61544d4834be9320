import { loadConfig } from '../src/server/config.ts';
import { openMigratedDatabase } from '../src/server/runtime.ts';

const database = await openMigratedDatabase(loadConfig());
process.stdout.write(`database (${database.engine}) is at the latest migration\n`);
await database.close();
