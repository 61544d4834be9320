import { DownloadOutlined } from '@ant-design/icons';
import { Space, Tag, Typography } from 'antd';
import { templateUrl, type RequiredDocument } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { usePortal } from '../session.ts';
import { megabytes, uploadLimitBytes } from './upload-limit.ts';

/** What a citizen must know of one required document: name, mandatory or not, formats, template. */
export function RequiredDocumentInfo({ document }: { document: RequiredDocument }) {
  const { t } = useI18n();
  const portal = usePortal();
  // Every document says its limit: its own, or the portal's.
  const limit = uploadLimitBytes(document.maxSizeMb, portal.data?.uploadMaxBytes);
  return (
    <>
      <Space wrap>
        <Typography.Text strong>{document.name}</Typography.Text>
        <Tag color={document.mandatory ? 'red' : 'default'}>
          {document.mandatory ? t('form.mandatory') : t('form.optional')}
        </Tag>
      </Space>
      <Typography.Text type="secondary">
        {t('form.accept', { types: document.accept.join(', ').toUpperCase() })}
        {limit ? ` · ${t('form.maxSize', { n: megabytes(limit) })}` : ''}
      </Typography.Text>
      {document.template && (
        <Typography.Link href={templateUrl(document.template.id)} download>
          <DownloadOutlined /> {t('form.template', { name: document.template.fileName })}
        </Typography.Link>
      )}
    </>
  );
}
