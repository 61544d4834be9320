import { appendFileSync, existsSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const browserAvailable = existsSync(CHROMIUM);
if (!browserAvailable) {
  const message = `Chromium not found at ${CHROMIUM}: the end-to-end journeys cannot run (apt-get install -y chromium).`;
  if (process.env.CI === 'true') throw new Error(message);
  process.stderr.write(`\n⚠ ${message} Running unit and integration tests only.\n\n`);
}

// CI asks for unhandled errors in a file too: the JSON report leaves them out, and a run with one
// must not close on "0 failed".
const unhandledErrorsFile = process.env.UNHANDLED_ERRORS_FILE;

export default defineConfig({
  test: {
    onUnhandledError(error) {
      if (unhandledErrorsFile)
        appendFileSync(
          unhandledErrorsFile,
          `${JSON.stringify({ name: error.name, message: error.message, stack: error.stack })}\n`,
        );
    },
    projects: [
      { test: { name: 'unit', include: ['src/**/*.test.ts'] } },
      {
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts'],
          // Faults of a database reached over TCP: on the PostgreSQL pass only.
          exclude: process.env.DATABASE_URL ? [] : ['test/**/*.postgres.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      ...(browserAvailable
        ? [
            {
              test: {
                name: 'e2e',
                include: ['e2e/**/*.test.ts'],
                testTimeout: 180_000,
                hookTimeout: 120_000,
                fileParallelism: false,
              },
            },
          ]
        : []),
    ],
  },
});
