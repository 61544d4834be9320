import { Tabs } from 'antd';
import { allowedEverywhere, allowedSomewhere } from '../../domain/access.ts';
import { useMe } from '../session.ts';
import { useI18n } from '../i18n.tsx';
import { RequireSignIn } from '../ui/RequireSignIn.tsx';
import { AgencyRegistry } from './AgenciesPage.tsx';
import { AgencySettingsPage } from './AgencySettingsPage.tsx';
import { AuditLogPage } from './AuditLogPage.tsx';
import { CatalogExchange } from './CatalogExchange.tsx';
import { ManagedServices } from './ManagedServices.tsx';
import { OfficersPage } from './OfficersPage.tsx';
import { PageTitle } from '../ui/PageTitle.tsx';
import { FederationPage } from './FederationPage.tsx';
import { WebhooksPage } from './WebhooksPage.tsx';

export function AdminPage() {
  const { t } = useI18n();
  const roles = useMe().data?.roles ?? [];
  return (
    <>
      <PageTitle>{t('nav.admin')}</PageTitle>
      <Tabs
        items={[
          {
            key: 'services',
            label: t('admin.tab.services'),
            children: <RequireSignIn kind="officer">{() => <ManagedServices />}</RequireSignIn>,
          },
          {
            key: 'exchange',
            label: t('admin.tab.exchange'),
            children: <RequireSignIn kind="officer">{() => <CatalogExchange />}</RequireSignIn>,
          },
          {
            key: 'officers',
            label: t('admin.tab.officers'),
            children: (
              <RequireSignIn kind="officer">{(me) => <OfficersPage me={me} />}</RequireSignIn>
            ),
          },
          {
            key: 'audit',
            label: t('admin.tab.audit'),
            children: (
              <RequireSignIn kind="officer">{(me) => <AuditLogPage me={me} />}</RequireSignIn>
            ),
          },
          {
            key: 'settings',
            label: t('admin.agencySettings'),
            children: (
              <RequireSignIn kind="officer">{(me) => <AgencySettingsPage me={me} />}</RequireSignIn>
            ),
          },
          { key: 'agencies', label: t('admin.agencies'), children: <AgencyRegistry /> },
          ...(allowedSomewhere(roles, 'webhook.manage')
            ? [
                {
                  key: 'webhooks',
                  label: t('admin.tab.webhooks'),
                  children: (
                    <RequireSignIn kind="officer">{(me) => <WebhooksPage me={me} />}</RequireSignIn>
                  ),
                },
              ]
            : []),
          ...(allowedEverywhere(roles, 'federation.members')
            ? [
                {
                  key: 'federation',
                  label: t('admin.tab.federation'),
                  children: <FederationPage />,
                },
              ]
            : []),
        ]}
      />
    </>
  );
}
