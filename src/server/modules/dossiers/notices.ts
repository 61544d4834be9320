import { DOSSIER_ACTION_LABELS, type DossierAction } from '../../../domain/dossier-lifecycle.ts';
import { formatDateTime, formatMoney } from '../../../domain/vietnam-time.ts';
import type { ActionDossier } from './repository.lifecycle.ts';

/** What the applicant is told, in plain Vietnamese, for the events that concern them. */
export function applicantNotice(
  action: DossierAction,
  row: ActionDossier,
  facts: { note: string | null; dueAt: Date | null; targetName?: string | undefined },
): { title: string; body: string } | undefined {
  const title = `Hồ sơ ${row.code}: ${DOSSIER_ACTION_LABELS[action].vi.toLowerCase()}`;
  const intro = `Hồ sơ ${row.code} (${row.procedure_name}) của ông/bà ${row.applicant_name}`;
  const due = facts.dueAt ? formatDateTime(facts.dueAt) : '';
  switch (action) {
    case 'receive':
      return { title, body: `${intro} đã được tiếp nhận. Thời gian hẹn trả kết quả: ${due}.` };
    case 'request_supplement':
      return {
        title,
        body: `${intro} cần bổ sung, hoàn thiện. Nội dung cần bổ sung: ${facts.note ?? ''}. Vui lòng bổ sung trực tuyến trong mục Hồ sơ của tôi.`,
      };
    case 'refuse':
      return { title, body: `${intro} bị từ chối giải quyết. Lý do: ${facts.note ?? ''}.` };
    case 'transfer':
      return {
        title,
        body: `${intro} đã được chuyển liên thông đến ${facts.targetName ?? 'cơ quan khác'} để tiếp tục giải quyết.`,
      };
    case 'approve':
      return { title, body: `${intro} đã có kết quả giải quyết.` };
    case 'reschedule':
      return {
        title,
        body: `Cơ quan giải quyết xin lỗi ông/bà vì ${intro.charAt(0).toLowerCase()}${intro.slice(1)} chưa giải quyết xong đúng hẹn. Lý do: ${facts.note ?? ''}. Thời gian hẹn trả kết quả mới: ${due}.`,
      };
    case 'return_result':
      return { title, body: `${intro} đã được trả kết quả.` };
    case 'withdraw':
      return { title, body: `${intro} đã được rút theo đề nghị.` };
    case 'request_fee':
      return {
        title,
        body: `${intro} cần nộp phí, lệ phí ${formatMoney(row.fee_due_vnd)} để tiếp tục giải quyết. Vui lòng thanh toán trực tuyến trong mục Hồ sơ của tôi; thời gian chờ nộp không tính vào thời hạn giải quyết.${facts.note ? ` Ghi chú của cán bộ: ${facts.note}.` : ''}`,
      };
    case 'submit':
    case 'register':
    case 'supplement':
    case 'claim':
    case 'assign':
    case 'forward':
    case 'send_back':
    case 'request_opinion':
    case 'record_opinion':
    case 'accept_transfer':
    case 'rate':
    case 'pay': // the payments module tells the applicant, with the receipt number
    case 'reorganise': // the reorganisation tells the applicant itself
      return undefined;
  }
}
