import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Radio, Select, Space } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { isCitizenId } from '../../domain/citizen-id.ts';
import { api, type DeskService, type ServiceDetail, type SubmittedDossier } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { DossierForm, prefill } from '../ui/DossierForm.tsx';
import { QueryState } from '../ui/QueryState.tsx';
import { RequireSignIn } from '../ui/RequireSignIn.tsx';
import { PageTitle } from '../ui/PageTitle.tsx';

type Applicant = {
  fullName: string;
  citizenId: string;
  phone?: string;
  email?: string;
  address?: string;
};

/** The one-stop desk registers a dossier handed in at the counter or by post, with its scans. */
function RegisterDossier() {
  const { t } = useI18n();
  const services = useQuery({
    queryKey: ['desk-services'],
    queryFn: () => api.get<DeskService[]>('/api/v1/officer/desk-services'),
  });
  const [serviceId, setServiceId] = useState<string>();
  const [channel, setChannel] = useState<'counter' | 'post'>('counter');
  const [applicant, setApplicant] = useState<Applicant>();
  const [done, setDone] = useState<SubmittedDossier>();
  const service = useQuery({
    queryKey: ['service', serviceId],
    queryFn: () => api.get<ServiceDetail>(`/api/v1/catalog/services/${serviceId ?? ''}`),
    enabled: serviceId !== undefined,
  });

  const receivedAtCode = services.data?.find((s) => s.id === serviceId)?.receivedAtCode;

  if (done)
    return (
      <Alert
        type="success"
        showIcon
        title={t('register.done', { code: done.code })}
        description={<Link to={`/can-bo/ho-so/${done.id}`}>{t('register.open')}</Link>}
      />
    );

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Card size="small" title={t('register.service')}>
        <QueryState query={services}>
          {(list) => (
            <Space orientation="vertical" style={{ width: '100%' }}>
              <Select
                id="register-service"
                style={{ width: '100%' }}
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={t('register.service')}
                value={serviceId}
                onChange={setServiceId}
                options={list.map((s) => ({
                  value: s.id,
                  label: `${s.procedureName} — ${s.agency.name}`,
                }))}
              />
              {receivedAtCode && (
                <Alert
                  type="info"
                  showIcon
                  title={t('register.forOtherAgency', {
                    agency: list.find((x) => x.id === serviceId)?.agency.name ?? '',
                  })}
                />
              )}
              <Radio.Group
                value={channel}
                onChange={(e) => setChannel(e.target.value === 'post' ? 'post' : 'counter')}
              >
                <Radio value="counter">{t('register.counter')}</Radio>
                <Radio value="post">{t('register.post')}</Radio>
              </Radio.Group>
            </Space>
          )}
        </QueryState>
      </Card>
      <Card size="small" title={t('register.applicant')}>
        <Form<Applicant>
          layout="vertical"
          onFinish={(values) => setApplicant(values)}
          disabled={applicant !== undefined}
        >
          <Form.Item
            name="fullName"
            label={t('register.fullName')}
            rules={[{ required: true, whitespace: true, message: t('register.required') }]}
          >
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item
            name="citizenId"
            label={t('register.citizenId')}
            rules={[
              { required: true, message: t('register.required') },
              {
                validator: (_, value: string | undefined) =>
                  !value || isCitizenId(value)
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('register.badCitizenId'))),
              },
            ]}
          >
            <Input maxLength={12} inputMode="numeric" />
          </Form.Item>
          <Form.Item name="phone" label={t('register.phone')}>
            <Input maxLength={20} />
          </Form.Item>
          <Form.Item
            name="email"
            label="Email"
            rules={[{ type: 'email', message: t('register.badEmail') }]}
          >
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="address" label={t('register.address')}>
            <Input maxLength={500} />
          </Form.Item>
          {applicant === undefined && (
            <Button htmlType="submit" disabled={serviceId === undefined}>
              {t('register.continue')}
            </Button>
          )}
        </Form>
      </Card>
      {applicant && serviceId && (
        <QueryState query={service}>
          {(s) => (
            <Card size="small" title={s.procedureName}>
              <DossierForm
                service={s}
                initial={prefill(applicant)}
                send={(payload) =>
                  api.post<SubmittedDossier>('/api/v1/officer/dossiers', {
                    ...payload,
                    channel,
                    ...(receivedAtCode ? { receivedAtCode } : {}),
                    applicant: Object.fromEntries(
                      Object.entries(applicant).filter(
                        ([, v]) => typeof v === 'string' && v !== '',
                      ),
                    ),
                  })
                }
                onSubmitted={setDone}
              />
            </Card>
          )}
        </QueryState>
      )}
    </Space>
  );
}

export function RegisterDossierPage() {
  const { t } = useI18n();
  return (
    <>
      <PageTitle>
        <Link to="/can-bo">{t('officer.inbox')}</Link> / {t('register.title')}
      </PageTitle>
      <RequireSignIn kind="officer">{() => <RegisterDossier />}</RequireSignIn>
    </>
  );
}
