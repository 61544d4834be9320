import { MenuOutlined } from '@ant-design/icons';
import { Button, Drawer, Dropdown, Grid, Layout as AntLayout, Menu, Spin, Typography } from 'antd';
import { Suspense, useState } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { useI18n } from '../i18n.tsx';
import { useMe, usePortal, useSignOut } from '../session.ts';

const { Content, Footer } = AntLayout;
const ADMIN_ROLES = ['agency_admin', 'system_admin'];

export function Layout() {
  const { t, locale, setLocale } = useI18n();
  const portal = usePortal();
  const me = useMe();
  const signOut = useSignOut();
  const navigate = useNavigate();
  const location = useLocation();
  const wide = Grid.useBreakpoint().md ?? true;
  const [drawerOpen, setDrawerOpen] = useState(false);

  const officer = me.data?.kind === 'officer';
  const administers = me.data?.roles.some((r) => ADMIN_ROLES.includes(r.role)) ?? false;
  // An officer sees whose agency they act for.
  const agencies = [...new Set(me.data?.roles.map((r) => r.agencyName) ?? [])];
  const items = [
    { key: '/', label: <Link to="/">{t('nav.services')}</Link> },
    { key: '/tra-cuu', label: <Link to="/tra-cuu">{t('nav.lookup')}</Link> },
    { key: '/thong-ke', label: <Link to="/thong-ke">{t('nav.statistics')}</Link> },
    ...(me.data?.kind === 'citizen'
      ? [{ key: '/ho-so-cua-toi', label: <Link to="/ho-so-cua-toi">{t('nav.myDossiers')}</Link> }]
      : []),
    // The back office is an officer's: a citizen or a visitor is not shown its doors.
    ...(officer ? [{ key: '/can-bo', label: <Link to="/can-bo">{t('nav.officer')}</Link> }] : []),
    ...(administers
      ? [{ key: '/quan-tri', label: <Link to="/quan-tri">{t('nav.admin')}</Link> }]
      : []),
  ];
  const selected = items
    .map((i) => i.key)
    .filter((k) => k !== '/' && location.pathname.startsWith(k));
  const selectedKeys = selected.length > 0 ? selected : [location.pathname === '/' ? '/' : ''];

  return (
    <AntLayout className="portal">
      <header className="portal-top">
        <div className="portal-banner">
          <div className="portal-banner-inner">
            <div className="portal-emblem" aria-hidden="true">
              ★
            </div>
            <div>
              <div className="portal-agency">{portal.data?.agency}</div>
              <Link to="/" className="portal-name">
                {portal.data?.name}
              </Link>
            </div>
          </div>
        </div>
        <nav className="portal-header" aria-label={t('nav.menu')}>
          {wide ? (
            <Menu
              theme="dark"
              mode="horizontal"
              items={items}
              selectedKeys={selectedKeys}
              className="portal-menu"
            />
          ) : (
            // On a phone the menu opens in a drawer: a horizontal menu would fold its items into a
            // hidden overflow that keyboards and screen readers still reach.
            <div className="portal-menu">
              <Button
                type="text"
                className="portal-menu-button"
                icon={<MenuOutlined />}
                aria-label={t('nav.menu')}
                aria-expanded={drawerOpen}
                onClick={() => setDrawerOpen(true)}
              />
              <Drawer
                placement="left"
                open={drawerOpen}
                onClose={() => setDrawerOpen(false)}
                title={portal.data?.name}
                size="default"
                styles={{ body: { padding: 0 } }}
              >
                <Menu
                  mode="inline"
                  items={items}
                  selectedKeys={selectedKeys}
                  onClick={() => setDrawerOpen(false)}
                  aria-label={t('nav.menu')}
                />
              </Drawer>
            </div>
          )}
          <div className="portal-account">
            <Button
              type="link"
              className="portal-lang"
              onClick={() => setLocale(locale === 'vi' ? 'en' : 'vi')}
            >
              {t('nav.language')}
            </Button>
            {me.data ? (
              <Dropdown
                menu={{
                  items: [
                    { key: 'account', label: t('nav.account') },
                    { key: 'out', label: t('nav.signOut') },
                  ],
                  onClick: ({ key }) =>
                    key === 'account'
                      ? void navigate('/tai-khoan')
                      : void signOut().then((logoutUrl) => (logoutUrl ? undefined : navigate('/'))),
                }}
              >
                <Button type="text" className="portal-user" data-testid="current-user">
                  {me.data.fullName}
                  {officer && agencies.length > 0 && (
                    <span className="portal-user-agency" data-testid="current-agency">
                      {agencies.join(', ')}
                    </span>
                  )}
                </Button>
              </Dropdown>
            ) : (
              <Link to="/dang-nhap">
                <Button type="primary">{t('nav.signIn')}</Button>
              </Link>
            )}
          </div>
        </nav>
      </header>
      <Content className="portal-content">
        <Suspense fallback={<Spin size="large" className="page-loading" />}>
          <Outlet />
        </Suspense>
      </Content>
      <Footer className="portal-footer">
        <Typography.Text strong>
          {t('footer.runBy')}: {portal.data?.agency}
        </Typography.Text>
        <div>{portal.data?.contact}</div>
        <div>OpenDVC — phần mềm nguồn mở cho dịch vụ công trực tuyến</div>
        {portal.data?.demoMode && (
          <div>
            <Link to="/hop-thu-mau">Hộp thư mẫu (bản trình diễn)</Link>
          </div>
        )}
      </Footer>
    </AntLayout>
  );
}
