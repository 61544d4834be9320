/**
 * Vietnamese mobile numbers: 10 digits starting 03, 05, 07, 08 or 09 (after the 2018 renumbering),
 * written with a leading 0 or +84.
 */
export function normalizeVietnamMobile(value: string): string | undefined {
  const compact = value.replace(/[\s.-]/g, '');
  const national = compact.startsWith('+84') ? `0${compact.slice(3)}` : compact;
  return /^0[35789]\d{8}$/.test(national) ? national : undefined;
}

export function isVietnamMobile(value: string): boolean {
  return normalizeVietnamMobile(value) !== undefined;
}
