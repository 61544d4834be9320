import { useEffect, useMemo, useState, type SyntheticEvent } from 'react';

import {
  ApiError,
  api,
  type FieldProblem,
  type ServiceDetail,
  type SubmittedDossier,
  type UploadedFile,
} from '../api.ts';
import { designFromForm } from '../../domain/form-design.ts';
import type { FeeChoice } from '../../domain/fees.ts';
import { useI18n } from '../i18n.tsx';
import { usePortal } from '../session.ts';
import { FeeChoiceFields } from './FeeChoiceFields.tsx';
import { fieldId, ProcedureForm, visibleAnswers, type FieldErrors } from './ProcedureForm.tsx';
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

/**
 * The control a problem's field points at: `/formData/a/b` is the input `root_a_b` (or the first
 * input of the group it names); a document, its file input.
 */
function fieldElement(field: string): HTMLElement | null {
  const answer = /^\/formData(\/.+)$/.exec(field);
  if (answer?.[1]) {
    const element = document.getElementById(fieldId(answer[1]));
    return element instanceof HTMLFieldSetElement
      ? element.querySelector<HTMLElement>('input, select, textarea, button')
      : element;
  }
  const document_ = /^\/documents\/([^/]+)/.exec(field);
  if (document_?.[1])
    return document.querySelector<HTMLElement>(
      `[data-document="${CSS.escape(document_[1])}"] input[type=file]`,
    );
  return null;
}

/** Server problems by the path of their field inside the answers. */
function answerErrors(problems: FieldProblem[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const problem of problems) {
    const match = /^\/formData(\/.+)$/.exec(problem.field);
    if (match?.[1]) (errors[match[1]] ??= []).push(problem.message);
  }
  return errors;
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
  const design = useMemo(
    () => designFromForm(service.formSchema, service.uiSchema),
    [service.formSchema, service.uiSchema],
  );
  const [formData, setFormData] = useState<Record<string, unknown>>(initial);
  const [files, setFiles] = useState<Record<string, UploadedFile[]>>({});
  const [feeChoice, setFeeChoice] = useState<FeeChoice>({});
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [failure, setFailure] = useState<string>();
  const [submitting, setSubmitting] = useState(false);

  // After a refused submit, the keyboard and the screen reader are taken to the first field to fix,
  // first as the form reads (the server lists problems by kind, not by place).
  useEffect(() => {
    const [target] = problems
      .map((problem) => fieldElement(problem.field))
      .filter((element): element is HTMLElement => element !== null)
      .sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
    target?.scrollIntoView({ block: 'center' });
    target?.focus();
  }, [problems]);

  async function submit(event: SyntheticEvent) {
    event.preventDefault();
    if (submitting) return;
    setSubmitting(true);
    setFailure(undefined);
    setProblems([]);
    try {
      const documents = Object.entries(files).flatMap(([documentKey, list]) =>
        list.map((file) => ({ documentKey, fileId: file.id })),
      );
      const chosen = Object.keys(feeChoice).length > 0 ? { feeChoice } : {};
      const answers = visibleAnswers(formData, design.fields);
      onSubmitted(await send({ serviceId: service.id, formData: answers, ...chosen, documents }));
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      setFailure(error.problem.errors?.length ? t('form.fixErrors') : error.problem.title);
      setProblems(error.problem.errors ?? []);
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <form className="stack" noValidate onSubmit={(event) => void submit(event)}>
      <ProcedureForm
        fields={design.fields}
        formSchema={service.formSchema}
        data={formData}
        errors={answerErrors(problems)}
        onChange={(key, value) => setFormData((data) => ({ ...data, [key]: value }))}
      />
      <DocumentUploads
        service={service}
        files={files}
        onFiles={setFiles}
        problems={problems}
        onFailure={setFailure}
      />
      {service.feeSchedule.kind !== 'none' && (
        <section className="panel">
          <h3 className="panel-title">{t('fee.title')}</h3>
          <FeeChoiceFields
            schedule={service.feeSchedule}
            value={feeChoice}
            onChange={setFeeChoice}
            problems={problems}
          />
        </section>
      )}
      {failure && (
        <p className="notice notice-error" role="alert">
          {failure}
        </p>
      )}
      <div>
        <button
          type="submit"
          className="button button-primary button-large"
          aria-disabled={submitting || undefined}
        >
          {t('form.submit')}
        </button>
      </div>
    </form>
  );
}

/** The required documents, each with its file input and the files sent so far. */
function DocumentUploads({
  service,
  files,
  onFiles,
  problems,
  onFailure,
}: {
  service: ServiceDetail;
  files: Record<string, UploadedFile[]>;
  onFiles: (
    update: (all: Record<string, UploadedFile[]>) => Record<string, UploadedFile[]>,
  ) => void;
  problems: FieldProblem[];
  onFailure: (message: string) => void;
}) {
  const { t } = useI18n();
  const portal = usePortal();
  const [uploading, setUploading] = useState<string[]>([]);

  async function upload(documentKey: string, file: File, limit: number | undefined) {
    // Checked before sending: a phone on 4G does not spend minutes on a refused file.
    if (limit !== undefined && file.size > limit) {
      onFailure(
        t('form.tooLarge', {
          name: file.name,
          size: megabytes(file.size),
          limit: megabytes(limit),
        }),
      );
      return;
    }
    setUploading((names) => [...names, file.name]);
    try {
      const form = new FormData();
      form.append('file', file, file.name);
      const uploaded = await api.upload<UploadedFile>('/api/v1/files', form);
      onFiles((all) => ({ ...all, [documentKey]: [...(all[documentKey] ?? []), uploaded] }));
    } catch (error) {
      onFailure(error instanceof ApiError ? error.problem.title : String(error));
    } finally {
      setUploading((names) => names.filter((name) => name !== file.name));
    }
  }

  if (service.requiredDocuments.length === 0) return null;
  return (
    <section className="panel">
      <h3 className="panel-title">{t('form.documents')}</h3>
      <ul className="document-list">
        {service.requiredDocuments.map((document) => {
          const limit = uploadLimitBytes(document.maxSizeMb, portal.data?.uploadMaxBytes);
          const inputId = `document-${document.key}`;
          const sent = files[document.key] ?? [];
          const messages = problems.filter((p) => p.field === `/documents/${document.key}`);
          return (
            <li key={document.key} data-document={document.key}>
              <RequiredDocumentInfo document={document} />
              <label className="button file-button" htmlFor={inputId}>
                {t('form.chooseFile')}
              </label>
              <input
                id={inputId}
                className="visually-hidden"
                type="file"
                multiple
                accept={document.accept.map((ext) => `.${ext}`).join(',')}
                aria-describedby={messages.length > 0 ? `${inputId}__error` : undefined}
                onChange={(event) => {
                  const chosen = [...(event.target.files ?? [])];
                  event.target.value = '';
                  for (const file of chosen) void upload(document.key, file, limit);
                }}
              />
              {sent.length > 0 && (
                <ul className="file-list">
                  {sent.map((file) => (
                    <li key={file.id}>
                      <span>{file.fileName}</span>
                      <button
                        type="button"
                        className="link-button"
                        aria-label={t('form.removeFile', { name: file.fileName })}
                        onClick={() =>
                          onFiles((all) => ({
                            ...all,
                            [document.key]: (all[document.key] ?? []).filter(
                              (f) => f.id !== file.id,
                            ),
                          }))
                        }
                      >
                        ✕
                      </button>
                    </li>
                  ))}
                </ul>
              )}
              {messages.length > 0 && (
                <p id={`${inputId}__error`} className="form-error">
                  {messages.map((p) => p.message).join('. ')}
                </p>
              )}
            </li>
          );
        })}
      </ul>
      <p className="muted" role="status">
        {uploading.map((name) => t('form.uploading', { name })).join(' ')}
      </p>
    </section>
  );
}
