import { createPrivateKey, X509Certificate } from 'node:crypto';
import {
  createDemoRootCa,
  issueAgencyCertificate,
} from '../src/server/modules/results/certificates.ts';
import { signPdf } from '../src/server/modules/results/pades.ts';
import { createPdf } from '../src/server/platform/pdf.ts';
import { removeDataDir, startServer } from '../test/helpers/server-process.ts';

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
const cmsHex = /\/Contents\s*<([0-9a-fA-F]+)>/.exec(signed.toString('latin1'))?.[1] ?? '';

/** Signature dictionaries each carrying a real CMS and a byte range covering the whole file. */
function crafted(count: number, bodyBytes: number) {
  const width = 10;
  const number = (n: number) => String(n).padStart(width, '0');
  const head = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(bodyBytes, 0x20)]);
  const prefix = '<</ByteRange [0 '.length + 3 * width + 2 + '] /Contents '.length;
  const length = prefix + cmsHex.length + 2 + '>>\n'.length;
  const total = head.length + count * length + '%%EOF\n'.length;
  const dictionaries = Array.from({ length: count }, (_, i) => {
    const gapStart = head.length + i * length + prefix;
    const gapEnd = gapStart + cmsHex.length + 2;
    return `<</ByteRange [0 ${number(gapStart)} ${number(gapEnd)} ${number(total - gapEnd)}] /Contents <${cmsHex}>>>\n`;
  });
  return Buffer.concat([head, Buffer.from(dictionaries.join('')), Buffer.from('%%EOF\n')]);
}
const boundary = '----opendvc-bench';
const multipart = (pdf: Buffer) =>
  new Uint8Array(
    Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="ket-qua.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
      ),
      pdf,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
  );
const bodies = [
  crafted(200, 2 << 20),
  crafted(8, 10 << 20),
  crafted(200, 2 << 20),
  crafted(8, 10 << 20),
].map(multipart);

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
          headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
          body,
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
