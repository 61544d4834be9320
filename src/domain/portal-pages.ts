/**
 * Every page of the web app: its address, the module that draws it (relative to `src/web`) and the
 * frame it needs. The web app builds its routes from this list and the server reads it to tell the
 * browser, in the page's HTML, which scripts the address will need: a phone fetches them at once
 * instead of one after the other.
 */
export type PortalPage = {
  /** A react-router path: `:name` is one segment. */
  path: string;
  module: string;
  /** The component the module exports. */
  component: string;
  /**
   * `entry`: part of the first download (the home page); `plain`: a citizen page of plain elements;
   * `office`: a back-office page, drawn inside Ant Design's frame (`ui/PageFrame.tsx`).
   */
  frame: 'entry' | 'plain' | 'office';
};

export const OFFICE_FRAME_MODULE = 'ui/PageFrame.tsx';

export const PORTAL_PAGES: readonly PortalPage[] = [
  { path: '/', module: 'portal/HomePage.tsx', component: 'HomePage', frame: 'entry' },
  {
    path: '/dich-vu/:serviceId',
    module: 'portal/ServicePage.tsx',
    component: 'ServicePage',
    frame: 'plain',
  },
  {
    path: '/nop-ho-so/thanh-cong',
    module: 'portal/ReceiptPage.tsx',
    component: 'ReceiptPage',
    frame: 'plain',
  },
  { path: '/tra-cuu', module: 'portal/LookupPage.tsx', component: 'LookupPage', frame: 'plain' },
  {
    path: '/phan-anh',
    module: 'portal/FeedbackPage.tsx',
    component: 'FeedbackPage',
    frame: 'plain',
  },
  {
    path: '/phan-anh/:code',
    module: 'portal/FeedbackStatusPage.tsx',
    component: 'FeedbackStatusPage',
    frame: 'plain',
  },
  {
    path: '/tra-loi-phan-anh',
    module: 'portal/PublicFeedbackPage.tsx',
    component: 'PublicFeedbackPage',
    frame: 'plain',
  },
  {
    path: '/ho-so-cua-toi',
    module: 'portal/MyDossiersPage.tsx',
    component: 'MyDossiersPage',
    frame: 'plain',
  },
  {
    path: '/ho-so-cua-toi/:code',
    module: 'portal/MyDossiersPage.tsx',
    component: 'MyDossierPage',
    frame: 'plain',
  },
  { path: '/can-bo', module: 'officer/InboxPage.tsx', component: 'InboxPage', frame: 'office' },
  {
    path: '/can-bo/ho-so/:dossierId',
    module: 'officer/OfficerDossierPage.tsx',
    component: 'OfficerDossierPage',
    frame: 'office',
  },
  {
    path: '/can-bo/nhap-ho-so',
    module: 'officer/RegisterDossierPage.tsx',
    component: 'RegisterDossierPage',
    frame: 'office',
  },
  {
    path: '/can-bo/doi-soat',
    module: 'officer/ReconciliationPage.tsx',
    component: 'ReconciliationPage',
    frame: 'office',
  },
  {
    path: '/can-bo/bao-cao-thang',
    module: 'officer/MonthlyReportPage.tsx',
    component: 'MonthlyReportPage',
    frame: 'office',
  },
  {
    path: '/can-bo/thong-ke/:agency/ho-so',
    module: 'officer/DossiersBehindPage.tsx',
    component: 'DossiersBehindPage',
    frame: 'office',
  },
  {
    path: '/can-bo/phan-anh',
    module: 'officer/FeedbackDeskPage.tsx',
    component: 'FeedbackDeskPage',
    frame: 'office',
  },
  {
    path: '/can-bo/thong-ke/phan-anh',
    module: 'officer/FeedbackBehindPage.tsx',
    component: 'FeedbackBehindPage',
    frame: 'office',
  },
  {
    path: '/can-bo/phan-anh/:code',
    module: 'officer/FeedbackItemPage.tsx',
    component: 'FeedbackItemPage',
    frame: 'office',
  },
  { path: '/quan-tri', module: 'admin/AdminPage.tsx', component: 'AdminPage', frame: 'office' },
  {
    path: '/quan-tri/dich-vu/:serviceId',
    module: 'admin/ServiceDesignerPage.tsx',
    component: 'ServiceDesignerPage',
    frame: 'office',
  },
  { path: '/dang-nhap', module: 'SignInPage.tsx', component: 'SignInPage', frame: 'plain' },
  { path: '/tai-khoan', module: 'AccountPage.tsx', component: 'AccountPage', frame: 'office' },
  {
    path: '/hop-thu-mau',
    module: 'portal/MailboxPage.tsx',
    component: 'MailboxPage',
    frame: 'office',
  },
  {
    path: '/thanh-toan/ket-qua',
    module: 'portal/PaymentResultPage.tsx',
    component: 'PaymentResultPage',
    frame: 'plain',
  },
  {
    path: '/xac-thuc-ket-qua',
    module: 'portal/VerifyResultPage.tsx',
    component: 'VerifyResultPage',
    frame: 'plain',
  },
  {
    path: '/xac-thuc-ket-qua/:code',
    module: 'portal/VerifyResultPage.tsx',
    component: 'VerifyResultPage',
    frame: 'plain',
  },
  {
    path: '/thong-ke',
    module: 'portal/StatisticsPage.tsx',
    component: 'StatisticsPage',
    frame: 'plain',
  },
  {
    path: '/thong-ke/chi-so-766',
    module: 'portal/EvaluationPage.tsx',
    component: 'EvaluationPage',
    frame: 'plain',
  },
  {
    path: '/thong-ke/:agency',
    module: 'portal/StatisticsPage.tsx',
    component: 'AgencyStatisticsPage',
    frame: 'plain',
  },
];

/** The page an address opens, matched segment by segment as react-router does; none for a 404. */
export function findPortalPage(pathname: string): PortalPage | undefined {
  const segments = pathname.split('/').filter(Boolean);
  return PORTAL_PAGES.find((page) => {
    const pattern = page.path.split('/').filter(Boolean);
    return (
      pattern.length === segments.length &&
      pattern.every((part, i) => part.startsWith(':') || part === segments[i])
    );
  });
}
