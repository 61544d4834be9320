import type { DossierStatus } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { statusColor, statusLabel } from './labels.ts';

export function StatusTag({ status }: { status: DossierStatus }) {
  const { locale } = useI18n();
  return (
    <span className={`tag tag-${statusColor(status)}`} data-status={status}>
      {statusLabel(status, locale)}
    </span>
  );
}
