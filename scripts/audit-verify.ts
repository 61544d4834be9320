import { loadConfig } from '../src/server/config.ts';
import { openDatabase } from '../src/server/db/database.ts';
import { verifyAuditLog } from '../src/server/platform/audit.ts';

// Proves the audit chain intact, or names the first record or block that breaks it (exit code 1).
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
    const { reason, fromSeq, toSeq, writtenFrom, writtenTo } = result.broken;
    const where =
      fromSeq === toSeq
        ? `record #${String(fromSeq)}`
        : `the block of records #${String(fromSeq)} to #${String(toSeq)}`;
    const when = writtenFrom
      ? ` (written ${writtenFrom.toISOString()}${writtenTo && writtenTo.getTime() !== writtenFrom.getTime() ? ` to ${writtenTo.toISOString()}` : ''})`
      : '';
    const why =
      reason === 'altered'
        ? 'a record no longer matches the hash it was sealed with (changed after it was written)'
        : 'the records do not link up with their hashes (a record was removed or inserted)';
    process.stdout.write(
      `audit chain BROKEN in ${where}${when}: ${why}; ${String(result.records)} records before it are intact\n`,
    );
    process.exitCode = 1;
  }
} finally {
  await database.close();
}
