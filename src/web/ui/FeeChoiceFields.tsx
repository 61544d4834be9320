import type { ReactNode } from 'react';
import {
  FEE_EXEMPTION_LABELS,
  feeFor,
  type FeeChoice,
  type FeeSchedule,
} from '../../domain/fees.ts';
import { formatMoney } from '../../domain/vietnam-time.ts';
import type { FieldProblem } from '../api.ts';
import { useI18n, type Translate } from '../i18n.tsx';

/** A schedule in one line, as the procedure's page shows it: the amount, or where amounts start, and when it is paid. */
export function feeScheduleText(schedule: FeeSchedule, t: Translate): string {
  switch (schedule.kind) {
    case 'none':
      return t('service.free');
    case 'fixed':
      return `${formatMoney(schedule.amountVnd)} (${t(`fee.payAt.${schedule.payAt}`)})`;
    case 'by_option':
      return `${schedule.options.map((o) => `${o.label}: ${formatMoney(o.amountVnd)}`).join('; ')} (${t(`fee.payAt.${schedule.payAt}`)})`;
    case 'by_quantity':
      return `${t('fee.perUnit', { amount: formatMoney(schedule.unitVnd), unit: schedule.unitLabel })} (${t(`fee.payAt.${schedule.payAt}`)})`;
  }
}

/** What the applicant chooses that sets the fee (option,/** What the applicant chooses that sets the fee (option, quantity, exempt group), and the amount it comes to. */
export function FeeChoiceFields({
  schedule,
  value,
  onChange,
  problems,
}: {
  schedule: FeeSchedule;
  value: FeeChoice;
  onChange: (choice: FeeChoice) => void;
  problems: FieldProblem[];
}) {
  const { t, locale } = useI18n();
  if (schedule.kind === 'none') return null;
  const fee = feeFor(schedule, value);
  const field = (
    name: keyof FeeChoice,
    label: string,
    control: (id: string, describedBy?: string) => ReactNode,
  ) => {
    const id = `fee-${name}`;
    const problem = problems.find((p) => p.field === `/feeChoice/${name}`)?.message;
    return (
      <div className={`form-field${problem ? ' form-field-invalid' : ''}`}>
        <label htmlFor={id}>{label}</label>
        {control(id, problem ? `${id}__error` : undefined)}
        {problem && (
          <p id={`${id}__error`} className="form-error">
            {problem}
          </p>
        )}
      </div>
    );
  };
  return (
    <div className="stack" data-testid="fee-choice">
      {schedule.kind === 'by_option' &&
        field('option', t('fee.choice.option'), (id, describedBy) => (
          <select
            id={id}
            aria-describedby={describedBy}
            aria-required
            value={value.option ?? ''}
            onChange={(event) => onChange({ ...value, option: event.target.value || undefined })}
          >
            <option value="">{t('form.choose')}</option>
            {schedule.options.map((o) => (
              <option key={o.key} value={o.key}>
                {`${o.label} — ${formatMoney(o.amountVnd)}`}
              </option>
            ))}
          </select>
        ))}
      {schedule.kind === 'by_quantity' &&
        field(
          'quantity',
          t('fee.choice.quantity', { unit: schedule.unitLabel }),
          (id, describedBy) => (
            <input
              id={id}
              aria-describedby={describedBy}
              type="number"
              inputMode="numeric"
              min={1}
              max={schedule.maxQuantity}
              step={1}
              value={value.quantity ?? ''}
              onChange={(event) => {
                const quantity = Number.parseInt(event.target.value, 10);
                onChange({ ...value, quantity: Number.isFinite(quantity) ? quantity : undefined });
              }}
            />
          ),
        )}
      {schedule.exemptions.length > 0 &&
        field('exemption', t('fee.choice.exemption'), (id, describedBy) => (
          <select
            id={id}
            aria-describedby={describedBy}
            value={value.exemption ?? ''}
            onChange={(event) =>
              onChange({
                ...value,
                exemption: event.target.value
                  ? (event.target.value as FeeChoice['exemption'])
                  : undefined,
              })
            }
          >
            <option value="">{t('fee.choice.noExemption')}</option>
            {schedule.exemptions.map((e) => (
              <option key={e} value={e}>
                {FEE_EXEMPTION_LABELS[e][locale]}
              </option>
            ))}
          </select>
        ))}
      {fee.ok && (
        <p
          className={`notice ${fee.exempt ? 'notice-success' : 'notice-info'}`}
          data-testid="fee-total"
          role="status"
        >
          {fee.exempt
            ? t('fee.choice.exempt')
            : `${t('fee.choice.total')}: ${formatMoney(fee.amountVnd)} (${t(`fee.payAt.${schedule.payAt}`)})`}
        </p>
      )}
    </div>
  );
}
