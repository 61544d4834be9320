import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Space, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { ApiError, api, type DossierDetail } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { DossierView } from '../ui/DossierView.tsx';
import { QueryState } from '../ui/QueryState.tsx';
import { RequireSignIn } from '../ui/RequireSignIn.tsx';

function OfficerDossier({ dossierId }: { dossierId: string }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const dossier = useQuery({
    queryKey: ['officer-dossier', dossierId],
    queryFn: () => api.get<DossierDetail>(`/api/v1/officer/dossiers/${dossierId}`),
  });
  const receive = useMutation({
    mutationFn: (lockVersion: number) =>
      api.post(`/api/v1/officer/dossiers/${dossierId}/receive`, { lockVersion }),
    onSuccess: () => {
      void message.success(t('officer.received'));
      return client.invalidateQueries({ queryKey: ['officer-dossier', dossierId] });
    },
    onError: () => client.invalidateQueries({ queryKey: ['officer-dossier', dossierId] }),
  });
  return (
    <QueryState query={dossier}>
      {(d) => (
        <Space orientation="vertical" style={{ width: '100%' }}>
          {receive.error instanceof ApiError && (
            <Alert type="error" showIcon title={receive.error.problem.title} />
          )}
          {d.status === 'submitted' && (
            <Button
              type="primary"
              size="large"
              loading={receive.isPending}
              onClick={() => receive.mutate(d.lockVersion)}
            >
              {t('officer.receive')}
            </Button>
          )}
          <DossierView
            dossier={d}
            showForm
            fileHref={(fileId) => `/api/v1/officer/dossiers/${d.id}/files/${fileId}`}
          />
        </Space>
      )}
    </QueryState>
  );
}

export function OfficerDossierPage() {
  const { t } = useI18n();
  const { dossierId = '' } = useParams();
  return (
    <>
      <Typography.Title level={3}>
        <Link to="/can-bo">{t('officer.inbox')}</Link>
      </Typography.Title>
      <RequireSignIn kind="officer">{() => <OfficerDossier dossierId={dossierId} />}</RequireSignIn>
    </>
  );
}
