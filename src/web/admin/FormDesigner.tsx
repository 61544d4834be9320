import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  DeleteOutlined,
  PlusOutlined,
} from '@ant-design/icons';
import {
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  List,
  Select,
  Space,
  Switch,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import {
  FIELD_KIND_LABELS,
  FIELD_KINDS,
  keyFromLabel,
  type FieldDesign,
  type FieldKind,
} from '../../domain/form-design.ts';
import { useI18n } from '../i18n.tsx';

const HAS_LENGTH: FieldKind[] = ['text', 'textarea'];
const HAS_RANGE: FieldKind[] = ['number', 'money', 'group'];
const HAS_OPTIONS: FieldKind[] = ['choice', 'multichoice'];

/**
 * A new field with example content. Its labels are the service's content, read by citizens:
 * Vietnamese whatever the administrator's locale.
 */
function newField(kind: FieldKind, existing: FieldDesign[]): FieldDesign {
  const label = `${FIELD_KIND_LABELS[kind]} ${existing.length + 1}`;
  let key = keyFromLabel(label);
  while (existing.some((f) => f.key === key)) key = `${key}1`;
  return {
    key,
    label,
    kind,
    ...(HAS_OPTIONS.includes(kind) ? { options: ['Lựa chọn 1', 'Lựa chọn 2'] } : {}),
    ...(kind === 'group'
      ? { fields: [{ key: 'hoTen', label: 'Họ và tên', kind: 'text' as const, required: true }] }
      : {}),
  };
}

/** Edits one field; a repeatable group edits its columns with the same list editor. */
function FieldEditor({
  field,
  earlier,
  onChange,
}: {
  field: FieldDesign;
  earlier: FieldDesign[];
  onChange: (field: FieldDesign) => void;
}) {
  const { t } = useI18n();
  const set = (changes: Partial<FieldDesign>) => onChange({ ...field, ...changes });
  const condition = earlier.find((f) => f.key === field.showWhen?.field);
  const conditionValues =
    condition?.kind === 'yesno'
      ? [
          { value: 'true', label: t('fields.yes') },
          { value: 'false', label: t('fields.no') },
        ]
      : (condition?.options ?? []).map((o) => ({ value: o, label: o }));
  return (
    <Form layout="vertical" size="small">
      <Form.Item label={t('fields.label')}>
        <Input
          aria-label={t('fields.labelShort')}
          value={field.label}
          onChange={(e) =>
            set({
              label: e.target.value,
              ...(field.key === keyFromLabel(field.label)
                ? { key: keyFromLabel(e.target.value) }
                : {}),
            })
          }
        />
      </Form.Item>
      <Space wrap>
        <Form.Item label={t('fields.key')}>
          <Input
            aria-label={t('fields.key')}
            value={field.key}
            onChange={(e) => set({ key: e.target.value })}
          />
        </Form.Item>
        <Form.Item label={t('fields.kind')}>
          <Select
            aria-label={t('fields.kindOfField')}
            showSearch={{ optionFilterProp: 'label' }}
            style={{ width: 220 }}
            value={field.kind}
            onChange={(kind: FieldKind) => set({ kind })}
            options={FIELD_KINDS.map((k) => ({ value: k, label: t(`fieldKind.${k}`) }))}
          />
        </Form.Item>
        {field.kind !== 'heading' && (
          <Form.Item label={t('fields.required')}>
            <Switch
              aria-label={t('fields.required')}
              checked={field.required ?? false}
              onChange={(required) => set({ required })}
            />
          </Form.Item>
        )}
      </Space>
      <Form.Item label={t('fields.help')}>
        <Input
          aria-label={t('fields.help')}
          value={field.help ?? ''}
          onChange={(e) => set({ help: e.target.value || undefined })}
        />
      </Form.Item>
      {(HAS_LENGTH.includes(field.kind) || HAS_RANGE.includes(field.kind)) && (
        <Space wrap>
          <Form.Item
            label={
              HAS_LENGTH.includes(field.kind)
                ? t('fields.minLength')
                : field.kind === 'group'
                  ? t('fields.minRows')
                  : t('fields.min')
            }
          >
            <InputNumber
              value={field.min ?? null}
              onChange={(min) => set({ min: min ?? undefined })}
            />
          </Form.Item>
          <Form.Item
            label={
              HAS_LENGTH.includes(field.kind)
                ? t('fields.maxLength')
                : field.kind === 'group'
                  ? t('fields.maxRows')
                  : t('fields.max')
            }
          >
            <InputNumber
              value={field.max ?? null}
              onChange={(max) => set({ max: max ?? undefined })}
            />
          </Form.Item>
        </Space>
      )}
      {field.kind === 'text' && (
        <Form.Item label={t('fields.pattern')}>
          <Input
            value={field.pattern ?? ''}
            onChange={(e) => set({ pattern: e.target.value || undefined })}
          />
        </Form.Item>
      )}
      {HAS_OPTIONS.includes(field.kind) && (
        <Form.Item label={t('fields.options')}>
          <Select
            aria-label={t('fields.options')}
            mode="tags"
            value={field.options ?? []}
            onChange={(options: string[]) => set({ options })}
          />
        </Form.Item>
      )}
      <Form.Item label={t('fields.showWhen')}>
        <Space wrap>
          <Select
            aria-label={t('fields.conditionField')}
            showSearch={{ optionFilterProp: 'label' }}
            allowClear
            style={{ width: 220 }}
            placeholder={t('fields.always')}
            value={field.showWhen?.field}
            options={earlier
              .filter((f) => f.kind === 'yesno' || f.kind === 'choice')
              .map((f) => ({ value: f.key, label: f.label }))}
            onChange={(key?: string) =>
              set({
                showWhen: key
                  ? {
                      field: key,
                      equals: earlier.find((f) => f.key === key)?.kind === 'yesno' ? true : '',
                    }
                  : undefined,
              })
            }
          />
          {field.showWhen && (
            <Select
              aria-label={t('fields.conditionValue')}
              style={{ width: 180 }}
              value={String(field.showWhen.equals)}
              options={conditionValues}
              onChange={(value: string) =>
                set({
                  showWhen: {
                    field: field.showWhen?.field ?? '',
                    equals: condition?.kind === 'yesno' ? value === 'true' : value,
                  },
                })
              }
            />
          )}
        </Space>
      </Form.Item>
      {field.kind === 'group' && (
        <Card size="small" title={t('fields.columns')}>
          <FieldList fields={field.fields ?? []} onChange={(fields) => set({ fields })} nested />
        </Card>
      )}
    </Form>
  );
}

/** The fields of a form (or of a group) in order: add, reorder, edit, remove. */
export function FieldList({
  fields,
  onChange,
  nested = false,
}: {
  fields: FieldDesign[];
  onChange: (fields: FieldDesign[]) => void;
  nested?: boolean;
}) {
  const { t } = useI18n();
  const [selected, setSelected] = useState<number | undefined>();
  const [kind, setKind] = useState<FieldKind>('text');
  const move = (from: number, to: number) => {
    if (to < 0 || to >= fields.length) return;
    const next = [...fields];
    const [item] = next.splice(from, 1);
    if (item) next.splice(to, 0, item);
    onChange(next);
    setSelected(to);
  };
  const kinds = nested
    ? FIELD_KINDS.filter((k) => k !== 'group' && k !== 'heading' && k !== 'address')
    : FIELD_KINDS;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <List
        size="small"
        bordered
        dataSource={fields}
        renderItem={(field, index) => (
          <List.Item
            data-field={field.key}
            style={{ cursor: 'pointer', background: index === selected ? '#e6f0ff' : undefined }}
            onClick={() => setSelected(index === selected ? undefined : index)}
            actions={[
              <Button
                key="up"
                size="small"
                icon={<ArrowUpOutlined />}
                aria-label={t('fields.moveUp', { label: field.label })}
                onClick={(e) => (e.stopPropagation(), move(index, index - 1))}
              />,
              <Button
                key="down"
                size="small"
                icon={<ArrowDownOutlined />}
                aria-label={t('fields.moveDown', { label: field.label })}
                onClick={(e) => (e.stopPropagation(), move(index, index + 1))}
              />,
              <Button
                key="remove"
                size="small"
                danger
                icon={<DeleteOutlined />}
                aria-label={t('fields.remove', { label: field.label })}
                onClick={(e) => {
                  e.stopPropagation();
                  onChange(fields.filter((_, i) => i !== index));
                  setSelected(undefined);
                }}
              />,
            ]}
          >
            <Space wrap>
              <Typography.Text strong>{field.label}</Typography.Text>
              <Tag>{t(`fieldKind.${field.kind}`)}</Tag>
              {field.required && <Tag color="red">{t('fields.required')}</Tag>}
              {field.showWhen && <Tag color="purple">{t('fields.conditional')}</Tag>}
            </Space>
          </List.Item>
        )}
      />
      {selected !== undefined && fields[selected] && (
        <Card size="small" title={t('fields.edit', { label: fields[selected].label })}>
          <FieldEditor
            field={fields[selected]}
            earlier={fields.slice(0, selected)}
            onChange={(field) => onChange(fields.map((f, i) => (i === selected ? field : f)))}
          />
        </Card>
      )}
      <Space wrap>
        <Select
          aria-label={t('fields.newKind')}
          showSearch={{ optionFilterProp: 'label' }}
          style={{ width: 240 }}
          value={kind}
          onChange={setKind}
          options={kinds.map((k) => ({ value: k, label: t(`fieldKind.${k}`) }))}
        />
        <Button
          icon={<PlusOutlined />}
          onClick={() => {
            onChange([...fields, newField(kind, fields)]);
            setSelected(fields.length);
          }}
        >
          {t('fields.add')}
        </Button>
      </Space>
    </Space>
  );
}
