import { useEffect, useMemo, useRef, useState, type SyntheticEvent } from 'react';

import {
  ApiError,
  type DossierDraft,
  type FieldProblem,
  type ServiceDetail,
  type SubmittedDossier,
} from '../api.ts';
import { designFromForm, formSteps } from '../../domain/form-design.ts';
import { formatDate, formatDateTime } from '../../domain/vietnam-time.ts';
import type { FeeChoice } from '../../domain/fees.ts';
import { useI18n } from '../i18n.tsx';
import {
  applicationOf,
  discardDraft,
  documentsOf,
  saveDraft,
  useSavedDraft,
  type Application,
  type AttachedFile,
} from './dossier-draft.ts';
import { ApplicationReview } from './ApplicationReview.tsx';
import { DocumentUploads } from './DocumentUploads.tsx';
import { FeeChoiceFields } from './FeeChoiceFields.tsx';
import { QueryState } from './QueryState.tsx';
import { fieldId, ProcedureForm, visibleAnswers, type FieldErrors } from './ProcedureForm.tsx';

/** Facts about the applicant that prefill the usual applicant fields; they can still be changed. */
export function prefill(person: {
  fullName: string;
  citizenId?: string | null | undefined;
  phone?: string | null | undefined;
  email?: string | null | undefined;
}): Record<string, unknown> {
  const values: Record<string, unknown> = { hoTenNguoiYeuCau: person.fullName };
  if (person.citizenId) values.soCccdNguoiYeuCau = person.citizenId;
  if (person.phone) values.soDienThoai = person.phone;
  if (person.email) values.email = person.email;
  return values;
}

export type DossierPayload = {
  serviceId: string;
  formData: Record<string, unknown>;
  feeChoice?: FeeChoice;
  documents: { documentKey: string; fileId: string }[];
};

/**
 * The control a problem's field points at: `/formData/a/b` is the input `root_a_b` (or the first
 * input of the group it names); a document, its file input.
 */
function fieldElement(field: string): HTMLElement | null {
  const answer = /^\/formData(\/.+)$/.exec(field);
  if (answer?.[1]) {
    const element = document.getElementById(fieldId(answer[1]));
    return element instanceof HTMLFieldSetElement
      ? element.querySelector<HTMLElement>('input, select, textarea, button')
      : element;
  }
  const document_ = /^\/documents\/([^/]+)/.exec(field);
  if (document_?.[1])
    return document.querySelector<HTMLElement>(
      `[data-document="${CSS.escape(document_[1])}"] input[type=file]`,
    );
  return null;
}

/** Server problems by the path of their field inside the answers. */
function answerErrors(problems: FieldProblem[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const problem of problems) {
    const match = /^\/formData(\/.+)$/.exec(problem.field);
    if (match?.[1]) (errors[match[1]] ??= []).push(problem.message);
  }
  return errors;
}

/**
 * A procedure's form and its documents; `send` submits online or registers at the desk. Online
 * (`keepsDraft`), the application is saved on the server as the citizen goes and opened again on
 * any device; a form designed in steps is filled one step at a time, then reviewed.
 */
export function DossierForm<Receipt = SubmittedDossier>(props: {
  service: ServiceDetail;
  initial: Record<string, unknown>;
  send: (payload: DossierPayload) => Promise<Receipt>;
  onSubmitted: (receipt: Receipt) => void;
  keepsDraft?: boolean;
}) {
  const saved = useSavedDraft(props.service.id, props.keepsDraft === true);
  if (!props.keepsDraft) return <ApplicationForm {...props} draft={null} />;
  return (
    <QueryState query={saved}>{(draft) => <ApplicationForm {...props} draft={draft} />}</QueryState>
  );
}

function ApplicationForm<Receipt>({
  service,
  initial,
  send,
  onSubmitted,
  keepsDraft = false,
  draft,
}: {
  service: ServiceDetail;
  initial: Record<string, unknown>;
  send: (payload: DossierPayload) => Promise<Receipt>;
  onSubmitted: (receipt: Receipt) => void;
  keepsDraft?: boolean;
  draft: DossierDraft | null;
}) {
  const { t } = useI18n();
  const design = useMemo(
    () => designFromForm(service.formSchema, service.uiSchema),
    [service.formSchema, service.uiSchema],
  );
  const restored = useMemo(() => (draft ? applicationOf(draft) : undefined), [draft]);
  const [formData, setFormData] = useState<Record<string, unknown>>(restored?.formData ?? initial);
  const [files, setFiles] = useState<Record<string, AttachedFile[]>>(restored?.files ?? {});
  const [feeChoice, setFeeChoice] = useState<FeeChoice>(restored?.feeChoice ?? {});
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [failure, setFailure] = useState<string>();
  const [submitting, setSubmitting] = useState(false);
  /** A step is being saved before the next opens: a second press must not save it again. */
  const [moving, setMoving] = useState(false);
  const [savedAt, setSavedAt] = useState<{ at: string; until: string } | 'failed'>();
  const [changed, setChanged] = useState(false);

  // Steps: the designer's sections, then the documents and fee, then the review.
  const formStepList = keepsDraft && design.steps ? formSteps(design) : undefined;
  const stepCount = formStepList ? formStepList.length + 2 : 1;
  const [step, setStep] = useState(() => Math.min(draft?.step ?? 0, stepCount - 1));
  const stepHeading = useRef<HTMLHeadingElement>(null);

  const application = (): Application => ({
    formData: visibleAnswers(formData, design.fields),
    files,
    feeChoice,
  });

  async function keep(nextStep: number) {
    try {
      const result = await saveDraft(service.id, application(), nextStep);
      setSavedAt({ at: result.savedAt, until: result.expiresAt });
      setChanged(false);
      return result.problems;
    } catch {
      setSavedAt('failed');
      return undefined;
    }
  }

  // A single-page form is saved a moment after the citizen stops typing.
  useEffect(() => {
    if (!keepsDraft || formStepList || !changed || submitting) return;
    const timer = setTimeout(() => void keep(0), 1500);
    return () => clearTimeout(timer);
  });

  // After a refused submit, the keyboard and the screen reader are taken to the first field to fix,
  // first as the form reads (the server lists problems by kind, not by place).
  useEffect(() => {
    const [target] = problems
      .map((problem) => fieldElement(problem.field))
      .filter((element): element is HTMLElement => element !== null)
      .sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
    target?.scrollIntoView({ block: 'center' });
    target?.focus();
  }, [problems]);

  /** Which step a problem belongs to: its field's section, else the documents and fee. */
  const stepOfProblem = (problem: FieldProblem): number => {
    if (!formStepList) return 0;
    const index = formStepList.findIndex((s) =>
      s.fields.some(
        (f) =>
          problem.field === `/formData/${f.key}` || problem.field.startsWith(`/formData/${f.key}/`),
      ),
    );
    return index >= 0 ? index : formStepList.length;
  };

  async function goTo(next: number, check: boolean) {
    setFailure(undefined);
    setProblems([]);
    setMoving(true);
    const found = await keep(next).finally(() => setMoving(false));
    if (check && found) {
      const here = found.filter((p) => stepOfProblem(p) === step);
      if (here.length > 0) {
        setFailure(t('form.stepErrors'));
        setProblems(here);
        return;
      }
    }
    setStep(next);
    requestAnimationFrame(() => stepHeading.current?.focus());
  }

  async function submit(event: SyntheticEvent) {
    event.preventDefault();
    if (submitting || moving) return;
    if (formStepList && step < stepCount - 1) {
      await goTo(step + 1, true);
      return;
    }
    setSubmitting(true);
    setChanged(false);
    setFailure(undefined);
    setProblems([]);
    try {
      const chosen = Object.keys(feeChoice).length > 0 ? { feeChoice } : {};
      onSubmitted(
        await send({
          serviceId: service.id,
          formData: visibleAnswers(formData, design.fields),
          ...chosen,
          documents: documentsOf(files),
        }),
      );
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      setFailure(error.problem.errors?.length ? t('form.fixErrors') : error.problem.title);
      const found = error.problem.errors ?? [];
      // In steps, the citizen is taken back to the first step with something to fix.
      const first = found.length > 0 ? Math.min(...found.map(stepOfProblem)) : step;
      if (formStepList && first !== step) setStep(first);
      setProblems(found);
    } finally {
      setSubmitting(false);
    }
  }

  const change =
    <T,>(set: (update: (current: T) => T) => void) =>
    (update: (current: T) => T) => {
      set(update);
      setChanged(true);
    };
  const setAnswer = (key: string, value: unknown) =>
    change(setFormData)((data) => ({ ...data, [key]: value }));

  const fields = formStepList ? (formStepList[step]?.fields ?? []) : design.fields;
  const onDocuments = !formStepList || step === formStepList.length;
  const onReview = formStepList !== undefined && step === stepCount - 1;
  const stepTitles = formStepList
    ? [
        ...formStepList.map((s) => s.title ?? t('form.generalStep')),
        t('form.documentsStep'),
        t('form.reviewStep'),
      ]
    : [];

  return (
    <form className="stack" noValidate onSubmit={(event) => void submit(event)}>
      {draft && (
        <div className="notice notice-info draft-notice">
          <p>{t('form.draftRestored', { time: formatDateTime(draft.savedAt) })}</p>
          <button
            type="button"
            className="link-button"
            onClick={() => void discardDraft(service.id).then(() => window.location.reload())}
          >
            {t('form.draftDiscard')}
          </button>
        </div>
      )}
      {formStepList && (
        <>
          <ol className="steps" aria-label={t('form.steps')}>
            {stepTitles.map((title, index) => (
              <li key={index} aria-current={index === step ? 'step' : undefined}>
                {index < step ? (
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => void goTo(index, false)}
                  >
                    {title}
                  </button>
                ) : (
                  <span>{title}</span>
                )}
              </li>
            ))}
          </ol>
          <h3 className="form-section-title" ref={stepHeading} tabIndex={-1}>
            {t('form.stepOf', { n: step + 1, total: stepCount, title: stepTitles[step] ?? '' })}
          </h3>
        </>
      )}
      {!onReview && !(formStepList && onDocuments) && (
        <ProcedureForm
          fields={fields}
          formSchema={service.formSchema}
          data={formData}
          errors={answerErrors(problems)}
          onChange={setAnswer}
        />
      )}
      {onDocuments && (
        <>
          <DocumentUploads
            service={service}
            files={files}
            onFiles={change(setFiles)}
            problems={problems}
            onFailure={setFailure}
          />
          {service.feeSchedule.kind !== 'none' && (
            <section className="panel">
              <h3 className="panel-title">{t('fee.title')}</h3>
              <FeeChoiceFields
                schedule={service.feeSchedule}
                value={feeChoice}
                onChange={(choice) => change(setFeeChoice)(() => choice)}
                problems={problems}
              />
            </section>
          )}
        </>
      )}
      {onReview && (
        <ApplicationReview
          service={service}
          fields={design.fields}
          formData={visibleAnswers(formData, design.fields)}
          files={files}
        />
      )}
      {failure && (
        <p className="notice notice-error" role="alert">
          {failure}
        </p>
      )}
      <div className="action-bar">
        {formStepList && step > 0 && (
          <button
            type="button"
            className="button button-large"
            onClick={() => void goTo(step - 1, false)}
          >
            {t('form.previous')}
          </button>
        )}
        <button
          type="submit"
          className="button button-primary button-large"
          aria-disabled={submitting || moving || undefined}
        >
          {formStepList && !onReview ? t('form.next') : t('form.submit')}
        </button>
      </div>
      {keepsDraft && (
        <p className="muted" role="status">
          {savedAt === 'failed'
            ? t('form.draftFailed')
            : savedAt
              ? t('form.draftSaved', {
                  time: formatDateTime(savedAt.at),
                  until: formatDate(savedAt.until),
                })
              : ''}
        </p>
      )}
    </form>
  );
}
