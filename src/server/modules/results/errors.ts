import { defineError } from '../../platform/errors.ts';

export const resultErrors = {
  dossierNotFound: defineError({
    code: 'DOSSIER_NOT_FOUND',
    status: 404,
    title: 'Không tìm thấy hồ sơ',
  }),
  notFound: defineError({
    code: 'RESULT_NOT_FOUND',
    status: 404,
    title: 'Hồ sơ chưa có kết quả giải quyết điện tử',
  }),
  notPrepared: defineError({
    code: 'RESULT_NOT_PREPARED',
    status: 409,
    title: 'Chưa có dự thảo kết quả giải quyết để ký số; vui lòng tạo từ mẫu hoặc tải lên tệp PDF',
  }),
  templateMissing: defineError({
    code: 'RESULT_TEMPLATE_MISSING',
    status: 409,
    title: 'Thủ tục chưa có mẫu kết quả; vui lòng tải lên tệp PDF kết quả',
  }),
  notOnline: defineError({
    code: 'RESULT_NOT_ONLINE',
    status: 409,
    title: 'Thủ tục này không trả kết quả điện tử; kết quả được trả tại bộ phận một cửa',
  }),
  notEditable: defineError({
    code: 'RESULT_NOT_EDITABLE',
    status: 409,
    title: 'Chỉ soạn kết quả khi hồ sơ đang được xử lý và chưa ký số',
  }),
  forbidden: defineError({
    code: 'RESULT_FORBIDDEN',
    status: 403,
    refusal: true,
    title: 'Chỉ cán bộ xử lý hồ sơ của cơ quan mới được soạn kết quả',
  }),
  notPdf: defineError({
    code: 'RESULT_NOT_PDF',
    status: 400,
    title: 'Tệp kết quả phải là PDF hợp lệ, không đặt mật khẩu',
  }),
  noCertificate: defineError({
    code: 'SIGNING_CERTIFICATE_MISSING',
    status: 409,
    title:
      'Cơ quan chưa được cấu hình chứng thư số để ký kết quả; vui lòng liên hệ quản trị hệ thống',
  }),
  certificateExpired: defineError({
    code: 'SIGNING_CERTIFICATE_EXPIRED',
    status: 409,
    title: 'Chứng thư số của cơ quan đã hết hạn hoặc chưa có hiệu lực',
  }),
  tooComplex: defineError({
    code: 'VERIFICATION_TOO_COMPLEX',
    status: 422,
    title:
      'Không thể kiểm tra tệp này: tệp có quá nhiều chữ ký hoặc cần quá nhiều thời gian để kiểm tra',
  }),
  unreadable: defineError({
    code: 'VERIFICATION_UNREADABLE',
    status: 422,
    title: 'Không đọc được tệp: tệp không phải PDF hợp lệ hoặc đã bị hỏng',
  }),
  notTimestampQuery: defineError({
    code: 'TIMESTAMP_QUERY_EXPECTED',
    status: 415,
    title: 'Yêu cầu cấp dấu thời gian phải là TimeStampReq dạng DER (application/timestamp-query)',
  }),
  timestampUnavailable: defineError({
    code: 'TIMESTAMP_UNAVAILABLE',
    status: 503,
    title:
      'Chưa lấy được dấu thời gian cho chữ ký số từ đơn vị cung cấp dịch vụ cấp dấu thời gian; kết quả chưa được ký, vui lòng thử lại sau ít phút',
  }),
  verificationNotFound: defineError({
    code: 'VERIFICATION_CODE_NOT_FOUND',
    status: 404,
    title: 'Không tìm thấy văn bản với mã tra cứu này',
  }),
};
