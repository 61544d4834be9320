import { useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { isShown, type FieldDesign } from '../../domain/form-design.ts';
import { parseVietnameseDate, showIsoDate } from '../../domain/vietnamese-dates.ts';
import { groupDigits, parseVietnameseNumber } from '../../domain/vietnamese-numbers.ts';
import { api } from '../api.ts';
import { useI18n } from '../i18n.tsx';

/**
 * A procedure's form as the citizen sees it, drawn from the designer's fields with plain inputs
 * (decision 0015): the server validates against the JSON Schema and answers each problem with the
 * field's path, shown here under the field. Ids are `root_` and the path with `_` (`root_a_0_b`).
 */

type Data = Record<string, unknown>;
type JsonSchema = Record<string, unknown>;

/** Problems by the path of their field inside the answers: `/hoTen`, `/diaChi/xaPhuong`, `/con/0/hoTen`. */
export type FieldErrors = Record<string, string[]>;

/** The answers without those of hidden fields, which the citizen cannot see and did not mean to send. */
export function visibleAnswers(data: Data, fields: FieldDesign[]): Data {
  const hidden = new Set(fields.filter((f) => !isShown(f, data)).map((f) => f.key));
  return Object.fromEntries(Object.entries(data).filter(([key]) => !hidden.has(key)));
}

export function fieldId(path: string): string {
  return `root${path.split('/').join('_')}`;
}

/** The JSON Schema of the value at a path (`/a/0/b`): where an address finds its provinces. */
function schemaAt(schema: JsonSchema, path: string): JsonSchema {
  let current = schema;
  for (const part of path.split('/').slice(1)) {
    if (/^\d+$/.test(part)) current = (current.items ?? {}) as JsonSchema;
    else current = ((current.properties ?? {}) as Record<string, JsonSchema>)[part] ?? {};
  }
  return current;
}

function titleOf(schema: JsonSchema, fallback: string): string {
  return typeof schema.title === 'string' ? schema.title : fallback;
}

type FieldProps = {
  field: FieldDesign;
  path: string;
  value: unknown;
  onChange: (value: unknown) => void;
  errors: FieldErrors;
  formSchema: JsonSchema;
};

export function ProcedureForm({
  fields,
  formSchema,
  data,
  onChange,
  errors = {},
}: {
  fields: FieldDesign[];
  formSchema: JsonSchema;
  data: Data;
  onChange: (key: string, value: unknown) => void;
  errors?: FieldErrors;
}) {
  return (
    <div className="procedure-form">
      {fields.map((field) =>
        isShown(field, data) ? (
          <Field
            key={field.key}
            field={field}
            path={`/${field.key}`}
            value={data[field.key]}
            onChange={(value) => onChange(field.key, value)}
            errors={errors}
            formSchema={formSchema}
          />
        ) : null,
      )}
    </div>
  );
}

function Field(props: FieldProps) {
  switch (props.field.kind) {
    case 'heading':
      return <h3 className="form-section-title">{props.field.label}</h3>;
    case 'yesno':
      return <YesNo {...props} />;
    case 'multichoice':
      return <Checkboxes {...props} />;
    case 'address':
      return <Address {...props} />;
    case 'group':
      return <Group {...props} />;
    case 'text':
    case 'textarea':
    case 'number':
    case 'money':
    case 'date':
    case 'choice':
    case 'email':
    case 'phone':
    case 'cccd':
    case 'mst':
      return <SimpleField {...props} />;
  }
}

/** The messages of one field, and the attributes that tie its control to them. */
function useFieldText(field: FieldDesign, path: string, errors: FieldErrors, hint?: string) {
  const id = fieldId(path);
  const messages = errors[path] ?? [];
  const help = [field.help, hint].filter(Boolean).join('. ');
  const describedBy = [help && `${id}__description`, messages.length > 0 && `${id}__error`]
    .filter(Boolean)
    .join(' ');
  return {
    id,
    control: {
      id,
      name: id,
      'aria-invalid': messages.length > 0 || undefined,
      'aria-required': field.required || undefined,
      'aria-describedby': describedBy || undefined,
    },
    help: help ? (
      <p id={`${id}__description`} className="form-help">
        {help}
      </p>
    ) : null,
    error:
      messages.length > 0 ? (
        <p id={`${id}__error`} className="form-error">
          {messages.join('. ')}
        </p>
      ) : null,
  };
}

function Label({ field, htmlFor }: { field: FieldDesign; htmlFor?: string }) {
  const { t } = useI18n();
  const content = (
    <>
      {field.label}
      {field.required && (
        <span className="form-required" title={t('form.requiredMark')}>
          {' *'}
        </span>
      )}
    </>
  );
  return htmlFor ? <label htmlFor={htmlFor}>{content}</label> : <legend>{content}</legend>;
}

function SimpleField({ field, path, value, onChange, errors }: FieldProps) {
  const { t } = useI18n();
  const hint =
    field.kind === 'date'
      ? t('form.dateHint')
      : field.kind === 'money'
        ? t('form.moneyHint')
        : undefined;
  const text = useFieldText(field, path, errors, hint);
  return (
    <div className={`form-field${text.error ? ' form-field-invalid' : ''}`}>
      <Label field={field} htmlFor={text.id} />
      {text.help}
      <Control field={field} value={value} onChange={onChange} attributes={text.control} />
      {text.error}
    </div>
  );
}

type ControlAttributes = ReturnType<typeof useFieldText>['control'];

function Control({
  field,
  value,
  onChange,
  attributes,
}: {
  field: FieldDesign;
  value: unknown;
  onChange: (value: unknown) => void;
  attributes: ControlAttributes;
}) {
  const { t } = useI18n();
  const text = typeof value === 'string' ? value : '';
  const setText = (next: string) => onChange(next === '' ? undefined : next);
  const common = { text, setText, max: field.max };
  switch (field.kind) {
    case 'textarea':
      return (
        <textarea
          {...attributes}
          rows={4}
          value={text}
          maxLength={field.max}
          onChange={(event) => setText(event.target.value)}
        />
      );
    case 'number':
    case 'money':
      return (
        <TypedInput
          attributes={attributes}
          inputMode={field.kind === 'money' ? 'numeric' : 'decimal'}
          value={value}
          onChange={onChange}
          read={parseVietnameseNumber}
          show={showNumber}
        />
      );
    case 'date':
      return (
        <TypedInput
          attributes={attributes}
          inputMode="numeric"
          placeholder="dd/mm/yyyy"
          value={value}
          onChange={onChange}
          read={parseVietnameseDate}
          show={showDate}
        />
      );
    case 'choice':
      return (
        <select {...attributes} value={text} onChange={(event) => setText(event.target.value)}>
          <option value="">{t('form.choose')}</option>
          {(field.options ?? []).map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </select>
      );
    case 'email':
      return (
        <TextInput
          attributes={attributes}
          type="email"
          inputMode="email"
          autoComplete="email"
          {...common}
        />
      );
    case 'phone':
      return (
        <TextInput
          attributes={attributes}
          type="tel"
          inputMode="tel"
          autoComplete="tel"
          {...common}
        />
      );
    case 'cccd':
    case 'mst':
      return <TextInput attributes={attributes} type="text" inputMode="numeric" {...common} />;
    case 'text':
    case 'heading':
    case 'multichoice':
    case 'yesno':
    case 'address':
    case 'group':
      return <TextInput attributes={attributes} type="text" {...common} />;
  }
}

function TextInput({
  attributes,
  text,
  setText,
  max,
  ...kind
}: {
  attributes: ControlAttributes;
  type: 'text' | 'email' | 'tel';
  inputMode?: 'email' | 'tel' | 'numeric';
  autoComplete?: string;
  text: string;
  setText: (text: string) => void;
  max: number | undefined;
}) {
  return (
    <input
      {...attributes}
      {...kind}
      value={text}
      maxLength={max}
      onChange={(event) => setText(event.target.value)}
    />
  );
}

const showNumber = (value: unknown) =>
  typeof value === 'number' ? groupDigits(value) : String(value);
const showDate = (value: unknown) => showIsoDate(String(value));

/**
 * A text input for a value written one way and kept another (a number, an ISO date). While the
 * person types, the text stays as typed; once it reads, the value is kept and the text shown back
 * the Vietnamese way. Text that does not read is kept as it is, so the server names the mistake
 * instead of the field silently emptying.
 */
function TypedInput({
  attributes,
  inputMode,
  placeholder,
  value,
  onChange,
  read,
  show,
}: {
  attributes: ControlAttributes;
  inputMode: 'numeric' | 'decimal';
  placeholder?: string;
  value: unknown;
  onChange: (value: unknown) => void;
  read: (text: string) => string | number | null;
  show: (value: unknown) => string;
}) {
  const shown = value === undefined || value === null ? '' : show(value);
  const [text, setText] = useState(shown);
  const [seen, setSeen] = useState(value);
  // A value set from outside (prefill, a draft) replaces the text, unless the text already says it.
  if (value !== seen) {
    setSeen(value);
    if (read(text) !== (value ?? null) && text !== value) setText(shown);
  }
  return (
    <input
      {...attributes}
      type="text"
      inputMode={inputMode}
      placeholder={placeholder}
      value={text}
      onChange={(event) => {
        const typed = event.target.value;
        setText(typed);
        onChange(typed.trim() === '' ? undefined : (read(typed) ?? typed));
      }}
      onBlur={() => {
        const read_ = read(text);
        if (read_ !== null) setText(show(read_));
      }}
    />
  );
}

function YesNo({ field, path, value, onChange, errors }: FieldProps) {
  const { t } = useI18n();
  const text = useFieldText(field, path, errors);
  const { id: _id, name, ...group } = text.control;
  return (
    <fieldset
      className={`form-field${text.error ? ' form-field-invalid' : ''}`}
      id={text.id}
      {...group}
      role="radiogroup"
    >
      <Label field={field} />
      {text.help}
      <div className="form-choices form-choices-inline">
        {[true, false].map((answer) => (
          <label key={String(answer)}>
            <input
              type="radio"
              name={name}
              checked={value === answer}
              onChange={() => onChange(answer)}
            />
            {answer ? t('form.yes') : t('form.no')}
          </label>
        ))}
      </div>
      {text.error}
    </fieldset>
  );
}

function Checkboxes({ field, path, value, onChange, errors }: FieldProps) {
  const text = useFieldText(field, path, errors);
  const chosen = Array.isArray(value) ? (value as string[]) : [];
  // a group has no required state in ARIA: the label's mark says it
  const { id: _id, name, 'aria-required': _required, ...group } = text.control;
  return (
    <fieldset
      className={`form-field${text.error ? ' form-field-invalid' : ''}`}
      id={text.id}
      {...group}
    >
      <Label field={field} />
      {text.help}
      <div className="form-choices">
        {(field.options ?? []).map((option) => (
          <label key={option}>
            <input
              type="checkbox"
              name={name}
              checked={chosen.includes(option)}
              onChange={(event) => {
                const next = event.target.checked
                  ? [...chosen, option]
                  : chosen.filter((o) => o !== option);
                onChange(next.length > 0 ? next : undefined);
              }}
            />
            {option}
          </label>
        ))}
      </div>
      {text.error}
    </fieldset>
  );
}

/** Province, then a commune of that province (loaded when the province is chosen), then the street. */
function Address({ field, path, value, onChange, errors, formSchema }: FieldProps) {
  const { t } = useI18n();
  const text = useFieldText(field, path, errors);
  const address = (value ?? {}) as Record<string, string | undefined>;
  const schema = schemaAt(formSchema, path);
  const part = (key: string) => schemaAt(schema, `/${key}`);
  const provinces = (part('tinhThanhPho').enum ?? []) as string[];
  const province = address.tinhThanhPho;
  const communes = useQuery({
    queryKey: ['communes', province],
    queryFn: () =>
      api.get<{ code: string; name: string }[]>(
        `/api/v1/catalog/communes?province=${encodeURIComponent(province ?? '')}`,
      ),
    enabled: Boolean(province),
    staleTime: Infinity,
  });
  const set = (key: string, next: string) => {
    const changed: Record<string, string | undefined> = { ...address, [key]: next || undefined };
    if (key === 'tinhThanhPho') changed.xaPhuong = undefined;
    const kept = Object.fromEntries(Object.entries(changed).filter(([, v]) => v !== undefined));
    onChange(Object.keys(kept).length > 0 ? kept : undefined);
  };
  const subField = (key: string, control: (attributes: ControlAttributes) => ReactNode) => (
    <SubField
      key={key}
      field={{ key, label: titleOf(part(key), key), kind: 'text', required: true }}
      path={`${path}/${key}`}
      errors={errors}
      control={control}
    />
  );
  return (
    <fieldset className={`form-field form-group${text.error ? ' form-field-invalid' : ''}`}>
      <Label field={field} />
      {text.help}
      {text.error}
      {subField('tinhThanhPho', (attributes) => (
        <select
          {...attributes}
          value={province ?? ''}
          onChange={(event) => set('tinhThanhPho', event.target.value)}
        >
          <option value="">{t('form.choose')}</option>
          {provinces.map((name) => (
            <option key={name}>{name}</option>
          ))}
        </select>
      ))}
      {subField('xaPhuong', (attributes) => (
        <select
          {...attributes}
          disabled={!province}
          aria-busy={communes.isFetching || undefined}
          value={address.xaPhuong ?? ''}
          onChange={(event) => set('xaPhuong', event.target.value)}
        >
          <option value="">{province ? t('form.choose') : t('form.chooseProvinceFirst')}</option>
          {(communes.data ?? []).map((commune) => (
            <option key={commune.code}>{commune.name}</option>
          ))}
        </select>
      ))}
      {subField('diaChiChiTiet', (attributes) => (
        <input
          {...attributes}
          type="text"
          autoComplete="street-address"
          value={address.diaChiChiTiet ?? ''}
          onChange={(event) => set('diaChiChiTiet', event.target.value)}
        />
      ))}
    </fieldset>
  );
}

function SubField({
  field,
  path,
  errors,
  control,
}: {
  field: FieldDesign;
  path: string;
  errors: FieldErrors;
  control: (attributes: ControlAttributes) => ReactNode;
}) {
  const text = useFieldText(field, path, errors);
  return (
    <div className={`form-field${text.error ? ' form-field-invalid' : ''}`}>
      <Label field={field} htmlFor={text.id} />
      {control(text.control)}
      {text.error}
    </div>
  );
}

/** A repeatable table as a list of rows, each with the group's columns. */
function Group({ field, path, value, onChange, errors, formSchema }: FieldProps) {
  const { t } = useI18n();
  const text = useFieldText(field, path, errors);
  const rows = Array.isArray(value) ? (value as Data[]) : [];
  const columns = field.fields ?? [];
  const setRows = (next: Data[]) => onChange(next.length > 0 ? next : undefined);
  const canAdd = field.max === undefined || rows.length < field.max;
  return (
    <fieldset className={`form-field form-group${text.error ? ' form-field-invalid' : ''}`}>
      <Label field={field} />
      {text.help}
      {text.error}
      {rows.map((row, index) => (
        <fieldset className="form-row" key={index}>
          <legend>{t('form.row', { n: index + 1 })}</legend>
          {columns.map((column) =>
            isShown(column, row) ? (
              <Field
                key={column.key}
                field={column}
                path={`${path}/${index}/${column.key}`}
                value={row[column.key]}
                onChange={(next) =>
                  setRows(rows.map((r, i) => (i === index ? { ...r, [column.key]: next } : r)))
                }
                errors={errors}
                formSchema={formSchema}
              />
            ) : null,
          )}
          <button
            type="button"
            className="button"
            onClick={() => setRows(rows.filter((_, i) => i !== index))}
          >
            {t('form.removeRow', { n: index + 1 })}
          </button>
        </fieldset>
      ))}
      {canAdd && (
        <button
          type="button"
          className="button"
          id={text.id}
          onClick={() => setRows([...rows, {}])}
        >
          {t('form.addRow')}
        </button>
      )}
    </fieldset>
  );
}
