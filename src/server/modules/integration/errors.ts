import { allowedEverywhere } from '../../../domain/access.ts';
import type { Actor } from '../../platform/actor.ts';
import { defineError } from '../../platform/errors.ts';

export const integrationErrors = {
  unknownKey: defineError({
    code: 'FEDERATION_UNKNOWN_KEY',
    status: 403,
    refusal: true,
    title: 'Thông điệp được ký bằng khóa chưa đăng ký với Cổng Dịch vụ công quốc gia',
  }),
  foreignAgency: defineError({
    code: 'FEDERATION_FOREIGN_AGENCY',
    status: 403,
    refusal: true,
    title: 'Hệ thống gửi không được đăng ký cho mã cơ quan trong thông điệp',
  }),
  badSignature: defineError({
    code: 'FEDERATION_BAD_SIGNATURE',
    status: 403,
    refusal: true,
    title: 'Chữ ký của thông điệp không hợp lệ',
  }),
  malformed: defineError({
    code: 'FEDERATION_MESSAGE_INVALID',
    status: 400,
    title: 'Thông điệp đồng bộ không đúng định dạng',
  }),
  outOfOrder: defineError({
    code: 'FEDERATION_SEQUENCE_GAP',
    status: 409,
    title:
      'Thông điệp không liền mạch với thông điệp đã nhận trước đó; vui lòng gửi lại từ số thứ tự được yêu cầu',
  }),
  dossierNotFound: defineError({
    code: 'DOSSIER_NOT_FOUND',
    status: 404,
    title: 'Không tìm thấy hồ sơ',
  }),
  keyTaken: defineError({
    code: 'FEDERATION_KEY_TAKEN',
    status: 409,
    title: 'Khóa này đã được đăng ký cho một hệ thống thành viên khác',
  }),
  badPeriod: defineError({
    code: 'STATS_PERIOD_INVALID',
    status: 400,
    title: 'Kỳ thống kê không hợp lệ (ví dụ: 2026-11, 2026-Q4, 2026 hoặc live)',
  }),
  memberNotFound: defineError({
    code: 'FEDERATION_MEMBER_NOT_FOUND',
    status: 404,
    title: 'Không tìm thấy hệ thống thành viên',
  }),
  unknownDestination: defineError({
    code: 'FEDERATION_UNKNOWN_DESTINATION',
    status: 404,
    title: 'Không có điểm nhận đồng bộ này',
  }),
  clientTaken: defineError({
    code: 'FEDERATION_CLIENT_TAKEN',
    status: 409,
    title: 'Mã ứng dụng đăng nhập này là của chính Cổng; hệ thống thành viên cần một mã riêng',
  }),
  noCitizenId: defineError({
    code: 'SUBMISSION_WITHOUT_CITIZEN_ID',
    status: 422,
    title:
      'Tài khoản chưa có số định danh cá nhân (CCCD), cần để cơ quan giải quyết tiếp nhận hồ sơ. Vui lòng đăng nhập bằng tài khoản định danh điện tử',
  }),
  submissionNotFound: defineError({
    code: 'SUBMISSION_NOT_FOUND',
    status: 404,
    title: 'Không tìm thấy hồ sơ đã nộp',
  }),
  resultUnavailable: defineError({
    code: 'RESULT_UNAVAILABLE',
    status: 502,
    title: 'Chưa lấy được kết quả từ hệ thống của cơ quan giải quyết. Vui lòng thử lại sau ít phút',
  }),
  resultNotReady: defineError({
    code: 'RESULT_NOT_FOUND',
    status: 404,
    title: 'Hồ sơ chưa có kết quả điện tử',
  }),
  notPortal: defineError({
    code: 'FEDERATION_NOT_PORTAL',
    status: 403,
    title: 'Yêu cầu không được Cổng Dịch vụ công quốc gia ký hợp lệ',
  }),
  memberForbidden: defineError({
    code: 'FEDERATION_MEMBERS_FORBIDDEN',
    status: 403,
    refusal: true,
    title: 'Chỉ quản trị hệ thống được quản lý việc đồng bộ với Cổng Dịch vụ công quốc gia',
  }),
};

export const webhookErrors = {
  forbidden: defineError({
    code: 'WEBHOOK_FORBIDDEN',
    status: 403,
    refusal: true,
    title: 'Chỉ quản trị của cơ quan được quản lý webhook của cơ quan',
  }),
  notFound: defineError({
    code: 'WEBHOOK_NOT_FOUND',
    status: 404,
    title: 'Không tìm thấy đăng ký webhook',
  }),
  badUrl: defineError({
    code: 'WEBHOOK_URL_INVALID',
    status: 400,
    title: 'Địa chỉ nhận webhook không hợp lệ',
  }),
  agencyWithoutCode: defineError({
    code: 'WEBHOOK_AGENCY_WITHOUT_CODE',
    status: 409,
    title: 'Cơ quan chưa có mã định danh nên chưa thể đăng ký webhook',
  }),
  badReplay: defineError({
    code: 'WEBHOOK_REPLAY_INVALID',
    status: 400,
    title: 'Không thể gửi lại từ số thứ tự này',
  }),
};

/** The member registry and the synchronisation's state are the system administrator's. */
export function requireFederationAdmin(actor: Actor) {
  if (!allowedEverywhere(actor.roles, 'federation.members'))
    throw integrationErrors.memberForbidden();
}
