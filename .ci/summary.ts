import { existsSync, readFileSync } from 'node:fs';

// Adds up Vitest JSON reports, and the unhandled errors Vitest saw (the JSON report leaves those
// out), into CI's closing line. Usage: summary.ts <unhandled-errors.jsonl> <report.json>...
const [errorsFile = '', ...reports] = process.argv.slice(2);
let passed = 0;
let failed = 0;
for (const file of reports) {
  if (!existsSync(file)) {
    process.stderr.write(`missing test report ${file}: that run did not finish\n`);
    failed += 1;
    continue;
  }
  const report = JSON.parse(readFileSync(file, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    testResults: {
      name: string;
      assertionResults: { fullName: string; status: string; failureMessages: string[] }[];
    }[];
  };
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  // CI keeps only the tail of the output: name each failure here, where it will be read.
  for (const fileResult of report.testResults) {
    for (const test of fileResult.assertionResults) {
      if (test.status !== 'failed') continue;
      const message = (test.failureMessages[0] ?? '').split('\n').slice(0, 6).join('\n');
      process.stdout.write(
        `failed (${file}): ${fileResult.name.replace(process.cwd() + '/', '')} > ${test.fullName}\n${message}\n`,
      );
    }
  }
}

const unhandled = existsSync(errorsFile)
  ? readFileSync(errorsFile, 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as { name?: string; message?: string; stack?: string })
  : [];
for (const error of unhandled) {
  const stack = (error.stack ?? '').split('\n').slice(0, 8).join('\n');
  process.stdout.write(
    `unhandled error: ${error.name ?? 'Error'}: ${error.message ?? ''}\n${stack}\n`,
  );
}

process.stdout.write(
  `tests: ${passed} passed, ${failed} failed, ${unhandled.length} unhandled errors\n`,
);
process.exit(failed === 0 && unhandled.length === 0 && passed > 0 ? 0 : 1);
