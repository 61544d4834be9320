import { Templates } from '@rjsf/antd';
import type { BaseInputTemplateProps, WidgetProps } from '@rjsf/utils';
import { ariaDescribedByIds } from '@rjsf/utils';
import { DatePicker, InputNumber } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import customParseFormat from 'dayjs/plugin/customParseFormat';
import { groupDigits, parseVietnameseNumber } from '../../domain/vietnamese-numbers.ts';

dayjs.extend(customParseFormat);

/**
 * Form inputs as a Vietnamese citizen types: dates as dd/MM/yyyy (also d/M/yyyy and dd-MM-yyyy),
 * amounts with dots between thousands and a comma before decimals. The answers stay what the
 * schemas say (ISO dates, JSON numbers); only what is typed and shown changes.
 */

/** What a typed date may look like; the first is how every date is shown. */
const DATE_FORMATS = ['DD/MM/YYYY', 'D/M/YYYY', 'DD-MM-YYYY', 'D-M-YYYY', 'YYYY-MM-DD'];

export function VietnameseDateWidget({
  id,
  value,
  disabled,
  readonly,
  onChange,
  onBlur,
  onFocus,
}: WidgetProps) {
  const parsed = typeof value === 'string' && value ? dayjs(value, 'YYYY-MM-DD', true) : null;
  return (
    <DatePicker
      id={id}
      name={id}
      format={DATE_FORMATS}
      placeholder="dd/mm/yyyy"
      disabled={disabled || readonly}
      style={{ width: '100%' }}
      value={parsed?.isValid() ? parsed : null}
      onChange={(next: Dayjs | null) => onChange(next ? next.format('YYYY-MM-DD') : undefined)}
      onBlur={() => onBlur(id, value)}
      onFocus={() => onFocus(id, value)}
      getPopupContainer={(node) => node.parentElement ?? document.body}
      aria-describedby={ariaDescribedByIds(id)}
    />
  );
}

const AntBaseInput = Templates.BaseInputTemplate;

/** RJSF's number field hands the widget the text it last stored ("50000000"), not always a number. */
function asNumber(value: unknown): number | null {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string' || value.trim() === '') return null;
  const number = Number(value);
  return Number.isFinite(number) ? number : null;
}

/** Numbers typed and shown with Vietnamese grouping; every other input as Ant Design draws it. */
export function VietnameseBaseInputTemplate(props: BaseInputTemplateProps) {
  const { id, schema, disabled, readonly, onChange, onBlur, onFocus, options } = props;
  const value: unknown = props.value;
  const numeric = schema.type === 'number' || schema.type === 'integer';
  if (!numeric) return AntBaseInput ? <AntBaseInput {...props} /> : null;
  return (
    <InputNumber<number>
      id={id}
      name={id}
      style={{ width: '100%' }}
      disabled={disabled || readonly}
      changeOnWheel={false}
      min={typeof schema.minimum === 'number' ? schema.minimum : undefined}
      max={typeof schema.maximum === 'number' ? schema.maximum : undefined}
      precision={schema.type === 'integer' ? 0 : undefined}
      value={asNumber(value)}
      // While typing, the text stays as typed; once done it is shown grouped.
      // antd hands the value over as a string, '' when the field is empty.
      formatter={(number, { userTyping, input }) => {
        const text = String(number ?? '');
        if (userTyping) return input;
        return text === '' ? '' : groupDigits(text);
      }}
      parser={(text) => parseVietnameseNumber(text ?? '') ?? Number.NaN}
      onChange={(next) => onChange(next ?? (options.emptyValue as unknown))}
      onBlur={() => onBlur(id, value)}
      onFocus={() => onFocus(id, value)}
      aria-describedby={ariaDescribedByIds(id)}
    />
  );
}
