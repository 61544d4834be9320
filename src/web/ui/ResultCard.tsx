import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Space, Typography, Upload } from 'antd';
import { Link } from 'react-router';
import { formatDateTime } from '../../domain/vietnam-time.ts';
import { api, ApiError, type DossierDetail, type ResultDocument } from '../api.ts';
import { useI18n } from '../i18n.tsx';

function SignedLine({ result }: { result: ResultDocument }) {
  const { t } = useI18n();
  return (
    <Typography.Text>
      {t('result.signedBy')} <strong data-testid="result-signer">{result.signerName}</strong>
      {result.signedAt && `, ${formatDateTime(result.signedAt)}`} · {t('result.code')}:{' '}
      <Link to={`/xac-thuc-ket-qua/${result.verificationCode}`}>{result.verificationCode}</Link>
    </Typography.Text>
  );
}

/** The applicant's signed result, once the leader has signed it. */
export function ApplicantResultCard({ dossier }: { dossier: DossierDetail }) {
  const { t } = useI18n();
  const result = useQuery({
    queryKey: ['result', dossier.code, dossier.lockVersion],
    queryFn: () => api.get<ResultDocument>(`/api/v1/dossiers/${dossier.code}/result`),
    retry: false,
  });
  if (!result.data) return null;
  return (
    <Card size="small" title={t('result.title')}>
      <Space orientation="vertical">
        <SignedLine result={result.data} />
        <a
          href={`/api/v1/dossiers/${dossier.code}/result/pdf`}
          download
          data-testid="result-download"
        >
          {t('result.download')}
        </a>
      </Space>
    </Card>
  );
}

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
