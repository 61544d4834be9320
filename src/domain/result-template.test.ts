import { describe, expect, it } from 'vitest';
import { fillTemplate, MISSING_VALUE, templatePlaceholders } from './result-template.ts';

describe('result templates', () => {
  it('fills placeholders with the dossier values, Vietnamese names included', () => {
    expect(
      fillTemplate('Cấp cho ông/bà {{applicantName}}, hộ kinh doanh {{ten_ho_kinh_doanh}}.', {
        applicantName: 'Nguyễn Văn An',
        ten_ho_kinh_doanh: 'Tạp hóa Bình An',
      }),
    ).toBe('Cấp cho ông/bà Nguyễn Văn An, hộ kinh doanh Tạp hóa Bình An.');
  });

  it('shows a gap for a value the dossier lacks, and leaves other braces alone', () => {
    expect(fillTemplate('Địa chỉ: {{ dia_chi }}; {giữ nguyên}', { dia_chi: '  ' })).toBe(
      `Địa chỉ: ${MISSING_VALUE}; {giữ nguyên}`,
    );
  });

  it('lists the placeholders once each, in order', () => {
    expect(templatePlaceholders('{{a}} {{b.c}} {{a}} {{số_nhà}}')).toEqual(['a', 'b.c', 'số_nhà']);
  });
});
