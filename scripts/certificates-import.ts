import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/server/config.ts';
import { createCertificateStore } from '../src/server/modules/results/index.ts';
import { createSecretBox } from '../src/server/platform/secret-box.ts';
import { openMigratedDatabase } from '../src/server/runtime.ts';

// Installs an agency's real signing certificate (PKCS#12) in place of its current one:
//   P12_PASSPHRASE=… npm run certificates:import -- --agency 000.00.31.H29 --p12 ubnd.p12
// The passphrase comes from the environment, never the command line (shell history, ps).
const { values } = parseArgs({
  options: { agency: { type: 'string' }, p12: { type: 'string' } },
});
const passphrase = process.env.P12_PASSPHRASE;
if (!values.agency || !values.p12 || passphrase === undefined) {
  process.stderr.write(
    'usage: P12_PASSPHRASE=… npm run certificates:import -- --agency <agency code> --p12 <file>\n',
  );
  process.exit(2);
}
const config = loadConfig();
const database = await openMigratedDatabase(config);
try {
  const agency = await database.db
    .selectFrom('agency')
    .select(['id', 'name'])
    .where('code', '=', values.agency)
    .executeTakeFirst();
  if (!agency) throw new Error(`no agency with code ${values.agency}`);
  const certificate = await createCertificateStore({
    db: database.db,
    secrets: createSecretBox(config.APP_SECRET),
    demoMode: false,
  }).importPkcs12(agency.id, readFileSync(values.p12), passphrase);
  process.stdout.write(
    `${agency.name}: signing with ${certificate.subject.replace(/\n/g, ', ')} (valid to ${certificate.validTo})\n`,
  );
} finally {
  await database.close();
}
