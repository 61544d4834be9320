import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Space, Typography, Upload } from 'antd';
import { useParams } from 'react-router';
import { formatDateTime } from '../../domain/vietnam-time.ts';
import { api, ApiError, type ResultRecord, type VerificationReport } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { PageTitle } from '../ui/PageTitle.tsx';

const VERDICT_TYPES = {
  valid: 'success',
  untrusted: 'warning',
  modified: 'error',
  unsigned: 'warning',
} as const;

function RecordFacts({ record }: { record: ResultRecord }) {
  const { t } = useI18n();
  return (
    <Descriptions size="small" bordered column={1} title={t('verify.record')}>
      <Descriptions.Item label={t('verify.dossier')}>
        <span data-testid="verify-dossier">{record.dossierCode}</span>
      </Descriptions.Item>
      <Descriptions.Item label={t('verify.procedure')}>{record.procedureName}</Descriptions.Item>
      <Descriptions.Item label={t('verify.issuedBy')}>{record.agencyName}</Descriptions.Item>
      <Descriptions.Item label={t('result.signedBy')}>{record.signerName}</Descriptions.Item>
      <Descriptions.Item label={t('verify.signedAt')}>
        {formatDateTime(record.signedAt)}
      </Descriptions.Item>
      <Descriptions.Item label={t('verify.sha256')}>
        <Typography.Text code copyable>
          {record.sha256}
        </Typography.Text>
      </Descriptions.Item>
    </Descriptions>
  );
}

/** Public: anyone checks a result PDF, or opens the record behind the QR code. */
export function VerifyResultPage() {
  const { t } = useI18n();
  const { code } = useParams();
  const byCode = useQuery({
    queryKey: ['verify', code],
    queryFn: () => api.get<ResultRecord>(`/api/v1/results/verify/${code ?? ''}`),
    enabled: code !== undefined,
    retry: false,
  });
  const check = useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file);
      return api.upload<VerificationReport>('/api/v1/results/verify', form);
    },
  });
  const report = check.data;
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <PageTitle>{t('verify.title')}</PageTitle>
      {byCode.data && <RecordFacts record={byCode.data} />}
      {byCode.error instanceof ApiError && <Alert type="error" title={byCode.error.message} />}
      <Typography.Paragraph>{t('verify.intro')}</Typography.Paragraph>
      <Upload
        accept="application/pdf"
        showUploadList={false}
        beforeUpload={(file) => {
          check.mutate(file);
          return false;
        }}
      >
        <Button type="primary" loading={check.isPending}>
          {t('verify.choose')}
        </Button>
      </Upload>
      {check.error instanceof ApiError && <Alert type="error" title={check.error.message} />}
      {report && (
        <Space orientation="vertical" style={{ width: '100%' }} data-testid="verify-report">
          <Alert
            type={VERDICT_TYPES[report.verdict]}
            showIcon
            title={t(`verify.${report.verdict}`)}
          />
          {report.signatures.map((s, i) => (
            <Descriptions key={i} size="small" bordered column={1}>
              <Descriptions.Item label={t('verify.signer')}>
                {s.signer?.commonName ?? '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('verify.issuer')}>
                {s.signer?.issuer ?? '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('verify.claimedAt')}>
                {s.signedAt ? formatDateTime(s.signedAt) : '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('verify.timestamp')}>
                <span data-testid="verify-timestamp">
                  {s.timestamp
                    ? `${formatDateTime(s.timestamp.time)} — ${t(
                        s.timestamp.trusted
                          ? 'verify.timestampTrusted'
                          : 'verify.timestampUntrusted',
                        { authority: s.timestamp.authority ?? '—' },
                      )}`
                    : t('verify.noTimestamp')}
                </span>
              </Descriptions.Item>
              <Descriptions.Item label={t('verify.revocation')}>
                {t(`verify.revocation.${s.revocation}`)}
              </Descriptions.Item>
            </Descriptions>
          ))}
          {report.record && <RecordFacts record={report.record} />}
        </Space>
      )}
    </Space>
  );
}
