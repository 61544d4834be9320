import { Alert, Form, InputNumber, Select } from 'antd';
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

/** What the applicant chooses that sets the fee (option, quantity, exempt group), and the amount it comes to. */
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
  const problemOf = (field: keyof FeeChoice) =>
    problems.find((p) => p.field === `/feeChoice/${field}`)?.message;
  const fee = feeFor(schedule, value);
  const item = (field: keyof FeeChoice, label: string) => {
    const problem = problemOf(field);
    return {
      label,
      ...(problem ? { validateStatus: 'error' as const, help: problem } : {}),
    };
  };
  return (
    <Form layout="vertical" component="div" data-testid="fee-choice">
      {schedule.kind === 'by_option' && (
        <Form.Item {...item('option', t('fee.choice.option'))} required>
          <Select
            aria-label={t('fee.choice.option')}
            showSearch={{ optionFilterProp: 'label' }}
            value={value.option}
            onChange={(option: string) => onChange({ ...value, option })}
            options={schedule.options.map((o) => ({ value: o.key, label: o.label }))}
            optionRender={(option) => {
              const chosen = schedule.options.find((o) => o.key === option.value);
              return chosen ? `${chosen.label} — ${formatMoney(chosen.amountVnd)}` : null;
            }}
          />
        </Form.Item>
      )}
      {schedule.kind === 'by_quantity' && (
        <Form.Item {...item('quantity', t('fee.choice.quantity', { unit: schedule.unitLabel }))}>
          <InputNumber
            aria-label={t('fee.choice.quantity', { unit: schedule.unitLabel })}
            min={1}
            max={schedule.maxQuantity}
            precision={0}
            value={value.quantity}
            onChange={(quantity) => onChange({ ...value, quantity: quantity ?? undefined })}
          />
        </Form.Item>
      )}
      {schedule.exemptions.length > 0 && (
        <Form.Item {...item('exemption', t('fee.choice.exemption'))}>
          <Select
            aria-label={t('fee.choice.exemption')}
            value={value.exemption ?? ''}
            onChange={(exemption: string) =>
              onChange({
                ...value,
                exemption: exemption ? (exemption as FeeChoice['exemption']) : undefined,
              })
            }
            options={[
              { value: '', label: t('fee.choice.noExemption') },
              ...schedule.exemptions.map((e) => ({
                value: e,
                label: FEE_EXEMPTION_LABELS[e][locale],
              })),
            ]}
          />
        </Form.Item>
      )}
      {fee.ok && (
        <Alert
          type={fee.exempt ? 'success' : 'info'}
          showIcon
          data-testid="fee-total"
          title={
            fee.exempt
              ? t('fee.choice.exempt')
              : `${t('fee.choice.total')}: ${formatMoney(fee.amountVnd)} (${t(`fee.payAt.${schedule.payAt}`)})`
          }
        />
      )}
    </Form>
  );
}
