import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, type ReceivingCenter, type ServiceDetail, type SubmissionReceipt } from '../api.ts';
import { AGENCY_TIER_LABELS } from '../../domain/catalog-exchange.ts';
import { onlineLevelLabel } from '../../domain/online-level.ts';
import { useI18n } from '../i18n.tsx';
import { useMe } from '../session.ts';
import { QueryState } from '../ui/QueryState.tsx';
import { DossierForm, prefill } from '../ui/DossierForm.tsx';
import { feeScheduleText } from '../ui/FeeChoiceFields.tsx';
import { RequiredDocumentInfo } from '../ui/RequiredDocumentInfo.tsx';
import { PageTitle } from '../ui/PageTitle.tsx';

export function ServicePage() {
  const { t, locale } = useI18n();
  const { serviceId = '' } = useParams();
  const navigate = useNavigate();
  const me = useMe();
  const service = useQuery({
    queryKey: ['service', serviceId],
    queryFn: () => api.get<ServiceDetail>(`/api/v1/catalog/services/${serviceId}`),
  });
  /** Centers where the applicant may collect the result instead (Decree 118/2025). */
  const centers = useQuery({
    queryKey: ['service-centers', serviceId],
    queryFn: () => api.get<ReceivingCenter[]>(`/api/v1/catalog/services/${serviceId}/centers`),
    enabled: me.data?.kind === 'citizen',
  });
  const [returnAt, setReturnAt] = useState('');

  return (
    <QueryState query={service}>
      {(s) => {
        const facts: [string, string][] = [
          [t('service.agency'), s.agency.name],
          [t('service.code'), s.procedureCode],
          [t('service.field'), s.field],
          [t('service.days'), t('service.daysValue', { n: s.processingDays })],
          [t('service.fee'), feeScheduleText(s.feeSchedule, t)],
          [t('service.legalBasis'), s.legalBasis],
          ...(s.carriedOutBy.length > 0
            ? [
                [
                  t('service.carriedOutBy'),
                  s.carriedOutBy.map((tier) => AGENCY_TIER_LABELS[tier]).join(', '),
                ] as [string, string],
              ]
            : []),
          ...(s.resultType ? [[t('service.result'), s.resultType] as [string, string]] : []),
          ...(s.conditions ? [[t('service.conditions'), s.conditions] as [string, string]] : []),
        ];
        return (
          <div className="stack stack-large">
            <div className="stack">
              <PageTitle style={{ marginBottom: 0 }}>{s.procedureName}</PageTitle>
              <span className={`level-tag${s.onlineLevel === 'full' ? ' level-full' : ''}`}>
                {onlineLevelLabel(s.onlineLevel, locale)}
              </span>
            </div>
            <dl className="facts">
              {facts.map(([term, description]) => (
                <div key={term}>
                  <dt>{term}</dt>
                  <dd>{description}</dd>
                </div>
              ))}
            </dl>
            {me.data?.kind !== 'citizen' && s.requiredDocuments.length > 0 && (
              <section className="panel">
                <h2 className="panel-title">{t('form.documents')}</h2>
                <ul className="document-list">
                  {s.requiredDocuments.map((document) => (
                    <li key={document.key}>
                      <RequiredDocumentInfo document={document} />
                    </li>
                  ))}
                </ul>
              </section>
            )}
            <section className="panel">
              <h2 className="panel-title">{t('service.submitOnline')}</h2>
              {me.data?.kind === 'citizen' && (centers.data ?? []).length > 0 && (
                <div className="form-field">
                  <label htmlFor="return-at">{t('service.returnAt')}</label>
                  <p id="return-at__help" className="form-help">
                    {t('service.returnAtHint')}
                  </p>
                  <select
                    id="return-at"
                    aria-describedby="return-at__help"
                    value={returnAt}
                    onChange={(event) => setReturnAt(event.target.value)}
                  >
                    <option value="">
                      {t('service.returnAtAgency', { agency: s.agency.name })}
                    </option>
                    {(centers.data ?? []).map((center) => (
                      <option key={center.code} value={center.code}>
                        {center.name}
                      </option>
                    ))}
                  </select>
                </div>
              )}
              {me.data?.kind === 'citizen' ? (
                <DossierForm
                  service={s}
                  keepsDraft
                  initial={prefill(me.data)}
                  send={(payload) =>
                    api.post<SubmissionReceipt>('/api/v1/dossiers', {
                      ...payload,
                      ...(returnAt ? { returnAtCode: returnAt } : {}),
                    })
                  }
                  onSubmitted={(receipt) =>
                    void navigate('/nop-ho-so/thanh-cong', { state: receipt })
                  }
                />
              ) : me.data ? (
                <p className="notice notice-info">{t('service.officerCannotSubmit')}</p>
              ) : (
                <Link
                  className="button button-primary"
                  to={`/dang-nhap?next=${encodeURIComponent(`/dich-vu/${s.id}`)}`}
                >
                  {t('service.signInToSubmit')}
                </Link>
              )}
            </section>
          </div>
        );
      }}
    </QueryState>
  );
}
