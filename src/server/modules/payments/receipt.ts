import { formatDateTime, formatMoney } from '../../../domain/vietnam-time.ts';
import { vndInWords } from '../../../domain/vnd-in-words.ts';
import { createPdf } from '../../platform/pdf.ts';

export type ReceiptFacts = {
  receiptNo: string;
  agencyName: string;
  applicantName: string;
  dossierCode: string;
  procedureName: string;
  amountVnd: number;
  paidAt: Date;
  gatewayTransactionNo: string | null;
  bankCode: string | null;
};

/** The electronic receipt of a fee paid online (biên lai thu phí, lệ phí điện tử), as PDF. */
export async function renderReceipt(facts: ReceiptFacts): Promise<Uint8Array> {
  const pdf = await createPdf('A5', {
    title: `Biên lai thu phí, lệ phí ${facts.receiptNo}`,
    author: facts.agencyName,
  });
  pdf.columns(
    [
      { text: facts.agencyName.toUpperCase(), options: { size: 7.5, bold: true } },
      { text: 'Đơn vị thu phí, lệ phí', options: { size: 7 } },
    ],
    [
      { text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', options: { size: 6.8, bold: true } },
      { text: 'Độc lập - Tự do - Hạnh phúc', options: { size: 7.5, bold: true } },
    ],
  );
  pdf.space(4);
  pdf.text('BIÊN LAI THU PHÍ, LỆ PHÍ', { size: 11, bold: true, align: 'center' });
  pdf.text('(Biên lai điện tử)', { size: 8, align: 'center' });
  pdf.text(`Số: ${facts.receiptNo}`, { align: 'center' });
  pdf.space(4);
  pdf.text(`Tên người nộp: ${facts.applicantName}`);
  pdf.text(`Hồ sơ: ${facts.dossierCode}`);
  pdf.text(`Nội dung thu: Phí, lệ phí giải quyết thủ tục "${facts.procedureName}"`);
  pdf.text(`Số tiền: ${formatMoney(facts.amountVnd)}`, { bold: true });
  pdf.text(`Viết bằng chữ: ${vndInWords(facts.amountVnd)}.`);
  pdf.text(
    `Hình thức thanh toán: trực tuyến qua cổng thanh toán VNPAY${facts.bankCode ? `, ngân hàng ${facts.bankCode}` : ''}${facts.gatewayTransactionNo ? `, mã giao dịch ${facts.gatewayTransactionNo}` : ''}.`,
  );
  pdf.text(`Thời điểm thanh toán: ${formatDateTime(facts.paidAt)}.`);
  pdf.space(6);
  pdf.columns(
    [],
    [
      { text: 'ĐƠN VỊ THU', options: { bold: true } },
      { text: facts.agencyName, options: { size: 8 } },
    ],
  );
  return pdf.save();
}
