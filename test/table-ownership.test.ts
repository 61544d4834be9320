import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Each table is owned by one module (or the platform): only the owner's files write it. Another
 * module changes it by calling what the owner's index.ts exports. Seeds and migrations set up
 * every table and are not modules.
 */
const OWNER: Record<string, string> = {
  account: 'identity',
  officer_role: 'identity',
  session: 'identity',
  sign_in_attempt: 'identity',
  api_client: 'identity',
  signing_key: 'platform',
  idp_identity: 'identity',
  idp_payload: 'identity',
  oidc_login: 'identity',
  audit_record: 'platform',
  audit_seal: 'platform',
  agency: 'catalog',
  procedure: 'catalog',
  service: 'catalog',
  service_version: 'catalog',
  document_template: 'catalog',
  catalog_listing: 'catalog',
  service_level_history: 'catalog',
  dossier: 'dossiers',
  dossier_event: 'dossiers',
  dossier_code_sequence: 'dossiers',
  dossier_draft: 'dossiers',
  stored_file: 'dossiers',
  payment: 'payments',
  payment_message: 'payments',
  sandbox_vnpay_transaction: 'payments',
  result_document: 'results',
  agency_certificate: 'results',
  certificate_authority: 'results',
  stats_day: 'monitoring',
  stats_pending: 'monitoring',
  evaluation_indicator: 'monitoring',
  monthly_report: 'reports',
  monthly_report_reminder: 'reports',
  notification: 'notifications',
  mail_message: 'notifications',
  calendar_override: 'calendar',
  outbox_message: 'platform',
  outbox_cursor: 'integration',
  member_system: 'integration',
  hub_submission: 'integration',
  member_dossier: 'integration',
  member_dossier_event: 'integration',
  member_payment: 'integration',
  webhook_subscription: 'integration',
  webhook_delivery: 'integration',
  feedback_category: 'feedback',
  feedback: 'feedback',
  feedback_event: 'feedback',
  feedback_file: 'feedback',
  feedback_transfer: 'feedback',
};

/**
 * The catalogue's registry (agencies, procedures, services and their versions) is reference data:
 * any module may join it for names and settings. Only the catalogue writes it.
 */
const REGISTRY = new Set([
  'agency',
  'procedure',
  'service',
  'service_version',
  'service_level_history',
]);

/**
 * Reads of another module's tables that remain, each with its reason. A new one fails the test
 * until it is declared here (or, better, asked of the owner through its index.ts); an entry no
 * longer used fails it too, so the list only shrinks.
 */
const READS_ACROSS: Record<string, string> = {
  'dossiers reads account':
    "the applicant's and the actors' names and mail addresses beside a dossier",
  'dossiers reads payment': 'whether a fee asked for is still unpaid (the state machine’s fact)',
  'identity reads audit_record': 'the audit log page reads the platform’s log',
  'monitoring reads dossier':
    'the statistics are a read model computed from the dossiers and their events',
  'monitoring reads dossier_event': 'the same read model',
  'monitoring reads result_document': 'the same read model: which results were returned online',
  'notifications reads dossier': "a notice shows its dossier's code",
  'payments reads dossier':
    'the reconciliation lists each payment with its dossier code and status',
  'feedback reads account': 'the name of the officer an item is assigned to, beside the item',
  'feedback reads dossier': 'the code of the dossier an item is about, beside the item',
  'reports reads account': 'the name of the officer who sent each report',
  'results reads dossier': "the public verification registry names the result's dossier code",
};

const SERVER = path.join(import.meta.dirname, '../src/server');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

/** The module a file belongs to: `modules/<name>/…`, or the platform. */
const ownerOfFile = (file: string) => {
  const relative = path.relative(SERVER, file).split(path.sep);
  return relative[0] === 'modules'
    ? (relative[1] ?? '')
    : relative[0] === 'platform'
      ? 'platform'
      : null;
};

/** Tables a file writes, through Kysely or in SQL text. */
function tablesWritten(source: string): string[] {
  const builder = /\b(?:insertInto|updateTable|deleteFrom|mergeInto)\(\s*'(\w+)'/g;
  const text = /\b(?:insert\s+into|update|delete\s+from)\s+(\w+)\b/gi;
  return [...source.matchAll(builder), ...source.matchAll(text)]
    .map((m) => m[1] ?? '')
    .filter((table) => table in OWNER);
}

/** Tables a file reads, through Kysely or in SQL text. */
function tablesRead(source: string): string[] {
  const builder = /\b(?:selectFrom|innerJoin|leftJoin)\(\s*'(\w+)/g;
  const text = /\b(?:from|join)\s+(\w+)\b/g;
  return [...source.matchAll(builder), ...source.matchAll(text)]
    .map((m) => m[1] ?? '')
    .filter((table) => table in OWNER);
}

describe('table ownership', () => {
  it('names an owner for every table of the schema', () => {
    const schema = readFileSync(path.join(SERVER, 'db/schema.ts'), 'utf8');
    const tables = [...schema.matchAll(/^ {2}(\w+): \w+Table;$/gm)].map((m) => m[1]);
    expect(tables.filter((t) => t !== undefined && !(t in OWNER))).toEqual([]);
  });

  it('lets only the owning module write a table', () => {
    const trespasses = sourceFiles(SERVER).flatMap((file) => {
      const owner = ownerOfFile(file);
      if (owner === null) return []; // seeds, migrations, the server's assembly
      return tablesWritten(readFileSync(file, 'utf8'))
        .filter((table) => OWNER[table] !== owner)
        .map(
          (table) =>
            `${path.relative(SERVER, file)} writes ${table} (owned by ${OWNER[table] ?? '?'})`,
        );
    });
    expect(trespasses).toEqual([]);
  });

  it('reads another module’s tables only where declared, with its reason', () => {
    const reads = new Set(
      sourceFiles(SERVER).flatMap((file) => {
        const owner = ownerOfFile(file);
        if (owner === null) return [];
        return tablesRead(readFileSync(file, 'utf8'))
          .filter((table) => OWNER[table] !== owner && !REGISTRY.has(table))
          .map((table) => `${owner} reads ${table}`);
      }),
    );
    expect([...reads].filter((read) => !(read in READS_ACROSS)).sort()).toEqual([]);
    expect(Object.keys(READS_ACROSS).filter((read) => !reads.has(read))).toEqual([]);
  });

  it('would see a trespass: the check reads both Kysely calls and SQL text', () => {
    expect(tablesWritten(`db.insertInto('account').values({})`)).toEqual(['account']);
    expect(tablesWritten('sql`update dossier set status = 1`')).toEqual(['dossier']);
    expect(tablesWritten(`db.selectFrom('account')`)).toEqual([]);
  });
});
