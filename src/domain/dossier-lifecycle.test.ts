import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DOSSIER_STATUSES, nextStatus, type DossierAction } from './dossier-lifecycle.ts';

describe('dossier lifecycle', () => {
  it('submits a draft and receives a submitted dossier', () => {
    expect(nextStatus('draft', 'submit')).toBe('submitted');
    expect(nextStatus('submitted', 'receive')).toBe('received');
  });

  it('refuses to receive twice or to receive what was never submitted', () => {
    expect(nextStatus('received', 'receive')).toBeUndefined();
    expect(nextStatus('draft', 'receive')).toBeUndefined();
    expect(nextStatus('submitted', 'submit')).toBeUndefined();
  });

  it('never leaves the set of legal statuses, whatever the sequence of actions', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom<DossierAction>('submit', 'receive'), { maxLength: 20 }),
        (actions) => {
          let status: (typeof DOSSIER_STATUSES)[number] = 'draft';
          for (const action of actions) status = nextStatus(status, action) ?? status;
          expect(DOSSIER_STATUSES).toContain(status);
          expect(['draft', 'submitted', 'received']).toContain(status);
        },
      ),
    );
  });
});
