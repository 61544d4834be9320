import { DEMO_ACCOUNTS } from '../src/server/db/seed/demo-data.ts';
import { removeDataDir, startServer } from '../test/helpers/server-process.ts';
import { median } from './measure.ts';

/**
 * How fast can someone guess officers' passwords against the real server? Two attacks from one
 * address: 100 guesses at one account, then guesses spread over every officer account.
 * Usage: npm run bench:brute-force  (default rate limit: 600 requests a minute per address)
 */
const server = await startServer({ env: { WORKERS: 'false' } });

async function guess(username: string, attempt: number) {
  const started = performance.now();
  const response = await fetch(`${server.url}/api/v1/auth/officer/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: `guess number ${String(attempt)} of many` }),
  });
  await response.arrayBuffer();
  return { status: response.status, ms: performance.now() - started };
}

const count = (results: { status: number }[], status: number) =>
  results.filter((r) => r.status === status).length;

try {
  // 1. One account: the lockout stops it after 5 wrong passwords. From outside, locked and wrong
  // look alike (same 401, same argon2 work): the first 5 are checked, the rest refused unchecked.
  // Warm the server first (argon2, the statements), so the first checked guesses are not slower for it.
  for (let i = 0; i < 3; i += 1) await guess('nobody.warming.up', i);
  const single: { status: number; ms: number }[] = [];
  for (let i = 0; i < 100; i += 1) single.push(await guess('chau.lm', i));
  const answered = single.filter((r) => r.status === 401);
  // The first 5 are checked (the baseline); the rest must cost the same, or timing tells them apart.
  const checkedMs = median(answered.slice(0, 5).map((r) => r.ms));
  const lockedMs = median(answered.slice(5).map((r) => r.ms));
  process.stdout.write(
    `BENCH officer_bruteforce_one_account attempts=100 answered_401=${String(answered.length)} rate_limited_429=${String(count(single, 429))} checked_ms_p50=${checkedMs.toFixed(1)} locked_ms_p50=${lockedMs.toFixed(1)} ratio=${(lockedMs / checkedMs).toFixed(2)}\n`,
  );

  // 2. Every officer account from the same address: the per-address sign-in limit stops it.
  const usernames = DEMO_ACCOUNTS.flatMap((a) => (a.username ? [a.username] : [])).filter(
    (u) => u !== 'chau.lm',
  );
  const spread: { status: number }[] = [];
  for (let i = 0; i < 60; i += 1)
    spread.push(await guess(usernames[i % usernames.length] ?? '', i));
  process.stdout.write(
    `BENCH officer_bruteforce_spread accounts=${String(usernames.length)} attempts=60 answered_401=${String(count(spread, 401))} rate_limited_429=${String(count(spread, 429))}\n`,
  );
  process.stdout.write(
    'Ceiling per account: 5 guesses per 15 minutes (480 a day); per address: the sign-in bucket (RATE_LIMIT_PER_MINUTE / 30 a minute).\n',
  );
} finally {
  await server.stop();
  await removeDataDir(server.dataDir);
}
