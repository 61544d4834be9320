import { Tabs } from 'antd';
import { useI18n } from '../i18n.tsx';
import { RequireSignIn } from '../ui/RequireSignIn.tsx';
import { AgencyRegistry } from './AgenciesPage.tsx';
import { AgencySettingsPage } from './AgencySettingsPage.tsx';
import { AuditLogPage } from './AuditLogPage.tsx';
import { CatalogExchange } from './CatalogExchange.tsx';
import { ManagedServices } from './ManagedServices.tsx';
import { OfficersPage } from './OfficersPage.tsx';
import { PageTitle } from '../ui/PageTitle.tsx';

export function AdminPage() {
  const { t } = useI18n();
  return (
    <>
      <PageTitle>{t('nav.admin')}</PageTitle>
      <Tabs
        items={[
          {
            key: 'services',
            label: 'Dịch vụ công của cơ quan',
            children: <RequireSignIn kind="officer">{() => <ManagedServices />}</RequireSignIn>,
          },
          {
            key: 'exchange',
            label: 'Nhập/Xuất danh mục',
            children: <RequireSignIn kind="officer">{() => <CatalogExchange />}</RequireSignIn>,
          },
          {
            key: 'officers',
            label: 'Cán bộ và phân quyền',
            children: (
              <RequireSignIn kind="officer">{(me) => <OfficersPage me={me} />}</RequireSignIn>
            ),
          },
          {
            key: 'audit',
            label: 'Nhật ký hệ thống',
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
        ]}
      />
    </>
  );
}
