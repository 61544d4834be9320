import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { groupDigits, parseVietnameseNumber } from './vietnamese-numbers.ts';

describe('Vietnamese numbers', () => {
  it('groups thousands with dots and writes decimals after a comma', () => {
    expect(groupDigits(50_000_000)).toBe('50.000.000');
    expect(groupDigits(11_064)).toBe('11.064');
    expect(groupDigits(17.99)).toBe('17,99');
    expect(groupDigits(999)).toBe('999');
    expect(groupDigits('1234567')).toBe('1.234.567');
  });

  it('reads what a citizen types', () => {
    expect(parseVietnameseNumber('50.000.000')).toBe(50_000_000);
    expect(parseVietnameseNumber('50000000')).toBe(50_000_000);
    expect(parseVietnameseNumber('50.000.000 đồng')).toBe(50_000_000);
    expect(parseVietnameseNumber('100.000đ')).toBe(100_000);
    expect(parseVietnameseNumber('1.234,5')).toBe(1234.5);
    expect(parseVietnameseNumber('17,99')).toBe(17.99);
    expect(parseVietnameseNumber('50,000,000')).toBe(50_000_000);
    expect(parseVietnameseNumber('1234.5')).toBe(1234.5);
    expect(parseVietnameseNumber(' 2 500 000 ')).toBe(2_500_000);
  });

  it('refuses what is not a number', () => {
    for (const text of ['', 'năm mươi triệu', '1.2.3', '12,34,56', '1e309', '--1'])
      expect(parseVietnameseNumber(text)).toBeNull();
  });

  it('reads back every whole number it writes, and every amount with up to 2 decimals', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (n) => {
        expect(parseVietnameseNumber(groupDigits(n))).toBe(n);
      }),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000_000 }),
        fc.integer({ min: 1, max: 99 }),
        (whole, cents) => {
          const value = Number(`${String(whole)}.${String(cents).padStart(2, '0')}`);
          expect(parseVietnameseNumber(groupDigits(value))).toBe(value);
        },
      ),
    );
  });
});
