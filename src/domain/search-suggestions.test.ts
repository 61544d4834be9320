import { describe, expect, it } from 'vitest';
import { closestNames, plainWords, slips } from './search-suggestions.ts';

const NAMES = [
  'Đăng ký khai sinh',
  'Đăng ký khai tử',
  'Đăng ký kết hôn',
  'Đăng ký nhận cha, mẹ, con',
  'Cấp Phiếu lý lịch tư pháp',
  'Đăng ký thành lập hộ kinh doanh',
];

describe('search suggestions', () => {
  it('compares words without diacritics', () => {
    expect(plainWords('Đăng ký khai sinh')).toEqual(['dang', 'ky', 'khai', 'sinh']);
  });

  it('counts a swap of two neighbouring letters as one slip', () => {
    expect(slips('khia', 'khai', 1)).toBe(1);
    expect(slips('snh', 'sinh', 1)).toBe(1);
    expect(slips('khai', 'kha', 1)).toBe(1);
    expect(slips('kinh', 'khai', 1)).toBe(2);
  });

  it('suggests the procedure a citizen meant when letters are swapped or missing', () => {
    expect(closestNames('khia sinh', NAMES)[0]).toBe('Đăng ký khai sinh');
    expect(closestNames('dang ky ket hno', NAMES)[0]).toBe('Đăng ký kết hôn');
  });

  it('suggests it when more words are typed than the name holds', () => {
    expect(closestNames('khai sinh cho con', NAMES)[0]).toBe('Đăng ký khai sinh');
  });

  it('suggests nothing for a query that holds no word of substance of any name', () => {
    expect(closestNames('xe may', NAMES)).toEqual([]);
    expect(closestNames('ky', NAMES)).toEqual([]);
    expect(closestNames('zzzz qqqq', NAMES)).toEqual([]);
  });
});
