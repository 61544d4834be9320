import { UploadOutlined } from '@ant-design/icons';
import type CoreForm from '@rjsf/core';
import type { ErrorSchema } from '@rjsf/utils';
import { Alert, Button, Card, List, Space, Typography, Upload } from 'antd';
import { useEffect, useRef, useState } from 'react';

import {
  ApiError,
  api,
  type FieldProblem,
  type ServiceDetail,
  type SubmittedDossier,
  type UploadedFile,
} from '../api.ts';
import type { FeeChoice } from '../../domain/fees.ts';
import { useI18n } from '../i18n.tsx';
import { usePortal } from '../session.ts';
import { FeeChoiceFields } from './FeeChoiceFields.tsx';
import { ProcedureForm } from './ProcedureForm.tsx';
import { RequiredDocumentInfo } from './RequiredDocumentInfo.tsx';
import { megabytes, uploadLimitBytes } from './upload-limit.ts';

/** Facts about the applicant that prefill the usual applicant fields; they can still be changed. */
export function prefill(person: {
  fullName: string;
  citizenId?: string | null | undefined;
  phone?: string | null | undefined;
  email?: string | null | undefined;
}): Record<string, unknown> {
  const values: Record<string, unknown> = { hoTenNguoiYeuCau: person.fullName };
  if (person.citizenId) values.soCccdNguoiYeuCau = person.citizenId;
  if (person.phone) values.soDienThoai = person.phone;
  if (person.email) values.email = person.email;
  return values;
}

export type DossierPayload = {
  serviceId: string;
  formData: Record<string, unknown>;
  feeChoice?: FeeChoice;
  documents: { documentKey: string; fileId: string }[];
};

/** Server field errors (`/formData/x`) placed next to the RJSF fields. */
/** The control a problem's field points at: `/formData/a/b` is RJSF's `root_a_b`; a document, its button. */
function fieldElement(field: string): HTMLElement | null {
  const answer = /^\/formData\/(.+)$/.exec(field);
  if (answer?.[1]) return document.getElementById(`root_${answer[1].split('/').join('_')}`);
  const document_ = /^\/documents\/([^/]+)/.exec(field);
  if (document_?.[1])
    return document.querySelector<HTMLElement>(
      `[data-document="${CSS.escape(document_[1])}"] button`,
    );
  return null;
}

function toErrorSchema(problems: FieldProblem[]): ErrorSchema {
  const schema: Record<string, { __errors: string[] }> = {};
  for (const problem of problems) {
    const match = /^\/formData\/([^/]+)/.exec(problem.field);
    if (!match?.[1]) continue;
    (schema[match[1]] ??= { __errors: [] }).__errors.push(problem.message);
  }
  return schema as ErrorSchema;
}

/** A procedure's form and its documents; `send` submits online or registers at the desk. */
export function DossierForm({
  service,
  initial,
  send,
  onSubmitted,
}: {
  service: ServiceDetail;
  initial: Record<string, unknown>;
  send: (payload: DossierPayload) => Promise<SubmittedDossier>;
  onSubmitted: (dossier: SubmittedDossier) => void;
}) {
  const { t } = useI18n();
  const portal = usePortal();
  const [formData, setFormData] = useState<Record<string, unknown>>(initial);
  const [files, setFiles] = useState<Record<string, UploadedFile[]>>({});
  const [feeChoice, setFeeChoice] = useState<FeeChoice>({});
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [failure, setFailure] = useState<string>();
  const [submitting, setSubmitting] = useState(false);
  const formRef = useRef<CoreForm>(null);

  const documentProblems = (key: string) => problems.filter((p) => p.field === `/documents/${key}`);

  // After a refused submit, the keyboard and the screen reader are taken to the first field to fix.
  useEffect(() => {
    const first = problems[0];
    if (!first) return;
    const target = fieldElement(first.field);
    target?.scrollIntoView({ block: 'center' });
    target?.focus();
  }, [problems]);

  async function submit(data: Record<string, unknown>) {
    setSubmitting(true);
    setFailure(undefined);
    setProblems([]);
    try {
      const documents = Object.entries(files).flatMap(([documentKey, list]) =>
        list.map((file) => ({ documentKey, fileId: file.id })),
      );
      const chosen = Object.keys(feeChoice).length > 0 ? { feeChoice } : {};
      onSubmitted(await send({ serviceId: service.id, formData: data, ...chosen, documents }));
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
                  // Checked before sending: a phone on 4G does not spend minutes on a refused file.
                  beforeUpload={(file) => {
                    const limit = uploadLimitBytes(document.maxSizeMb, portal.data?.uploadMaxBytes);
                    if (limit === undefined || file.size <= limit) return true;
                    setFailure(
                      t('form.tooLarge', {
                        name: file.name,
                        size: megabytes(file.size),
                        limit: megabytes(limit),
                      }),
                    );
                    return Upload.LIST_IGNORE;
                  }}
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
      {service.feeSchedule.kind !== 'none' && (
        <Card title={t('fee.title')} size="small" style={{ marginBottom: 16 }}>
          <FeeChoiceFields
            schedule={service.feeSchedule}
            value={feeChoice}
            onChange={setFeeChoice}
            problems={problems}
          />
        </Card>
      )}
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
