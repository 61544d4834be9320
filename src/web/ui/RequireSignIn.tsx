import { Alert, Button, Space } from 'antd';
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
      <Alert
        type="info"
        showIcon
        title={t('signIn.required')}
        action={
          <Link to={`/dang-nhap?next=${encodeURIComponent(location.pathname)}`}>
            <Button type="primary">{t('nav.signIn')}</Button>
          </Link>
        }
      />
    );
  }
  if (kind === 'officer' && me.data.kind !== 'officer')
    return <Alert type="warning" showIcon title={t('officer.notOfficer')} />;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {children(me.data)}
    </Space>
  );
}
