import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, List, Row, Typography } from 'antd';
import { useNavigate, useSearchParams } from 'react-router';
import { api } from './api.ts';
import { useI18n } from './i18n.tsx';
import { QueryState } from './ui/QueryState.tsx';

type DemoAccount = {
  id: string;
  kind: 'citizen' | 'officer';
  fullName: string;
  roles: { agencyName: string; role: string }[];
};

const ROLE_NAMES: Record<string, string> = {
  reception: 'Cán bộ một cửa',
  specialist: 'Chuyên viên',
  department_head: 'Lãnh đạo phòng',
  leader: 'Lãnh đạo cơ quan',
  agency_admin: 'Quản trị đơn vị',
  national_supervisor: 'Giám sát quốc gia',
  system_admin: 'Quản trị hệ thống',
};

export function SignInPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const client = useQueryClient();
  const accounts = useQuery({
    queryKey: ['demo-accounts'],
    queryFn: () => api.get<DemoAccount[]>('/api/v1/auth/demo/accounts'),
  });

  async function signIn(account: DemoAccount) {
    await api.post('/api/v1/auth/demo/sign-in', { accountId: account.id });
    await client.invalidateQueries();
    const next = params.get('next');
    await navigate(next?.startsWith('/') ? next : account.kind === 'officer' ? '/can-bo' : '/');
  }

  const group = (kind: DemoAccount['kind'], rows: DemoAccount[]) => (
    <List
      dataSource={rows.filter((a) => a.kind === kind)}
      renderItem={(account) => (
        <List.Item
          actions={[
            <Button
              key="in"
              type="primary"
              onClick={() => void signIn(account)}
              aria-label={`${t('signIn.as')} ${account.fullName}`}
            >
              {t('signIn.as')}
            </Button>,
          ]}
        >
          <List.Item.Meta
            title={account.fullName}
            description={account.roles
              .map((r) => `${ROLE_NAMES[r.role] ?? r.role} — ${r.agencyName}`)
              .join('; ')}
          />
        </List.Item>
      )}
    />
  );

  return (
    <>
      <Typography.Title level={3}>{t('signIn.title')}</Typography.Title>
      <Alert type="warning" showIcon title={t('signIn.demoNote')} style={{ marginBottom: 16 }} />
      <QueryState query={accounts}>
        {(rows) => (
          <Row gutter={[16, 16]}>
            <Col xs={24} md={12}>
              <Card title={t('signIn.citizens')}>{group('citizen', rows)}</Card>
            </Col>
            <Col xs={24} md={12}>
              <Card title={t('signIn.officers')}>{group('officer', rows)}</Card>
            </Col>
          </Row>
        )}
      </QueryState>
    </>
  );
}
