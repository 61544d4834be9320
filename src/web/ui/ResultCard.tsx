import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Space, Typography, Upload } from 'antd';
import { formatDateTime } from '../../domain/vietnam-time.ts';
import { api, ApiError, type DossierDetail, type ResultDocument } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { SignedLine } from './ApplicantResultCard.tsx';

/** Drafting the result (template or upload) while the dossier is processed; the signed one after. */
export function OfficerResultCard({ dossier }: { dossier: DossierDetail }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  // Each move of the dossier (the approval signs the result) reloads the card.
  const queryKey = ['officer-result', dossier.id, dossier.lockVersion];
  const base = `/api/v1/officer/dossiers/${dossier.id}/result`;
  const result = useQuery({
    queryKey,
    queryFn: () => api.get<ResultDocument>(base),
    retry: false,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey });
  const draft = useMutation({
    mutationFn: () => api.post<ResultDocument>(`${base}/draft`),
    onSuccess: refresh,
  });
  const upload = useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file);
      return api.upload<ResultDocument>(`${base}/upload`, form);
    },
    onSuccess: refresh,
  });
  const error = draft.error ?? upload.error;
  const current = result.data;
  const editable = dossier.status === 'processing' && !current?.signed;
  return (
    <Card size="small" title={t('result.title')}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        {!current && <Typography.Text type="secondary">{t('result.none')}</Typography.Text>}
        {current && !current.signed && (
          <Typography.Text>
            {t('result.draft')} ({formatDateTime(current.preparedAt)}):{' '}
            <a href={`${base}/pdf?kind=draft`} target="_blank" rel="noreferrer">
              {t('result.downloadDraft')}
            </a>
          </Typography.Text>
        )}
        {current?.signed && (
          <>
            <SignedLine result={current} />
            <a href={`${base}/pdf?kind=signed`} download>
              {t('result.download')}
            </a>
          </>
        )}
        {editable && (
          <Space wrap>
            <Button loading={draft.isPending} onClick={() => draft.mutate()}>
              {t('result.fromTemplate')}
            </Button>
            <Upload
              accept="application/pdf"
              showUploadList={false}
              beforeUpload={(file) => {
                upload.mutate(file);
                return false;
              }}
            >
              <Button loading={upload.isPending}>{t('result.upload')}</Button>
            </Upload>
          </Space>
        )}
        {editable && current && (
          <Typography.Text type="secondary">{t('result.signHint')}</Typography.Text>
        )}
        {error instanceof ApiError && <Alert type="error" title={error.message} />}
      </Space>
    </Card>
  );
}
