import { useState } from 'react';
import { ApiError, api, type FieldProblem, type ServiceDetail, type UploadedFile } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { usePortal } from '../session.ts';
import type { AttachedFile } from './dossier-draft.ts';
import { RequiredDocumentInfo } from './RequiredDocumentInfo.tsx';
import { megabytes, uploadLimitBytes } from './upload-limit.ts';

/** The required documents, each with its file input and the files sent so far. */
export function DocumentUploads({
  service,
  files,
  onFiles,
  problems,
  onFailure,
}: {
  service: ServiceDetail;
  files: Record<string, AttachedFile[]>;
  onFiles: (
    update: (all: Record<string, AttachedFile[]>) => Record<string, AttachedFile[]>,
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
      const attached = { id: uploaded.id, fileName: uploaded.fileName };
      onFiles((all) => ({ ...all, [documentKey]: [...(all[documentKey] ?? []), attached] }));
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
