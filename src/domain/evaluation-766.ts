/**
 * The index of serving citizens and businesses (Decision 766/QĐ-TTg, 2022): five groups worth 100
 * points. The decision's appendix (each indicator's formula and points) could not be read here;
 * public summaries give the groups' points and the satisfaction group's feedback formulas. So
 * every indicator is data the national office sets, and each says whether its formula is the
 * published one or set locally (docs/decisions/0021). Pure: the server supplies the rates.
 */
import {
  ratio,
  RANKING_RATIO,
  type Indicators,
  type RankingIndicator,
  type Ratio,
} from './indicators.ts';

export const EVALUATION_GROUPS = [
  { key: 'publicity', name: 'Công khai, minh bạch', points: 18 },
  { key: 'progress', name: 'Tiến độ giải quyết', points: 20 },
  { key: 'digitisation', name: 'Số hóa hồ sơ, kết quả giải quyết', points: 22 },
  { key: 'online', name: 'Cung cấp dịch vụ công trực tuyến, thanh toán trực tuyến', points: 22 },
  { key: 'satisfaction', name: 'Mức độ hài lòng', points: 18 },
] as const;
export type EvaluationGroup = (typeof EVALUATION_GROUPS)[number]['key'];

export type EvaluationIndicator = {
  code: string;
  group: EvaluationGroup;
  name: string;
  formula: string;
  /** The rate the system computes for it; null: not measured by the system (scores nothing). */
  measure: RankingIndicator | null;
  points: number;
  /** The formula is the one the decision's public summaries give; otherwise set locally. */
  formulaOfficial: boolean;
};

export type IndicatorScore = { code: string; rate: Ratio | null; points: number | null };

export type EvaluationScore = {
  /** Points earned over the points that could be measured (indicators with a denominator). */
  score: number;
  measurablePoints: number;
  groups: { group: EvaluationGroup; score: number; measurablePoints: number }[];
  indicators: IndicatorScore[];
};

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * An agency's score: each measured indicator earns its points times its rate; one whose rate has
 * nothing to divide by (no feedback, no dossier) is left out of the points measurable, rather than
 * scored 0 or full.
 */
export function scoreIndicators(
  indicators: readonly EvaluationIndicator[],
  figures: Indicators,
): EvaluationScore {
  const scored = indicators.map((indicator) => {
    const rate = indicator.measure ? RANKING_RATIO[indicator.measure](figures) : null;
    const points =
      rate && rate.percent !== null ? (indicator.points * rate.numerator) / rate.denominator : null;
    return { indicator, rate, points };
  });
  const groups = EVALUATION_GROUPS.map(({ key }) => {
    const inGroup = scored.filter((s) => s.indicator.group === key && s.points !== null);
    return {
      group: key,
      score: round2(inGroup.reduce((sum, s) => sum + (s.points ?? 0), 0)),
      measurablePoints: round2(inGroup.reduce((sum, s) => sum + s.indicator.points, 0)),
    };
  });
  return {
    score: round2(groups.reduce((sum, g) => sum + g.score, 0)),
    measurablePoints: round2(groups.reduce((sum, g) => sum + g.measurablePoints, 0)),
    groups,
    indicators: scored.map((s) => ({
      code: s.indicator.code,
      rate: s.rate,
      points: s.points === null ? null : round2(s.points),
    })),
  };
}

/** The score as a share of what could be measured, to rank agencies measured on different things. */
export const scoreShare = (score: EvaluationScore): Ratio =>
  ratio(Math.round(score.score * 100), Math.round(score.measurablePoints * 100));

/** Points that would exceed a group's total once an indicator is given `points`; 0 when none. */
export function pointsOverGroup(
  indicators: readonly EvaluationIndicator[],
  code: string,
  points: number,
): number {
  const changed = indicators.find((i) => i.code === code);
  if (!changed) return 0;
  const total = indicators
    .filter((i) => i.group === changed.group)
    .reduce((sum, i) => sum + (i.code === code ? points : i.points), 0);
  const max = EVALUATION_GROUPS.find((g) => g.key === changed.group)?.points ?? 0;
  return Math.max(0, round2(total - max));
}

/**
 * What the system starts with: the indicators it can compute, with the group's points shared
 * among them. The feedback rates' formulas are published; the others are this system's reading.
 */
export const DEFAULT_EVALUATION_INDICATORS: readonly EvaluationIndicator[] = [
  {
    code: 'publicity.catalog',
    group: 'publicity',
    name: 'Công khai thủ tục hành chính, tiến độ và kết quả giải quyết hồ sơ',
    formula: 'Chưa được hệ thống đo tự động: chưa tính điểm',
    measure: null,
    points: 18,
    formulaOfficial: false,
  },
  {
    code: 'progress.on_time',
    group: 'progress',
    name: 'Tỷ lệ hồ sơ giải quyết trước hạn, đúng hạn',
    formula: 'Số hồ sơ giải quyết trước hạn và đúng hạn / tổng số hồ sơ đã giải quyết',
    measure: 'onTimeRate',
    points: 20,
    formulaOfficial: false,
  },
  {
    code: 'digitisation.result',
    group: 'digitisation',
    name: 'Tỷ lệ kết quả giải quyết được trả dưới dạng điện tử có ký số',
    formula: 'Số hồ sơ có kết quả điện tử ký số / tổng số hồ sơ đã giải quyết',
    measure: 'electronicResultRate',
    points: 22,
    formulaOfficial: false,
  },
  {
    code: 'online.full_services',
    group: 'online',
    name: 'Tỷ lệ dịch vụ công trực tuyến toàn trình',
    formula: 'Số dịch vụ công trực tuyến toàn trình / tổng số thủ tục hành chính đã công bố',
    measure: 'fullOnlineShare',
    points: 8,
    formulaOfficial: false,
  },
  {
    code: 'online.dossiers',
    group: 'online',
    name: 'Tỷ lệ hồ sơ nộp trực tuyến',
    formula: 'Số hồ sơ tiếp nhận trực tuyến / tổng số hồ sơ tiếp nhận',
    measure: 'onlineRate',
    points: 8,
    formulaOfficial: false,
  },
  {
    code: 'online.payment',
    group: 'online',
    name: 'Tỷ lệ hồ sơ thanh toán trực tuyến',
    formula: 'Số hồ sơ nộp phí, lệ phí trực tuyến / tổng số hồ sơ có phí, lệ phí',
    measure: 'onlinePaymentRate',
    points: 6,
    formulaOfficial: false,
  },
  {
    code: 'satisfaction.feedback_on_time',
    group: 'satisfaction',
    name: 'Tỷ lệ phản ánh, kiến nghị được xử lý đúng hạn',
    formula:
      'Số phản ánh, kiến nghị được xử lý trước và trong thời hạn / tổng số phản ánh, kiến nghị thuộc thẩm quyền',
    measure: 'feedbackOnTimeRate',
    points: 6,
    formulaOfficial: true,
  },
  {
    code: 'satisfaction.feedback',
    group: 'satisfaction',
    name: 'Mức độ hài lòng trong tiếp nhận, xử lý phản ánh, kiến nghị',
    formula:
      '(Tổng số phản ánh, kiến nghị − số phản ánh, kiến nghị không hài lòng hoặc xử lý quá hạn) / tổng số phản ánh, kiến nghị',
    measure: 'feedbackSatisfactionRate',
    points: 6,
    formulaOfficial: true,
  },
  {
    code: 'satisfaction.dossiers',
    group: 'satisfaction',
    name: 'Mức độ hài lòng trong giải quyết thủ tục hành chính',
    formula:
      'Số đánh giá hài lòng (từ 3 điểm) / tổng số đánh giá của người nộp hồ sơ (công thức của Quyết định chưa đọc được)',
    measure: 'satisfactionRate',
    points: 6,
    formulaOfficial: false,
  },
];
