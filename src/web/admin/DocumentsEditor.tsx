import { DeleteOutlined, FileTextOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Checkbox,
  Input,
  InputNumber,
  List,
  Space,
  Switch,
  Typography,
  Upload,
} from 'antd';
import { useState } from 'react';
import { keyFromLabel } from '../../domain/form-design.ts';
import { ApiError, api, templateUrl, type RequiredDocument } from '../api.ts';
import { useI18n } from '../i18n.tsx';

const FILE_TYPES = [
  { value: 'pdf', label: 'PDF' },
  { value: 'jpg', label: 'JPG' },
  { value: 'png', label: 'PNG' },
];

const TEMPLATE_EXTENSIONS = '.pdf,.doc,.docx,.xls,.xlsx,.odt';

/** A document key from its name: "Giấy chứng sinh" → "giay-chung-sinh". */
const documentKey = (name: string) =>
  keyFromLabel(name)
    .replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)
    .slice(0, 60);

/** The required documents (thành phần hồ sơ) of a version: name, mandatory or not, accepted file types. */
export function DocumentsEditor({
  serviceId,
  documents,
  onChange,
}: {
  serviceId: string;
  documents: RequiredDocument[];
  onChange: (documents: RequiredDocument[]) => void;
}) {
  const { t } = useI18n();
  const [uploadFailure, setUploadFailure] = useState<string>();
  const update = (index: number, changes: Partial<RequiredDocument>) =>
    onChange(documents.map((d, i) => (i === index ? { ...d, ...changes } : d)));
  const uploadTemplate = (index: number, file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    setUploadFailure(undefined);
    api
      .upload<{ id: string; fileName: string }>(
        `/api/v1/admin/services/${serviceId}/templates`,
        form,
      )
      .then(({ id, fileName }) => {
        update(index, { template: { id, fileName } });
      })
      .catch((error: unknown) => {
        setUploadFailure(error instanceof ApiError ? error.problem.title : String(error));
      });
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <List
        size="small"
        bordered
        dataSource={documents}
        locale={{ emptyText: t('documents.none') }}
        renderItem={(document, index) => (
          <List.Item
            actions={[
              <Button
                key="remove"
                size="small"
                danger
                icon={<DeleteOutlined />}
                aria-label={t('documents.remove', { name: document.name })}
                onClick={() => onChange(documents.filter((_, i) => i !== index))}
              />,
            ]}
          >
            <Space orientation="vertical" style={{ width: '100%' }}>
              <Input
                aria-label={t('documents.name')}
                value={document.name}
                onChange={(e) =>
                  update(index, {
                    name: e.target.value,
                    ...(document.key === documentKey(document.name)
                      ? { key: documentKey(e.target.value) }
                      : {}),
                  })
                }
              />
              <Space wrap>
                <Switch
                  checked={document.mandatory}
                  onChange={(mandatory) => update(index, { mandatory })}
                  aria-label={t('documents.required')}
                />
                <span>{t('documents.required')}</span>
                <Checkbox.Group
                  options={FILE_TYPES}
                  value={document.accept}
                  onChange={(accept) => update(index, { accept })}
                />
                <InputNumber
                  aria-label={t('documents.maxMb')}
                  min={1}
                  max={100}
                  placeholder={t('documents.maxMbShort')}
                  value={document.maxSizeMb ?? null}
                  onChange={(maxSizeMb) => update(index, { maxSizeMb: maxSizeMb ?? undefined })}
                />
              </Space>
              {document.template ? (
                <Space wrap>
                  <span>{t('documents.template')}</span>
                  <Typography.Link href={templateUrl(document.template.id)} download>
                    <FileTextOutlined /> {document.template.fileName}
                  </Typography.Link>
                  <Button
                    size="small"
                    aria-label={t('documents.removeTemplateOf', { name: document.name })}
                    onClick={() => update(index, { template: undefined })}
                  >
                    {t('documents.removeTemplate')}
                  </Button>
                </Space>
              ) : (
                <Upload
                  accept={TEMPLATE_EXTENSIONS}
                  showUploadList={false}
                  beforeUpload={(file) => {
                    uploadTemplate(index, file);
                    return false;
                  }}
                >
                  <Button size="small" icon={<UploadOutlined />}>
                    {t('documents.uploadTemplate')}
                  </Button>
                </Upload>
              )}
            </Space>
          </List.Item>
        )}
      />
      {uploadFailure && <Alert type="error" showIcon title={uploadFailure} />}
      <Button
        icon={<PlusOutlined />}
        onClick={() => {
          // the service's content, read by citizens: Vietnamese whatever the administrator's locale
          const name = `Thành phần hồ sơ ${documents.length + 1}`;
          onChange([
            ...documents,
            { key: documentKey(name), name, mandatory: true, accept: ['pdf'] },
          ]);
        }}
      >
        {t('documents.add')}
      </Button>
    </Space>
  );
}
