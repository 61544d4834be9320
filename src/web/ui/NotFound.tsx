import { Link } from 'react-router';
import { useI18n } from '../i18n.tsx';
import { PageTitle } from './PageTitle.tsx';

/** An address no page answers: said plainly, with the way back to the catalogue. */
export function NotFound() {
  const { t } = useI18n();
  return (
    <div className="stack">
      <PageTitle>{t('common.notFound')}</PageTitle>
      <p>
        <Link to="/">{t('nav.services')}</Link>
      </p>
    </div>
  );
}
