import { Tag } from 'antd';
import type { ManagedServiceSummary } from '../api.ts';

const STATUS: Record<ManagedServiceSummary['status'], { label: string; color: string }> = {
  draft: { label: 'Chưa công bố', color: 'default' },
  published: { label: 'Đang tiếp nhận', color: 'green' },
  unpublished: { label: 'Ngừng tiếp nhận', color: 'red' },
};

/** Whether a service takes new dossiers, as its administrators read it. */
export function ServiceStatusTag({ status }: { status: ManagedServiceSummary['status'] }) {
  return <Tag color={STATUS[status].color}>{STATUS[status].label}</Tag>;
}
