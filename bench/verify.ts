import { createPrivateKey, X509Certificate } from 'node:crypto';
import {
  createDemoRootCa,
  issueAgencyCertificate,
  signPdf,
} from '../src/server/modules/results/index.ts';
import { createPdf } from '../src/server/platform/pdf.ts';
import { removeDataDir, startServer } from '../test/helpers/server-process.ts';
import { cmsHexOf, expensivePdf, multipartBody } from '../test/helpers/upload-bodies.ts';

/**
 * Does verifying uploaded results hold up everyone else? /health latency on the real server, idle
 * (the baseline) and while bursts of crafted verification uploads run, in alternating rounds.
 * Usage: npm run bench:verify
 */
const ROUNDS = 6;
const server = await startServer({ env: { WORKERS: 'false' } });

const root = createDemoRootCa();
const agency = issueAgencyCertificate(root, { name: 'UBND', code: null, province: null });
const draft = await createPdf('A4', { title: 'Kết quả', author: 'UBND' });
draft.text('GIẤY CHỨNG NHẬN');
const signed = await signPdf(
  await draft.save(),
  {
    privateKey: createPrivateKey(agency.privateKeyPem),
    certificates: [Buffer.from(new X509Certificate(agency.certificatePem).raw)],
  },
  {
    lines: ['Ký bởi: UBND'],
    signerName: 'UBND',
    reason: 'Phê duyệt',
    location: 'VN',
    signedAt: new Date(),
  },
);
const cmsHex = cmsHexOf(signed);
const bodies = [
  expensivePdf(cmsHex, 200, 2 << 20),
  expensivePdf(cmsHex, 8, 10 << 20),
  expensivePdf(cmsHex, 200, 2 << 20),
  expensivePdf(cmsHex, 8, 10 << 20),
].map((pdf) => multipartBody('ket-qua.pdf', pdf, 'application/pdf'));

async function healthTimes(until: Promise<unknown> | number) {
  const times: number[] = [];
  const watch = { done: false };
  if (typeof until === 'number') setTimeout(() => (watch.done = true), until);
  else void until.finally(() => (watch.done = true));
  while (!watch.done) {
    const started = performance.now();
    await (await fetch(`${server.url}/health`)).text();
    times.push(performance.now() - started);
  }
  return times;
}
const p99 = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length * 0.99)] ?? 0;
const max = (values: number[]) => Math.max(...values);

try {
  const idle: number[] = [];
  const busy: number[] = [];
  const answers: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    idle.push(...(await healthTimes(1_500)));
    const burst = Promise.all(
      bodies.map(async (body) => {
        const started = performance.now();
        const response = await fetch(`${server.url}/api/v1/results/verify`, {
          method: 'POST',
          headers: { 'content-type': body.contentType },
          body: new Uint8Array(body.payload),
        });
        await response.arrayBuffer();
        answers.push(performance.now() - started);
      }),
    );
    busy.push(...(await healthTimes(burst)));
  }
  process.stdout.write(
    `BENCH verify_health idle_p99_ms=${p99(idle).toFixed(1)} burst_p99_ms=${p99(busy).toFixed(1)} burst_max_ms=${max(busy).toFixed(1)} ratio_p99=${(p99(busy) / p99(idle)).toFixed(1)} slowest_verify_ms=${max(answers).toFixed(0)} rounds=${String(ROUNDS)}\n`,
  );
} finally {
  await server.stop();
  await removeDataDir(server.dataDir);
}
