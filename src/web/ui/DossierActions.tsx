import { lazy, Suspense, useState } from 'react';
import type { DossierAction, DossierDetail } from '../api.ts';
import { useI18n } from '../i18n.tsx';

const DossierActionDialog = lazy(() => import('./DossierActionDialog.tsx'));

/** Assignment needs the list of the step's officers: done by the leader in a later screen. */
const HIDDEN: readonly DossierAction[] = ['assign'];
const DANGEROUS: readonly DossierAction[] = ['refuse', 'withdraw'];

/** The buttons for what the caller may do now, each opening a short form; used by officers and applicants. */
export function DossierActions({
  dossier,
  endpoint,
  queryKey,
  empty,
}: {
  dossier: DossierDetail;
  endpoint: string;
  queryKey: unknown[];
  /** What to say when nothing can be done now; nothing is said when unset. */
  empty?: string;
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState<DossierAction | null>(null);
  const [done, setDone] = useState<DossierAction>();
  const actions = dossier.availableActions.filter((a) => !HIDDEN.includes(a));
  return (
    <div className="stack">
      <p className={done ? 'notice notice-success' : 'visually-hidden'} role="status">
        {done ? t('action.done', { action: t(`action.${done}`) }) : ''}
      </p>
      {actions.length === 0 && empty && <p className="muted">{empty}</p>}
      <div className="action-bar" role="group" aria-label={t('action.available')}>
        {actions.map((action, index) => (
          <button
            key={action}
            type="button"
            className={`button${index === 0 ? ' button-primary' : ''}${
              DANGEROUS.includes(action) ? ' button-danger' : ''
            }`}
            onClick={() => {
              setDone(undefined);
              setOpen(action);
            }}
          >
            {t(`action.${action}`)}
          </button>
        ))}
      </div>
      {open && (
        <Suspense fallback={null}>
          <DossierActionDialog
            dossier={dossier}
            endpoint={endpoint}
            queryKey={queryKey}
            action={open}
            onClose={() => setOpen(null)}
            onDone={(action) => {
              setOpen(null);
              setDone(action);
            }}
          />
        </Suspense>
      )}
    </div>
  );
}
