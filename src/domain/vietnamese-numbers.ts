/**
 * Numbers as Vietnamese write them (TCVN and everyday use): a dot between thousands, a comma
 * before decimals: 50.000.000 đồng, 17,99%.
 */

const grouping = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 20, useGrouping: true });

/** `50000000` → `50.000.000`; `17.99` → `17,99`. */
export function groupDigits(value: number | string): string {
  const number = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(number) ? grouping.format(number) : String(value);
}

const GROUPED_BY_DOTS = /^-?\d{1,3}(\.\d{3})+(,\d+)?$/;
const GROUPED_BY_COMMAS = /^-?\d{1,3}(,\d{3}){2,}(\.\d+)?$/;

/**
 * What a person typed as a number, or null when it is not one: `50.000.000`, `50000000`,
 * `1.234,5`, `17,99`; also the English `50,000,000` and `1234.5` when nothing else fits.
 * Spaces and a trailing currency sign (đ, ₫, đồng, VND) are ignored.
 */
export function parseVietnameseNumber(text: string): number | null {
  const compact = text
    .replace(/\s+/g, '')
    .replace(/(đồng|đ|₫|vnd)$/i, '')
    .trim();
  if (compact === '') return null;
  let canonical: string;
  if (GROUPED_BY_DOTS.test(compact)) canonical = compact.replace(/\./g, '').replace(',', '.');
  else if (GROUPED_BY_COMMAS.test(compact)) canonical = compact.replace(/,/g, '');
  else if (/^-?\d+(,\d+)?$/.test(compact)) canonical = compact.replace(',', '.');
  else if (/^-?\d+(\.\d+)?$/.test(compact)) canonical = compact;
  else return null;
  const number = Number(canonical);
  return Number.isFinite(number) ? number : null;
}
