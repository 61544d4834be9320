import { DownloadOutlined } from '@ant-design/icons';
import { Space, Tag, Typography } from 'antd';
import { templateUrl, type RequiredDocument } from '../api.ts';
import { useI18n } from '../i18n.tsx';

/** What a citizen must know of one required document: name, mandatory or not, formats, template. */
export function RequiredDocumentInfo({ document }: { document: RequiredDocument }) {
  const { t } = useI18n();
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
        {document.maxSizeMb ? ` · ${t('form.maxSize', { n: document.maxSizeMb })}` : ''}
      </Typography.Text>
      {document.template && (
        <Typography.Link href={templateUrl(document.template.id)} download>
          <DownloadOutlined /> {t('form.template', { name: document.template.fileName })}
        </Typography.Link>
      )}
    </>
  );
}
