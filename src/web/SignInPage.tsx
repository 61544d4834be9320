import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router';
import { safeReturnPath } from '../domain/return-path.ts';
import { api } from './api.ts';
import { useI18n } from './i18n.tsx';
import { roleLabel } from './ui/labels.ts';
import { OfficerSignIn } from './OfficerSignIn.tsx';
import { usePortal } from './session.ts';
import { QueryState } from './ui/QueryState.tsx';
import { PageTitle } from './ui/PageTitle.tsx';
import { isOneOf } from '../domain/one-of.ts';

type DemoAccount = {
  id: string;
  kind: 'citizen' | 'officer';
  fullName: string;
  roles: { agencyName: string; role: string }[];
};

/** Sign-in failures the identity provider's return can bring back, each with its own message. */
const KNOWN_ERRORS = [
  'OIDC_LOGIN_EXPIRED',
  'OIDC_OFFICERS_DISABLED',
  'OIDC_NO_OFFICER_ACCOUNT',
  'OIDC_SECOND_FACTOR_REQUIRED',
] as const;

export function SignInPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const portal = usePortal();
  const next = safeReturnPath(params.get('next'));
  const error = params.get('loi');

  return (
    <div className="stack stack-large">
      <PageTitle>{t('signIn.title')}</PageTitle>
      {error && (
        <p className="notice notice-error" role="alert">
          {isOneOf(KNOWN_ERRORS, error) ? t(`signIn.error.${error}`) : t('signIn.error.other')}
        </p>
      )}
      <div className="sign-in-columns">
        <section className="panel stack" aria-labelledby="sign-in-citizens">
          <h2 className="panel-title" id="sign-in-citizens">
            {t('signIn.citizens')}
          </h2>
          <p>{t('signIn.citizensHelp')}</p>
          <div>
            <a
              className="button button-primary button-large"
              href={`/api/v1/auth/oidc/start?returnTo=${encodeURIComponent(next ?? '/')}`}
            >
              {t('signIn.withIdentity')}
            </a>
          </div>
        </section>
        <section className="panel stack" aria-labelledby="sign-in-officers">
          <h2 className="panel-title" id="sign-in-officers">
            {t('signIn.officers')}
          </h2>
          <OfficerSignIn onSignedIn={async () => navigate(next ?? '/can-bo')} />
          {portal.data?.officersSignInWithOidc && (
            <a
              href={`/api/v1/auth/oidc/start?as=officer&returnTo=${encodeURIComponent(next ?? '/can-bo')}`}
            >
              {t('signIn.officerWithIdentity')}
            </a>
          )}
        </section>
      </div>
      {portal.data?.demoMode && (
        <>
          <p className="notice notice-warning">
            {t('signIn.demoNote', { password: portal.data.demoOfficerPassword ?? '' })}
          </p>
          <details className="panel demo-accounts">
            <summary>{t('signIn.demoAccounts')}</summary>
            <DemoAccounts next={next} />
          </details>
        </>
      )}
    </div>
  );
}

/** Demo mode only: sign in as a sample account in one click. */
function DemoAccounts({ next }: { next: string | undefined }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const client = useQueryClient();
  const accounts = useQuery({
    queryKey: ['demo-accounts'],
    queryFn: () => api.get<DemoAccount[]>('/api/v1/auth/demo/accounts'),
  });

  async function signIn(account: DemoAccount) {
    await api.post('/api/v1/auth/demo/sign-in', { accountId: account.id });
    await client.invalidateQueries();
    await navigate(next ?? (account.kind === 'officer' ? '/can-bo' : '/'));
  }

  return (
    <QueryState query={accounts}>
      {(rows) => (
        <ul className="document-list">
          {rows.map((account) => (
            <li key={account.id} className="file-row">
              <span>
                <strong>{account.fullName}</strong>
                <br />
                <span className="muted">
                  {account.kind === 'citizen'
                    ? t('signIn.citizens')
                    : account.roles
                        .map((r) => `${roleLabel(r.role, t)} — ${r.agencyName}`)
                        .join('; ')}
                </span>
              </span>
              <button
                type="button"
                className="button"
                onClick={() => void signIn(account)}
                aria-label={`${t('signIn.as')} ${account.fullName}`}
              >
                {t('signIn.as')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </QueryState>
  );
}
