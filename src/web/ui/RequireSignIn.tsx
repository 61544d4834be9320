import type { ReactNode } from 'react';
import { Link, useLocation } from 'react-router';
import type { Me } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { useMe } from '../session.ts';

export function RequireSignIn({
  kind,
  children,
}: {
  kind?: Me['kind'];
  children: (me: Me) => ReactNode;
}) {
  const { t } = useI18n();
  const location = useLocation();
  const me = useMe();
  if (me.isPending) return null;
  if (!me.data) {
    return (
      <div className="notice notice-info sign-in-required">
        <p>{t('signIn.required')}</p>
        <Link
          className="button button-primary"
          to={`/dang-nhap?next=${encodeURIComponent(location.pathname)}`}
        >
          {t('nav.signIn')}
        </Link>
      </div>
    );
  }
  if (kind === 'officer' && me.data.kind !== 'officer')
    return <p className="notice notice-warning">{t('officer.notOfficer')}</p>;
  return <div className="stack">{children(me.data)}</div>;
}
