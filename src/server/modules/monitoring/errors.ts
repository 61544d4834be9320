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
  forbidden: defineError({
    code: 'STATS_DOSSIERS_FORBIDDEN',
    status: 403,
    refusal: true,
    title:
      'Chỉ lãnh đạo, quản trị viên của cơ quan và cơ quan giám sát cấp quốc gia được xem hồ sơ đằng sau số liệu này',
  }),
};
