import type { FieldDesign } from '../../domain/form-design.ts';
import type { ServiceDetail } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { formValue } from './answer-text.ts';
import type { AttachedFile } from './dossier-draft.ts';
import { FactList } from './DossierFacts.tsx';

/** The whole application as it will be sent, before the citizen submits it. */
export function ApplicationReview({
  service,
  fields,
  formData,
  files,
}: {
  service: ServiceDetail;
  fields: FieldDesign[];
  formData: Record<string, unknown>;
  files: Record<string, AttachedFile[]>;
}) {
  const { t } = useI18n();
  const answered = fields.filter((f) => f.kind !== 'heading' && formData[f.key] !== undefined);
  return (
    <div className="stack">
      <p className="muted">{t('form.reviewHint')}</p>
      <FactList facts={answered.map((f) => [f.label, formValue(formData[f.key], t)])} />
      <section className="panel">
        <h4 className="panel-title">{t('form.attached')}</h4>
        <FactList
          facts={service.requiredDocuments.map((d) => [
            d.name,
            (files[d.key] ?? []).map((f) => f.fileName).join(', ') || t('form.noFile'),
          ])}
        />
      </section>
    </div>
  );
}
