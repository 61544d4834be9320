/**
 * Calendar dates in Vietnam. Vietnam has kept UTC+7 without daylight saving since 1975, so the
 * conversion is a fixed offset; formatting goes through Intl so it reads as officials expect.
 */
export const VIETNAM_TIME_ZONE = 'Asia/Ho_Chi_Minh';
const OFFSET_MS = 7 * 60 * 60 * 1000;

/** The calendar date in Vietnam of an instant, as `yyyy-MM-dd`. */
export function vietnamDate(instant: Date): string {
  return new Date(instant.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

const dateFormat = new Intl.DateTimeFormat('vi-VN', {
  timeZone: VIETNAM_TIME_ZONE,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
});
const timeFormat = new Intl.DateTimeFormat('vi-VN', {
  timeZone: VIETNAM_TIME_ZONE,
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** `dd/MM/yyyy` in Vietnam time. */
export function formatDate(instant: Date | string): string {
  return dateFormat.format(new Date(instant));
}

/** `HH:mm dd/MM/yyyy` in Vietnam time. */
export function formatDateTime(instant: Date | string): string {
  const date = new Date(instant);
  return `${timeFormat.format(date)} ${dateFormat.format(date)}`;
}

const vnd = new Intl.NumberFormat('vi-VN', { style: 'currency', currency: 'VND' });

export function formatMoney(amountVnd: number): string {
  return vnd.format(amountVnd);
}
