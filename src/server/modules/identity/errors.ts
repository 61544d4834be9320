import { defineError } from '../../platform/errors.ts';

export const identityErrors = {
  demoDisabled: defineError({
    code: 'DEMO_SIGN_IN_DISABLED',
    status: 404,
    title: 'Đăng nhập trình diễn không được bật trên hệ thống này',
  }),
  accountNotFound: defineError({
    code: 'ACCOUNT_NOT_FOUND',
    status: 404,
    title: 'Không tìm thấy tài khoản',
  }),
};
