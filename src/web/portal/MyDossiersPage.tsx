import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { api, type DossierDetail, type DossierSummary } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { DossierActions } from '../ui/DossierActions.tsx';
import { FeeCard } from '../ui/FeeCard.tsx';
import { ApplicantResultCard } from '../ui/ApplicantResultCard.tsx';
import { NoticesCard } from '../ui/NoticesCard.tsx';
import { DossierView } from '../ui/DossierView.tsx';
import { FormLinks } from '../ui/FormLinks.tsx';
import { QueryState } from '../ui/QueryState.tsx';
import { RequireSignIn } from '../ui/RequireSignIn.tsx';
import { DossierTable } from '../ui/DossierTable.tsx';
import { PageTitle } from '../ui/PageTitle.tsx';
import { usePortal } from '../session.ts';
import { NationalDossierList, NationalDossierView } from './NationalDossiers.tsx';

function MyDossierList() {
  const dossiers = useQuery({
    queryKey: ['my-dossiers'],
    queryFn: () => api.get<DossierSummary[]>('/api/v1/dossiers'),
  });
  return (
    <QueryState query={dossiers}>
      {(rows) => (
        <DossierTable
          rows={rows}
          showApplicant={false}
          href={(row) => `/ho-so-cua-toi/${row.code}`}
        />
      )}
    </QueryState>
  );
}

export function MyDossiersPage() {
  const { t } = useI18n();
  const national = usePortal().data?.national === true;
  return (
    <>
      <PageTitle>{t('nav.myDossiers')}</PageTitle>
      <RequireSignIn>
        {() => (
          <div className="stack">
            <NoticesCard />
            {national ? <NationalDossierList /> : <MyDossierList />}
          </div>
        )}
      </RequireSignIn>
    </>
  );
}

function MyDossier({ code }: { code: string }) {
  const queryKey = ['my-dossier', code];
  const dossier = useQuery({
    queryKey,
    queryFn: () => api.get<DossierDetail>(`/api/v1/dossiers/${code}`),
  });
  return (
    <QueryState query={dossier}>
      {(d) => (
        <div className="stack">
          <DossierActions
            dossier={d}
            endpoint={`/api/v1/dossiers/${d.code}/actions`}
            queryKey={queryKey}
          />
          {d.resultOnline && (d.status === 'result_ready' || d.status === 'returned') && (
            <ApplicantResultCard dossier={d} />
          )}
          {d.feeDueVnd > 0 && <FeeCard dossier={d} />}
          <FormLinks dossier={d} base={`/api/v1/dossiers/${d.code}`} officer={false} />
          <DossierView
            dossier={d}
            showForm
            fileHref={(fileId) => `/api/v1/dossiers/${d.code}/files/${fileId}`}
          />
        </div>
      )}
    </QueryState>
  );
}

export function MyDossierPage() {
  const { t } = useI18n();
  const { code = '' } = useParams();
  const national = usePortal().data?.national === true;
  return (
    <>
      <Link to="/ho-so-cua-toi" className="back-link">
        {t('nav.myDossiers')}
      </Link>
      <PageTitle>{t('dossier.title', { code })}</PageTitle>
      <RequireSignIn>
        {() => (national ? <NationalDossierView code={code} /> : <MyDossier code={code} />)}
      </RequireSignIn>
    </>
  );
}
