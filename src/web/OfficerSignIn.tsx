import { useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useState, type ReactNode, type SyntheticEvent } from 'react';
import { ApiError, api } from './api.ts';
import { useI18n } from './i18n.tsx';

// The QR code is drawn only for the rare first sign-in that enrols an authenticator app.
const TotpQrCode = lazy(() => import('./ui/TotpQrCode.tsx'));

type Step = {
  status: 'signed_in' | 'change_password' | 'totp' | 'enroll_totp';
  attemptToken?: string;
  totpSecret?: string;
  totpUri?: string;
};

type Field = {
  name: string;
  label: string;
  type: 'text' | 'password';
  autoComplete: string;
  inputMode?: 'numeric';
  maxLength?: number;
  /** What is wrong with the value, or undefined when it will do. */
  check?: (value: string, values: Record<string, string>) => string | undefined;
};

/** Username and password, then whatever the server asks next: a new password, a TOTP code. */
export function OfficerSignIn({ onSignedIn }: { onSignedIn: () => Promise<void> }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const [step, setStep] = useState<Step>();
  const [failure, setFailure] = useState<ApiError>();
  const [busy, setBusy] = useState(false);

  async function send(path: string, body: object) {
    setBusy(true);
    setFailure(undefined);
    try {
      const next = await api.post<Step>(path, body);
      if (next.status === 'signed_in') {
        await client.invalidateQueries();
        await onSignedIn();
      } else setStep(next);
    } catch (error) {
      if (error instanceof ApiError) setFailure(error);
      else throw error;
    } finally {
      setBusy(false);
    }
  }

  const problem = failure && (
    <div className="notice notice-error" role="alert">
      <p>
        <strong>{failure.problem.title}</strong>
      </p>
      {failure.problem.detail && <p>{failure.problem.detail}</p>}
      {failure.problem.errors?.map((e) => (
        <p key={e.code}>{e.message}</p>
      ))}
    </div>
  );

  if (step?.status === 'change_password')
    return (
      <StepForm
        key="change_password"
        intro={<p>{t('signIn.changePassword')}</p>}
        problem={problem}
        busy={busy}
        submitLabel={t('signIn.savePassword')}
        fields={[
          {
            name: 'newPassword',
            label: t('signIn.newPassword'),
            type: 'password',
            autoComplete: 'new-password',
          },
          {
            name: 'confirm',
            label: t('signIn.confirmPassword'),
            type: 'password',
            autoComplete: 'new-password',
            check: (value, values) =>
              value === values.newPassword ? undefined : t('signIn.passwordsDiffer'),
          },
        ]}
        onSubmit={(values) =>
          send('/api/v1/auth/officer/change-password', {
            attemptToken: step.attemptToken,
            newPassword: values.newPassword,
          })
        }
      />
    );

  if (step?.status === 'totp' || step?.status === 'enroll_totp')
    return (
      <StepForm
        key="totp"
        intro={
          step.status === 'enroll_totp' ? (
            <div className="stack">
              <p>{t('signIn.enrollTotp')}</p>
              <Suspense fallback={null}>
                <TotpQrCode value={step.totpUri ?? ''} />
              </Suspense>
              <p>
                {t('signIn.totpKey')}:{' '}
                <code className="hash" data-testid="totp-secret">
                  {step.totpSecret}
                </code>
              </p>
            </div>
          ) : (
            <p>{t('signIn.totp')}</p>
          )
        }
        problem={problem}
        busy={busy}
        submitLabel={t('signIn.verify')}
        fields={[
          {
            name: 'code',
            label: t('signIn.totpCode'),
            type: 'text',
            autoComplete: 'one-time-code',
            inputMode: 'numeric',
            maxLength: 6,
            check: (value) => (/^\d{6}$/.test(value) ? undefined : t('signIn.codeFormat')),
          },
        ]}
        onSubmit={(values) =>
          send('/api/v1/auth/officer/totp', { attemptToken: step.attemptToken, code: values.code })
        }
      />
    );

  return (
    <StepForm
      key="password"
      problem={problem}
      busy={busy}
      submitLabel={t('signIn.submit')}
      fields={[
        {
          name: 'username',
          label: t('signIn.username'),
          type: 'text',
          autoComplete: 'username',
        },
        {
          name: 'password',
          label: t('signIn.password'),
          type: 'password',
          autoComplete: 'current-password',
        },
      ]}
      onSubmit={(values) => send('/api/v1/auth/officer/sign-in', values)}
    />
  );
}

/** One step of the sign-in: its fields, each required, checked before anything is sent. */
function StepForm({
  intro,
  problem,
  busy,
  submitLabel,
  fields,
  onSubmit,
}: {
  intro?: ReactNode;
  problem: ReactNode;
  busy: boolean;
  submitLabel: string;
  fields: Field[];
  onSubmit: (values: Record<string, string>) => Promise<void>;
}) {
  const { t } = useI18n();
  const [values, setValues] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});

  function submit(event: SyntheticEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const found: Record<string, string> = {};
    for (const field of fields) {
      const value = values[field.name] ?? '';
      const error =
        value.trim() === ''
          ? t('signIn.fieldRequired', { field: field.label.toLowerCase() })
          : field.check?.(value, values);
      if (error) found[field.name] = error;
    }
    setErrors(found);
    const first = fields.find((field) => found[field.name]);
    if (first) {
      event.currentTarget.querySelector<HTMLInputElement>(`[name="${first.name}"]`)?.focus();
      return;
    }
    void onSubmit(values);
  }

  return (
    <form className="stack sign-in-form" noValidate onSubmit={submit}>
      {intro}
      {problem}
      {fields.map((field) => (
        <TextField
          key={field.name}
          field={field}
          value={values[field.name] ?? ''}
          error={errors[field.name]}
          onChange={(value) => setValues((all) => ({ ...all, [field.name]: value }))}
        />
      ))}
      <div>
        <button type="submit" className="button button-primary" aria-disabled={busy || undefined}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}

function TextField({
  field,
  value,
  error,
  onChange,
}: {
  field: Field;
  value: string;
  error: string | undefined;
  onChange: (value: string) => void;
}) {
  const { t } = useI18n();
  const [shown, setShown] = useState(false);
  const id = `sign-in-${field.name}`;
  return (
    <div className={`form-field${error ? ' form-field-invalid' : ''}`}>
      <label htmlFor={id}>{field.label}</label>
      <div className="input-with-button">
        <input
          id={id}
          name={field.name}
          type={field.type === 'password' && !shown ? 'password' : 'text'}
          autoComplete={field.autoComplete}
          inputMode={field.inputMode}
          maxLength={field.maxLength}
          spellCheck={false}
          autoCapitalize="none"
          value={value}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}__error` : undefined}
          onChange={(event) => onChange(event.target.value)}
        />
        {field.type === 'password' && (
          <button type="button" className="button" onClick={() => setShown(!shown)}>
            {shown ? t('signIn.hidePassword') : t('signIn.showPassword')}
          </button>
        )}
      </div>
      {error && (
        <p id={`${id}__error`} className="form-error">
          {error}
        </p>
      )}
    </div>
  );
}
