import { describe, expect, it } from 'vitest';
import {
  describeFeeChoice,
  dueAtSubmission,
  feeFor,
  feeScheduleProblems,
  lowestFee,
  type FeeSchedule,
} from './fees.ts';

const copies: FeeSchedule = {
  kind: 'by_quantity',
  unitVnd: 8_000,
  unitLabel: 'bản sao',
  maxQuantity: 20,
  payAt: 'submission',
  exemptions: ['poor_household'],
};

describe('fees', () => {
  it('charges a fixed fee, an option’s fee or a fee per unit', () => {
    expect(feeFor({ kind: 'none' }, {})).toEqual({ ok: true, amountVnd: 0, exempt: false });
    expect(
      feeFor({ kind: 'fixed', amountVnd: 50_000, payAt: 'submission', exemptions: [] }, {}),
    ).toEqual({ ok: true, amountVnd: 50_000, exempt: false });
    const options: FeeSchedule = {
      kind: 'by_option',
      options: [
        { key: 'thuong', label: 'Cấp thông thường', amountVnd: 100_000 },
        { key: 'nhanh', label: 'Cấp nhanh', amountVnd: 250_000 },
      ],
      payAt: 'on_request',
      exemptions: [],
    };
    expect(feeFor(options, { option: 'nhanh' })).toMatchObject({ amountVnd: 250_000 });
    expect(feeFor(options, {})).toEqual({ ok: false, refusal: 'option_required' });
    expect(feeFor(copies, { quantity: 3 })).toMatchObject({ amountVnd: 24_000 });
    for (const quantity of [0, 21, 1.5, undefined])
      expect(feeFor(copies, { quantity })).toEqual({ ok: false, refusal: 'quantity_invalid' });
    expect(lowestFee(options)).toBe(100_000);
    expect(dueAtSubmission(copies)).toBe(true);
    expect(dueAtSubmission(options)).toBe(false);
  });

  it('exempts only the groups the schedule lists', () => {
    expect(feeFor(copies, { exemption: 'poor_household' })).toEqual({
      ok: true,
      amountVnd: 0,
      exempt: true,
    });
    expect(feeFor(copies, { exemption: 'disabled_person', quantity: 1 })).toEqual({
      ok: false,
      refusal: 'exemption_not_listed',
    });
    expect(describeFeeChoice(copies, { exemption: 'poor_household' })).toBe(
      'Miễn phí, lệ phí: Người thuộc hộ nghèo',
    );
    expect(describeFeeChoice(copies, { quantity: 3 })).toBe('3 bản sao');
  });

  it('finds options a schedule could not tell apart', () => {
    const schedule: FeeSchedule = {
      kind: 'by_option',
      options: [
        { key: 'ban-sao', label: 'Bản sao', amountVnd: 8_000 },
        { key: 'ban-sao', label: ' ', amountVnd: 10_000 },
      ],
      payAt: 'submission',
      exemptions: [],
    };
    expect(feeScheduleProblems(schedule).map((p) => p.field)).toEqual([
      '/feeSchedule/options/1/key',
      '/feeSchedule/options/1/label',
    ]);
    expect(feeScheduleProblems(copies)).toEqual([]);
  });
});
