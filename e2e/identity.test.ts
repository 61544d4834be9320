/// <reference lib="dom" />
import { Secret, TOTP } from 'otpauth';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_OFFICER_PASSWORD } from '../src/server/db/seed/demo-data.ts';
import { choose, journeyHarness, screenshot, settled, signInAs } from './browser.ts';

const journey = journeyHarness();
const officerCard = (page: Page) => page.getByRole('region', { name: 'Cán bộ, công chức' });

describe('signing in: citizens through the identity provider, officers with a second factor', () => {
  it('a citizen signs in through the identity provider, finds the form filled from the claims, and signs out', async () => {
    const page = await journey.newPage();
    await page.goto(`${journey.url()}/dang-nhap`);
    await page.getByRole('link', { name: 'Đăng nhập bằng tài khoản định danh điện tử' }).click();

    // the provider's own page, on its own path
    await page.waitForURL(/\/idp\/interaction\//);
    await page.getByText('Tài khoản định danh điện tử').first().waitFor();
    await screenshot(page, '20-identity-provider');
    await page.getByRole('button', { name: /^Nguyễn Văn An/ }).click();
    await page.getByTestId('current-user').filter({ hasText: 'Nguyễn Văn An' }).waitFor();

    await page.goto(`${journey.url()}/?q=khai+sinh&co-quan=000.00.31.H29`);
    await page.getByRole('link', { name: 'Đăng ký khai sinh' }).click();
    expect(await page.locator('#root_hoTenNguoiYeuCau').inputValue()).toBe('Nguyễn Văn An');
    expect(await page.locator('#root_soCccdNguoiYeuCau').inputValue()).toBe('079090001234');

    await page.getByTestId('current-user').click();
    await page.getByRole('link', { name: 'Tài khoản' }).click();
    await page.getByText('Số định danh cá nhân').waitFor();
    await page.getByText('Định danh điện tử ·').first().waitFor();

    await page.getByTestId('current-user').click();
    await page.getByRole('button', { name: 'Đăng xuất', exact: true }).click();
    await page.waitForURL(/\/idp\/session\/end/);
    await page.getByText('Bạn muốn đăng xuất khỏi tài khoản định danh điện tử').waitFor();
    await page.getByRole('button', { name: 'Đăng xuất', exact: true }).click();
    await page.waitForURL(`${journey.url()}/`);
    await page.getByRole('link', { name: 'Đăng nhập' }).waitFor();
    expect(await page.getByTestId('current-user').count()).toBe(0);
  });

  it('an administrator signs in with password and enrols TOTP; the next sign-in asks for a code', async () => {
    const page = await journey.newPage();
    const signInWithPassword = async () => {
      await page.goto(`${journey.url()}/dang-nhap`);
      await page.getByLabel('Tên đăng nhập').fill('lan.bt');
      await page.getByLabel('Mật khẩu', { exact: true }).fill(DEMO_OFFICER_PASSWORD);
      await officerCard(page).getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    };

    await signInWithPassword();
    const secret = (await page.getByTestId('totp-secret').textContent()) ?? '';
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await screenshot(page, '21-totp-enrolment');
    const totp = new TOTP({ secret: Secret.fromBase32(secret) });
    await page.getByLabel('Mã xác thực').fill(totp.generate());
    await page.getByRole('button', { name: 'Xác nhận' }).click();
    await page.getByTestId('current-user').filter({ hasText: 'Bùi Thị Lan' }).waitFor();

    // sign out, then in again: the code of the next period (the same code never works twice)
    await page.getByTestId('current-user').click();
    await page.getByRole('button', { name: 'Đăng xuất', exact: true }).click();
    // Signing out loads the portal afresh: nothing of the session stays in the tab.
    await page.waitForURL(`${journey.url()}/`);
    await page.getByRole('link', { name: 'Đăng nhập' }).waitFor();
    expect(await page.getByTestId('current-user').count()).toBe(0);
    await signInWithPassword();
    await page.getByText('Nhập mã 6 chữ số trên ứng dụng xác thực của bạn.').waitFor();
    await page.getByLabel('Mã xác thực').fill(totp.generate({ timestamp: Date.now() + 30_000 }));
    await page.getByRole('button', { name: 'Xác nhận' }).click();
    await page.getByTestId('current-user').filter({ hasText: 'Bùi Thị Lan' }).waitFor();
  });

  it('an administrator creates an officer, who replaces the temporary password at first sign-in', async () => {
    const admin = await journey.newPage();
    await signInAs(admin, journey.url(), 'Bùi Thị Lan');
    await admin.goto(`${journey.url()}/quan-tri`);
    await admin.getByRole('tab', { name: 'Cán bộ và phân quyền' }).click();
    await admin.getByRole('button', { name: 'Thêm cán bộ' }).click();
    const dialog = await settled(admin.getByRole('dialog'));
    await dialog.getByLabel('Họ và tên').fill('Nguyễn Văn Tuấn');
    await dialog.getByLabel('Tên đăng nhập').fill('tuan.nv');
    await choose(admin, '#agencyId', 'Ủy ban nhân dân Phường Sài Gòn');
    await choose(admin, '#role', 'Cán bộ một cửa');
    await dialog.getByRole('button', { name: 'Tạo tài khoản' }).click();
    const temporary = (await admin.getByTestId('temporary-password').textContent()) ?? '';
    expect(temporary).toMatch(/^[A-Za-z2-9]{4}(-[A-Za-z2-9]{4}){3}$/);
    await screenshot(admin, '22-officer-created');
    await admin.getByRole('button', { name: 'Đã ghi nhận' }).click();
    await admin.getByRole('tab', { name: 'Nhật ký hệ thống' }).click();
    await admin.getByRole('cell', { name: 'Tạo tài khoản cán bộ' }).first().waitFor();

    const officer = await journey.newPage();
    await officer.goto(`${journey.url()}/dang-nhap`);
    await officer.getByLabel('Tên đăng nhập').fill('tuan.nv');
    await officer.getByLabel('Mật khẩu', { exact: true }).fill(temporary);
    await officerCard(officer).getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await officer.getByLabel('Mật khẩu mới', { exact: true }).fill('ngắn');
    await officer.getByLabel('Nhập lại mật khẩu mới').fill('ngắn');
    await officer.getByRole('button', { name: 'Lưu mật khẩu và tiếp tục' }).click();
    await officer.getByText(/Mật khẩu phải có ít nhất 12 ký tự/).waitFor();
    await officer.getByLabel('Mật khẩu mới', { exact: true }).fill('bến Nhà Rồng chiều mưa');
    await officer.getByLabel('Nhập lại mật khẩu mới').fill('bến Nhà Rồng chiều mưa');
    await officer.getByRole('button', { name: 'Lưu mật khẩu và tiếp tục' }).click();
    await officer.getByTestId('current-user').filter({ hasText: 'Nguyễn Văn Tuấn' }).waitFor();
  });

  it('tells an officer, in Vietnamese, that the password is wrong', async () => {
    const page = await journey.newPage();
    await page.goto(`${journey.url()}/dang-nhap`);
    await page.getByLabel('Tên đăng nhập').fill('chau.lm');
    await page.getByLabel('Mật khẩu', { exact: true }).fill('not the right password');
    await officerCard(page).getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await page.getByText('Tên đăng nhập hoặc mật khẩu không đúng').waitFor();
  });
});
