import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, List, Space, Tag } from 'antd';
import { Link, useNavigate, useParams } from 'react-router';
import { api, type ServiceDetail, type SubmittedDossier } from '../api.ts';
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

  return (
    <QueryState query={service}>
      {(s) => (
        <Space orientation="vertical" size="large" style={{ width: '100%' }}>
          <div>
            <PageTitle style={{ marginBottom: 4 }}>{s.procedureName}</PageTitle>
            <Tag color={s.onlineLevel === 'full' ? 'green' : 'blue'}>
              {onlineLevelLabel(s.onlineLevel, locale)}
            </Tag>
          </div>
          <Descriptions bordered size="small" column={{ xs: 1, sm: 1, md: 2 }}>
            <Descriptions.Item label={t('service.agency')}>{s.agency.name}</Descriptions.Item>
            <Descriptions.Item label={t('service.code')}>{s.procedureCode}</Descriptions.Item>
            <Descriptions.Item label={t('service.field')}>{s.field}</Descriptions.Item>
            <Descriptions.Item label={t('service.days')}>
              {t('service.daysValue', { n: s.processingDays })}
            </Descriptions.Item>
            <Descriptions.Item label={t('service.fee')}>
              {feeScheduleText(s.feeSchedule, t)}
            </Descriptions.Item>
            <Descriptions.Item label={t('service.legalBasis')}>{s.legalBasis}</Descriptions.Item>
            {s.carriedOutBy.length > 0 && (
              <Descriptions.Item label={t('service.carriedOutBy')}>
                {s.carriedOutBy.map((tier) => AGENCY_TIER_LABELS[tier]).join(', ')}
              </Descriptions.Item>
            )}
            {s.resultType && (
              <Descriptions.Item label={t('service.result')}>{s.resultType}</Descriptions.Item>
            )}
            {s.conditions && (
              <Descriptions.Item label={t('service.conditions')}>{s.conditions}</Descriptions.Item>
            )}
          </Descriptions>
          {me.data?.kind !== 'citizen' && s.requiredDocuments.length > 0 && (
            <Card title={t('form.documents')} size="small">
              <List
                dataSource={s.requiredDocuments}
                renderItem={(document) => (
                  <List.Item>
                    <Space orientation="vertical">
                      <RequiredDocumentInfo document={document} />
                    </Space>
                  </List.Item>
                )}
              />
            </Card>
          )}
          <Card title={t('service.submitOnline')}>
            {me.data?.kind === 'citizen' ? (
              <DossierForm
                service={s}
                initial={prefill(me.data)}
                send={(payload) => api.post<SubmittedDossier>('/api/v1/dossiers', payload)}
                onSubmitted={(dossier) =>
                  void navigate('/nop-ho-so/thanh-cong', { state: dossier })
                }
              />
            ) : me.data ? (
              <Alert type="info" showIcon title={t('service.officerCannotSubmit')} />
            ) : (
              <Link to={`/dang-nhap?next=${encodeURIComponent(`/dich-vu/${s.id}`)}`}>
                <Button type="primary">{t('service.signInToSubmit')}</Button>
              </Link>
            )}
          </Card>
        </Space>
      )}
    </QueryState>
  );
}
