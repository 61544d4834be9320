import { defineError } from '../../platform/errors.ts';

export const calendarErrors = {
  systemAdminOnly: defineError({
    code: 'CALENDAR_SYSTEM_ADMIN_ONLY',
    status: 403,
    refusal: true,
    title: 'Chỉ quản trị hệ thống được điều chỉnh lịch ngày làm việc',
  }),
  overrideNotFound: defineError({
    code: 'CALENDAR_OVERRIDE_NOT_FOUND',
    status: 404,
    title: 'Không có điều chỉnh lịch cho ngày này',
  }),
  overrideNoEffect: defineError({
    code: 'CALENDAR_OVERRIDE_NO_EFFECT',
    status: 400,
    title:
      'Điều chỉnh không thay đổi lịch: ngày này đã là ngày nghỉ hoặc ngày làm việc như đề nghị',
  }),
};
