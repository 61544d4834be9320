import { describe, expect, it } from 'vitest';
import { vndInWords } from './vnd-in-words.ts';

describe('amounts in words', () => {
  it('reads amounts as a Vietnamese receipt writes them', () => {
    expect(vndInWords(0)).toBe('Không đồng');
    expect(vndInWords(8_000)).toBe('Tám nghìn đồng');
    expect(vndInWords(15_000)).toBe('Mười lăm nghìn đồng');
    expect(vndInWords(21_000)).toBe('Hai mươi mốt nghìn đồng');
    expect(vndInWords(100_000)).toBe('Một trăm nghìn đồng');
    expect(vndInWords(105_000)).toBe('Một trăm linh năm nghìn đồng');
    expect(vndInWords(250_500)).toBe('Hai trăm năm mươi nghìn năm trăm đồng');
    expect(vndInWords(1_005_000)).toBe('Một triệu không trăm linh năm nghìn đồng');
    expect(vndInWords(1_000_050)).toBe('Một triệu không trăm năm mươi đồng');
    expect(vndInWords(2_000_000_000)).toBe('Hai tỷ đồng');
    expect(vndInWords(1_234_567_891)).toBe(
      'Một tỷ hai trăm ba mươi bốn triệu năm trăm sáu mươi bảy nghìn tám trăm chín mươi mốt đồng',
    );
    expect(() => vndInWords(-1)).toThrow(RangeError);
  });
});
