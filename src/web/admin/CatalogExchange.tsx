import { UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Space, Typography, Upload } from 'antd';
import { useState } from 'react';
import { ApiError, api, type Problem } from '../api.ts';
import { useI18n } from '../i18n.tsx';

type Summary = {
  dryRun: boolean;
  procedures: { created: number; updated: number };
  services: { created: number; updated: number };
};

/** Bulk exchange of the catalog as spreadsheets: export, and import all rows or none. */
export function CatalogExchange() {
  const { t } = useI18n();
  const [dryRun, setDryRun] = useState(true);
  const [summary, setSummary] = useState<Summary>();
  const [problem, setProblem] = useState<Problem>();
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Paragraph>{t('admin.exchange.help')}</Typography.Paragraph>
      <Space wrap>
        <a href="/api/v1/admin/catalog/export?format=xlsx">
          <Button>{t('admin.exchange.exportXlsx')}</Button>
        </a>
        <a href="/api/v1/admin/catalog/export?format=json">
          <Button>{t('admin.exchange.exportJson')}</Button>
        </a>
      </Space>
      <Space wrap>
        <Checkbox checked={dryRun} onChange={(e) => setDryRun(e.target.checked)}>
          {t('admin.exchange.dryRun')}
        </Checkbox>
        <Upload
          accept=".xlsx,.json"
          showUploadList={false}
          customRequest={({ file }) => {
            const form = new FormData();
            form.append('file', file as Blob, (file as File).name);
            setSummary(undefined);
            setProblem(undefined);
            api
              .upload<Summary>(`/api/v1/admin/catalog/import?dryRun=${String(dryRun)}`, form)
              .then(setSummary)
              .catch((error: unknown) =>
                setProblem(error instanceof ApiError ? error.problem : undefined),
              );
          }}
        >
          <Button icon={<UploadOutlined />}>{t('admin.exchange.choose')}</Button>
        </Upload>
      </Space>
      {summary && (
        <Alert
          type="success"
          showIcon
          title={t(summary.dryRun ? 'admin.exchange.valid' : 'admin.exchange.imported')}
          description={t('admin.exchange.summary', {
            proceduresCreated: summary.procedures.created,
            proceduresUpdated: summary.procedures.updated,
            servicesCreated: summary.services.created,
            servicesUpdated: summary.services.updated,
          })}
        />
      )}
      {problem && (
        <Alert
          type="error"
          showIcon
          title={problem.title}
          description={
            <ul>
              {(problem.errors ?? []).map((e) => (
                <li key={e.field + e.message}>
                  <b>{e.field}</b>: {e.message}
                </li>
              ))}
            </ul>
          }
        />
      )}
    </Space>
  );
}
