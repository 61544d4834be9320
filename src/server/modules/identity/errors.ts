import { defineError } from '../../platform/errors.ts';

export const identityErrors = {
  demoDisabled: defineError({
    code: 'DEMO_SIGN_IN_DISABLED',
    status: 404,
    title: 'Đăng nhập trình diễn không được bật trên hệ thống này',
  }),
  accountNotFound: defineError({
    code: 'ACCOUNT_NOT_FOUND',
    status: 404,
    title: 'Không tìm thấy tài khoản',
  }),
  sessionNotFound: defineError({
    code: 'SESSION_NOT_FOUND',
    status: 404,
    title: 'Không tìm thấy phiên đăng nhập',
  }),
  invalidCredentials: defineError({
    code: 'INVALID_CREDENTIALS',
    status: 401,
    title: 'Tên đăng nhập hoặc mật khẩu không đúng',
  }),
  accountLocked: defineError({
    code: 'ACCOUNT_LOCKED',
    status: 423,
    title: 'Tài khoản tạm khóa do nhập sai mật khẩu nhiều lần',
  }),
  attemptExpired: defineError({
    code: 'SIGN_IN_ATTEMPT_EXPIRED',
    status: 401,
    title: 'Phiên đăng nhập đã hết hạn hoặc không hợp lệ, vui lòng đăng nhập lại',
  }),
  invalidTotp: defineError({
    code: 'INVALID_TOTP',
    status: 401,
    title: 'Mã xác thực không đúng hoặc đã được dùng, vui lòng nhập mã mới trên ứng dụng xác thực',
  }),
  weakPassword: defineError({
    code: 'PASSWORD_POLICY',
    status: 400,
    title: 'Mật khẩu mới chưa đạt yêu cầu',
  }),
  oidcLoginExpired: defineError({
    code: 'OIDC_LOGIN_EXPIRED',
    status: 400,
    title: 'Phiên đăng nhập qua định danh điện tử đã hết hạn, vui lòng đăng nhập lại',
  }),
  oidcFailed: defineError({
    code: 'OIDC_FAILED',
    status: 502,
    title: 'Không xác thực được với hệ thống định danh điện tử, vui lòng thử lại',
  }),
  profileCitizensOnly: defineError({
    code: 'PROFILE_CITIZENS_ONLY',
    status: 403,
    refusal: true,
    title:
      'Chỉ công dân, doanh nghiệp tự sửa thông tin liên hệ; tài khoản cán bộ do quản trị viên quản lý',
  }),
  agencyNotAdministered: defineError({
    code: 'AGENCY_NOT_ADMINISTERED',
    status: 403,
    refusal: true,
    title: 'Bạn không quản trị cơ quan này nên không thể phân quyền tại đây',
  }),
  roleNeedsSystemAdmin: defineError({
    code: 'ROLE_NEEDS_SYSTEM_ADMIN',
    status: 403,
    refusal: true,
    title: 'Chỉ quản trị hệ thống được giao vai trò giám sát quốc gia hoặc quản trị hệ thống',
  }),
  officerNotFound: defineError({
    code: 'OFFICER_NOT_FOUND',
    status: 404,
    title: 'Không tìm thấy cán bộ trong các cơ quan bạn quản trị',
  }),
  officerBeyondScope: defineError({
    code: 'OFFICER_BEYOND_SCOPE',
    status: 403,
    refusal: true,
    title:
      'Cán bộ này còn giữ vai trò ở cơ quan bạn không quản trị; vui lòng đề nghị quản trị cấp trên thực hiện',
  }),
  usernameTaken: defineError({
    code: 'USERNAME_TAKEN',
    status: 409,
    title: 'Tên đăng nhập đã được sử dụng',
  }),
  roleNotHeld: defineError({
    code: 'ROLE_NOT_HELD',
    status: 404,
    title: 'Cán bộ không giữ vai trò này tại cơ quan này',
  }),
  oidcOfficersDisabled: defineError({
    code: 'OIDC_OFFICERS_DISABLED',
    status: 403,
    title: 'Cán bộ đăng nhập bằng tên đăng nhập và mật khẩu trên hệ thống này',
  }),
  oidcNoOfficerAccount: defineError({
    code: 'OIDC_NO_OFFICER_ACCOUNT',
    status: 403,
    title: 'Không có tài khoản cán bộ nào gắn với số định danh này',
  }),
  oidcSecondFactorRequired: defineError({
    code: 'OIDC_SECOND_FACTOR_REQUIRED',
    status: 403,
    title:
      'Tài khoản lãnh đạo, quản trị cần xác thực hai lớp; vui lòng đăng nhập bằng mật khẩu và mã xác thực',
  }),
  officerCitizenIdTaken: defineError({
    code: 'OFFICER_CITIZEN_ID_TAKEN',
    status: 409,
    title: 'Số định danh này đã gắn với một tài khoản cán bộ khác',
  }),
  auditForbidden: defineError({
    code: 'AUDIT_FORBIDDEN',
    status: 403,
    refusal: true,
    title: 'Bạn không có quyền xem nhật ký hệ thống',
  }),
};
