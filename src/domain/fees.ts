/**
 * Fees and charges (phí, lệ phí) of a procedure version: none, a fixed amount, an amount per
 * chosen option, or an amount per unit (copies, pages); groups the law exempts pay nothing. The
 * fee is due at submission or when the officer asks for it during processing.
 */
export type FeeExemption =
  'meritorious_family' | 'poor_household' | 'ethnic_minority_hard_area' | 'disabled_person';

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
