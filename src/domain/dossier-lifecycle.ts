/**
 * The dossier lifecycle of the one-stop shop (Decree 61/2018/NĐ-CP, amended by Decree 107/2021/NĐ-CP).
 * Overdue is derived from the due time and is never a status.
 */
export const DOSSIER_STATUSES = [
  'draft',
  'submitted',
  'received',
  'processing',
  'supplement_requested',
  'paused',
  'result_ready',
  'returned',
  'refused',
  'withdrawn',
  'transferred',
] as const;
export type DossierStatus = (typeof DOSSIER_STATUSES)[number];

export const DOSSIER_CHANNELS = ['online', 'counter', 'post'] as const;
export type DossierChannel = (typeof DOSSIER_CHANNELS)[number];

/** Actions implemented so far; the processing issue adds the rest of the lifecycle here. */
export type DossierAction = 'submit' | 'receive';

type Transition = { from: readonly DossierStatus[]; to: DossierStatus };

const TRANSITIONS: Record<DossierAction, Transition> = {
  submit: { from: ['draft'], to: 'submitted' },
  receive: { from: ['submitted'], to: 'received' },
};

/** The status an action leads to, or undefined when the law does not allow it from `status`. */
export function nextStatus(
  status: DossierStatus,
  action: DossierAction,
): DossierStatus | undefined {
  const transition = TRANSITIONS[action];
  return transition.from.includes(status) ? transition.to : undefined;
}

export const DOSSIER_STATUS_LABELS: Record<DossierStatus, { vi: string; en: string }> = {
  draft: { vi: 'Bản nháp', en: 'Draft' },
  submitted: { vi: 'Đã nộp, chờ tiếp nhận', en: 'Submitted, awaiting reception' },
  received: { vi: 'Đã tiếp nhận', en: 'Received' },
  processing: { vi: 'Đang xử lý', en: 'Processing' },
  supplement_requested: { vi: 'Yêu cầu bổ sung hồ sơ', en: 'Supplement requested' },
  paused: { vi: 'Tạm dừng', en: 'Paused' },
  result_ready: { vi: 'Đã có kết quả', en: 'Result ready' },
  returned: { vi: 'Đã trả kết quả', en: 'Result returned' },
  refused: { vi: 'Từ chối tiếp nhận', en: 'Refused' },
  withdrawn: { vi: 'Đã rút hồ sơ', en: 'Withdrawn' },
  transferred: { vi: 'Đã chuyển liên thông', en: 'Transferred' },
};

export const DOSSIER_CHANNEL_LABELS: Record<DossierChannel, { vi: string; en: string }> = {
  online: { vi: 'Trực tuyến', en: 'Online' },
  counter: { vi: 'Trực tiếp tại Bộ phận Một cửa', en: 'At the one-stop desk' },
  post: { vi: 'Qua dịch vụ bưu chính', en: 'By post' },
};
