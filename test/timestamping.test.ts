import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkSignedData } from '../src/server/modules/results/cms.ts';
import { arrayBuffer, pkijs } from '../src/server/modules/results/pki.ts';
import {
  httpTimestamper,
  TIMESTAMP_QUERY,
  TimestampError,
  timestampQuery,
  tstInfoOf,
} from '../src/server/modules/results/timestamping.ts';
import { freePort } from './helpers/server-process.ts';
import { createTestApp, type TestApp } from './helpers/test-app.ts';

// The demo time-stamping authority is reached over real HTTP, as TSA_URL reaches a real one.
let t: TestApp;
let tsaUrl: string;
beforeAll(async () => {
  t = await createTestApp({ DEMO_MODE: 'true' });
  const port = await freePort();
  await t.app.listen({ host: '127.0.0.1', port });
  tsaUrl = `http://127.0.0.1:${String(port)}/api/v1/timestamps`;
});
afterAll(() => t.close());

const digestOf = (text: string) => createHash('sha256').update(text).digest();

describe('RFC 3161 time-stamping', () => {
  it('time-stamps a digest over HTTP with a token signed by the demo authority', async () => {
    const signatureValue = Buffer.from('chữ ký của kết quả');
    const token = await httpTimestamper(tsaUrl)(digestOf('chữ ký của kết quả'));
    const info = tstInfoOf(pkijs.ContentInfo.fromBER(arrayBuffer(token)));
    expect(Math.abs(info.genTime.getTime() - Date.now())).toBeLessThan(60_000);
    const check = checkSignedData(token, signatureValue);
    expect(check).toMatchObject({
      digestMatches: true,
      signatureValid: true,
      certificateBound: true,
    });
    // The token carries the authority's certificate and its issuer, since the request asked.
    expect(check.certificates).toHaveLength(2);
    // A token says nothing of other data.
    expect(checkSignedData(token, Buffer.from('văn bản khác')).signatureValid).toBe(false);
  });

  it('answers a malformed request with a rejection and other media types with a problem', async () => {
    const garbage = await fetch(tsaUrl, {
      method: 'POST',
      headers: { 'content-type': TIMESTAMP_QUERY },
      body: new Uint8Array(Buffer.from('không phải ASN.1')),
    });
    expect(garbage.status).toBe(200);
    expect(garbage.headers.get('content-type')).toContain('application/timestamp-reply');
    const reply = pkijs.TimeStampResp.fromBER(await garbage.arrayBuffer());
    expect(reply.status.status).toBe(pkijs.PKIStatus.rejection);
    expect(reply.timeStampToken).toBeUndefined();

    const json = await fetch(tsaUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: timestampQuery(digestOf('x')).query.toString('base64') }),
    });
    expect(json.status).toBe(415);
    expect(json.headers.get('content-type')).toContain('application/problem+json');
  });

  describe('a client that trusts nothing the authority says blindly', () => {
    let liar: Server;
    let liarUrl: string;
    beforeAll(async () => {
      // An authority answering every request with the token it gave for another digest.
      const stale = await fetch(tsaUrl, {
        method: 'POST',
        headers: { 'content-type': TIMESTAMP_QUERY },
        body: new Uint8Array(timestampQuery(digestOf('một yêu cầu khác')).query),
      }).then((r) => r.arrayBuffer());
      liar = createServer((_request, response) => {
        response.writeHead(200, { 'content-type': 'application/timestamp-reply' });
        response.end(Buffer.from(stale));
      });
      const port = await freePort();
      await new Promise<void>((resolve) => liar.listen(port, '127.0.0.1', resolve));
      liarUrl = `http://127.0.0.1:${String(port)}/tsr`;
    });
    afterAll(() => new Promise<void>((resolve) => liar.close(() => resolve())));

    it('refuses a token for another request, an authority that is down, and a page that is not a reply', async () => {
      await expect(httpTimestamper(liarUrl)(digestOf('kết quả'))).rejects.toThrow(
        'the time-stamp token answers another request',
      );
      const closed = `http://127.0.0.1:${String(await freePort())}/tsr`;
      await expect(httpTimestamper(closed)(digestOf('kết quả'))).rejects.toBeInstanceOf(
        TimestampError,
      );
      const page = tsaUrl.replace('/api/v1/timestamps', '/health');
      await expect(httpTimestamper(page)(digestOf('kết quả'))).rejects.toBeInstanceOf(
        TimestampError,
      );
    });
  });
});
