import type { CalendarOverride } from './working-calendar.ts';

/**
 * The Government's decisions on days off for civil servants (day swaps) that the statutory rules
 * of the Labour Code do not give by themselves. Later years are entered by administrators; migration 0011 installs these.
 */
export const GOVERNMENT_CALENDAR_DECISIONS: (CalendarOverride & { legalBasis: string })[] = [
  {
    date: '2024-04-29',
    kind: 'day_off',
    name: 'Hoán đổi ngày làm việc dịp 30/4–1/5/2024',
    legalBasis: 'Công văn 2450/VPCP-KGVX ngày 12/04/2024',
  },
  {
    date: '2024-05-04',
    kind: 'working_day',
    name: 'Làm bù cho thứ Hai 29/04/2024',
    legalBasis: 'Công văn 2450/VPCP-KGVX ngày 12/04/2024',
  },
  {
    date: '2025-05-02',
    kind: 'day_off',
    name: 'Hoán đổi ngày làm việc dịp 30/4–1/5/2025',
    legalBasis: 'Thông báo của Bộ Nội vụ về nghỉ lễ 30/4–1/5/2025',
  },
  {
    date: '2025-04-26',
    kind: 'working_day',
    name: 'Làm bù cho thứ Sáu 02/05/2025',
    legalBasis: 'Thông báo của Bộ Nội vụ về nghỉ lễ 30/4–1/5/2025',
  },
  {
    date: '2026-01-02',
    kind: 'day_off',
    name: 'Hoán đổi ngày làm việc dịp Tết Dương lịch 2026',
    legalBasis: 'Công văn 12729/VPCP-KGVX ngày 25/12/2025',
  },
  {
    date: '2026-01-10',
    kind: 'working_day',
    name: 'Làm bù cho thứ Sáu 02/01/2026',
    legalBasis: 'Công văn 12729/VPCP-KGVX ngày 25/12/2025',
  },
];
