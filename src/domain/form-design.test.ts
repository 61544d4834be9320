import { describe, expect, it } from 'vitest';
import {
  checkFormDesign,
  compileFormDesign,
  isShown,
  keyFromLabel,
  type FormDesign,
  designFromForm,
  formSteps,
} from './form-design.ts';
import { compileFormCheck, createFormAjv } from './form-validation.ts';

const PROVINCES = ['Thành phố Hà Nội', 'Thành phố Hồ Chí Minh'];

const design: FormDesign = {
  fields: [
    {
      key: 'thongTinChung',
      label: 'Thông tin chung',
      kind: 'heading',
      help: 'Điền đúng như trên giấy tờ',
    },
    { key: 'hoTen', label: 'Họ và tên', kind: 'text', required: true, min: 2, max: 100 },
    { key: 'soCccd', label: 'Số CCCD', kind: 'cccd', required: true },
    { key: 'coUyQuyen', label: 'Nộp thay theo ủy quyền?', kind: 'yesno', required: true },
    {
      key: 'nguoiUyQuyen',
      label: 'Họ tên người ủy quyền',
      kind: 'text',
      required: true,
      showWhen: { field: 'coUyQuyen', equals: true },
    },
    { key: 'diaChi', label: 'Địa chỉ thường trú', kind: 'address', required: true },
    { key: 'vonDieuLe', label: 'Vốn', kind: 'money', max: 1_000_000_000 },
    {
      key: 'nganhNghe',
      label: 'Ngành nghề',
      kind: 'multichoice',
      options: ['Bán lẻ', 'Ăn uống', 'Dịch vụ'],
    },
    {
      key: 'thanhVien',
      label: 'Thành viên hộ',
      kind: 'group',
      min: 1,
      fields: [
        { key: 'hoTen', label: 'Họ tên', kind: 'text', required: true },
        { key: 'namSinh', label: 'Năm sinh', kind: 'number', min: 1900, max: 2026 },
      ],
    },
  ],
};

const valid = {
  hoTen: 'Nguyễn Văn An',
  soCccd: '079090001234',
  coUyQuyen: false,
  diaChi: {
    tinhThanhPho: 'Thành phố Hồ Chí Minh',
    xaPhuong: 'Phường Sài Gòn',
    diaChiChiTiet: '12 Lê Lợi',
  },
  vonDieuLe: 50_000_000,
  nganhNghe: ['Bán lẻ'],
  thanhVien: [{ hoTen: 'Nguyễn Văn An', namSinh: 1990 }],
};

describe('form design', () => {
  const { formSchema, uiSchema } = compileFormDesign(design, PROVINCES);
  const check = compileFormCheck(createFormAjv(), formSchema);

  it('compiles to a schema the server validates a complete answer with', () => {
    expect(checkFormDesign(design)).toEqual([]);
    expect(check(valid)).toEqual([]);
  });

  it('requires a conditional field only while its condition holds', () => {
    expect(check({ ...valid, coUyQuyen: true })).toEqual([
      { field: '/nguoiUyQuyen', code: 'required', message: 'Vui lòng nhập thông tin bắt buộc này' },
    ]);
    expect(check({ ...valid, coUyQuyen: true, nguoiUyQuyen: 'Trần Thị Bình' })).toEqual([]);
    expect(isShown(design.fields[4] ?? {}, { coUyQuyen: false })).toBe(false);
    expect(isShown(design.fields[4] ?? {}, { coUyQuyen: true })).toBe(true);
  });

  it('checks kinds field by field: CCCD, province list, money, choices, group rows', () => {
    const errors = check({
      ...valid,
      soCccd: '123',
      diaChi: { tinhThanhPho: 'Tỉnh Hà Tây', xaPhuong: 'X', diaChiChiTiet: '12 Lê Lợi' },
      vonDieuLe: -1,
      nganhNghe: ['Khai khoáng'],
      thanhVien: [],
    });
    expect(errors.map((e) => e.field).sort()).toEqual(
      [
        '/diaChi/tinhThanhPho',
        '/diaChi/xaPhuong',
        '/nganhNghe/0',
        '/soCccd',
        '/thanhVien',
        '/vonDieuLe',
      ].sort(),
    );
  });

  it('with a commune lookup, refuses a commune outside the chosen province', () => {
    const lookup = (province: string, commune: string) =>
      province === 'Thành phố Hồ Chí Minh' && commune === 'Phường Sài Gòn';
    const checkAddress = compileFormCheck(createFormAjv({ isCommuneOf: lookup }), formSchema);
    expect(checkAddress(valid)).toEqual([]);
    expect(
      checkAddress({ ...valid, diaChi: { ...valid.diaChi, xaPhuong: 'Phường Trường Vinh' } }),
    ).toEqual([
      {
        field: '/diaChi/xaPhuong',
        code: 'x-vn-address',
        message: 'Xã/phường không thuộc tỉnh/thành phố đã chọn',
      },
    ]);
  });

  it('keeps the field order, the conditions and the design itself in the UI schema', () => {
    expect(uiSchema['ui:order']).toEqual([...design.fields.map((f) => f.key), '*']);
    expect(uiSchema.nguoiUyQuyen).toEqual({ 'ui:showWhen': { field: 'coUyQuyen', equals: true } });
    expect(uiSchema['ui:design']).toEqual(design);
  });

  it('names what is wrong with a design', () => {
    const problems = checkFormDesign({
      fields: [
        { key: 'Ho ten', label: '', kind: 'text' },
        { key: 'loai', label: 'Loại', kind: 'choice', options: ['Một'] },
        {
          key: 'loai',
          label: 'Lý do',
          kind: 'text',
          showWhen: { field: 'sau', equals: 'x' },
          pattern: '(',
        },
      ],
    });
    expect(problems.map((p) => p.field)).toEqual([
      '/fields/0/key',
      '/fields/0/label',
      '/fields/1/options',
      '/fields/2/key',
      '/fields/2/pattern',
      '/fields/2/showWhen',
    ]);
  });

  it('makes field keys from Vietnamese labels', () => {
    expect(keyFromLabel('Họ và tên người nộp')).toBe('hoVaTenNguoiNop');
    expect(keyFromLabel('Địa chỉ đăng ký')).toBe('diaChiDangKy');
    expect(keyFromLabel('2. Số lượng')).toBe('truong2SoLuong');
  });
});

describe('reading a form back into a design', () => {
  it('returns the stored design of a designed form', () => {
    const { formSchema, uiSchema } = compileFormDesign(design, PROVINCES);
    expect(designFromForm(formSchema, uiSchema)).toEqual(design);
  });

  it('reads a plain schema in its field order with kinds, required flags and help', () => {
    const read = designFromForm(
      {
        type: 'object',
        required: ['hoTen', 'ngaySinh'],
        properties: {
          ngaySinh: { type: 'string', title: 'Ngày sinh', format: 'date' },
          hoTen: { type: 'string', title: 'Họ tên', minLength: 2 },
          gioiTinh: { type: 'string', title: 'Giới tính', enum: ['Nam', 'Nữ'] },
          soCccd: { type: 'string', title: 'CCCD', format: 'cccd' },
          ghiChu: { type: 'string', title: 'Ghi chú' },
        },
      },
      {
        'ui:order': ['hoTen', 'ngaySinh'],
        soCccd: { 'ui:description': '12 chữ số' },
        ghiChu: { 'ui:widget': 'textarea' },
      },
    );
    expect(read.fields).toEqual([
      { key: 'hoTen', label: 'Họ tên', kind: 'text', required: true, min: 2 },
      { key: 'ngaySinh', label: 'Ngày sinh', kind: 'date', required: true },
      { key: 'gioiTinh', label: 'Giới tính', kind: 'choice', options: ['Nam', 'Nữ'] },
      { key: 'soCccd', label: 'CCCD', kind: 'cccd', help: '12 chữ số' },
      { key: 'ghiChu', label: 'Ghi chú', kind: 'textarea' },
    ]);
  });
});

describe('a long form in steps', () => {
  const fields: FormDesign['fields'] = [
    { key: 'hoTen', label: 'Họ tên', kind: 'text', required: true },
    { key: 'muc1', label: 'Thông tin người được khai sinh', kind: 'heading' },
    { key: 'hoTenTre', label: 'Họ tên trẻ', kind: 'text' },
    { key: 'ngaySinh', label: 'Ngày sinh', kind: 'date' },
    { key: 'muc2', label: 'Mục trống', kind: 'heading' },
    { key: 'muc3', label: 'Thông tin cha mẹ', kind: 'heading' },
    { key: 'hoTenMe', label: 'Họ tên mẹ', kind: 'text' },
  ];

  it('starts a step at each section heading, skipping empty sections, when the design asks', () => {
    const steps = formSteps({ fields, steps: true });
    expect(steps.map((s) => [s.title, s.fields.map((f) => f.key)])).toEqual([
      [undefined, ['hoTen']],
      ['Thông tin người được khai sinh', ['hoTenTre', 'ngaySinh']],
      ['Thông tin cha mẹ', ['hoTenMe']],
    ]);
  });

  it('is one step, headings and all, when it does not', () => {
    expect(formSteps({ fields })).toEqual([{ title: undefined, fields }]);
  });
});
