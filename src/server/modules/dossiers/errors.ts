import { defineError } from '../../platform/errors.ts';

export const dossierErrors = {
  notFound: defineError({ code: 'DOSSIER_NOT_FOUND', status: 404, title: 'Không tìm thấy hồ sơ' }),
  draftNotFound: defineError({
    code: 'DRAFT_NOT_FOUND',
    status: 404,
    title: 'Không có bản nháp nào của thủ tục này (hoặc bản nháp đã hết hạn lưu)',
  }),
  fileNotFound: defineError({
    code: 'FILE_NOT_FOUND',
    status: 404,
    title: 'Không tìm thấy tệp đính kèm',
  }),
  formInvalid: defineError({
    code: 'DOSSIER_FORM_INVALID',
    status: 400,
    title: 'Hồ sơ chưa hợp lệ',
  }),
  fileMissing: defineError({
    code: 'FILE_REQUIRED',
    status: 400,
    title: 'Vui lòng chọn tệp để tải lên',
  }),
  fileTypeRefused: defineError({
    code: 'FILE_TYPE_NOT_ALLOWED',
    status: 415,
    title: 'Định dạng tệp không được chấp nhận. Chỉ nhận tệp PDF, JPG hoặc PNG',
  }),
  wrongState: defineError({
    code: 'DOSSIER_WRONG_STATE',
    status: 409,
    title: 'Hồ sơ không ở trạng thái cho phép thao tác này',
  }),
  staleVersion: defineError({
    code: 'DOSSIER_CHANGED',
    status: 409,
    title: 'Hồ sơ vừa được cán bộ khác cập nhật. Vui lòng tải lại để xem trạng thái mới nhất',
  }),
  notServiceCenter: defineError({
    code: 'DOSSIER_NOT_SERVICE_CENTER',
    status: 422,
    title:
      'Nơi tiếp nhận, trả kết quả phải là Trung tâm Phục vụ hành chính công cùng tỉnh, thành phố với cơ quan giải quyết (hoặc của bất kỳ tỉnh, thành phố nào nếu thủ tục được giao địa phương tiếp nhận)',
  }),
  actionNotPermitted: defineError({
    code: 'DOSSIER_ACTION_NOT_PERMITTED',
    status: 403,
    refusal: true,
    title: 'Tài khoản không có quyền thực hiện thao tác này đối với hồ sơ',
  }),
  notAssignee: defineError({
    code: 'DOSSIER_HELD_BY_ANOTHER_OFFICER',
    status: 409,
    title: 'Hồ sơ đang do cán bộ khác xử lý ở bước này',
  }),
  supplementOnce: defineError({
    code: 'SUPPLEMENT_ALREADY_REQUESTED',
    status: 409,
    title: 'Hồ sơ đã được yêu cầu bổ sung một lần khi tiếp nhận; không được yêu cầu bổ sung thêm',
  }),
  actionInvalid: defineError({
    code: 'DOSSIER_ACTION_INVALID',
    status: 400,
    title: 'Thông tin thao tác chưa hợp lệ',
  }),
  transferTargetWithoutService: defineError({
    code: 'TRANSFER_TARGET_WITHOUT_SERVICE',
    status: 409,
    title: 'Cơ quan nhận liên thông chưa công bố thủ tục này nên không thể tiếp tục giải quyết',
  }),
};
