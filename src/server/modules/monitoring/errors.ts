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
  evaluationForbidden: defineError({
    code: 'EVALUATION_FORBIDDEN',
    status: 403,
    refusal: true,
    title: 'Chỉ cơ quan giám sát cấp quốc gia được đặt chỉ tiêu và điểm của Bộ chỉ số',
  }),
  indicatorNotFound: defineError({
    code: 'EVALUATION_INDICATOR_NOT_FOUND',
    status: 404,
    title: 'Không tìm thấy chỉ tiêu này trong Bộ chỉ số',
  }),
  pointsOverGroup: defineError({
    code: 'EVALUATION_POINTS_OVER_GROUP',
    status: 422,
    title: 'Tổng điểm các chỉ tiêu vượt quá điểm của nhóm',
  }),
};
