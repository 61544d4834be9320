import { defineError } from '../../platform/errors.ts';

export const catalogErrors = {
  reorganisationForbidden: defineError({
    code: 'AGENCY_REORGANISATION_FORBIDDEN',
    status: 403,
    refusal: true,
    title: 'Chỉ quản trị hệ thống được sắp xếp, sáp nhập cơ quan',
  }),
  agencyNotFound: defineError({
    code: 'AGENCY_NOT_FOUND',
    status: 404,
    title: 'Không tìm thấy cơ quan',
  }),
  mergerInvalid: defineError({
    code: 'AGENCY_MERGER_INVALID',
    status: 422,
    title: 'Không thể sáp nhập các cơ quan này',
  }),
  serviceNotFound: defineError({
    code: 'SERVICE_NOT_FOUND',
    status: 404,
    title: 'Không tìm thấy dịch vụ công hoặc dịch vụ đã ngừng tiếp nhận hồ sơ trực tuyến',
  }),
  managedServiceNotFound: defineError({
    code: 'MANAGED_SERVICE_NOT_FOUND',
    status: 404,
    title: 'Không tìm thấy dịch vụ công trong các cơ quan bạn quản trị',
  }),
  noDraft: defineError({
    code: 'NO_DRAFT_VERSION',
    status: 409,
    title: 'Dịch vụ chưa có phiên bản nháp để công bố',
  }),
  formSchemaInvalid: defineError({
    code: 'FORM_SCHEMA_INVALID',
    status: 400,
    title: 'Biểu mẫu chưa hợp lệ, chưa thể công bố',
  }),
  managedAgencyNotFound: defineError({
    code: 'MANAGED_AGENCY_NOT_FOUND',
    status: 404,
    title: 'Không tìm thấy cơ quan trong các cơ quan bạn quản trị',
  }),
  agencyNotManaged: defineError({
    code: 'AGENCY_NOT_MANAGED',
    status: 403,
    refusal: true,
    title: 'Bạn không có quyền quản trị dịch vụ công của cơ quan này',
  }),
  importUnreadable: defineError({
    code: 'CATALOG_IMPORT_UNREADABLE',
    status: 400,
    title: 'Không đọc được tệp nhập',
  }),
  importInvalid: defineError({
    code: 'CATALOG_IMPORT_INVALID',
    status: 400,
    title: 'Tệp nhập có dòng không hợp lệ; không dữ liệu nào được nhập',
  }),
  agencyCodeMissing: defineError({
    code: 'AGENCY_CODE_MISSING',
    status: 409,
    title: 'Cơ quan chưa có mã định danh theo QCVN 102:2016 nên chưa thể công bố dịch vụ công',
  }),
  procedureNotFound: defineError({
    code: 'PROCEDURE_NOT_FOUND',
    status: 404,
    title: 'Không tìm thấy thủ tục hành chính',
  }),
  serviceExists: defineError({
    code: 'SERVICE_EXISTS',
    status: 409,
    title: 'Cơ quan đã cung cấp dịch vụ công cho thủ tục này',
  }),
  templateTypeRefused: defineError({
    code: 'TEMPLATE_TYPE_NOT_ALLOWED',
    status: 415,
    title: 'Tệp mẫu phải là PDF, Word (DOC, DOCX), Excel (XLS, XLSX) hoặc ODT',
  }),
  templateNotFound: defineError({
    code: 'TEMPLATE_NOT_FOUND',
    status: 404,
    title: 'Không tìm thấy tệp mẫu',
  }),
  templateMissing: defineError({
    code: 'TEMPLATE_FILE_MISSING',
    status: 400,
    title: 'Vui lòng chọn tệp mẫu để tải lên',
  }),
  draftInvalid: defineError({
    code: 'DRAFT_INVALID',
    status: 400,
    title: 'Bản nháp chưa hợp lệ, vui lòng sửa các lỗi được liệt kê',
  }),
};
