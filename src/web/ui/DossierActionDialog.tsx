import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, DatePicker, Form, Input, Modal, Rate, Select, Upload } from 'antd';
import type { Dayjs } from 'dayjs';
import {
  ApiError,
  api,
  type Agency,
  type DossierAction,
  type DossierDetail,
  type UploadedFile,
} from '../api.ts';
import { ACTIONS_NEEDING_REASON } from '../../domain/dossier-lifecycle.ts';
import { useI18n } from '../i18n.tsx';
import { PageFrame } from './PageFrame.tsx';
import { channelLabel } from './labels.ts';

const NEEDS_AGENCY: readonly DossierAction[] = ['transfer', 'request_opinion'];

type Values = {
  note?: string;
  targetAgencyId?: string;
  newDueAt?: Dayjs;
  returnMethod?: 'online' | 'counter' | 'post';
  rating?: number;
  documentKey?: string;
  file?: { originFileObj?: File }[];
};

type DialogProps = {
  dossier: DossierDetail;
  endpoint: string;
  queryKey: unknown[];
  action: DossierAction;
  onClose: () => void;
  /** Called once the action is taken and the page shows the dossier's new state. */
  onDone: (action: DossierAction) => void;
};

/**
 * The short form one action asks for (reason, agency, new date, rating, file), in a dialog; loaded
 * only when a button of `DossierActions` is pressed, with Ant Design's frame (a citizen's page has
 * none).
 */
export default function DossierActionDialog(props: DialogProps) {
  return (
    <PageFrame>
      <ActionForm {...props} />
    </PageFrame>
  );
}

function ActionForm({ dossier, endpoint, queryKey, action: chosen, onClose, onDone }: DialogProps) {
  const { t, locale } = useI18n();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const agencies = useQuery({
    queryKey: ['agencies-current'],
    queryFn: () => api.get<Agency[]>('/api/v1/catalog/agencies?current=true'),
    enabled: NEEDS_AGENCY.includes(chosen),
  });

  const act = useMutation({
    mutationFn: async ({ action, values }: { action: DossierAction; values: Values }) => {
      const file = values.file?.[0]?.originFileObj;
      let documents: { documentKey: string; fileId: string }[] | undefined;
      if (file && values.documentKey) {
        const body = new FormData();
        body.append('file', file, file.name);
        const uploaded = await api.upload<UploadedFile>('/api/v1/files', body);
        documents = [{ documentKey: values.documentKey, fileId: uploaded.id }];
      }
      return api.post(endpoint, {
        action,
        lockVersion: dossier.lockVersion,
        ...(values.note ? { note: values.note } : {}),
        ...(values.targetAgencyId ? { targetAgencyId: values.targetAgencyId } : {}),
        ...(values.newDueAt ? { newDueAt: values.newDueAt.toDate().toISOString() } : {}),
        ...(values.returnMethod ? { returnMethod: values.returnMethod } : {}),
        ...(values.rating ? { rating: values.rating } : {}),
        ...(documents ? { documents } : {}),
      });
    },
    // The page shows the new state (and its lock version) before saying it is done, so the next
    // action never starts from the old one.
    onSuccess: async (_, { action }) => {
      await client.invalidateQueries({ queryKey });
      onDone(action);
    },
    onError: () => client.invalidateQueries({ queryKey }),
  });

  const documentKeys = [
    ...new Set(dossier.files.flatMap((f) => (f.documentKey ? [f.documentKey] : []))),
  ];

  return (
    <Modal
      open
      title={t(`action.${chosen}`)}
      okText={t('action.confirm')}
      confirmLoading={act.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      {act.error instanceof ApiError && (
        <Alert type="error" showIcon title={act.error.problem.title} style={{ marginBottom: 16 }} />
      )}
      <Form
        form={form}
        layout="vertical"
        onFinish={(values) => act.mutate({ action: chosen, values })}
      >
        {NEEDS_AGENCY.includes(chosen) && (
          <Form.Item
            name="targetAgencyId"
            label={t('action.targetAgency')}
            rules={[{ required: true, message: t('action.targetAgency') }]}
          >
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              loading={agencies.isLoading}
              options={(agencies.data ?? []).map((a) => ({ value: a.id, label: a.name }))}
            />
          </Form.Item>
        )}
        {chosen === 'reschedule' && (
          <Form.Item
            name="newDueAt"
            label={t('dossier.newDueAt')}
            rules={[{ required: true, message: t('dossier.newDueAt') }]}
          >
            <DatePicker showTime={{ format: 'HH:mm' }} format="DD/MM/YYYY HH:mm" />
          </Form.Item>
        )}
        {chosen === 'return_result' && (
          <Form.Item
            name="returnMethod"
            label={t('dossier.returnMethod')}
            rules={[{ required: true, message: t('dossier.returnMethod') }]}
          >
            <Select
              options={(['online', 'counter', 'post'] as const).map((c) => ({
                value: c,
                label: channelLabel(c, locale),
              }))}
            />
          </Form.Item>
        )}
        {chosen === 'rate' && (
          <Form.Item
            name="rating"
            label={t('dossier.rating')}
            rules={[{ required: true, message: t('dossier.rating') }]}
          >
            <Rate />
          </Form.Item>
        )}
        {chosen === 'supplement' && documentKeys.length > 0 && (
          <>
            <Form.Item name="documentKey" label={t('action.documentKey')}>
              <Select options={documentKeys.map((k) => ({ value: k, label: k }))} />
            </Form.Item>
            <Form.Item
              name="file"
              label={t('action.file')}
              valuePropName="fileList"
              getValueFromEvent={(e: { fileList: unknown[] }) => e.fileList}
            >
              <Upload beforeUpload={() => false} maxCount={1} accept=".pdf,.jpg,.jpeg,.png">
                <Button>{t('action.file')}</Button>
              </Upload>
            </Form.Item>
          </>
        )}
        <Form.Item
          name="note"
          label={t('action.note')}
          rules={
            ACTIONS_NEEDING_REASON.includes(chosen)
              ? [{ required: true, whitespace: true, message: t('action.noteRequired') }]
              : []
          }
        >
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
