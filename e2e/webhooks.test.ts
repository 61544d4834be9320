import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_PDF } from '../test/helpers/test-app.ts';
import { birthRegistrationForm } from '../test/helpers/factories.ts';
import { journeyHarness, screenshot, signInAs } from './browser.ts';

const journey = journeyHarness();
const PHONE = { width: 360, height: 740 };

/** A partner's endpoint on this machine: keeps what it receives, answers 200. */
const received: { headers: Record<string, string>; body: string }[] = [];
const endpoint = createServer((request, response) => {
  let body = '';
  request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
  request.on('end', () => {
    const headers: Record<string, string> = {};
    for (const name of ['webhook-id', 'webhook-timestamp', 'webhook-signature'])
      headers[name] = String(request.headers[name]);
    received.push({ headers, body });
    response.writeHead(204).end();
  });
});
let endpointUrl: string;
beforeAll(async () => {
  await new Promise<void>((resolve) => endpoint.listen(0, '127.0.0.1', resolve));
  endpointUrl = `http://127.0.0.1:${String((endpoint.address() as AddressInfo).port)}/opendvc`;
});
afterAll(() => new Promise((resolve) => endpoint.close(resolve)));

describe("an agency's administrator connects a partner's system by webhook, on a phone", () => {
  it('subscribes, keeps the secret shown once, and the running server delivers a submission signed', async () => {
    const admin = await journey.newPage(PHONE);
    await signInAs(admin, journey.url(), 'Bùi Thị Lan');
    await admin.goto(`${journey.url()}/quan-tri`);
    await admin.getByRole('tab', { name: 'Webhook' }).click();
    await admin.getByLabel('Địa chỉ nhận (HTTPS)').fill(endpointUrl);
    await admin.getByLabel('Ghi chú').fill('Hệ thống một cửa của đối tác');
    await admin.getByRole('button', { name: 'Đăng ký webhook' }).click();
    await admin.getByText('Khóa bí mật dùng để kiểm tra chữ ký chỉ hiển thị một lần').waitFor();
    const secret = (await admin.locator('.ant-alert code').textContent()) ?? '';
    expect(secret).toMatch(/^whsec_/);
    await admin.getByText('Đã gửi hết').waitFor();
    await screenshot(admin, '60-webhooks-360px');

    // a citizen files a birth registration at the ward
    const citizen = await journey.newPage(PHONE);
    await signInAs(citizen, journey.url(), 'Nguyễn Văn An');
    const base = journey.url();
    const me = (await (await citizen.request.get(`${base}/api/v1/auth/me`)).json()) as {
      account: { csrfToken: string };
    };
    const headers = { 'x-csrf-token': me.account.csrfToken };
    const services = (await (
      await citizen.request.get(
        `${base}/api/v1/catalog/services?q=khai%20sinh&agency=000.00.31.H29`,
      )
    ).json()) as { items: { id: string; agency: { code: string } }[] };
    const serviceId = services.items.find((s) => s.agency.code === '000.00.31.H29')?.id;
    const file = (await (
      await citizen.request.post(`${base}/api/v1/files`, {
        headers,
        multipart: {
          file: { name: 'giay-chung-sinh.pdf', mimeType: 'application/pdf', buffer: SAMPLE_PDF },
        },
      })
    ).json()) as { id: string };
    const submitted = await citizen.request.post(`${base}/api/v1/dossiers`, {
      headers,
      data: {
        serviceId,
        formData: birthRegistrationForm,
        documents: [{ documentKey: 'giay-chung-sinh', fileId: file.id }],
      },
    });
    expect(submitted.status()).toBe(201);
    const { code } = (await submitted.json()) as { code: string };

    // the server's delivery loop posts it; the page shows it delivered
    await expect.poll(() => received.length, { timeout: 15_000 }).toBe(1);
    const [delivery] = received;
    const payload = new Webhook(secret).verify(delivery?.body ?? '', delivery?.headers ?? {}) as {
      type: string;
      data: { code: string; to: string };
    };
    expect(payload).toMatchObject({ type: 'dossier.progress', data: { code, to: 'submitted' } });
    await admin.getByRole('button', { name: 'Nhật ký gửi' }).first().click();
    await admin.getByText(delivery?.headers['webhook-id'] ?? '?').waitFor();
  });
});
