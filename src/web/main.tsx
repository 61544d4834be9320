import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import viVN from 'antd/locale/vi_VN';
import { lazy, StrictMode, type ComponentType } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Route, Routes } from 'react-router';
import { I18nProvider, useI18n } from './i18n.tsx';
import { HomePage } from './portal/HomePage.tsx';
import { Layout } from './ui/Layout.tsx';
import { NotFound } from './ui/NotFound.tsx';
import './styles.css';

/**
 * Every page but the home page is its own chunk, loaded when first opened: a citizen's phone does
 * not download the back office, the form designer or the charts to read the catalogue. A back-office
 * page comes in the frame that lets it raise messages (Ant Design's App), loaded with the first such
 * page; the citizen pages, plain elements, come without it (`plainPage`).
 */
function page<M extends Record<string, unknown>>(load: () => Promise<M>, name: keyof M & string) {
  return lazy(async () => {
    const [module, { PageFrame }] = await Promise.all([load(), import('./ui/PageFrame.tsx')]);
    const Page = module[name] as ComponentType;
    return {
      default: () => (
        <PageFrame>
          <Page />
        </PageFrame>
      ),
    };
  });
}
function plainPage<M extends Record<string, unknown>>(
  load: () => Promise<M>,
  name: keyof M & string,
) {
  return lazy(async () => ({ default: (await load())[name] as ComponentType }));
}
const AgencyStatisticsPage = plainPage(
  () => import('./portal/StatisticsPage.tsx'),
  'AgencyStatisticsPage',
);
const StatisticsPage = plainPage(() => import('./portal/StatisticsPage.tsx'), 'StatisticsPage');
const VerifyResultPage = plainPage(
  () => import('./portal/VerifyResultPage.tsx'),
  'VerifyResultPage',
);
const PaymentResultPage = plainPage(
  () => import('./portal/PaymentResultPage.tsx'),
  'PaymentResultPage',
);
const MailboxPage = page(() => import('./portal/MailboxPage.tsx'), 'MailboxPage');
const RegisterDossierPage = page(
  () => import('./officer/RegisterDossierPage.tsx'),
  'RegisterDossierPage',
);
const ReconciliationPage = page(
  () => import('./officer/ReconciliationPage.tsx'),
  'ReconciliationPage',
);
const MonthlyReportPage = page(
  () => import('./officer/MonthlyReportPage.tsx'),
  'MonthlyReportPage',
);
const DossiersBehindPage = page(
  () => import('./officer/DossiersBehindPage.tsx'),
  'DossiersBehindPage',
);
const AdminPage = page(() => import('./admin/AdminPage.tsx'), 'AdminPage');
const ServiceDesignerPage = page(
  () => import('./admin/ServiceDesignerPage.tsx'),
  'ServiceDesignerPage',
);
const InboxPage = page(() => import('./officer/InboxPage.tsx'), 'InboxPage');
const OfficerDossierPage = page(
  () => import('./officer/OfficerDossierPage.tsx'),
  'OfficerDossierPage',
);
const LookupPage = plainPage(() => import('./portal/LookupPage.tsx'), 'LookupPage');
const MyDossierPage = plainPage(() => import('./portal/MyDossiersPage.tsx'), 'MyDossierPage');
const MyDossiersPage = plainPage(() => import('./portal/MyDossiersPage.tsx'), 'MyDossiersPage');
const ReceiptPage = plainPage(() => import('./portal/ReceiptPage.tsx'), 'ReceiptPage');
const ServicePage = plainPage(() => import('./portal/ServicePage.tsx'), 'ServicePage');
const AccountPage = page(() => import('./AccountPage.tsx'), 'AccountPage');
const SignInPage = plainPage(() => import('./SignInPage.tsx'), 'SignInPage');

/**
 * The portal's colours, each text colour at least 4.5:1 against its background (WCAG 2.1 AA 1.4.3):
 * Ant Design's defaults for secondary text (3.4:1) and links (4.1:1) fall short.
 */
const PORTAL_THEME = {
  token: {
    colorPrimary: '#0b3d91',
    colorLink: '#0b3d91',
    colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
    colorTextDescription: 'rgba(0, 0, 0, 0.65)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.56)',
    borderRadius: 6,
  },
};

const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } },
});

function Shell() {
  const { locale } = useI18n();
  return (
    <ConfigProvider locale={locale === 'vi' ? viVN : enUS} theme={PORTAL_THEME}>
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
            <Route path="*" element={<NotFound />} />
          </Route>
        </Routes>
      </BrowserRouter>
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
