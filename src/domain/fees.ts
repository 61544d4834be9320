/**
 * Fees and charges (phí, lệ phí) of a procedure version: none, a fixed amount, an amount per
 * chosen option, or an amount per unit (copies, pages); groups the law exempts pay nothing. The
 * fee is due at submission or when the officer asks for it during processing.
 */
export const FEE_EXEMPTIONS = [
  'meritorious_family',
  'poor_household',
  'ethnic_minority_hard_area',
  'disabled_person',
] as const;
export type FeeExemption = (typeof FEE_EXEMPTIONS)[number];

export const FEE_EXEMPTION_LABELS: Record<FeeExemption, { vi: string; en: string }> = {
  meritorious_family: {
    vi: 'Gia đình người có công với cách mạng',
    en: 'Family of a person with meritorious service to the revolution',
  },
  poor_household: { vi: 'Người thuộc hộ nghèo', en: 'Member of a poor household' },
  ethnic_minority_hard_area: {
    vi: 'Người dân tộc thiểu số ở xã có điều kiện kinh tế - xã hội đặc biệt khó khăn',
    en: 'Ethnic minority person in an especially disadvantaged commune',
  },
  disabled_person: { vi: 'Người khuyết tật', en: 'Person with a disability' },
};

export type FeeOption = { key: string; label: string; amountVnd: number };

export type FeeSchedule =
  | { kind: 'none' }
  | {
      kind: 'fixed';
      amountVnd: number;
      payAt: FeeDueAt;
      exemptions: FeeExemption[];
    }
  | {
      kind: 'by_option';
      options: FeeOption[];
      payAt: FeeDueAt;
      exemptions: FeeExemption[];
    }
  | {
      kind: 'by_quantity';
      unitVnd: number;
      unitLabel: string;
      maxQuantity: number;
      payAt: FeeDueAt;
      exemptions: FeeExemption[];
    };

export type FeeDueAt = 'submission' | 'on_request';

/** What the applicant declared on the form that bears on the fee. */
export type FeeChoice = {
  option?: string | undefined;
  quantity?: number | undefined;
  exemption?: FeeExemption | undefined;
};

export type FeeRefusal = 'option_required' | 'quantity_invalid' | 'exemption_not_listed';

/** Where on the submission each refusal points, and what it tells the applicant. */
export const FEE_REFUSALS: Record<FeeRefusal, { field: string; vi: string; en: string }> = {
  option_required: {
    field: 'option',
    vi: 'Vui lòng chọn loại yêu cầu để tính phí, lệ phí',
    en: 'Choose what you apply for, to work out the fee',
  },
  quantity_invalid: {
    field: 'quantity',
    vi: 'Số lượng không hợp lệ',
    en: 'The quantity is not valid',
  },
  exemption_not_listed: {
    field: 'exemption',
    vi: 'Thủ tục này không miễn phí, lệ phí cho đối tượng đã chọn',
    en: 'This procedure does not exempt the chosen group',
  },
};

export type FeeAmount =
  { ok: true; amountVnd: number; exempt: boolean } | { ok: false; refusal: FeeRefusal };

/** The amount due for a choice, or why the choice does not fit the schedule. */
export function feeFor(schedule: FeeSchedule, choice: FeeChoice): FeeAmount {
  if (schedule.kind === 'none') return { ok: true, amountVnd: 0, exempt: false };
  if (choice.exemption !== undefined) {
    if (!schedule.exemptions.includes(choice.exemption))
      return { ok: false, refusal: 'exemption_not_listed' };
    return { ok: true, amountVnd: 0, exempt: true };
  }
  switch (schedule.kind) {
    case 'fixed':
      return { ok: true, amountVnd: schedule.amountVnd, exempt: false };
    case 'by_option': {
      const option = schedule.options.find((o) => o.key === choice.option);
      return option
        ? { ok: true, amountVnd: option.amountVnd, exempt: false }
        : { ok: false, refusal: 'option_required' };
    }
    case 'by_quantity': {
      const quantity = choice.quantity;
      if (
        quantity === undefined ||
        !Number.isInteger(quantity) ||
        quantity < 1 ||
        quantity > schedule.maxQuantity
      )
        return { ok: false, refusal: 'quantity_invalid' };
      return { ok: true, amountVnd: schedule.unitVnd * quantity, exempt: false };
    }
  }
}

/** The applicant's choice in words, as the dossier shows it (null: a fixed fee, nothing chosen). */
export function describeFeeChoice(schedule: FeeSchedule, choice: FeeChoice): string | null {
  if (schedule.kind === 'none') return null;
  if (choice.exemption) return `Miễn phí, lệ phí: ${FEE_EXEMPTION_LABELS[choice.exemption].vi}`;
  if (schedule.kind === 'by_option')
    return schedule.options.find((o) => o.key === choice.option)?.label ?? null;
  if (schedule.kind === 'by_quantity' && choice.quantity !== undefined)
    return `${String(choice.quantity)} ${schedule.unitLabel}`;
  return null;
}

/** The smallest amount anyone pays (what the catalog shows as "from"), exemptions aside. */
export function lowestFee(schedule: FeeSchedule): number {
  switch (schedule.kind) {
    case 'none':
      return 0;
    case 'fixed':
      return schedule.amountVnd;
    case 'by_option':
      return Math.min(...schedule.options.map((o) => o.amountVnd));
    case 'by_quantity':
      return schedule.unitVnd;
  }
}

/** Whether the applicant pays online before the dossier is received. */
export function dueAtSubmission(schedule: FeeSchedule): boolean {
  return schedule.kind !== 'none' && schedule.payAt === 'submission';
}

/** The schedule with only the properties its kind has, in a stable order (what is stored). */
export function canonicalFeeSchedule(schedule: FeeSchedule): FeeSchedule {
  if (schedule.kind === 'none') return { kind: 'none' };
  const terms = { payAt: schedule.payAt, exemptions: [...schedule.exemptions] };
  switch (schedule.kind) {
    case 'fixed':
      return { kind: 'fixed', amountVnd: schedule.amountVnd, ...terms };
    case 'by_option':
      return {
        kind: 'by_option',
        options: schedule.options.map(({ key, label, amountVnd }) => ({ key, label, amountVnd })),
        ...terms,
      };
    case 'by_quantity':
      return {
        kind: 'by_quantity',
        unitVnd: schedule.unitVnd,
        unitLabel: schedule.unitLabel,
        maxQuantity: schedule.maxQuantity,
        ...terms,
      };
  }
}

/** What keeps a schedule from being charged: options with the same key, an empty label. */
export function feeScheduleProblems(schedule: FeeSchedule): { field: string; message: string }[] {
  if (schedule.kind !== 'by_option') return [];
  const problems: { field: string; message: string }[] = [];
  const seen = new Set<string>();
  schedule.options.forEach((option, index) => {
    if (seen.has(option.key))
      problems.push({
        field: `/feeSchedule/options/${String(index)}/key`,
        message: `Mã lựa chọn "${option.key}" bị trùng`,
      });
    seen.add(option.key);
    if (!option.label.trim())
      problems.push({
        field: `/feeSchedule/options/${String(index)}/label`,
        message: 'Vui lòng nhập tên lựa chọn',
      });
  });
  return problems;
}
