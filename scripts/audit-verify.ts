import { loadConfig } from '../src/server/config.ts';
import { openDatabase } from '../src/server/db/database.ts';
import { verifyAuditLog } from '../src/server/platform/audit.ts';

// Proves the audit chain intact, or names the first record that breaks it (exit code 1).
const config = loadConfig();
const database = await openDatabase(
  config.DATABASE_URL ? { url: config.DATABASE_URL } : { pgliteDir: config.pgliteDir },
);
try {
  const result = await verifyAuditLog(database.db);
  if (result.intact) {
    process.stdout.write(
      `audit chain intact: ${String(result.records)} records, last hash ${result.lastHash}\n`,
    );
  } else {
    const { seq, reason, occurredAt, action } = result.broken;
    const why =
      reason === 'altered'
        ? 'its content no longer matches its hash (changed after it was written)'
        : 'it does not point at the record before it (a record was removed or inserted)';
    process.stdout.write(
      `audit chain BROKEN at record #${String(seq)} (${action}, ${occurredAt.toISOString()}): ${why}; ${String(result.records)} records before it are intact\n`,
    );
    process.exitCode = 1;
  }
} finally {
  await database.close();
}
