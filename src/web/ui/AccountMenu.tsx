import { useState, type FocusEvent } from 'react';
import { Link } from 'react-router';
import type { Me } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { signOut } from '../session.ts';

/**
 * The signed-in person's name (and, for an officer, the agencies they act for) opening their
 * account page and the sign-out: a disclosure that closes on Escape, on a choice, or when the focus
 * leaves it.
 */
export function AccountMenu({ me }: { me: Me }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const agencies = me.kind === 'officer' ? [...new Set(me.roles.map((r) => r.agencyName))] : [];

  const closeWhenFocusLeaves = (event: FocusEvent<HTMLDivElement>) => {
    if (!event.currentTarget.contains(event.relatedTarget)) setOpen(false);
  };

  return (
    <div
      className="portal-account-menu"
      onBlur={closeWhenFocusLeaves}
      onKeyDown={(event) => {
        if (event.key === 'Escape') setOpen(false);
      }}
    >
      <button
        type="button"
        className="portal-header-button portal-user"
        data-testid="current-user"
        aria-expanded={open}
        aria-controls="portal-account-menu"
        onClick={() => setOpen(!open)}
      >
        {me.fullName}
        {agencies.length > 0 && (
          <span className="portal-user-agency" data-testid="current-agency">
            {agencies.join(', ')}
          </span>
        )}
      </button>
      <ul id="portal-account-menu" className="portal-account-list" hidden={!open}>
        <li>
          <Link to="/tai-khoan" onClick={() => setOpen(false)}>
            {t('nav.account')}
          </Link>
        </li>
        <li>
          <button
            type="button"
            onClick={() => {
              setOpen(false);
              void signOut();
            }}
          >
            {t('nav.signOut')}
          </button>
        </li>
      </ul>
    </div>
  );
}
