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
}: {
  dossier: DossierDetail;
  endpoint: string;
  queryKey: unknown[];
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState<DossierAction | null>(null);
  const actions = dossier.availableActions.filter((a) => !HIDDEN.includes(a));
  return (
    <div className="action-bar">
      {actions.map((action, index) => (
        <button
          key={action}
          type="button"
          className={`button${index === 0 ? ' button-primary' : ''}${
            DANGEROUS.includes(action) ? ' button-danger' : ''
          }`}
          onClick={() => setOpen(action)}
        >
          {t(`action.${action}`)}
        </button>
      ))}
      {open && (
        <Suspense fallback={null}>
          <DossierActionDialog
            dossier={dossier}
            endpoint={endpoint}
            queryKey={queryKey}
            action={open}
            onClose={() => setOpen(null)}
          />
        </Suspense>
      )}
    </div>
  );
}
