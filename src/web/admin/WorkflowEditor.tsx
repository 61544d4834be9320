import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  DeleteOutlined,
  PlusOutlined,
} from '@ant-design/icons';
import { Button, Input, InputNumber, List, Select, Space, Typography } from 'antd';
import { WORKFLOW_STEP_ROLES } from '../../domain/access.ts';
import type { WorkflowStep } from '../../domain/dossier-lifecycle.ts';
import { MAX_WORKFLOW_STEPS } from '../../domain/workflow.ts';
import { useI18n } from '../i18n.tsx';

/** A key no other step of the workflow has: `buoc-3`, or the next free number. */
function freshKey(steps: readonly WorkflowStep[]): string {
  let n = steps.length + 1;
  while (steps.some((s) => s.key === `buoc-${String(n)}`)) n += 1;
  return `buoc-${String(n)}`;
}

/**
 * The internal workflow (quy trình nội bộ) of a version: the steps after reception, who takes each
 * and its share of the processing time. The last step approves, and its officer signs the result;
 * what keeps the workflow from being saved is listed with the designer's other problems.
 */
export function WorkflowEditor({
  steps,
  onChange,
}: {
  steps: WorkflowStep[];
  onChange: (steps: WorkflowStep[]) => void;
}) {
  const { t } = useI18n();
  const update = (index: number, changes: Partial<WorkflowStep>) =>
    onChange(steps.map((s, i) => (i === index ? { ...s, ...changes } : s)));
  const move = (index: number, by: -1 | 1) => {
    const next = [...steps];
    const [step] = next.splice(index, 1);
    if (step) next.splice(index + by, 0, step);
    onChange(next);
  };
  const total = steps.reduce((sum, s) => sum + s.sharePercent, 0);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Text type="secondary">{t('workflow.hint')}</Typography.Text>
      <List
        size="small"
        bordered
        dataSource={steps}
        renderItem={(step, index) => (
          <List.Item
            actions={[
              <Button
                key="up"
                size="small"
                icon={<ArrowUpOutlined />}
                disabled={index === 0}
                aria-label={t('workflow.moveUp', { n: index + 1 })}
                onClick={() => move(index, -1)}
              />,
              <Button
                key="down"
                size="small"
                icon={<ArrowDownOutlined />}
                disabled={index === steps.length - 1}
                aria-label={t('workflow.moveDown', { n: index + 1 })}
                onClick={() => move(index, 1)}
              />,
              <Button
                key="remove"
                size="small"
                danger
                icon={<DeleteOutlined />}
                disabled={steps.length === 1}
                aria-label={t('workflow.remove', { n: index + 1 })}
                onClick={() => onChange(steps.filter((_, i) => i !== index))}
              />,
            ]}
          >
            <Space wrap>
              <Typography.Text strong>{index + 1}.</Typography.Text>
              <Input
                aria-label={t('workflow.name', { n: index + 1 })}
                maxLength={200}
                value={step.name}
                onChange={(e) => update(index, { name: e.target.value })}
                style={{ minWidth: 220 }}
              />
              <Select
                aria-label={t('workflow.role', { n: index + 1 })}
                showSearch={{ optionFilterProp: 'label' }}
                value={step.role}
                options={WORKFLOW_STEP_ROLES.map((role) => ({
                  value: role,
                  label: t(`role.${role}`),
                }))}
                onChange={(role) => update(index, { role })}
                style={{ minWidth: 170 }}
              />
              <InputNumber
                aria-label={t('workflow.share', { n: index + 1 })}
                min={1}
                max={100}
                suffix="%"
                value={step.sharePercent}
                onChange={(v) => update(index, { sharePercent: v ?? 0 })}
              />
            </Space>
          </List.Item>
        )}
      />
      <Typography.Text type={total === 100 ? 'secondary' : 'danger'}>
        {t('workflow.total', { total })}
      </Typography.Text>
      <Button
        icon={<PlusOutlined />}
        disabled={steps.length >= MAX_WORKFLOW_STEPS}
        onClick={() =>
          // A new step goes before the approval, with the first role the policy lists for steps;
          // its name is the agency's own text, read by its officers: Vietnamese in any locale.
          onChange([
            ...steps.slice(0, -1),
            {
              key: freshKey(steps),
              name: `Bước ${String(steps.length)}`,
              role: WORKFLOW_STEP_ROLES[0],
              sharePercent: 0,
            },
            ...steps.slice(-1),
          ])
        }
      >
        {t('workflow.add')}
      </Button>
    </Space>
  );
}
