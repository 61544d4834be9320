import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Collapse, List, Row, Typography } from 'antd';
import { useNavigate, useSearchParams } from 'react-router';
import { safeReturnPath } from '../domain/return-path.ts';
import { api } from './api.ts';
import { useI18n } from './i18n.tsx';
import { OfficerSignIn } from './OfficerSignIn.tsx';
import { usePortal } from './session.ts';
import { QueryState } from './ui/QueryState.tsx';
import { PageTitle } from './ui/PageTitle.tsx';

type DemoAccount = {
  id: string;
  kind: 'citizen' | 'officer';
  fullName: string;
  roles: { agencyName: string; role: string }[];
};

export const ROLE_NAMES: Record<string, string> = {
  reception: 'Cán bộ một cửa',
  specialist: 'Chuyên viên',
  department_head: 'Lãnh đạo phòng',
  leader: 'Lãnh đạo cơ quan',
  agency_admin: 'Quản trị đơn vị',
  national_supervisor: 'Giám sát quốc gia',
  system_admin: 'Quản trị hệ thống',
};

/** Sign-in failures the identity provider's return can bring back, each with its own message. */
const KNOWN_ERRORS = [
  'OIDC_LOGIN_EXPIRED',
  'OIDC_OFFICERS_DISABLED',
  'OIDC_NO_OFFICER_ACCOUNT',
  'OIDC_SECOND_FACTOR_REQUIRED',
] as const;
const isKnownError = (code: string): code is (typeof KNOWN_ERRORS)[number] =>
  (KNOWN_ERRORS as readonly string[]).includes(code);

/** Only a path of this portal (no open redirect). */

export function SignInPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const portal = usePortal();
  const next = safeReturnPath(params.get('next'));
  const error = params.get('loi');

  return (
    <>
      <PageTitle>{t('signIn.title')}</PageTitle>
      {error && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={isKnownError(error) ? t(`signIn.error.${error}`) : t('signIn.error.other')}
          style={{ marginBottom: 16 }}
        />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} md={12}>
          <Card title={t('signIn.citizens')}>
            <Typography.Paragraph>{t('signIn.citizensHelp')}</Typography.Paragraph>
            <Button
              type="primary"
              size="large"
              className="wrapping-button"
              href={`/api/v1/auth/oidc/start?returnTo=${encodeURIComponent(next ?? '/')}`}
            >
              {t('signIn.withIdentity')}
            </Button>
          </Card>
        </Col>
        <Col xs={24} md={12}>
          <Card title={t('signIn.officers')}>
            <OfficerSignIn onSignedIn={async () => navigate(next ?? '/can-bo')} />
            {portal.data?.officersSignInWithOidc && (
              <Button
                type="link"
                href={`/api/v1/auth/oidc/start?as=officer&returnTo=${encodeURIComponent(next ?? '/can-bo')}`}
              >
                {t('signIn.officerWithIdentity')}
              </Button>
            )}
          </Card>
        </Col>
      </Row>
      {portal.data?.demoMode && (
        <>
          <Alert
            type="warning"
            showIcon
            title={t('signIn.demoNote', { password: portal.data.demoOfficerPassword ?? '' })}
            style={{ margin: '16px 0' }}
          />
          <Collapse
            items={[
              {
                key: 'demo',
                label: t('signIn.demoAccounts'),
                children: <DemoAccounts next={next} />,
              },
            ]}
          />
        </>
      )}
    </>
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
        <List
          dataSource={rows}
          renderItem={(account) => (
            <List.Item
              actions={[
                <Button
                  key="in"
                  onClick={() => void signIn(account)}
                  aria-label={`${t('signIn.as')} ${account.fullName}`}
                >
                  {t('signIn.as')}
                </Button>,
              ]}
            >
              <List.Item.Meta
                title={account.fullName}
                description={
                  account.kind === 'citizen'
                    ? t('signIn.citizens')
                    : account.roles
                        .map((r) => `${ROLE_NAMES[r.role] ?? r.role} — ${r.agencyName}`)
                        .join('; ')
                }
              />
            </List.Item>
          )}
        />
      )}
    </QueryState>
  );
}
