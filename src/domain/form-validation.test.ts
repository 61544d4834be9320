import { describe, expect, it } from 'vitest';
import { compileFormCheck, createFormAjv } from './form-validation.ts';

const schema = {
  type: 'object',
  required: ['hoTen', 'cccd'],
  properties: {
    hoTen: { type: 'string', minLength: 2 },
    cccd: { type: 'string', format: 'cccd' },
    dienThoai: { type: 'string', format: 'vn-phone' },
    mst: { type: 'string', format: 'mst' },
    soLuong: { type: 'integer', minimum: 1 },
  },
};

describe('procedure form checks', () => {
  const check = compileFormCheck(createFormAjv(), schema);

  it('passes a valid form', () => {
    expect(
      check({
        hoTen: 'Nguyễn Văn An',
        cccd: '079090001234',
        dienThoai: '0912345678',
        mst: '0100109106',
        soLuong: 2,
      }),
    ).toEqual([]);
  });

  it('names each failing field with a Vietnamese message', () => {
    const errors = check({ cccd: '123', dienThoai: '02838123456', mst: '0100109107', soLuong: 0 });
    expect(errors).toEqual(
      expect.arrayContaining([
        { field: '/hoTen', code: 'required', message: 'Vui lòng nhập thông tin bắt buộc này' },
        {
          field: '/cccd',
          code: 'format:cccd',
          message: 'Số CCCD không hợp lệ (12 chữ số, đúng mã tỉnh và năm sinh)',
        },
        {
          field: '/dienThoai',
          code: 'format:vn-phone',
          message: 'Số điện thoại di động không hợp lệ',
        },
        { field: '/mst', code: 'format:mst', message: 'Mã số thuế không hợp lệ' },
        { field: '/soLuong', code: 'minimum', message: 'Giá trị phải từ 1 trở lên' },
      ]),
    );
    expect(errors).toHaveLength(5);
  });
});
