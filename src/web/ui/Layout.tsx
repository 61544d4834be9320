import { allowedSomewhere } from '../../domain/access.ts';
import { Suspense, useState } from 'react';
import { Link, NavLink, Outlet } from 'react-router';
import { useI18n } from '../i18n.tsx';
import { useMe, usePortal } from '../session.ts';
import { AccountMenu } from './AccountMenu.tsx';
import { Loading } from './Loading.tsx';

/**
 * The frame of every page: the portal's banner, its menu, the page, the footer. Drawn with plain
 * elements and CSS rather than Ant Design's Menu, Drawer and Dropdown, which every page would
 * otherwise download before it can show anything (issue 18: a phone on 4G).
 */
export function Layout() {
  const { t, locale, setLocale } = useI18n();
  const portal = usePortal();
  const me = useMe();
  const [menuOpen, setMenuOpen] = useState(false);

  const officer = me.data?.kind === 'officer';
  const administers =
    allowedSomewhere(me.data?.roles ?? [], 'officer.manage') ||
    allowedSomewhere(me.data?.roles ?? [], 'catalog.manage');
  const items = [
    { to: '/', label: t('nav.services') },
    { to: '/tra-cuu', label: t('nav.lookup') },
    { to: '/thong-ke', label: t('nav.statistics') },
    { to: '/phan-anh', label: t('nav.feedback') },
    ...(me.data?.kind === 'citizen' ? [{ to: '/ho-so-cua-toi', label: t('nav.myDossiers') }] : []),
    // The back office is an officer's: a citizen or a visitor is not shown its doors.
    ...(officer ? [{ to: '/can-bo', label: t('nav.officer') }] : []),
    ...(administers ? [{ to: '/quan-tri', label: t('nav.admin') }] : []),
  ];

  return (
    <div className="portal">
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
        <div className="portal-header">
          {/* On a phone the menu folds under this button; it is a disclosure, and a closed menu
              is not displayed at all, so no hidden link can take the focus. */}
          <button
            type="button"
            className="portal-menu-button"
            aria-label={t('nav.menu')}
            aria-expanded={menuOpen}
            aria-controls="portal-menu"
            onClick={() => setMenuOpen(!menuOpen)}
          >
            <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
              <path d="M3 6h18M3 12h18M3 18h18" stroke="currentColor" strokeWidth="2" />
            </svg>
          </button>
          <nav
            id="portal-menu"
            className={menuOpen ? 'portal-nav portal-nav-open' : 'portal-nav'}
            aria-label={t('nav.menu')}
          >
            <ul>
              {items.map((item) => (
                <li key={item.to}>
                  <NavLink to={item.to} end={item.to === '/'} onClick={() => setMenuOpen(false)}>
                    {item.label}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
          <div className="portal-account">
            <button
              type="button"
              className="portal-header-button"
              lang={locale === 'vi' ? 'en' : 'vi'}
              onClick={() => setLocale(locale === 'vi' ? 'en' : 'vi')}
            >
              {t('nav.language')}
            </button>
            {me.data ? (
              <AccountMenu me={me.data} />
            ) : (
              <Link to="/dang-nhap" className="portal-sign-in">
                {t('nav.signIn')}
              </Link>
            )}
          </div>
        </div>
      </header>
      <main className="portal-content">
        <Suspense fallback={<Loading page />}>
          <Outlet />
        </Suspense>
      </main>
      <footer className="portal-footer">
        <strong>
          {t('footer.runBy')}: {portal.data?.agency}
        </strong>
        <div>{portal.data?.contact}</div>
        <div>{t('footer.software')}</div>
        {portal.data?.demoMode && (
          <div>
            <Link to="/hop-thu-mau">{t('mailbox.link')}</Link>
          </div>
        )}
      </footer>
    </div>
  );
}
