/**
 * Citizens' and businesses' feedback (phản ánh, kiến nghị, PAKN): its states, its categories, the
 * code a sender follows it by, what makes two items the same, and what is removed before an answer
 * is published. Decision 0018 gives the legal times and why they are what they are.
 */

import { plainWords } from './search-suggestions.ts';

/**
 * Where an item stands. `received`: at the receiving desk, waiting to be classified;
 * `rejected` (outside the scope, the sender told why) and `merged` (a duplicate, counted once
 * under the item it joined) end it there. `forwarded`: at the competent agency's desk;
 * `assigned`: an officer drafts the answer; `awaiting_approval`: the leader reads the draft;
 * `answered`: the answer went out.
 */
export const FEEDBACK_STATES = [
  'received',
  'rejected',
  'merged',
  'forwarded',
  'assigned',
  'awaiting_approval',
  'answered',
] as const;
export type FeedbackState = (typeof FEEDBACK_STATES)[number];

export const CLOSED_FEEDBACK_STATES: readonly FeedbackState[] = ['rejected', 'merged', 'answered'];

/** What the feedback is about: a regulation or procedure, or how one of the sender's dossiers is handled. */
export type FeedbackSubject = 'regulation' | 'handling';

export type FeedbackCategory = {
  /** Stable; also the Open311 `service_code`. */
  code: string;
  name: string;
  description: string;
  subject: FeedbackSubject;
  /** Working days the competent agency has to answer, counted from the forwarding. */
  answerDays: number;
  /** Working days one extension adds. */
  extensionDays: number;
};

/**
 * The categories a new installation starts with. Ten working days to answer and one extension of
 * ten: the times of Decree 20/2008/NĐ-CP as amended by Decree 92/2017/NĐ-CP as we read them
 * (decision 0018); the national office changes them per category.
 */
export const DEFAULT_FEEDBACK_CATEGORIES: readonly FeedbackCategory[] = [
  {
    code: 'quy-dinh-hanh-chinh',
    name: 'Quy định hành chính, thủ tục hành chính',
    description:
      'Phản ánh, kiến nghị về nội dung quy định, thủ tục hành chính: không hợp pháp, không hợp lý, không thống nhất, gây khó khăn.',
    subject: 'regulation',
    answerDays: 10,
    extensionDays: 10,
  },
  {
    code: 'giai-quyet-ho-so',
    name: 'Giải quyết hồ sơ, thủ tục hành chính',
    description:
      'Phản ánh về việc giải quyết một hồ sơ: trễ hẹn, yêu cầu thêm giấy tờ không có trong quy định, nhũng nhiễu.',
    subject: 'handling',
    answerDays: 10,
    extensionDays: 10,
  },
  {
    code: 'thai-do-phuc-vu',
    name: 'Hành vi, thái độ của cán bộ, công chức',
    description:
      'Phản ánh về hành vi, thái độ của cán bộ, công chức khi hướng dẫn, tiếp nhận, giải quyết thủ tục hành chính.',
    subject: 'handling',
    answerDays: 10,
    extensionDays: 10,
  },
  {
    code: 'dich-vu-cong-truc-tuyen',
    name: 'Dịch vụ công trực tuyến',
    description: 'Phản ánh về lỗi, sự cố, khó khăn khi nộp hồ sơ, thanh toán trực tuyến.',
    subject: 'regulation',
    answerDays: 10,
    extensionDays: 10,
  },
];

/** A code the sender follows the item by: `PAKN-20261203-000042` (the date received, a number). */
export function formatFeedbackCode(receivedDate: string, number: number): string {
  return `PAKN-${receivedDate.replaceAll('-', '')}-${String(number).padStart(6, '0')}`;
}

export const FEEDBACK_CODE_PATTERN = /^PAKN-\d{8}-\d{6,}$/;

/**
 * How alike two texts are, from 0 to 1: the share of their words (without diacritics) in common
 * (Jaccard). Re-sending the same complaint with a comma moved or a word added scores above 0.8.
 */
export function textSimilarity(a: string, b: string): number {
  const left = new Set(plainWords(a));
  const right = new Set(plainWords(b));
  if (left.size === 0 && right.size === 0) return 1;
  let shared = 0;
  for (const word of left) if (right.has(word)) shared++;
  return shared / (left.size + right.size - shared);
}

/** Same sender, within a day, and at least this alike: the second is the first sent again. */
export const DUPLICATE_SIMILARITY = 0.8;
export const DUPLICATE_WINDOW_MS = 24 * 60 * 60 * 1000;

const MASK = '***';

/**
 * The text as it may be published: without the sender's name, phone numbers, e-mail addresses and
 * identity or tax numbers (9 to 13 digits, spaces and dots allowed inside). What cannot be
 * recognised by its shape (a street address typed in the text) is the approving leader's to see:
 * the page shows them the text exactly as it will appear.
 */
export function redactPersonalData(text: string, names: readonly string[] = []): string {
  let redacted = text
    .replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/gu, MASK)
    .replace(/(\+84|\b0)[\s.-]?\d(?:[\s.-]?\d){7,9}\b/gu, MASK)
    .replace(/\b\d(?:[\s.]?\d){8,12}\b/gu, MASK);
  for (const name of names) {
    const trimmed = name.trim();
    if (trimmed.length < 2) continue;
    redacted = redacted.replace(new RegExp(escapeRegExp(trimmed), 'giu'), MASK);
  }
  return redacted;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Open311 GeoReport v2 knows two statuses; `status_notes` says the rest. */
export function open311Status(state: FeedbackState): 'open' | 'closed' {
  return CLOSED_FEEDBACK_STATES.includes(state) ? 'closed' : 'open';
}

/** What each state means to the sender, in their words. */
export const FEEDBACK_STATE_LABELS: Record<FeedbackState, string> = {
  received: 'Đã tiếp nhận, đang phân loại',
  rejected: 'Không thuộc phạm vi xử lý',
  merged: 'Đã gộp với phản ánh cùng nội dung',
  forwarded: 'Đã chuyển cơ quan có thẩm quyền',
  assigned: 'Cơ quan có thẩm quyền đang xử lý',
  awaiting_approval: 'Đang trình lãnh đạo duyệt trả lời',
  answered: 'Đã trả lời',
};

/** The message a member system sends the national portal about feedback the portal sent it. */
export const FEEDBACK_PROGRESS = 'feedback.progress';

/** The feedback figures whose items an officer may list (the drill-down behind each number). */
export const FEEDBACK_MEASURES = [
  'received',
  'withinScope',
  'answered',
  'answeredOnTime',
  'late',
  'published',
  'unsatisfied',
] as const;
export type FeedbackMeasure = (typeof FEEDBACK_MEASURES)[number];
