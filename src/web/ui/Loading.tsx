import { useI18n } from '../i18n.tsx';

/** A page or a panel waiting for the server: said to screen readers, drawn as a small spinner. */
export function Loading({ page = false }: { page?: boolean }) {
  const { t } = useI18n();
  return (
    <div className={page ? 'loading loading-page' : 'loading'} role="status">
      <span className="loading-spinner" aria-hidden="true" />
      <span>{t('common.loading')}</span>
    </div>
  );
}
