import { defineError } from '../../platform/errors.ts';

export const reportErrors = {
  forbidden: defineError({
    code: 'REPORT_FORBIDDEN',
    status: 403,
    refusal: true,
    title: 'Tài khoản không có quyền lập, gửi hoặc xem báo cáo của cơ quan này',
  }),
  agencyNotFound: defineError({
    code: 'AGENCY_NOT_FOUND',
    status: 404,
    title: 'Không tìm thấy cơ quan với mã này',
  }),
  monthNotOver: defineError({
    code: 'REPORT_MONTH_NOT_OVER',
    status: 409,
    title: 'Chỉ gửi được báo cáo của tháng đã kết thúc',
  }),
  alreadySubmitted: defineError({
    code: 'REPORT_ALREADY_SUBMITTED',
    status: 409,
    title: 'Báo cáo tháng này đã được gửi; báo cáo đã gửi không sửa được',
  }),
};
