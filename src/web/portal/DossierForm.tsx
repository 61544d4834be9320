import { UploadOutlined } from '@ant-design/icons';
import type CoreForm from '@rjsf/core';
import type { ErrorSchema } from '@rjsf/utils';
import { Alert, Button, Card, List, Space, Typography, Upload } from 'antd';
import { useRef, useState } from 'react';

import {
  ApiError,
  api,
  type FieldProblem,
  type Me,
  type ServiceDetail,
  type SubmittedDossier,
  type UploadedFile,
} from '../api.ts';
import { RequiredDocumentInfo } from './RequiredDocumentInfo.tsx';
import { useI18n } from '../i18n.tsx';
import { ProcedureForm } from '../ui/ProcedureForm.tsx';

/** Profile facts that prefill the usual applicant fields; the citizen can still change them. */
function prefill(me: Me): Record<string, unknown> {
  const values: Record<string, unknown> = { hoTenNguoiYeuCau: me.fullName };
  if (me.citizenId) values.soCccdNguoiYeuCau = me.citizenId;
  if (me.phone) values.soDienThoai = me.phone;
  if (me.email) values.email = me.email;
  return values;
}

/** Server field errors (`/formData/x`) placed next to the RJSF fields. */
function toErrorSchema(problems: FieldProblem[]): ErrorSchema {
  const schema: Record<string, { __errors: string[] }> = {};
  for (const problem of problems) {
    const match = /^\/formData\/([^/]+)/.exec(problem.field);
    if (!match?.[1]) continue;
    (schema[match[1]] ??= { __errors: [] }).__errors.push(problem.message);
  }
  return schema as ErrorSchema;
}

export function DossierForm({
  service,
  me,
  onSubmitted,
}: {
  service: ServiceDetail;
  me: Me;
  onSubmitted: (dossier: SubmittedDossier) => void;
}) {
  const { t } = useI18n();
  const [formData, setFormData] = useState<Record<string, unknown>>(() => prefill(me));
  const [files, setFiles] = useState<Record<string, UploadedFile[]>>({});
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [failure, setFailure] = useState<string>();
  const [submitting, setSubmitting] = useState(false);
  const formRef = useRef<CoreForm>(null);

  const documentProblems = (key: string) => problems.filter((p) => p.field === `/documents/${key}`);

  async function submit(data: Record<string, unknown>) {
    setSubmitting(true);
    setFailure(undefined);
    setProblems([]);
    try {
      const documents = Object.entries(files).flatMap(([documentKey, list]) =>
        list.map((file) => ({ documentKey, fileId: file.id })),
      );
      onSubmitted(
        await api.post<SubmittedDossier>('/api/v1/dossiers', {
          serviceId: service.id,
          formData: data,
          documents,
        }),
      );
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      setFailure(error.problem.errors?.length ? t('form.fixErrors') : error.problem.title);
      setProblems(error.problem.errors ?? []);
    } finally {
      setSubmitting(false);
    }
  }

  // The documents and the button live outside RJSF's Form: it skips re-rendering its children
  // when its own props look unchanged, which would freeze the upload lists.
  return (
    <>
      <ProcedureForm
        formRef={formRef}
        formSchema={service.formSchema}
        uiSchema={service.uiSchema}
        formData={formData}
        extraErrors={toErrorSchema(problems)}
        onChange={setFormData}
        onSubmit={(data) => void submit(data)}
      />
      <Card title={t('form.documents')} size="small" style={{ margin: '16px 0' }}>
        <List
          dataSource={service.requiredDocuments}
          renderItem={(document) => (
            <List.Item data-document={document.key}>
              <Space orientation="vertical" style={{ width: '100%' }}>
                <RequiredDocumentInfo document={document} />
                <Upload
                  accept={document.accept.map((ext) => `.${ext}`).join(',')}
                  fileList={(files[document.key] ?? []).map((f) => ({
                    uid: f.id,
                    name: f.fileName,
                    status: 'done' as const,
                  }))}
                  onRemove={(removed) =>
                    setFiles((all) => ({
                      ...all,
                      [document.key]: (all[document.key] ?? []).filter((f) => f.id !== removed.uid),
                    }))
                  }
                  customRequest={({ file, onSuccess, onError }) => {
                    const form = new FormData();
                    form.append('file', file as Blob, (file as File).name);
                    api
                      .upload<UploadedFile>('/api/v1/files', form)
                      .then((uploaded) => {
                        setFiles((all) => ({
                          ...all,
                          [document.key]: [...(all[document.key] ?? []), uploaded],
                        }));
                        onSuccess?.(uploaded);
                      })
                      .catch((error: unknown) => {
                        setFailure(error instanceof ApiError ? error.problem.title : String(error));
                        onError?.(error as Error);
                      });
                  }}
                >
                  <Button icon={<UploadOutlined />}>{t('form.chooseFile')}</Button>
                </Upload>
                {documentProblems(document.key).map((p) => (
                  <Typography.Text type="danger" key={p.field}>
                    {p.message}
                  </Typography.Text>
                ))}
              </Space>
            </List.Item>
          )}
        />
      </Card>
      {failure && (
        <Alert type="error" showIcon title={failure} style={{ marginBottom: 16 }} role="alert" />
      )}
      <Button
        type="primary"
        size="large"
        loading={submitting}
        onClick={() => formRef.current?.submit()}
      >
        {t('form.submit')}
      </Button>
    </>
  );
}
