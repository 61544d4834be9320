import { useState } from 'react';
import { vietnamDate } from '../../domain/vietnam-time.ts';
import { useI18n } from '../i18n.tsx';

/**
 * The dossier register (Sổ theo dõi hồ sơ) for a period, with the inbox's filters, as a file:
 * plain links, so the browser downloads the stream itself however long the register is.
 */
export function RegisterExport({ filters }: { filters: URLSearchParams }) {
  const { t } = useI18n();
  const today = vietnamDate(new Date());
  const [from, setFrom] = useState(`${today.slice(0, 8)}01`);
  const [to, setTo] = useState(today);
  const link = (format: 'csv' | 'xlsx') => {
    const query = new URLSearchParams([...filters]);
    for (const name of ['page', 'pageSize', 'sort']) query.delete(name);
    query.set('from', from);
    query.set('to', to);
    query.set('format', format);
    return `/api/v1/officer/register?${query.toString()}`;
  };
  const valid = from !== '' && to !== '' && from <= to;
  return (
    <details className="register-export">
      <summary>{t('register.export.title')}</summary>
      <p className="muted">{t('register.export.hint')}</p>
      <div className="register-export-fields">
        <label>
          {t('register.export.from')}
          <input type="date" value={from} max={to} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label>
          {t('register.export.to')}
          <input type="date" value={to} min={from} onChange={(e) => setTo(e.target.value)} />
        </label>
      </div>
      {valid ? (
        <p className="register-export-links">
          <a href={link('xlsx')} download>
            {t('register.export.xlsx')}
          </a>
          <a href={link('csv')} download>
            {t('register.export.csv')}
          </a>
        </p>
      ) : (
        <p role="alert">{t('register.export.invalid')}</p>
      )}
    </details>
  );
}
