import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Builds the web app (vite, then the compressed copies), and records a fingerprint of what it was
 * built from. With `--if-changed` it builds only when that fingerprint differs, so `npm start`
 * does not spend seconds rebuilding an unchanged app.
 */
const root = path.resolve(import.meta.dirname, '..');
const stampFile = path.join(root, 'dist/web/.sources-sha256');
/** Everything the bundle depends on: the web sources, the domain code they import, the toolchain. */
const INPUTS = [
  'src/web',
  'src/domain',
  'vite.config.ts',
  'tsconfig.web.json',
  'package-lock.json',
  'scripts/precompress.ts',
  'scripts/build-web.ts',
];

function* files(entry: string): Generator<string> {
  const full = path.join(root, entry);
  if (!existsSync(full)) return;
  if (!statSync(full).isDirectory()) {
    yield entry;
    return;
  }
  for (const name of readdirSync(full).sort()) yield* files(path.join(entry, name));
}

function sourcesFingerprint(): string {
  const hash = createHash('sha256');
  for (const input of INPUTS) {
    for (const file of files(input)) {
      hash
        .update(file)
        .update('\0')
        .update(readFileSync(path.join(root, file)))
        .update('\0');
    }
  }
  return hash.digest('hex');
}

const fingerprint = sourcesFingerprint();
const built = existsSync(stampFile) ? readFileSync(stampFile, 'utf8').trim() : null;
if (process.argv.includes('--if-changed') && built === fingerprint) {
  process.stdout.write('web app up to date (sources unchanged since the last build)\n');
} else {
  const run = (script: string, args: string[]) =>
    execFileSync(process.execPath, [script, ...args], { cwd: root, stdio: 'inherit' });
  run(path.join(root, 'node_modules/vite/bin/vite.js'), ['build']);
  run(path.join(root, 'scripts/precompress.ts'), []);
  writeFileSync(stampFile, `${fingerprint}\n`);
}
