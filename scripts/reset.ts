import { rm } from 'node:fs/promises';
import { loadConfig } from '../src/server/config.ts';
import { assertDatabaseFolderFree } from '../src/server/db/folder-lock.ts';

// Wipes the embedded database and stored files. A PostgreSQL database named by DATABASE_URL is never touched.
const config = loadConfig();
assertDatabaseFolderFree(config.pgliteDir);
await rm(config.pgliteDir, { recursive: true, force: true });
await rm(config.FILES_DIR, { recursive: true, force: true });
process.stdout.write(`removed ${config.pgliteDir} and ${config.FILES_DIR}\n`);
