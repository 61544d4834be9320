import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Input,
  InputNumber,
  Row,
  Space,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  checkFormDesign,
  compileFormDesign,
  designFromForm,
  type FormDesign,
} from '../../domain/form-design.ts';
import { lowestFee, type FeeSchedule } from '../../domain/fees.ts';
import type { ResultTemplate } from '../../domain/result-template.ts';
import { PROVINCES_2025 } from '../../domain/vietnam-provinces.ts';
import { ApiError, api, type ManagedServiceDetail, type ServiceVersion } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { ProcedureForm } from '../ui/ProcedureForm.tsx';
import { DocumentsEditor } from './DocumentsEditor.tsx';
import { FeeScheduleEditor } from './FeeScheduleEditor.tsx';
import { WorkflowEditor } from './WorkflowEditor.tsx';
import { workflowProblems } from '../../domain/workflow.ts';
import { FieldList } from './FormDesigner.tsx';
import { QueryState } from '../ui/QueryState.tsx';
import { ServiceStatusTag } from './ServiceStatusTag.tsx';
import { RequireSignIn } from '../ui/RequireSignIn.tsx';
import { PageTitle } from '../ui/PageTitle.tsx';

function Designer({ service, base }: { service: ManagedServiceDetail; base: ServiceVersion }) {
  const { message } = App.useApp();
  const { t } = useI18n();
  const client = useQueryClient();
  const [design, setDesign] = useState<FormDesign>(() =>
    designFromForm(base.formSchema, base.uiSchema),
  );
  const [processingDays, setProcessingDays] = useState(base.processingDays);
  const [feeSchedule, setFeeSchedule] = useState<FeeSchedule>(base.feeSchedule);
  const [paymentOnline, setPaymentOnline] = useState(base.paymentOnline);
  const [resultOnline, setResultOnline] = useState(base.resultOnline);
  const [receivedLocally, setReceivedLocally] = useState(base.receivedLocally);
  const [resultTemplate, setResultTemplate] = useState<ResultTemplate | null>(base.resultTemplate);
  const [documents, setDocuments] = useState(base.requiredDocuments);
  const [workflow, setWorkflow] = useState(base.workflow);
  const [preview, setPreview] = useState<Record<string, unknown>>({});
  const compiled = useMemo(() => compileFormDesign(design, PROVINCES_2025), [design]);
  const problems = [...checkFormDesign(design), ...workflowProblems(workflow)];

  const refresh = () => client.invalidateQueries({ queryKey: ['managed-service', service.id] });
  const saveDraft = () =>
    api.put(`/api/v1/admin/services/${service.id}/draft`, {
      ...compiled,
      requiredDocuments: documents,
      processingDays,
      feeVnd: lowestFee(feeSchedule),
      feeSchedule,
      paymentOnline,
      resultOnline,
      receivedLocally,
      // Without a template, the officer uploads the result as a PDF.
      resultTemplate: resultTemplate?.title || resultTemplate?.body ? resultTemplate : null,
      workflow,
    });
  const save = useMutation({
    mutationFn: saveDraft,
    onSuccess: () => (void message.success(t('designer.saved')), refresh()),
  });
  const publish = useMutation({
    mutationFn: async () => {
      await saveDraft();
      return api.post(`/api/v1/admin/services/${service.id}/publish`);
    },
    onSuccess: () => (void message.success(t('designer.published')), refresh()),
  });
  const failure = [save.error, publish.error].find((e) => e instanceof ApiError);

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={12}>
        <Card title={t('designer.form')} size="small">
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Space wrap>
              <span>{t('designer.processingDays')}</span>
              <InputNumber
                aria-label={t('designer.processingDaysShort')}
                min={0}
                max={365}
                value={processingDays}
                onChange={(v) => setProcessingDays(v ?? 0)}
              />
            </Space>
            <Typography.Text strong>{t('designer.fees')}</Typography.Text>
            <FeeScheduleEditor value={feeSchedule} onChange={setFeeSchedule} />
            <Checkbox
              checked={paymentOnline}
              onChange={(e) => setPaymentOnline(e.target.checked)}
              disabled={feeSchedule.kind === 'none'}
            >
              {t('designer.payOnline')}
            </Checkbox>
            <Checkbox
              checked={receivedLocally}
              onChange={(e) => setReceivedLocally(e.target.checked)}
            >
              {t('designer.receivedLocally')}
            </Checkbox>
            <Typography.Text strong>{t('designer.result')}</Typography.Text>
            <Checkbox checked={resultOnline} onChange={(e) => setResultOnline(e.target.checked)}>
              {t('designer.resultOnline')}
            </Checkbox>
            {resultOnline && (
              <Space orientation="vertical" style={{ width: '100%' }}>
                <Input
                  aria-label={t('designer.resultTitle')}
                  placeholder={t('designer.resultTitleExample')}
                  maxLength={200}
                  value={resultTemplate?.title ?? ''}
                  onChange={(e) =>
                    setResultTemplate({ title: e.target.value, body: resultTemplate?.body ?? '' })
                  }
                />
                <Input.TextArea
                  aria-label={t('designer.resultBody')}
                  placeholder={t('designer.resultBodyExample')}
                  rows={5}
                  maxLength={20_000}
                  value={resultTemplate?.body ?? ''}
                  onChange={(e) =>
                    setResultTemplate({ title: resultTemplate?.title ?? '', body: e.target.value })
                  }
                />
              </Space>
            )}
            <FieldList
              fields={design.fields}
              onChange={(fields) => setDesign((current) => ({ ...current, fields }))}
            />
            <Checkbox
              checked={design.steps === true}
              onChange={(e) => setDesign((current) => ({ ...current, steps: e.target.checked }))}
            >
              {t('designer.steps')}
            </Checkbox>
            <Typography.Text strong>{t('designer.documents')}</Typography.Text>
            <DocumentsEditor serviceId={service.id} documents={documents} onChange={setDocuments} />
            <Typography.Text strong>{t('designer.workflow')}</Typography.Text>
            <WorkflowEditor steps={workflow} onChange={setWorkflow} />
            {problems.length > 0 && (
              <Alert
                type="warning"
                showIcon
                title={t('designer.cannotPublish')}
                description={
                  <ul>
                    {problems.map((p) => (
                      <li key={p.field + p.message}>{p.message}</li>
                    ))}
                  </ul>
                }
              />
            )}
            {failure instanceof ApiError && (
              <Alert
                type="error"
                showIcon
                title={failure.problem.title}
                description={failure.problem.errors?.map((e) => (
                  <div key={e.field + e.message}>{e.message}</div>
                ))}
              />
            )}
            <Space wrap>
              <Button onClick={() => save.mutate()} loading={save.isPending}>
                {t('designer.saveDraft')}
              </Button>
              <Button
                type="primary"
                disabled={problems.length > 0}
                onClick={() => publish.mutate()}
                loading={publish.isPending}
              >
                {t('designer.publish')}
              </Button>
            </Space>
          </Space>
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card title={t('designer.preview')} size="small">
          <ProcedureForm
            fields={design.fields}
            formSchema={compiled.formSchema}
            data={preview}
            onChange={(key, value) => setPreview((data) => ({ ...data, [key]: value }))}
          />
        </Card>
      </Col>
    </Row>
  );
}

function ServiceDesigner({ serviceId }: { serviceId: string }) {
  const { message } = App.useApp();
  const { t } = useI18n();
  const client = useQueryClient();
  const detail = useQuery({
    queryKey: ['managed-service', serviceId],
    queryFn: () => api.get<ManagedServiceDetail>(`/api/v1/admin/services/${serviceId}`),
  });
  const unpublish = useMutation({
    mutationFn: () => api.post(`/api/v1/admin/services/${serviceId}/unpublish`),
    onSuccess: () => (
      void message.success(t('designer.unpublished')),
      client.invalidateQueries({ queryKey: ['managed-service', serviceId] })
    ),
  });
  return (
    <QueryState query={detail}>
      {(service) => {
        const draft = service.versions.find((v) => v.publishedAt === null);
        const base = draft ?? service.versions[0];
        return (
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Space wrap>
              <Typography.Title level={4} style={{ margin: 0 }}>
                {service.procedureName}
              </Typography.Title>
              <ServiceStatusTag status={service.status} />
              <Typography.Text type="secondary">{service.agencyName}</Typography.Text>
            </Space>
            <Typography.Text type="secondary">
              {t('designer.versions', {
                versions:
                  service.versions
                    .map((v) =>
                      v.publishedAt
                        ? String(v.version)
                        : `${v.version} ${t('designer.draftSuffix')}`,
                    )
                    .join(', ') || t('designer.noVersions'),
              })}
            </Typography.Text>
            {service.status === 'published' && (
              <Button danger onClick={() => unpublish.mutate()} loading={unpublish.isPending}>
                {t('designer.unpublish')}
              </Button>
            )}
            {base ? (
              <Designer key={base.id} service={service} base={base} />
            ) : (
              <Alert type="info" showIcon title={t('designer.noVersion')} />
            )}
          </Space>
        );
      }}
    </QueryState>
  );
}

export function ServiceDesignerPage() {
  const { t } = useI18n();
  const { serviceId = '' } = useParams();
  return (
    <>
      <PageTitle>
        <Link to="/quan-tri">{t('nav.admin')}</Link> / {t('designer.pageTitle')}
      </PageTitle>
      <RequireSignIn kind="officer">
        {() => <ServiceDesigner serviceId={serviceId} />}
      </RequireSignIn>
    </>
  );
}
