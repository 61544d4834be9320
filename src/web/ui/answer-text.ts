/** How a form answer reads on a dossier page and on the review before submitting. */
import type { Translate } from '../i18n.tsx';

const ADDRESS_PARTS = ['diaChiChiTiet', 'xaPhuong', 'tinhThanhPho'];

/** Form answers as officials read them: calendar dates as dd/MM/yyyy, amounts with thousands separators. */
export function formValue(value: unknown, t: Translate): string {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value))
    return value.split('-').reverse().join('/');
  if (typeof value === 'number') return value.toLocaleString('vi-VN');
  if (typeof value === 'boolean') return t(value ? 'fields.yes' : 'fields.no');
  if (typeof value === 'string') return value;
  // An address (form-design's address field): one line, from the street to the province.
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const parts = value as Record<string, unknown>;
    const ordered = [
      ...ADDRESS_PARTS,
      ...Object.keys(parts).filter((k) => !ADDRESS_PARTS.includes(k)),
    ];
    return ordered
      .map((key) => parts[key])
      .filter((part): part is string => typeof part === 'string' && part !== '')
      .join(', ');
  }
  return JSON.stringify(value);
}
