/// <reference lib="dom" />
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { journeyHarness, screenshot, settled, signInAs } from './browser.ts';

// With the demo history: every ministry and province publishes services and has a year of dossiers.
const journey = journeyHarness({ DEMO_HISTORY: 'true' });
const HCMC = 'Ủy ban nhân dân Thành phố Hồ Chí Minh';
/** Figures as the Vietnamese page writes them: 11.064, 17,99. */
const vi = (n: number | undefined) => new Intl.NumberFormat('vi-VN').format(n ?? Number.NaN);

describe('public statistics in Chromium: anyone reads the figures, ranks provinces and downloads them', () => {
  it('shows the national figures, the ranking chart and a CSV with the same numbers', async () => {
    const page = await journey.newPage();
    await page.goto(journey.url());
    await page
      .getByRole('navigation', { name: 'Danh mục chức năng' })
      .getByRole('link', { name: 'Thống kê' })
      .click();
    await page
      .getByText('Thống kê, đánh giá chất lượng cung cấp dịch vụ công trực tuyến')
      .waitFor();
    const api = (await (
      await page.request.get(`${journey.url()}/api/v1/stats/agencies?period=live&level=province`)
    ).json()) as {
      national: { services: { published: number } };
      agencies: {
        name: string;
        indicators: { services: { published: number; fullOnline: number } };
      }[];
    };
    const hcmc = api.agencies.find((a) => a.name === HCMC);
    expect(hcmc?.indicators.services.published).toBeGreaterThan(0);

    await page
      .getByTestId('stat-published')
      .filter({ hasText: vi(api.national.services.published) })
      .waitFor();
    // The figure shown is grouped the Vietnamese way.
    await page
      .locator('.stat-value')
      .filter({ hasText: vi(api.national.services.published) })
      .first()
      .waitFor();
    // The ranking lists each province's bar under its name.
    const chart = page.getByTestId('stats-ranking-chart');
    await chart.getByRole('listitem').first().waitFor();
    await chart.getByText(HCMC).waitFor();
    // The seeds' story: near 18% of services at full online nationally, and a list of laggards.
    const share = (
      api as unknown as { national: { services: { fullOnlineShare: { percent: number } } } }
    ).national.services.fullOnlineShare.percent;
    expect(share).toBeGreaterThan(15);
    expect(share).toBeLessThan(21);
    expect(await page.getByTestId('stats-laggards').locator('li').count()).toBeGreaterThanOrEqual(
      3,
    );
    await screenshot(page, '30-statistics');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('stats-csv').click(),
    ]);
    const csv = await readFile(await download.path(), 'utf8');
    const header = csv.split('\r\n')[0] ?? '';
    expect(header).toContain('TTHC đã công bố');
    const row = csv.split('\r\n').find((line) => line.includes(HCMC)) ?? '';
    // Numbers written as in the page (the percentages, with their decimal comma, are quoted).
    const cells = row.split(',');
    expect(cells[2]).toBe(vi(hcmc?.indicators.services.published));
    expect(cells[3]).toBe(vi(hcmc?.indicators.services.fullOnline));
  });

  it('reads August 2020 as published: 17,97% nationally, 63 provinces then, 34 today', async () => {
    const page = await journey.newPage();
    await page.setViewportSize({ width: 360, height: 800 });
    await page.goto(`${journey.url()}/thong-ke`);
    await page.getByLabel('Hoặc chọn tháng').fill('2020-08');
    await page.getByTestId('stat-full-online').filter({ hasText: '17,97%' }).waitFor();
    const chart = page.getByTestId('stats-ranking-chart');
    await chart.getByText('Ủy ban nhân dân Tỉnh Quảng Nam').waitFor();
    expect(await chart.getByRole('listitem').count()).toBe(63);
    // Quảng Nam merged into Đà Nẵng in 2025: under today's units it is counted there
    await page.getByRole('radio', { name: 'Đơn vị hiện nay (đã sắp xếp)' }).check();
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="stats-ranking-chart"] li').length === 34,
    );
    await page.getByTestId('stat-full-online').filter({ hasText: '17,97%' }).waitFor();
    expect(await chart.getByText('Ủy ban nhân dân Tỉnh Quảng Nam').count()).toBe(0);
    await screenshot(page, '33-statistics-august-2020');
  });

  it('reads the Decision 766 index, and the national office sets an indicator’s points within its group', async () => {
    const page = await journey.newPage();
    await page.setViewportSize({ width: 360, height: 800 });
    await signInAs(page, journey.url(), 'Trương Văn Quang');
    await page.goto(`${journey.url()}/thong-ke`);
    await page.getByRole('link', { name: 'Bộ chỉ số đánh giá theo Quyết định 766/QĐ-TTg' }).click();
    await page.getByRole('region', { name: 'Điểm của các cơ quan' }).getByText(HCMC).waitFor();
    const payment = page
      .getByTestId('evaluation-indicator')
      .filter({ hasText: 'Tỷ lệ hồ sơ thanh toán trực tuyến' });
    // the feedback formulas are the published ones; this one is set here
    expect(await page.getByText('Công thức đã công bố', { exact: true }).count()).toBe(2);
    await payment.getByText('Công thức đặt tại hệ thống').waitFor();
    await payment.getByLabel('Điểm tối đa').fill('9');
    await payment.getByRole('button', { name: 'Lưu điểm' }).click();
    await payment.getByRole('alert').filter({ hasText: 'Vượt 3 điểm' }).waitFor();
    await payment.getByLabel('Điểm tối đa').fill('4,5');
    await payment.getByRole('button', { name: 'Lưu điểm' }).click();
    await payment.getByText('(4,5 điểm)').waitFor();
    await screenshot(page, '34-evaluation-index');
  });

  it('opens a province: its units and fields, and twelve months of dossiers', async () => {
    const page = await journey.newPage();
    await page.goto(`${journey.url()}/thong-ke`);
    await page.getByRole('link', { name: HCMC }).click();
    await page.getByRole('heading', { name: HCMC }).waitFor();
    await page.getByTestId('stats-trend-chart').locator('svg').waitFor();
    await page.getByRole('link', { name: 'Ủy ban nhân dân Phường Sài Gòn' }).click();
    await page.getByRole('heading', { name: 'Ủy ban nhân dân Phường Sài Gòn' }).waitFor();
    await page.getByText('Hộ tịch').first().waitFor();
    await screenshot(page, '31-statistics-ward');
  });

  it('draws both charts on a phone without a label overlapping another or leaving the screen', async () => {
    const page = await journey.newPage({ width: 360, height: 740 });
    await page.goto(`${journey.url()}/thong-ke`);
    const ranking = page.getByTestId('stats-ranking-chart');
    await ranking.getByText(HCMC).waitFor();
    const names = await ranking
      .locator('.bar-list-name')
      .evaluateAll((spans) => spans.map((s) => s.getBoundingClientRect().right));
    expect(names.length).toBeGreaterThanOrEqual(30);
    expect(Math.max(...names)).toBeLessThanOrEqual(360);

    await page.getByRole('link', { name: HCMC }).click();
    const ticks = page.getByTestId('stats-trend-chart').locator('text');
    await ticks.first().waitFor();
    const boxes = await ticks.evaluateAll((texts) =>
      texts.map((t) => {
        const r = t.getBoundingClientRect();
        return { left: r.left, right: r.right, top: r.top, bottom: r.bottom, text: t.textContent };
      }),
    );
    // The months, written 12/2025, and the values on the left: no two of them share any pixel.
    expect(boxes.some((b) => /^\d{2}\/\d{4}$/.test(b.text))).toBe(true);
    for (const [i, a] of boxes.entries())
      for (const b of boxes.slice(i + 1)) {
        const overlap =
          a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
        expect(overlap, `${a.text} overlaps ${b.text}`).toBe(false);
      }
    expect(Math.max(...boxes.map((b) => b.right))).toBeLessThanOrEqual(360);
    await screenshot(page, '32-statistics-phone');
  });

  it('the national office traces a figure from province to field to procedure to the dossiers behind it', async () => {
    const page = await journey.newPage();
    await signInAs(page, journey.url(), 'Trịnh Quốc Việt');
    await page.goto(`${journey.url()}/thong-ke`);
    await page.getByRole('link', { name: HCMC }).click();
    await page.getByRole('heading', { name: HCMC }).waitFor();
    await page.getByTestId('stats-behind').waitFor();
    const province = (await (
      await page.request.get(`${journey.url()}/api/v1/stats/agencies/000.00.00.H29?period=live`)
    ).json()) as {
      fields: { field: string; indicators: { dossiers: { received: number } } }[];
    };
    const field = province.fields.find((f) => f.indicators.dossiers.received > 0);
    if (!field) throw new Error('the demo history gives the province a field with dossiers');
    await page.getByRole('link', { name: field.field, exact: true }).click();
    await page.getByTestId('stats-field').filter({ hasText: field.field }).waitFor();
    // The field's received figure opens the list of exactly that many dossiers.
    const received = page.getByTestId('behind-received');
    await received.filter({ hasText: String(field.indicators.dossiers.received) }).waitFor();
    await received.click();
    const total = (count: number) =>
      page.getByTestId('behind-total').filter({ hasText: `Có ${vi(count)} hồ sơ` });
    await total(field.indicators.dossiers.received).waitFor();
    expect(await page.getByRole('row').count()).toBeGreaterThan(1);

    // Back on the field: each procedure's received count opens that procedure's dossiers.
    await page.goBack();
    const byField = (await (
      await page.request.get(
        `${journey.url()}/api/v1/stats/agencies/000.00.00.H29?period=live&field=${encodeURIComponent(field.field)}`,
      )
    ).json()) as {
      procedures: { code: string; indicators: { dossiers: { received: number } } }[];
    };
    const procedure = byField.procedures.find((p) => p.indicators.dossiers.received > 0);
    if (!procedure) throw new Error('a procedure of the field has dossiers');
    await page
      .getByRole('row', { name: new RegExp(`^${procedure.code.replaceAll('.', '\\.')} · `) })
      .getByRole('link', { name: String(procedure.indicators.dossiers.received) })
      .click();
    await total(procedure.indicators.dossiers.received).waitFor();
    expect(await page.getByRole('cell', { name: new RegExp(`^${procedure.code}`) }).count()).toBe(
      Math.min(procedure.indicators.dossiers.received, 50),
    );
    await screenshot(page, '32-statistics-dossiers-behind');
  });

  it('the ward’s administrator reads last month’s report, downloads it, sends it once and opens the ward’s own figures', async () => {
    const page = await journey.newPage();
    await signInAs(page, journey.url(), 'Bùi Thị Lan');
    await page.goto(`${journey.url()}/can-bo`);
    await page.getByRole('link', { name: 'Báo cáo tháng' }).click();
    await page.getByTestId('report-status').filter({ hasText: 'Bản nháp, chưa gửi' }).waitFor();
    await page
      .getByRole('cell', { name: /^Tổng cộng \(Ủy ban nhân dân Phường Sài Gòn\)/ })
      .waitFor();
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Tải báo cáo (XLSX)' }).click();
    expect((await download).suggestedFilename()).toMatch(
      /^bao-cao-thang-\d{4}-\d{2}-000\.00\.31\.H29\.xlsx$/,
    );
    await page.getByRole('button', { name: 'Gửi báo cáo' }).click();
    const confirm = await settled(
      page.locator('.ant-popover').filter({ has: page.getByRole('button', { name: 'Xác nhận' }) }),
    );
    await confirm.getByRole('button', { name: 'Xác nhận' }).click();
    await page
      .getByTestId('report-status')
      .filter({ hasText: /^Đã gửi/ })
      .waitFor();
    expect(await page.getByRole('button', { name: 'Gửi báo cáo' }).count()).toBe(0);
    await screenshot(page, 'monthly-report');

    // The agency's own dashboard, with the dossiers behind its figures.
    await page.goto(`${journey.url()}/can-bo`);
    await page.getByRole('link', { name: 'Số liệu của cơ quan' }).click();
    await page.getByRole('heading', { name: 'Ủy ban nhân dân Phường Sài Gòn' }).waitFor();
    await page.getByTestId('stats-behind').waitFor();
  });
});
