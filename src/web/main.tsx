import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider, Result } from 'antd';
import enUS from 'antd/locale/en_US';
import viVN from 'antd/locale/vi_VN';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Route, Routes } from 'react-router';
import { AgencyStatisticsPage, StatisticsPage } from './portal/StatisticsPage.tsx';
import { VerifyResultPage } from './portal/VerifyResultPage.tsx';
import { PaymentResultPage } from './portal/PaymentResultPage.tsx';
import { MailboxPage } from './portal/MailboxPage.tsx';
import { RegisterDossierPage } from './officer/RegisterDossierPage.tsx';
import { ReconciliationPage } from './officer/ReconciliationPage.tsx';
import { MonthlyReportPage } from './officer/MonthlyReportPage.tsx';
import { DossiersBehindPage } from './officer/DossiersBehindPage.tsx';
import { AdminPage } from './admin/AdminPage.tsx';
import { ServiceDesignerPage } from './admin/ServiceDesignerPage.tsx';
import { I18nProvider, useI18n } from './i18n.tsx';
import { InboxPage } from './officer/InboxPage.tsx';
import { OfficerDossierPage } from './officer/OfficerDossierPage.tsx';
import { HomePage } from './portal/HomePage.tsx';
import { LookupPage } from './portal/LookupPage.tsx';
import { MyDossierPage, MyDossiersPage } from './portal/MyDossiersPage.tsx';
import { ReceiptPage } from './portal/ReceiptPage.tsx';
import { ServicePage } from './portal/ServicePage.tsx';
import { AccountPage } from './AccountPage.tsx';
import { SignInPage } from './SignInPage.tsx';
import { Layout } from './ui/Layout.tsx';
import './styles.css';

const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } },
});

function Shell() {
  const { locale, t } = useI18n();
  return (
    <ConfigProvider
      locale={locale === 'vi' ? viVN : enUS}
      theme={{ token: { colorPrimary: '#0b3d91', borderRadius: 6 } }}
    >
      <AntApp>
        <BrowserRouter>
          <Routes>
            <Route element={<Layout />}>
              <Route index element={<HomePage />} />
              <Route path="dich-vu/:serviceId" element={<ServicePage />} />
              <Route path="nop-ho-so/thanh-cong" element={<ReceiptPage />} />
              <Route path="tra-cuu" element={<LookupPage />} />
              <Route path="ho-so-cua-toi" element={<MyDossiersPage />} />
              <Route path="ho-so-cua-toi/:code" element={<MyDossierPage />} />
              <Route path="can-bo" element={<InboxPage />} />
              <Route path="can-bo/ho-so/:dossierId" element={<OfficerDossierPage />} />
              <Route path="can-bo/nhap-ho-so" element={<RegisterDossierPage />} />
              <Route path="can-bo/doi-soat" element={<ReconciliationPage />} />
              <Route path="can-bo/bao-cao-thang" element={<MonthlyReportPage />} />
              <Route path="can-bo/thong-ke/:agency/ho-so" element={<DossiersBehindPage />} />
              <Route path="quan-tri" element={<AdminPage />} />
              <Route path="quan-tri/dich-vu/:serviceId" element={<ServiceDesignerPage />} />
              <Route path="dang-nhap" element={<SignInPage />} />
              <Route path="tai-khoan" element={<AccountPage />} />
              <Route path="hop-thu-mau" element={<MailboxPage />} />
              <Route path="thanh-toan/ket-qua" element={<PaymentResultPage />} />
              <Route path="xac-thuc-ket-qua" element={<VerifyResultPage />} />
              <Route path="thong-ke" element={<StatisticsPage />} />
              <Route path="thong-ke/:agency" element={<AgencyStatisticsPage />} />
              <Route path="xac-thuc-ket-qua/:code" element={<VerifyResultPage />} />
              <Route path="*" element={<Result status="404" title={t('common.notFound')} />} />
            </Route>
          </Routes>
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  );
}

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <I18nProvider>
          <Shell />
        </I18nProvider>
      </QueryClientProvider>
    </StrictMode>,
  );
}
