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
    refusal: true,
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
  refundForbidden: defineError({
    code: 'PAYMENT_REFUND_FORBIDDEN',
    status: 403,
    refusal: true,
    title: 'Chỉ lãnh đạo hoặc quản trị viên của cơ quan thu phí được hoàn trả phí, lệ phí',
  }),
  alreadyRefunded: defineError({
    code: 'PAYMENT_ALREADY_REFUNDED',
    status: 409,
    title: 'Khoản phí, lệ phí này đã được hoàn trả',
  }),
  refundInProgress: defineError({
    code: 'PAYMENT_REFUND_IN_PROGRESS',
    status: 409,
    title: 'Yêu cầu hoàn trả khoản phí, lệ phí này đang được cổng thanh toán xử lý',
  }),
  notRefundable: defineError({
    code: 'PAYMENT_NOT_REFUNDABLE',
    status: 409,
    title: 'Chỉ hoàn trả giao dịch đã thanh toán thành công',
  }),
  refundNotAllowed: defineError({
    code: 'PAYMENT_REFUND_NOT_ALLOWED',
    status: 409,
    title: 'Chỉ hoàn trả phí, lệ phí của hồ sơ bị từ chối hoặc đã rút',
  }),
  refundRefused: defineError({
    code: 'PAYMENT_REFUND_REFUSED',
    status: 502,
    title: 'Cổng thanh toán không chấp nhận yêu cầu hoàn tiền; giao dịch chưa được hoàn trả',
  }),
};
