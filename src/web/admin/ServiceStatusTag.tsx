import { Tag } from 'antd';
import type { ManagedServiceSummary } from '../api.ts';
import { useI18n } from '../i18n.tsx';

const COLOR: Record<ManagedServiceSummary['status'], string> = {
  draft: 'default',
  published: 'green',
  unpublished: 'red',
};

/** Whether a service takes new dossiers, as its administrators read it. */
export function ServiceStatusTag({ status }: { status: ManagedServiceSummary['status'] }) {
  const { t } = useI18n();
  return <Tag color={COLOR[status]}>{t(`admin.status.${status}`)}</Tag>;
}
