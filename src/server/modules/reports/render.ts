import ExcelJS from 'exceljs';
import {
  formatReportValue,
  REPORT_COLUMNS,
  reportTitle,
  rowValues,
  type MonthlyReport,
  type ReportRow,
} from '../../../domain/monthly-report.ts';
import { formatDate, formatDateTime } from '../../../domain/vietnam-time.ts';
import { createPdf } from '../../platform/pdf.ts';

/** Columns per table on an A4 landscape page, the name column aside. */
const PDF_COLUMNS_PER_TABLE = 7;

const subtitle = (report: MonthlyReport, status: 'draft' | 'submitted') =>
  `Hạn gửi: trước ngày 20 (đến hết ${formatDate(`${report.deadline}T12:00:00+07:00`)}). ` +
  `Số liệu lập lúc ${formatDateTime(report.generatedAt)}; hồ sơ đang giải quyết tính tại thời điểm này.` +
  (status === 'draft' ? ' BẢN NHÁP — chưa gửi.' : '');

/** Rows as the report lists them: the total first, then each unit. */
const listed = (report: MonthlyReport): { label: string; row: ReportRow }[] => [
  { label: report.agency ? `Tổng cộng (${report.agency.name})` : 'Toàn quốc', row: report.total },
  ...report.rows.map((row) => ({ label: row.name, row })),
];

/**
 * The report as a workbook: a title, then one row per agency with a column per figure, as plain
 * numbers (rates in percent) so a spreadsheet adds and compares them.
 */
export async function monthlyReportWorkbook(
  report: MonthlyReport,
  status: 'draft' | 'submitted',
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'OpenDVC';
  const sheet = workbook.addWorksheet(`Báo cáo ${report.month}`);
  sheet.addRow([reportTitle(report)]).font = { bold: true };
  sheet.addRow([subtitle(report, status)]);
  sheet.addRow([]);
  sheet.addRow(['Đơn vị', 'Mã định danh', ...REPORT_COLUMNS.map((c) => c.title)]).font = {
    bold: true,
  };
  for (const { label, row } of listed(report))
    sheet.addRow([label, row.code ?? '', ...rowValues(row).map((v) => v ?? '')]);
  REPORT_COLUMNS.forEach((column, i) => {
    const sheetColumn = sheet.getColumn(i + 3);
    sheetColumn.numFmt = column.format === 'count' ? '#,##0' : '0.00';
    sheetColumn.width = 16;
  });
  sheet.getColumn(1).width = 44;
  sheet.getColumn(2).width = 16;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The same report as an A4 landscape PDF, its columns in tables of a page's width. */
export async function monthlyReportPdf(
  report: MonthlyReport,
  status: 'draft' | 'submitted',
): Promise<Uint8Array> {
  const pdf = await createPdf('A4-landscape', {
    title: reportTitle(report),
    author: report.agency?.name ?? 'Văn phòng Chính phủ',
  });
  pdf.columns(
    [
      {
        text: (report.agency?.name ?? 'VĂN PHÒNG CHÍNH PHỦ').toUpperCase(),
        options: { size: 8, bold: true },
      },
    ],
    [
      { text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', options: { size: 8, bold: true } },
      { text: 'Độc lập - Tự do - Hạnh phúc', options: { size: 8, bold: true } },
    ],
  );
  pdf.space(4);
  pdf.text(reportTitle(report), { size: 10, bold: true, align: 'center' });
  pdf.text(subtitle(report, status), { size: 8, align: 'center' });
  const rows = listed(report);
  for (let start = 0; start < REPORT_COLUMNS.length; start += PDF_COLUMNS_PER_TABLE) {
    const columns = REPORT_COLUMNS.slice(start, start + PDF_COLUMNS_PER_TABLE);
    const share = 0.7 / columns.length;
    pdf.space(4);
    pdf.table(
      [{ title: 'Đơn vị', share: 0.3 }, ...columns.map((c) => ({ title: c.title, share }))],
      rows.map(({ label, row }) => [
        label,
        ...columns.map((c) => formatReportValue(c.value(row.indicators), c.format)),
      ]),
    );
  }
  return pdf.save();
}
