import { defineError } from '../../platform/errors.ts';

export const processingErrors = {
  formNotAvailable: defineError({
    code: 'FORM_NOT_AVAILABLE',
    status: 404,
    title: 'Hồ sơ chưa có phiếu này',
  }),
  registerPeriodInvalid: defineError({
    code: 'REGISTER_PERIOD_INVALID',
    status: 400,
    title: 'Ngày bắt đầu phải trước hoặc trùng ngày kết thúc của kỳ xuất sổ',
  }),
  registerNotPermitted: defineError({
    code: 'REGISTER_NOT_PERMITTED',
    status: 403,
    refusal: true,
    title: 'Bạn không có quyền xem hồ sơ của cơ quan nào để xuất sổ theo dõi',
  }),
};
