import ExcelJS from 'exceljs';
import { formatDate, formatDateTime } from '../../../domain/vietnam-time.ts';

export type ReconciliationRow = {
  receiptNo: string | null;
  txnRef: string;
  dossierCode: string;
  procedureName: string;
  amountVnd: number;
  status: string;
  bankCode: string | null;
  gatewayTransactionNo: string | null;
  createdAt: Date;
  settledAt: Date | null;
  settledBy: string | null;
};

export type ReconciliationReport = {
  agencyName: string;
  date: string;
  paidCount: number;
  paidTotalVnd: number;
  pendingCount: number;
  failedCount: number;
  rows: ReconciliationRow[];
};

const STATUS_VI: Record<string, string> = {
  pending: 'Đang chờ',
  paid: 'Đã thanh toán',
  failed: 'Không thành công',
  refunded: 'Đã hoàn tiền',
};
const SETTLED_BY_VI: Record<string, string> = {
  ipn: 'IPN',
  return: 'Trang trả về',
  reconciliation: 'Đối soát',
};

/** The day's reconciliation (đối soát) as a workbook a finance officer opens in Excel or LibreOffice. */
export async function reconciliationWorkbook(report: ReconciliationReport): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'OpenDVC';
  const sheet = workbook.addWorksheet('Đối soát');
  sheet.addRow([
    `BẢNG ĐỐI SOÁT THANH TOÁN TRỰC TUYẾN NGÀY ${formatDate(`${report.date}T12:00:00+07:00`)}`,
  ]);
  sheet.addRow([`Đơn vị: ${report.agencyName}`]);
  sheet.addRow([
    `Đã thanh toán: ${String(report.paidCount)} giao dịch`,
    'Tổng tiền (đồng):',
    report.paidTotalVnd,
    `Đang chờ: ${String(report.pendingCount)}`,
    `Không thành công: ${String(report.failedCount)}`,
  ]);
  sheet.addRow([]);
  const header = sheet.addRow([
    'Số biên lai',
    'Mã giao dịch',
    'Mã hồ sơ',
    'Thủ tục',
    'Số tiền (đồng)',
    'Trạng thái',
    'Ngân hàng',
    'Mã giao dịch VNPAY',
    'Tạo lúc',
    'Xác nhận lúc',
    'Xác nhận qua',
  ]);
  header.font = { bold: true };
  for (const row of report.rows)
    sheet.addRow([
      row.receiptNo ?? '',
      row.txnRef,
      row.dossierCode,
      row.procedureName,
      row.amountVnd,
      STATUS_VI[row.status] ?? row.status,
      row.bankCode ?? '',
      row.gatewayTransactionNo ?? '',
      formatDateTime(row.createdAt),
      row.settledAt ? formatDateTime(row.settledAt) : '',
      row.settledBy ? (SETTLED_BY_VI[row.settledBy] ?? row.settledBy) : '',
    ]);
  sheet.getColumn(5).numFmt = '#,##0';
  sheet.getCell('C3').numFmt = '#,##0';
  sheet.columns.forEach((column, i) => {
    column.width = [14, 18, 26, 40, 14, 16, 10, 18, 17, 17, 14][i] ?? 12;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
