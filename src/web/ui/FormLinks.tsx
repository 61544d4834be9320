import { Space } from 'antd';
import type { DossierAction, DossierDetail } from '../api.ts';
import { useI18n } from '../i18n.tsx';

/** Which form each event produces (Circular 01/2018/TT-VPCP, forms 01–05). */
type Form = 'receipt' | 'supplement-request' | 'refusal' | 'apology' | 'control-sheet';
const FORMS: { form: Form; after: DossierAction; officerOnly?: boolean }[] = [
  { form: 'receipt', after: 'receive' },
  { form: 'supplement-request', after: 'request_supplement' },
  { form: 'refusal', after: 'refuse' },
  { form: 'apology', after: 'reschedule' },
  { form: 'control-sheet', after: 'receive', officerOnly: true },
];

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
  const available = FORMS.filter(
    (f) => (officer || !f.officerOnly) && dossier.events.some((e) => e.action === f.after),
  );
  if (available.length === 0) return null;
  return (
    <Space wrap>
      {available.map(({ form }) => (
        <a key={form} href={`${base}/forms/${form}`} target="_blank" rel="noreferrer">
          {t(`form.${form}`)}
        </a>
      ))}
    </Space>
  );
}
