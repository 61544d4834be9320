import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, Input, InputNumber, Radio, Select, Space } from 'antd';
import {
  FEE_EXEMPTION_LABELS,
  FEE_EXEMPTIONS,
  type FeeDueAt,
  type FeeExemption,
  type FeeSchedule,
} from '../../domain/fees.ts';
import { useI18n } from '../i18n.tsx';

const KINDS: readonly FeeSchedule['kind'][] = ['none', 'fixed', 'by_option', 'by_quantity'];

type Terms = { payAt: FeeDueAt; exemptions: FeeExemption[] };

/** The terms a schedule keeps when its kind changes. */
const termsOf = (schedule: FeeSchedule): Terms =>
  schedule.kind === 'none'
    ? { payAt: 'submission', exemptions: [] }
    : { payAt: schedule.payAt, exemptions: schedule.exemptions };

/**
 * A schedule of another kind, with example amounts. Its labels are the service's content, read by
 * citizens: Vietnamese whatever the administrator's locale.
 */
function withKind(kind: FeeSchedule['kind'], from: FeeSchedule): FeeSchedule {
  const terms = termsOf(from);
  switch (kind) {
    case 'none':
      return { kind };
    case 'fixed':
      return { kind, amountVnd: 50_000, ...terms };
    case 'by_option':
      return {
        kind,
        options: [
          { key: 'muc-1', label: 'Thông thường', amountVnd: 50_000 },
          { key: 'muc-2', label: 'Cấp nhanh', amountVnd: 100_000 },
        ],
        ...terms,
      };
    case 'by_quantity':
      return { kind, unitVnd: 10_000, unitLabel: 'bản sao', maxQuantity: 10, ...terms };
  }
}

/** The designer's fee section: the kind of schedule, its amounts, when it is paid and who is exempt. */
export function FeeScheduleEditor({
  value,
  onChange,
}: {
  value: FeeSchedule;
  onChange: (schedule: FeeSchedule) => void;
}) {
  const { t, locale } = useI18n();
  const money = (amount: number, set: (amount: number) => void, label: string, min = 1) => (
    <InputNumber
      aria-label={label}
      min={min}
      max={1_000_000_000}
      step={10_000}
      value={amount}
      onChange={(v) => set(v ?? min)}
      formatter={(v) => String(v).replace(/\B(?=(\d{3})+(?!\d))/g, '.')}
      parser={(v) => Number((v ?? '').replace(/\./g, ''))}
      suffix="đ"
    />
  );
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="fee-schedule">
      <Select
        aria-label={t('fees.kindLabel')}
        showSearch={{ optionFilterProp: 'label' }}
        style={{ minWidth: 280 }}
        value={value.kind}
        onChange={(kind: FeeSchedule['kind']) => onChange(withKind(kind, value))}
        options={KINDS.map((kind) => ({ value: kind, label: t(`fees.kind.${kind}`) }))}
      />
      {value.kind === 'fixed' &&
        money(value.amountVnd, (amountVnd) => onChange({ ...value, amountVnd }), t('fees.amount'))}
      {value.kind === 'by_option' && (
        <>
          {value.options.map((option, index) => (
            <Space key={option.key} wrap>
              <Input
                aria-label={t('fees.optionName', { n: index + 1 })}
                value={option.label}
                maxLength={200}
                onChange={(e) =>
                  onChange({
                    ...value,
                    options: value.options.map((o, i) =>
                      i === index ? { ...o, label: e.target.value } : o,
                    ),
                  })
                }
              />
              {money(
                option.amountVnd,
                (amountVnd) =>
                  onChange({
                    ...value,
                    options: value.options.map((o, i) => (i === index ? { ...o, amountVnd } : o)),
                  }),
                t('fees.optionAmount', { n: index + 1 }),
                0,
              )}
              <Button
                aria-label={t('fees.removeOption', { n: index + 1 })}
                icon={<DeleteOutlined />}
                disabled={value.options.length <= 2}
                onClick={() =>
                  onChange({ ...value, options: value.options.filter((_, i) => i !== index) })
                }
              />
            </Space>
          ))}
          <Button
            icon={<PlusOutlined />}
            disabled={value.options.length >= 20}
            onClick={() => {
              const used = new Set(value.options.map((o) => o.key));
              let n = value.options.length + 1;
              while (used.has(`muc-${String(n)}`)) n += 1;
              onChange({
                ...value,
                options: [
                  ...value.options,
                  { key: `muc-${String(n)}`, label: `Lựa chọn ${String(n)}`, amountVnd: 0 },
                ],
              });
            }}
          >
            {t('fees.addOption')}
          </Button>
        </>
      )}
      {value.kind === 'by_quantity' && (
        <Space wrap>
          {money(value.unitVnd, (unitVnd) => onChange({ ...value, unitVnd }), t('fees.unitPrice'))}
          <span>{t('fees.each')}</span>
          <Input
            aria-label={t('fees.unit')}
            style={{ width: 140 }}
            value={value.unitLabel}
            maxLength={50}
            onChange={(e) => onChange({ ...value, unitLabel: e.target.value })}
          />
          <span>{t('fees.upTo')}</span>
          <InputNumber
            aria-label={t('fees.maxQuantity')}
            min={1}
            max={1000}
            precision={0}
            value={value.maxQuantity}
            onChange={(v) => onChange({ ...value, maxQuantity: v ?? 1 })}
          />
        </Space>
      )}
      {value.kind !== 'none' && (
        <>
          <Radio.Group
            value={value.payAt}
            onChange={(e) => onChange({ ...value, payAt: e.target.value as FeeDueAt })}
            options={[
              { value: 'submission', label: t('fees.payAtSubmission') },
              { value: 'on_request', label: t('fees.payOnRequest') },
            ]}
          />
          <Checkbox.Group
            value={value.exemptions}
            onChange={(exemptions) => onChange({ ...value, exemptions })}
            options={FEE_EXEMPTIONS.map((e) => ({
              value: e,
              label: t('fees.exemptFor', { who: FEE_EXEMPTION_LABELS[e][locale] }),
            }))}
          />
        </>
      )}
    </Space>
  );
}
