import { APPROVING_STEP_ROLES } from './access.ts';
import type { WorkflowStep } from './dossier-lifecycle.ts';

/** At most this many steps after reception: a longer chain is a sign of a procedure to simplify. */
export const MAX_WORKFLOW_STEPS = 8;

/**
 * What keeps an internal workflow from being used: each step named and with a share of the
 * processing days, the shares adding up to 100, and the last step held by someone who may approve
 * and sign the result.
 */
export function workflowProblems(
  steps: readonly WorkflowStep[],
): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  if (steps.length === 0)
    return [{ field: '/workflow', message: 'Quy trình nội bộ phải có ít nhất một bước' }];
  if (steps.length > MAX_WORKFLOW_STEPS)
    problems.push({
      field: '/workflow',
      message: `Quy trình nội bộ có tối đa ${String(MAX_WORKFLOW_STEPS)} bước`,
    });
  const seen = new Set<string>();
  steps.forEach((step, index) => {
    const at = `/workflow/${String(index)}`;
    if (seen.has(step.key))
      problems.push({ field: `${at}/key`, message: `Mã bước "${step.key}" bị trùng` });
    seen.add(step.key);
    if (!Number.isInteger(step.sharePercent) || step.sharePercent < 1 || step.sharePercent > 100)
      problems.push({
        field: `${at}/sharePercent`,
        message: `Thời gian của bước ${String(index + 1)} phải từ 1% đến 100% thời hạn giải quyết`,
      });
    if (!step.name.trim())
      problems.push({
        field: `${at}/name`,
        message: `Vui lòng nhập tên bước ${String(index + 1)}`,
      });
  });
  const total = steps.reduce((sum, step) => sum + step.sharePercent, 0);
  if (total !== 100)
    problems.push({
      field: '/workflow',
      message: `Tổng thời gian các bước phải bằng 100% thời hạn giải quyết (hiện là ${String(total)}%)`,
    });
  const last = steps[steps.length - 1];
  if (last && !APPROVING_STEP_ROLES.includes(last.role))
    problems.push({
      field: `/workflow/${String(steps.length - 1)}/role`,
      message:
        'Bước cuối (phê duyệt, ký kết quả) phải do Lãnh đạo cơ quan hoặc Lãnh đạo phòng đảm nhận',
    });
  return problems;
}
