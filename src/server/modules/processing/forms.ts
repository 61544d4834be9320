import { controlSheetRows } from '../../../domain/control-sheet.ts';
import { ONE_STOP_FORMS, type OneStopForm } from '../../../domain/one-stop-forms.ts';
import { formatDate, formatDateTime } from '../../../domain/vietnam-time.ts';
import { createPdf, type PdfWriter } from '../../platform/pdf.ts';
import type { DossierService } from '../dossiers/index.ts';

/**
 * The forms of Circular 01/2018/TT-VPCP, filled from the dossier and its events: 01 receipt and
 * appointment, 02 supplement request, 03 refusal, 04 apology and new date, 05 process-control sheet.
 */

type Dossier = Awaited<ReturnType<DossierService['getAgencyDossier']>>;
type Event = Dossier['events'][number];

const FORM_NUMBER: Record<OneStopForm, string> = {
  receipt: 'Mẫu số 01',
  'supplement-request': 'Mẫu số 02',
  refusal: 'Mẫu số 03',
  apology: 'Mẫu số 04',
  'control-sheet': 'Mẫu số 05',
};

/** The event a form reports; a form without one does not exist yet for this dossier. */
export function formEvent(dossier: Dossier, form: OneStopForm): Event | undefined {
  return dossier.events.findLast((e) => e.action === ONE_STOP_FORMS[form].event);
}

const longDate = (instant: Date | string) => {
  const [day, month, year] = formatDate(instant).split('/');
  return `ngày ${day ?? ''} tháng ${month ?? ''} năm ${year ?? ''}`;
};
const clockDate = (instant: Date | string) => {
  const [time = '', date = ''] = formatDateTime(instant).split(' ');
  const [hours, minutes] = time.split(':');
  return `${hours ?? ''} giờ ${minutes ?? ''} phút, ngày ${date}`;
};

function heading(
  pdf: PdfWriter,
  form: OneStopForm,
  agencyName: string,
  code: string,
  at: Date | string,
) {
  pdf.text(FORM_NUMBER[form], { size: 7, align: 'center' });
  pdf.columns(
    [
      { text: agencyName.toUpperCase(), options: { size: 7.5 } },
      { text: 'BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ', options: { size: 7.5, bold: true } },
      { text: `Số: ${code}`, options: { size: 7.5 } },
    ],
    [
      { text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', options: { size: 6.8, bold: true } },
      { text: 'Độc lập - Tự do - Hạnh phúc', options: { size: 7.5, bold: true } },
      { text: longDate(at), options: { size: 7.5 } },
    ],
  );
  pdf.space(4);
}

function signatures(pdf: PdfWriter, left: [string, string | null], right: [string, string | null]) {
  pdf.space(4);
  pdf.columns(
    [
      { text: left[0], options: { bold: true } },
      { text: '(Ký và ghi rõ họ tên)', options: { size: 7 } },
      { text: '\n\n' },
      { text: left[1] ?? '' },
    ],
    [
      { text: right[0], options: { bold: true } },
      { text: '(Ký và ghi rõ họ tên)', options: { size: 7 } },
      { text: '\n\n' },
      { text: right[1] ?? '' },
    ],
  );
}

const TITLES: Record<OneStopForm, string> = {
  receipt: 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ',
  'supplement-request': 'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ',
  refusal: 'PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ',
  apology: 'PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ',
  'control-sheet': 'PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ',
};

/** Builds the form as a PDF; `event` is what `formEvent` found. */
export async function renderForm(
  form: OneStopForm,
  dossier: Dossier,
  event: Event,
): Promise<Uint8Array> {
  const pdf = await createPdf(form === 'control-sheet' ? 'A5-landscape' : 'A5', {
    title: `${TITLES[form]} — ${dossier.code}`,
    author: event.agencyName,
  });
  heading(pdf, form, event.agencyName, dossier.code, event.occurredAt);
  pdf.text(TITLES[form], { size: 10, bold: true, align: 'center' });
  pdf.text(`Mã hồ sơ: ${dossier.code}`, { align: 'center' });
  pdf.space(3);
  const applicant = `Ông/Bà ${dossier.applicantName}`;
  const request = `Nội dung yêu cầu giải quyết: ${dossier.procedureName}.`;

  switch (form) {
    case 'receipt': {
      pdf.text(
        `Bộ phận tiếp nhận và trả kết quả — ${event.agencyName} tiếp nhận hồ sơ của: ${applicant}.`,
      );
      pdf.text(request);
      pdf.text('1. Thành phần hồ sơ nộp gồm:');
      dossier.files.forEach((file, i) =>
        pdf.text(`${String(i + 1)}) ${file.fileName} (bản điện tử)`, { indent: 12 }),
      );
      pdf.text('2. Số lượng hồ sơ: 01 (bộ).');
      pdf.text(`3. Thời gian nhận hồ sơ: ${clockDate(event.occurredAt)}.`);
      pdf.text(
        `4. Thời gian trả kết quả giải quyết hồ sơ: ${dossier.dueAt ? clockDate(dossier.dueAt) : '—'}.`,
      );
      pdf.text(
        '5. Nhận kết quả tại: tài khoản trên Cổng Dịch vụ công hoặc Bộ phận tiếp nhận và trả kết quả.',
      );
      pdf.text(
        `6. Hình thức nộp: ${dossier.channel === 'online' ? 'trực tuyến' : dossier.channel === 'post' ? 'qua dịch vụ bưu chính' : 'trực tiếp'}.`,
      );
      signatures(
        pdf,
        ['NGƯỜI NỘP HỒ SƠ', dossier.applicantName],
        ['NGƯỜI TIẾP NHẬN HỒ SƠ', event.actorName],
      );
      break;
    }
    case 'supplement-request':
      pdf.text(
        `Ngày ${formatDate(event.occurredAt)}, ${event.agencyName} tiếp nhận hồ sơ của: ${applicant}.`,
      );
      pdf.text(request);
      pdf.text('Yêu cầu hoàn thiện hồ sơ gồm những nội dung sau:', { bold: true });
      pdf.text(event.note ?? '', { indent: 12 });
      pdf.text(
        'Ông/Bà bổ sung, hoàn thiện hồ sơ trực tuyến trong mục "Hồ sơ của tôi" hoặc tại Bộ phận tiếp nhận và trả kết quả. Trong quá trình hoàn thiện hồ sơ, nếu có vướng mắc, xin liên hệ Bộ phận tiếp nhận và trả kết quả để được hướng dẫn.',
      );
      signatures(pdf, ['', null], ['NGƯỜI HƯỚNG DẪN', event.actorName]);
      break;
    case 'refusal':
      pdf.text(`${event.agencyName} tiếp nhận hồ sơ của: ${applicant}.`);
      pdf.text(request);
      pdf.text(
        'Cơ quan xin thông báo không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:',
      );
      pdf.text(event.note ?? '', { indent: 12 });
      pdf.text('Xin thông báo để Ông/Bà được biết và thực hiện.');
      signatures(pdf, ['', null], ['NGƯỜI TIẾP NHẬN HỒ SƠ', event.actorName]);
      break;
    case 'apology': {
      const received = dossier.receivedAt ? formatDate(dossier.receivedAt) : '—';
      const previous =
        typeof event.details.previousDueAt === 'string'
          ? clockDate(event.details.previousDueAt)
          : '—';
      const next = typeof event.details.dueAt === 'string' ? clockDate(event.details.dueAt) : '—';
      pdf.text(
        `Ngày ${received}, ${event.agencyName} tiếp nhận giải quyết hồ sơ của: ${applicant}.`,
      );
      pdf.text(request);
      pdf.text(`Thời gian hẹn trả kết quả giải quyết hồ sơ: ${previous}.`);
      pdf.text(
        `Tuy nhiên đến nay, cơ quan chưa trả kết quả giải quyết hồ sơ của Ông/Bà. Lý do: ${event.note ?? ''}`,
      );
      pdf.text(
        `Sự chậm trễ này đã gây phiền hà cho Ông/Bà. ${event.agencyName} xin lỗi Ông/Bà và sẽ trả kết quả giải quyết hồ sơ cho Ông/Bà vào: ${next}.`,
      );
      pdf.text('Xin trân trọng cảm ơn.');
      signatures(pdf, ['', null], ['THỦ TRƯỞNG CƠ QUAN', event.actorName]);
      break;
    }
    case 'control-sheet': {
      pdf.text(`(Kèm theo Giấy tiếp nhận hồ sơ và hẹn trả kết quả số: ${dossier.code})`, {
        align: 'center',
        size: 7.5,
      });
      pdf.text(
        `Cơ quan giải quyết hồ sơ: ${dossier.agencyName}${dossier.holderAgencyName === dossier.agencyName ? '' : `; cơ quan liên thông: ${dossier.holderAgencyName}`}.`,
      );
      pdf.text(
        `Người nộp: ${dossier.applicantName}. Thời gian hẹn trả: ${dossier.dueAt ? clockDate(dossier.dueAt) : '—'}.`,
      );
      pdf.space(2);
      const rows = controlSheetRows(
        dossier.events.map((e) => ({ ...e, occurredAt: new Date(e.occurredAt) })),
      );
      pdf.table(
        [
          { title: 'BÊN GIAO', share: 0.3 },
          { title: 'BÊN NHẬN', share: 0.3 },
          { title: 'THỜI GIAN GIAO, NHẬN', share: 0.14 },
          { title: 'KẾT QUẢ (đúng hạn / quá hạn)', share: 0.12 },
          { title: 'GHI CHÚ', share: 0.14 },
        ],
        rows.map((r) => [
          r.handedBy,
          r.takenBy,
          formatDateTime(r.at),
          r.result === 'on_time' ? 'Đúng hạn' : r.result === 'late' ? 'Quá hạn' : '',
          r.note ?? '',
        ]),
      );
      break;
    }
  }
  return pdf.save();
}
