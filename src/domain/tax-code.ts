import { isCitizenId } from './citizen-id.ts';

const WEIGHTS = [31, 29, 23, 19, 17, 13, 7, 5, 3] as const;

/** The 10th digit of a tax code (MST) from its first nine (Circular 105/2020/TT-BTC numbering). */
export function taxCodeCheckDigit(firstNine: string): number | undefined {
  const sum = WEIGHTS.reduce(
    (total, weight, index) => total + weight * Number(firstNine[index]),
    0,
  );
  const digit = 10 - (sum % 11);
  // A remainder of 0 would need an 11th symbol: such numbers are never issued.
  return digit === 10 ? undefined : digit;
}

/**
 * A tax code: 10 digits with a valid check digit, optionally `-NNN` for a dependent unit; or,
 * since 1 July 2025 (Circular 86/2024/TT-BTC), an individual's 12-digit CCCD number.
 */
export function isTaxCode(value: string): boolean {
  if (/^\d{12}$/.test(value)) return isCitizenId(value);
  const match = /^(\d{10})(?:-(\d{3}))?$/.exec(value);
  if (!match) return false;
  const [, base = '', branch] = match;
  if (branch === '000') return false;
  return taxCodeCheckDigit(base.slice(0, 9)) === Number(base[9]);
}
