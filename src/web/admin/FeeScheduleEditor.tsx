import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, Input, InputNumber, Radio, Select, Space } from 'antd';
import {
  FEE_EXEMPTION_LABELS,
  FEE_EXEMPTIONS,
  type FeeDueAt,
  type FeeExemption,
  type FeeSchedule,
} from '../../domain/fees.ts';

const KIND_LABELS: Record<FeeSchedule['kind'], string> = {
  none: 'Không thu phí, lệ phí',
  fixed: 'Một mức cố định',
  by_option: 'Theo loại yêu cầu người nộp chọn',
  by_quantity: 'Theo số lượng (bản sao, trang…)',
};

type Terms = { payAt: FeeDueAt; exemptions: FeeExemption[] };

/** The terms a schedule keeps when its kind changes. */
const termsOf = (schedule: FeeSchedule): Terms =>
  schedule.kind === 'none'
    ? { payAt: 'submission', exemptions: [] }
    : { payAt: schedule.payAt, exemptions: schedule.exemptions };

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
        aria-label="Cách tính phí, lệ phí"
        showSearch={{ optionFilterProp: 'label' }}
        style={{ minWidth: 280 }}
        value={value.kind}
        onChange={(kind: FeeSchedule['kind']) => onChange(withKind(kind, value))}
        options={Object.entries(KIND_LABELS).map(([kind, label]) => ({ value: kind, label }))}
      />
      {value.kind === 'fixed' &&
        money(value.amountVnd, (amountVnd) => onChange({ ...value, amountVnd }), 'Lệ phí')}
      {value.kind === 'by_option' && (
        <>
          {value.options.map((option, index) => (
            <Space key={option.key} wrap>
              <Input
                aria-label={`Tên lựa chọn ${String(index + 1)}`}
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
                `Mức thu của lựa chọn ${String(index + 1)}`,
                0,
              )}
              <Button
                aria-label={`Xóa lựa chọn ${String(index + 1)}`}
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
            Thêm lựa chọn
          </Button>
        </>
      )}
      {value.kind === 'by_quantity' && (
        <Space wrap>
          {money(value.unitVnd, (unitVnd) => onChange({ ...value, unitVnd }), 'Đơn giá')}
          <span>mỗi</span>
          <Input
            aria-label="Đơn vị tính"
            style={{ width: 140 }}
            value={value.unitLabel}
            maxLength={50}
            onChange={(e) => onChange({ ...value, unitLabel: e.target.value })}
          />
          <span>tối đa</span>
          <InputNumber
            aria-label="Số lượng tối đa"
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
              { value: 'submission', label: 'Nộp khi nộp hồ sơ (trước khi tiếp nhận)' },
              { value: 'on_request', label: 'Nộp khi cán bộ xử lý đề nghị (tạm dừng hồ sơ)' },
            ]}
          />
          <Checkbox.Group
            value={value.exemptions}
            onChange={(exemptions) => onChange({ ...value, exemptions })}
            options={FEE_EXEMPTIONS.map((e) => ({
              value: e,
              label: `Miễn cho: ${FEE_EXEMPTION_LABELS[e].vi}`,
            }))}
          />
        </>
      )}
    </Space>
  );
}
