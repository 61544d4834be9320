import { describe, expect, it } from 'vitest';
import { DEFAULT_WORKFLOW } from './access.ts';
import type { WorkflowStep } from './dossier-lifecycle.ts';
import { workflowProblems } from './workflow.ts';

const step = (key: string, role: WorkflowStep['role'], sharePercent: number): WorkflowStep => ({
  key,
  name: `Bước ${key}`,
  role,
  sharePercent,
});

describe('an internal workflow', () => {
  it('accepts the default and a three-step chain ending with the leader', () => {
    expect(workflowProblems(DEFAULT_WORKFLOW)).toEqual([]);
    expect(
      workflowProblems([
        step('thamdinh', 'specialist', 60),
        step('phong', 'department_head', 20),
        step('pheduyet', 'leader', 20),
      ]),
    ).toEqual([]);
  });

  it('accepts a department head approving (signing for the leader)', () => {
    expect(
      workflowProblems([step('a', 'specialist', 80), step('b', 'department_head', 20)]),
    ).toEqual([]);
  });

  it('refuses a last step a specialist would approve and sign', () => {
    expect(workflowProblems([step('a', 'leader', 50), step('b', 'specialist', 50)])).toEqual([
      {
        field: '/workflow/1/role',
        message:
          'Bước cuối (phê duyệt, ký kết quả) phải do Lãnh đạo cơ quan hoặc Lãnh đạo phòng đảm nhận',
      },
    ]);
  });

  it('names shares that do not add up to the processing time, repeated keys and blank names', () => {
    const problems = workflowProblems([
      { ...step('a', 'specialist', 50), name: '  ' },
      step('a', 'leader', 40),
    ]);
    expect(problems.map((p) => p.field)).toEqual([
      '/workflow/0/name',
      '/workflow/1/key',
      '/workflow',
    ]);
    expect(problems[2]?.message).toContain('(hiện là 90%)');
  });

  it('refuses an empty workflow', () => {
    expect(workflowProblems([])).toHaveLength(1);
  });
});
