import { defineError } from '../../platform/errors.ts';

export const paymentErrors = {
  dossierNotFound: defineError({
    code: 'DOSSIER_NOT_FOUND',
    status: 404,
    title: 'Không tìm thấy hồ sơ',
  }),
  nothingToPay: defineError({
    code: 'NOTHING_TO_PAY',
    status: 409,
    title: 'Hồ sơ không có khoản phí, lệ phí nào phải nộp',
  }),
  alreadyPaid: defineError({
    code: 'ALREADY_PAID',
    status: 409,
    title: 'Phí, lệ phí của hồ sơ đã được thanh toán',
  }),
  notConfigured: defineError({
    code: 'ONLINE_PAYMENT_NOT_CONFIGURED',
    status: 409,
    title: 'Cơ quan chưa cấu hình thanh toán trực tuyến; vui lòng nộp phí tại bộ phận một cửa',
  }),
  invalidSignature: defineError({
    code: 'PAYMENT_SIGNATURE_INVALID',
    status: 400,
    title: 'Kết quả thanh toán không có chữ ký hợp lệ của cổng thanh toán',
  }),
  reportForbidden: defineError({
    code: 'PAYMENT_REPORT_FORBIDDEN',
    status: 403,
    title: 'Bạn không có quyền xem bảng đối soát của cơ quan này',
  }),
  amountMismatch: defineError({
    code: 'PAYMENT_AMOUNT_MISMATCH',
    status: 400,
    title: 'Số tiền thanh toán không khớp với khoản phí, lệ phí của hồ sơ',
  }),
  previousUnsettled: defineError({
    code: 'PREVIOUS_PAYMENT_UNSETTLED',
    status: 409,
    title:
      'Giao dịch thanh toán trước của hồ sơ đang chờ ngân hàng xác nhận; vui lòng thử lại sau ít phút',
  }),
  paymentNotFound: defineError({
    code: 'PAYMENT_NOT_FOUND',
    status: 404,
    title: 'Không tìm thấy giao dịch thanh toán',
  }),
};
