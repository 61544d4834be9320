import { defineError } from '../../platform/errors.ts';

export const dossierErrors = {
  notFound: defineError({ code: 'DOSSIER_NOT_FOUND', status: 404, title: 'Không tìm thấy hồ sơ' }),
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
};
