import { ONE_STOP_FORM_NAMES, ONE_STOP_FORMS } from '../../domain/one-stop-forms.ts';
import type { DossierDetail } from '../api.ts';
import { useI18n } from '../i18n.tsx';

/** Download links for the forms the dossier has so far. */
export function FormLinks({
  dossier,
  base,
  officer,
}: {
  dossier: DossierDetail;
  base: string;
  officer: boolean;
}) {
  const { t } = useI18n();
  const available = ONE_STOP_FORM_NAMES.filter(
    (form) =>
      (officer || !ONE_STOP_FORMS[form].officersOnly) &&
      dossier.events.some((e) => e.action === ONE_STOP_FORMS[form].event),
  );
  if (available.length === 0) return null;
  return (
    <p className="link-row">
      {available.map((form) => (
        <a key={form} href={`${base}/forms/${form}`} target="_blank" rel="noreferrer">
          {t(`form.${form}`)}
        </a>
      ))}
    </p>
  );
}
