import { describe, expect, it } from 'vitest';
import { controlSheetRows, type SheetEvent } from './control-sheet.ts';

const at = (local: string) => new Date(`${local}:00+07:00`);
const event = (e: Partial<SheetEvent> & Pick<SheetEvent, 'action' | 'occurredAt'>): SheetEvent => ({
  agencyName: 'UBND Phường Sài Gòn',
  actorName: null,
  note: null,
  details: {},
  ...e,
});

describe('the process-control sheet', () => {
  it('lists each hand-over and judges each part against its own due time', () => {
    const rows = controlSheetRows([
      event({ action: 'submit', occurredAt: at('2026-03-02T08:00') }),
      event({
        action: 'receive',
        occurredAt: at('2026-03-02T09:00'),
        details: { step: 'Chuyên viên thẩm định', stepDueAt: at('2026-03-04T09:00').toISOString() },
      }),
      event({ action: 'claim', occurredAt: at('2026-03-02T10:00') }),
      event({
        action: 'forward',
        occurredAt: at('2026-03-04T10:00'),
        actorName: 'Võ Thanh Giang',
        details: { step: 'Lãnh đạo phê duyệt', stepDueAt: at('2026-03-05T09:00').toISOString() },
      }),
      event({ action: 'approve', occurredAt: at('2026-03-05T08:00'), actorName: 'Đỗ Văn Khoa' }),
      event({
        action: 'return_result',
        occurredAt: at('2026-03-05T10:00'),
        actorName: 'Lê Minh Châu',
      }),
    ]);
    expect(rows.map((r) => [r.handedBy, r.takenBy, r.result])).toEqual([
      [
        'Bộ phận tiếp nhận — UBND Phường Sài Gòn',
        'Chuyên viên thẩm định — UBND Phường Sài Gòn',
        null,
      ],
      ['Võ Thanh Giang — UBND Phường Sài Gòn', 'Lãnh đạo phê duyệt — UBND Phường Sài Gòn', 'late'],
      ['Đỗ Văn Khoa — UBND Phường Sài Gòn', 'Bộ phận trả kết quả — UBND Phường Sài Gòn', 'on_time'],
      ['Lê Minh Châu — UBND Phường Sài Gòn', 'Tổ chức, cá nhân nhận kết quả', null],
    ]);
  });

  it('records a transfer with its reason and the receiving agency', () => {
    const [row] = controlSheetRows([
      event({
        action: 'transfer',
        occurredAt: at('2026-03-03T09:00'),
        actorName: 'Đỗ Văn Khoa',
        note: 'Chuyển nơi cư trú',
        details: { targetAgencyName: 'UBND Phường Bến Thành' },
      }),
    ]);
    expect(row).toMatchObject({
      takenBy: 'Bộ phận tiếp nhận — UBND Phường Bến Thành',
      note: 'Chuyển nơi cư trú',
    });
  });
});
