import { defineError } from '../../platform/errors.ts';

export const feedbackErrors = {
  notFound: defineError({
    code: 'FEEDBACK_NOT_FOUND',
    status: 404,
    title: 'Không tìm thấy phản ánh, kiến nghị',
  }),
  categoryNotFound: defineError({
    code: 'FEEDBACK_CATEGORY_NOT_FOUND',
    status: 400,
    title: 'Lĩnh vực phản ánh, kiến nghị không có trong danh mục',
  }),
  dossierNotFound: defineError({
    code: 'FEEDBACK_DOSSIER_NOT_FOUND',
    status: 400,
    title: 'Không tìm thấy hồ sơ của bạn với mã này',
  }),
  contactRequired: defineError({
    code: 'FEEDBACK_CONTACT_REQUIRED',
    status: 400,
    title: 'Vui lòng cho biết số điện thoại di động hoặc thư điện tử để nhận câu trả lời',
  }),
  place: defineError({
    code: 'FEEDBACK_PLACE_UNKNOWN',
    status: 400,
    title: 'Địa điểm phản ánh không đúng danh mục đơn vị hành chính',
  }),
  duplicate: defineError({
    code: 'FEEDBACK_DUPLICATE',
    status: 409,
    title: 'Bạn đã gửi phản ánh, kiến nghị có nội dung này trong 24 giờ qua',
  }),
  tooMany: defineError({
    code: 'FEEDBACK_TOO_MANY',
    status: 429,
    title: 'Bạn đã gửi quá nhiều phản ánh, kiến nghị trong ngày, vui lòng thử lại vào ngày mai',
  }),
  wrongState: defineError({
    code: 'FEEDBACK_WRONG_STATE',
    status: 409,
    title: 'Phản ánh, kiến nghị không ở bước cho phép thao tác này',
  }),
  alreadyExtended: defineError({
    code: 'FEEDBACK_ALREADY_EXTENDED',
    status: 409,
    title: 'Thời hạn trả lời chỉ được gia hạn một lần',
  }),
  agencyNotFound: defineError({
    code: 'FEEDBACK_AGENCY_NOT_FOUND',
    status: 400,
    title: 'Không tìm thấy cơ quan có thẩm quyền được chọn',
  }),
  officerNotFound: defineError({
    code: 'FEEDBACK_OFFICER_NOT_FOUND',
    status: 400,
    title: 'Cán bộ được chọn không xử lý phản ánh, kiến nghị tại cơ quan này',
  }),
  fileNotFound: defineError({
    code: 'FEEDBACK_FILE_NOT_FOUND',
    status: 400,
    title: 'Không tìm thấy tệp đính kèm đã tải lên (có thể đã hết hạn), vui lòng tải lại',
  }),
  fileType: defineError({
    code: 'FEEDBACK_FILE_TYPE',
    status: 415,
    title: 'Chỉ nhận tệp PDF, JPG hoặc PNG',
  }),
  notRatable: defineError({
    code: 'FEEDBACK_NOT_RATABLE',
    status: 409,
    title: 'Chỉ đánh giá được phản ánh, kiến nghị đã được trả lời, và một lần',
  }),
};
