import { defineError } from '../../platform/errors.ts';

export const processingErrors = {
  formNotAvailable: defineError({
    code: 'FORM_NOT_AVAILABLE',
    status: 404,
    title: 'Hồ sơ chưa có phiếu này',
  }),
};
