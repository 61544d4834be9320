import { defineError } from '../../platform/errors.ts';

export const processingErrors = {
  notReception: defineError({
    code: 'RECEPTION_ROLE_REQUIRED',
    status: 403,
    title: 'Chỉ cán bộ Bộ phận Một cửa của cơ quan mới được tiếp nhận hồ sơ',
  }),
};
