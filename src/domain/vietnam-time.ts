/**
 * Calendar dates in Vietnam. Vietnam has kept UTC+7 without daylight saving since 1975, so the
 * conversion is a fixed offset, and dates are formatted by that arithmetic too: the register of a
 * million dossiers formats five million of them, and Intl's formatter took most of that time. The
 * unit test checks the output against Intl's `vi-VN` format.
 */
export const VIETNAM_TIME_ZONE = 'Asia/Ho_Chi_Minh';
const OFFSET_MS = 7 * 60 * 60 * 1000;

/** The calendar date in Vietnam of an instant, as `yyyy-MM-dd`. */
export function vietnamDate(instant: Date): string {
  return new Date(instant.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

const twoDigits = (value: number) => (value < 10 ? `0${String(value)}` : String(value));

/** The instant shifted to Vietnam's wall clock, read with the UTC getters. */
function wallClock(instant: Date | string): Date {
  const local = new Date(new Date(instant).getTime() + OFFSET_MS);
  if (Number.isNaN(local.getTime())) throw new RangeError(`Invalid time value: ${String(instant)}`);
  return local;
}

/** `dd/MM/yyyy` in Vietnam time. */
export function formatDate(instant: Date | string): string {
  const local = wallClock(instant);
  return `${twoDigits(local.getUTCDate())}/${twoDigits(local.getUTCMonth() + 1)}/${String(local.getUTCFullYear())}`;
}

/** `HH:mm dd/MM/yyyy` in Vietnam time. */
export function formatDateTime(instant: Date | string): string {
  const local = wallClock(instant);
  return `${twoDigits(local.getUTCHours())}:${twoDigits(local.getUTCMinutes())} ${twoDigits(local.getUTCDate())}/${twoDigits(local.getUTCMonth() + 1)}/${String(local.getUTCFullYear())}`;
}

const vnd = new Intl.NumberFormat('vi-VN', { style: 'currency', currency: 'VND' });

export function formatMoney(amountVnd: number): string {
  return vnd.format(amountVnd);
}
