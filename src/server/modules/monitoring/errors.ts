import { defineError } from '../../platform/errors.ts';

export const monitoringErrors = {
  badPeriod: defineError({
    code: 'STATS_PERIOD_INVALID',
    status: 400,
    title: 'Kỳ báo cáo không hợp lệ (ví dụ: 2026-11, 2026-Q4, 2026 hoặc live)',
  }),
  agencyNotFound: defineError({
    code: 'AGENCY_NOT_FOUND',
    status: 404,
    title: 'Không tìm thấy cơ quan với mã này',
  }),
};
