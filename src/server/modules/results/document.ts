import { fillTemplate, type ResultTemplate } from '../../../domain/result-template.ts';
import { formatDate } from '../../../domain/vietnam-time.ts';
import { createPdf } from '../../platform/pdf.ts';

export type ResultDocumentData = {
  template: ResultTemplate;
  agencyName: string;
  parentAgencyName: string | null;
  dossierCode: string;
  procedureName: string;
  applicantName: string;
  /** Form fields by name, with their titles for the appendix. */
  formData: Record<string, unknown>;
  issuedAt: Date;
};

const numberFormat = new Intl.NumberFormat('vi-VN');
function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return numberFormat.format(value);
  if (typeof value === 'boolean') return value ? 'Có' : 'Không';
  if (value === null || value === undefined) return '';
  return JSON.stringify(value);
}

/**
 * A result document from the version's template, laid out as a Vietnamese administrative
 * document (Decree 30/2020/NĐ-CP): the issuing agency and the national motto side by side, number
 * and date, the title, the body; the bottom of the last page stays free for the signature block.
 */
export async function renderResultDocument(data: ResultDocumentData): Promise<Uint8Array> {
  const values: Record<string, string> = {
    applicantName: data.applicantName,
    dossierCode: data.dossierCode,
    procedureName: data.procedureName,
    agencyName: data.agencyName,
    issuedDate: formatDate(data.issuedAt),
    ...Object.fromEntries(Object.entries(data.formData).map(([key, v]) => [key, asText(v)])),
  };
  const [day, month, year] = formatDate(data.issuedAt).split('/');
  const pdf = await createPdf('A4', {
    title: `${data.template.title} — hồ sơ ${data.dossierCode}`,
    author: data.agencyName,
  });
  pdf.columns(
    [
      ...(data.parentAgencyName ? [{ text: data.parentAgencyName.toUpperCase() }] : []),
      { text: data.agencyName.toUpperCase(), options: { bold: true } },
      { text: `Số: ${data.dossierCode}/KQ` },
    ],
    [
      { text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', options: { bold: true } },
      { text: 'Độc lập - Tự do - Hạnh phúc', options: { bold: true } },
      { text: `Ngày ${day ?? ''} tháng ${month ?? ''} năm ${year ?? ''}`, options: { size: 8 } },
    ],
  );
  pdf.space(8);
  pdf.text(data.template.title.toUpperCase(), { bold: true, align: 'center', size: 13 });
  pdf.space(5);
  pdf.text(fillTemplate(data.template.body, values), { size: 11 });
  pdf.space(6);
  pdf.columns(
    [
      { text: 'Nơi nhận:', options: { bold: true, align: 'left' } },
      { text: `- ${data.applicantName};`, options: { align: 'left' } },
      { text: '- Lưu: VT, hồ sơ.', options: { align: 'left' } },
    ],
    [{ text: data.agencyName.toUpperCase(), options: { bold: true } }],
  );
  pdf.keepFree(40);
  return pdf.save();
}
