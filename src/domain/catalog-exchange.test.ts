import { describe, expect, it } from 'vitest';
import {
  checkProcedureRow,
  checkServiceRow,
  readAgencyTiers,
  readOnlineLevel,
} from './catalog-exchange.ts';

describe('catalog spreadsheet rows', () => {
  it('accepts a complete procedure and names each bad column', () => {
    expect(
      checkProcedureRow({
        nationalCode: '1.001193',
        name: 'Đăng ký khai sinh',
        field: 'Hộ tịch',
        legalBasis: 'Luật Hộ tịch 2014',
        carriedOutBy: 'Cấp xã',
        conditions: '',
        resultType: 'Giấy khai sinh',
      }),
    ).toEqual([]);
    expect(
      checkProcedureRow({
        nationalCode: '1001193',
        name: '',
        field: 'Hộ tịch',
        legalBasis: 'x',
        carriedOutBy: 'Cấp huyện',
        conditions: '',
        resultType: '',
      }),
    ).toEqual([
      { column: 'nationalCode', message: 'Mã thủ tục phải có dạng 1.001193' },
      { column: 'name', message: 'Không được để trống' },
      {
        column: 'carriedOutBy',
        message:
          'Cấp thực hiện gồm "Trung ương", "Cấp tỉnh", "Cấp xã", cách nhau bởi dấu chấm phẩy',
      },
    ]);
    expect(readAgencyTiers('Cấp tỉnh; cấp xã')).toEqual(['province', 'commune']);
  });

  it('reads online levels in Vietnamese or in JSON form', () => {
    expect(readOnlineLevel('Toàn trình')).toBe('full');
    expect(readOnlineLevel(' một phần ')).toBe('partial');
    expect(readOnlineLevel('partial')).toBe('partial');
    expect(readOnlineLevel('Mức độ 4')).toBeUndefined();
  });

  it('checks service rows: agency code format, procedure code, level', () => {
    expect(
      checkServiceRow({
        agencyCode: '000.00.31.H29',
        procedureCode: '1.001193',
        onlineLevel: 'Một phần',
      }),
    ).toEqual([]);
    expect(
      checkServiceRow({
        agencyCode: 'H29',
        procedureCode: '1.001193',
        onlineLevel: 'Mức độ 4',
      }).map((p) => p.column),
    ).toEqual(['agencyCode', 'onlineLevel']);
  });
});
