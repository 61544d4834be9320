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
import { ProcedureForm } from '../ui/ProcedureForm.tsx';
import { DocumentsEditor } from './DocumentsEditor.tsx';
import { FeeScheduleEditor } from './FeeScheduleEditor.tsx';
import { FieldList } from './FormDesigner.tsx';
import { QueryState } from '../ui/QueryState.tsx';
import { ServiceStatusTag } from './ServiceStatusTag.tsx';
import { RequireSignIn } from '../ui/RequireSignIn.tsx';
import { PageTitle } from '../ui/PageTitle.tsx';

function Designer({ service, base }: { service: ManagedServiceDetail; base: ServiceVersion }) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const [design, setDesign] = useState<FormDesign>(() =>
    designFromForm(base.formSchema, base.uiSchema),
  );
  const [processingDays, setProcessingDays] = useState(base.processingDays);
  const [feeSchedule, setFeeSchedule] = useState<FeeSchedule>(base.feeSchedule);
  const [paymentOnline, setPaymentOnline] = useState(base.paymentOnline);
  const [resultOnline, setResultOnline] = useState(base.resultOnline);
  const [resultTemplate, setResultTemplate] = useState<ResultTemplate | null>(base.resultTemplate);
  const [documents, setDocuments] = useState(base.requiredDocuments);
  const [preview, setPreview] = useState<Record<string, unknown>>({});
  const compiled = useMemo(() => compileFormDesign(design, PROVINCES_2025), [design]);
  const problems = checkFormDesign(design);

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
      // Without a template, the officer uploads the result as a PDF.
      resultTemplate: resultTemplate?.title || resultTemplate?.body ? resultTemplate : null,
    });
  const save = useMutation({
    mutationFn: saveDraft,
    onSuccess: () => (void message.success('Đã lưu bản nháp'), refresh()),
  });
  const publish = useMutation({
    mutationFn: async () => {
      await saveDraft();
      return api.post(`/api/v1/admin/services/${service.id}/publish`);
    },
    onSuccess: () => (void message.success('Đã công bố phiên bản mới'), refresh()),
  });
  const failure = [save.error, publish.error].find((e) => e instanceof ApiError);

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={12}>
        <Card title="Thiết kế biểu mẫu" size="small">
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Space wrap>
              <span>Thời hạn giải quyết (ngày làm việc)</span>
              <InputNumber
                aria-label="Thời hạn giải quyết"
                min={0}
                max={365}
                value={processingDays}
                onChange={(v) => setProcessingDays(v ?? 0)}
              />
            </Space>
            <Typography.Text strong>Phí, lệ phí</Typography.Text>
            <FeeScheduleEditor value={feeSchedule} onChange={setFeeSchedule} />
            <Checkbox
              checked={paymentOnline}
              onChange={(e) => setPaymentOnline(e.target.checked)}
              disabled={feeSchedule.kind === 'none'}
            >
              Người nộp thanh toán trực tuyến qua cổng thanh toán
            </Checkbox>
            <Typography.Text strong>Kết quả giải quyết</Typography.Text>
            <Checkbox checked={resultOnline} onChange={(e) => setResultOnline(e.target.checked)}>
              Trả kết quả điện tử, ký số bằng chứng thư số của cơ quan
            </Checkbox>
            {resultOnline && (
              <Space orientation="vertical" style={{ width: '100%' }}>
                <Input
                  aria-label="Tên văn bản kết quả"
                  placeholder="Tên văn bản kết quả, ví dụ: GIẤY CHỨNG NHẬN ĐĂNG KÝ HỘ KINH DOANH"
                  maxLength={200}
                  value={resultTemplate?.title ?? ''}
                  onChange={(e) =>
                    setResultTemplate({ title: e.target.value, body: resultTemplate?.body ?? '' })
                  }
                />
                <Input.TextArea
                  aria-label="Nội dung mẫu kết quả"
                  placeholder="Nội dung, với {{tenTruong}}, {{applicantName}}, {{dossierCode}}…"
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
              Biểu mẫu dài: chia thành các bước, mỗi tiêu đề mục bắt đầu một bước (người dân lưu
              nháp sau mỗi bước và xem lại trước khi nộp)
            </Checkbox>
            <Typography.Text strong>Thành phần hồ sơ (tệp người dân đính kèm)</Typography.Text>
            <DocumentsEditor serviceId={service.id} documents={documents} onChange={setDocuments} />
            {problems.length > 0 && (
              <Alert
                type="warning"
                showIcon
                title="Biểu mẫu chưa thể công bố"
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
                Lưu bản nháp
              </Button>
              <Button
                type="primary"
                disabled={problems.length > 0}
                onClick={() => publish.mutate()}
                loading={publish.isPending}
              >
                Công bố
              </Button>
            </Space>
          </Space>
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card title="Xem trước (như người dân nhìn thấy)" size="small">
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
  const client = useQueryClient();
  const detail = useQuery({
    queryKey: ['managed-service', serviceId],
    queryFn: () => api.get<ManagedServiceDetail>(`/api/v1/admin/services/${serviceId}`),
  });
  const unpublish = useMutation({
    mutationFn: () => api.post(`/api/v1/admin/services/${serviceId}/unpublish`),
    onSuccess: () => (
      void message.success('Đã ngừng tiếp nhận hồ sơ mới'),
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
              Các phiên bản:{' '}
              {service.versions
                .map((v) => `${v.version}${v.publishedAt ? '' : ' (nháp)'}`)
                .join(', ') || 'chưa có'}
              . Phiên bản đã công bố không sửa được; hồ sơ đã nộp giữ phiên bản của mình.
            </Typography.Text>
            {service.status === 'published' && (
              <Button danger onClick={() => unpublish.mutate()} loading={unpublish.isPending}>
                Ngừng tiếp nhận hồ sơ mới
              </Button>
            )}
            {base ? (
              <Designer key={base.id} service={service} base={base} />
            ) : (
              <Alert type="info" showIcon title="Dịch vụ chưa có phiên bản nào" />
            )}
          </Space>
        );
      }}
    </QueryState>
  );
}

export function ServiceDesignerPage() {
  const { serviceId = '' } = useParams();
  return (
    <>
      <PageTitle>
        <Link to="/quan-tri">Quản trị</Link> / Dịch vụ công
      </PageTitle>
      <RequireSignIn kind="officer">
        {() => <ServiceDesigner serviceId={serviceId} />}
      </RequireSignIn>
    </>
  );
}
