/**
 * The monthly report on administrative procedures an agency sends before the 20th of the next
 * month: for the agency and each unit below it (nationally: each ministry and province), the
 * services by online level and the dossiers of the month. One list of columns, read by the
 * workbook, the PDF and the tests, so every copy carries the same figures.
 */
import type { Indicators, Ratio } from './indicators.ts';

export type ReportValue = number | null;

/** Indicators as a report holds them: those archived before feedback was counted lack it. */
export type ReportIndicators = Omit<Indicators, 'feedback'> & Partial<Pick<Indicators, 'feedback'>>;

export type ReportColumn = {
  key: string;
  /** The heading as officials read it. */
  title: string;
  /** `percent`: a rate in percent with two decimals; `count`: a whole number; `days`: a mean in days. */
  format: 'count' | 'percent' | 'days';
  value: (indicators: ReportIndicators) => ReportValue;
};

const percent = (ratio: Ratio) => ratio.percent;

export const REPORT_COLUMNS: readonly ReportColumn[] = [
  {
    key: 'published',
    title: 'Số DVC đang cung cấp',
    format: 'count',
    value: (i) => i.services.published,
  },
  {
    key: 'fullOnline',
    title: 'Số DVC toàn trình (mức độ 4)',
    format: 'count',
    value: (i) => i.services.fullOnline,
  },
  {
    key: 'fullOnlineShare',
    title: 'Tỷ lệ DVC toàn trình (%)',
    format: 'percent',
    value: (i) => percent(i.services.fullOnlineShare),
  },
  {
    key: 'withOnlineDossier',
    title: 'Số DVC có phát sinh hồ sơ trực tuyến',
    format: 'count',
    value: (i) => i.services.withOnlineDossier,
  },
  {
    key: 'usedOnlineShare',
    title: 'Tỷ lệ DVC có phát sinh hồ sơ trực tuyến (%)',
    format: 'percent',
    value: (i) => percent(i.services.usedOnlineShare),
  },
  {
    key: 'received',
    title: 'Tổng số hồ sơ tiếp nhận',
    format: 'count',
    value: (i) => i.dossiers.received,
  },
  {
    key: 'receivedOnline',
    title: 'Hồ sơ tiếp nhận trực tuyến',
    format: 'count',
    value: (i) => i.dossiers.receivedByChannel.online,
  },
  {
    key: 'receivedCounter',
    title: 'Hồ sơ tiếp nhận trực tiếp',
    format: 'count',
    value: (i) => i.dossiers.receivedByChannel.counter,
  },
  {
    key: 'receivedPost',
    title: 'Hồ sơ tiếp nhận qua bưu chính',
    format: 'count',
    value: (i) => i.dossiers.receivedByChannel.post,
  },
  {
    key: 'onlineRate',
    title: 'Tỷ lệ hồ sơ trực tuyến (%)',
    format: 'percent',
    value: (i) => percent(i.dossiers.onlineRate),
  },
  {
    key: 'finished',
    title: 'Hồ sơ đã giải quyết',
    format: 'count',
    value: (i) => i.dossiers.finished,
  },
  {
    key: 'finishedOnTime',
    title: 'Giải quyết trước hạn và đúng hạn',
    format: 'count',
    value: (i) => i.dossiers.finishedOnTime,
  },
  {
    key: 'finishedLate',
    title: 'Giải quyết quá hạn',
    format: 'count',
    value: (i) => i.dossiers.finishedLate,
  },
  {
    key: 'onTimeRate',
    title: 'Tỷ lệ giải quyết đúng hạn (%)',
    format: 'percent',
    value: (i) => percent(i.dossiers.onTimeRate),
  },
  {
    key: 'openOnTime',
    title: 'Đang giải quyết trong hạn',
    format: 'count',
    value: (i) => i.dossiers.open.onTime,
  },
  {
    key: 'openOverdue',
    title: 'Đang giải quyết quá hạn',
    format: 'count',
    value: (i) => i.dossiers.open.overdue,
  },
  {
    key: 'onlinePaymentRate',
    title: 'Tỷ lệ thanh toán trực tuyến (%)',
    format: 'percent',
    value: (i) => percent(i.dossiers.onlinePaymentRate),
  },
  {
    key: 'electronicResultRate',
    title: 'Tỷ lệ trả kết quả điện tử (%)',
    format: 'percent',
    value: (i) => percent(i.dossiers.electronicResultRate),
  },
  {
    key: 'averageProcessingDays',
    title: 'Thời gian giải quyết bình quân (ngày)',
    format: 'days',
    value: (i) => i.dossiers.averageProcessingDays,
  },
  {
    key: 'satisfactionRate',
    title: 'Tỷ lệ hài lòng (%)',
    format: 'percent',
    value: (i) => percent(i.satisfaction.satisfactionRate),
  },
  {
    key: 'feedbackCompetent',
    title: 'Phản ánh, kiến nghị thuộc thẩm quyền',
    format: 'count',
    value: (i) => i.feedback?.competent ?? null,
  },
  {
    key: 'feedbackAnswered',
    title: 'Phản ánh, kiến nghị đã trả lời',
    format: 'count',
    value: (i) => i.feedback?.answered ?? null,
  },
  {
    key: 'feedbackOnTimeRate',
    title: 'Tỷ lệ trả lời phản ánh, kiến nghị đúng hạn (%)',
    format: 'percent',
    value: (i) => (i.feedback ? percent(i.feedback.onTimeRate) : null),
  },
  {
    key: 'feedbackSatisfactionRate',
    title: 'Tỷ lệ hài lòng về xử lý phản ánh, kiến nghị (%)',
    format: 'percent',
    value: (i) => (i.feedback ? percent(i.feedback.satisfactionRate) : null),
  },
];

/** One row of the report: the agency itself (total) or a unit below it. */
export type ReportRow = {
  name: string;
  code: string | null;
  indicators: ReportIndicators;
};

/** A row's values in column order. */
export function rowValues(row: ReportRow): ReportValue[] {
  return REPORT_COLUMNS.map((column) => column.value(row.indicators));
}

/** A value as the report prints it: counts grouped by thousands, rates and days with two decimals, a dash for nothing. */
export function formatReportValue(value: ReportValue, format: ReportColumn['format']): string {
  if (value === null) return '—';
  if (format === 'count') return value.toLocaleString('vi-VN');
  return value.toLocaleString('vi-VN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** A month's report as computed, submitted and archived: what the workbook and the PDF print. */
export type MonthlyReport = {
  /** `yyyy-MM`. */
  month: string;
  /** The last day it is on time (`yyyy-MM-dd`, before the 20th of the next month). */
  deadline: string;
  /** The reporting agency; null for the national report. */
  agency: { id: string; code: string | null; name: string } | null;
  /** When the figures were read; dossiers still open are counted at this moment. */
  generatedAt: string;
  /** The agency's own figures, its units included (nationally: every agency). */
  total: ReportRow;
  /** Units below the agency (nationally: ministries, then provinces). */
  rows: ReportRow[];
};

/** The report's title as printed. */
export function reportTitle(report: Pick<MonthlyReport, 'month' | 'agency'>): string {
  const [year, month] = report.month.split('-');
  const scope = report.agency ? report.agency.name : 'TOÀN QUỐC';
  return `BÁO CÁO TÌNH HÌNH GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH, CUNG CẤP DỊCH VỤ CÔNG TRỰC TUYẾN THÁNG ${String(Number(month))}/${year ?? ''} — ${scope.toUpperCase()}`;
}
