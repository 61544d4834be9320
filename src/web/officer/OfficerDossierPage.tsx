import { useQuery } from '@tanstack/react-query';
import { Card, Space } from 'antd';
import { Link, useParams } from 'react-router';
import { api, type DossierDetail } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { DossierActions } from '../ui/DossierActions.tsx';
import { DossierFeedbackCard } from '../ui/DossierFeedbackCard.tsx';
import { DossierView } from '../ui/DossierView.tsx';
import { FormLinks } from '../ui/FormLinks.tsx';
import { QueryState } from '../ui/QueryState.tsx';
import { OfficerResultCard } from '../ui/ResultCard.tsx';
import { RequireSignIn } from '../ui/RequireSignIn.tsx';
import { PageTitle } from '../ui/PageTitle.tsx';

function OfficerDossier({ dossierId }: { dossierId: string }) {
  const { t } = useI18n();
  const queryKey = ['officer-dossier', dossierId];
  const dossier = useQuery({
    queryKey,
    queryFn: () => api.get<DossierDetail>(`/api/v1/officer/dossiers/${dossierId}`),
  });
  return (
    <QueryState query={dossier}>
      {(d) => (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <PageTitle>{t('dossier.title', { code: d.code })}</PageTitle>
          <Card size="small" title={t('officer.actions')}>
            <DossierActions
              dossier={d}
              endpoint={`/api/v1/officer/dossiers/${d.id}/actions`}
              queryKey={queryKey}
              empty={t('action.none')}
            />
          </Card>
          {d.resultOnline && ['processing', 'result_ready', 'returned'].includes(d.status) && (
            <OfficerResultCard dossier={d} />
          )}
          <DossierFeedbackCard dossierCode={d.code} />
          <FormLinks dossier={d} base={`/api/v1/officer/dossiers/${d.id}`} officer />
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
      <Link to="/can-bo" className="back-link">
        {t('officer.inbox')}
      </Link>
      <RequireSignIn kind="officer">{() => <OfficerDossier dossierId={dossierId} />}</RequireSignIn>
    </>
  );
}
