import { App, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import viVN from 'antd/locale/vi_VN';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n.tsx';

/**
 * The portal's colours for Ant Design, each text colour at least 4.5:1 against its background
 * (WCAG 2.1 AA 1.4.3): Ant Design's defaults for secondary text (3.4:1) and links (4.1:1) fall short.
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

/**
 * What a back-office page needs around it: Ant Design's theme and locale, and its App, which gives
 * `App.useApp()` its messages and dialogs. None of it is in the first download: the citizen pages
 * are plain elements and never load Ant Design.
 */
export function PageFrame({ children }: { children: ReactNode }) {
  const { locale } = useI18n();
  return (
    <ConfigProvider locale={locale === 'vi' ? viVN : enUS} theme={PORTAL_THEME}>
      <App component={false}>{children}</App>
    </ConfigProvider>
  );
}
