import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { PROVINCES_2025 } from '../../domain/vietnam-provinces.ts';
import { formatDate } from '../../domain/vietnam-time.ts';
import {
  ApiError,
  api,
  type DossierSummary,
  type FeedbackCategory,
  type FeedbackSummary,
  type FieldProblem,
  type SentFeedback,
  type UploadedFeedbackFile,
} from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { useMe, usePortal } from '../session.ts';
import { Outcome } from '../ui/Outcome.tsx';
import { PageTitle } from '../ui/PageTitle.tsx';
import { QueryState } from '../ui/QueryState.tsx';
import { megabytes, uploadLimitBytes } from '../ui/upload-limit.ts';

const MAX_FILES = 5;

/** The citizen's page: send feedback (signed in or not), and see what one sent. */
export function FeedbackPage() {
  const { t } = useI18n();
  const me = useMe();
  const [sent, setSent] = useState<SentFeedback | null>(null);
  if (sent)
    return (
      <Outcome
        tone="success"
        title={t('feedback.sent.title')}
        actions={
          <>
            <Link
              className="button button-large"
              to={`/phan-anh/${sent.code}?key=${encodeURIComponent(sent.trackingKey)}`}
            >
              {t('feedback.sent.follow')}
            </Link>
            <button type="button" className="link-button" onClick={() => setSent(null)}>
              {t('feedback.sent.another')}
            </button>
          </>
        }
      >
        <dl className="facts">
          <dt>{t('feedback.sent.code')}</dt>
          <dd className="dossier-code">{sent.code}</dd>
          {me.data?.kind !== 'citizen' && (
            <>
              <dt>{t('feedback.sent.key')}</dt>
              <dd className="hash">{sent.trackingKey}</dd>
            </>
          )}
        </dl>
      </Outcome>
    );
  return (
    <div className="stack stack-large">
      <PageTitle>{t('feedback.send.title')}</PageTitle>
      <p>{t('feedback.send.intro')}</p>
      <p>
        <Link to="/tra-loi-phan-anh">{t('feedback.public.link')}</Link>
      </p>
      {me.data?.kind === 'citizen' && <MyFeedback />}
      {!me.data && (
        <div className="notice notice-info stack">
          <p>{t('feedback.signInHint')}</p>
          <Link className="button" to="/dang-nhap?returnTo=/phan-anh">
            {t('nav.signIn')}
          </Link>
        </div>
      )}
      <FeedbackForm signedIn={me.data?.kind === 'citizen'} onSent={setSent} />
    </div>
  );
}

function MyFeedback() {
  const { t } = useI18n();
  const mine = useQuery({
    queryKey: ['my-feedback'],
    queryFn: () => api.get<FeedbackSummary[]>('/api/v1/feedback/mine'),
  });
  return (
    <section className="panel">
      <h2 className="panel-title">{t('feedback.mine')}</h2>
      <QueryState query={mine}>
        {(rows) =>
          rows.length === 0 ? (
            <p className="muted">{t('feedback.mine.none')}</p>
          ) : (
            <ul className="file-list">
              {rows.map((row) => (
                <li key={row.code}>
                  <Link to={`/phan-anh/${row.code}`}>{row.title}</Link>
                  <span className="muted">
                    {row.code} · {formatDate(row.receivedAt)} · {t(`feedback.state.${row.state}`)}
                  </span>
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
    </section>
  );
}

type Attached = { id: string; key: string; fileName: string };

function FeedbackForm({
  signedIn,
  onSent,
}: {
  signedIn: boolean;
  onSent: (sent: SentFeedback) => void;
}) {
  const { t } = useI18n();
  const portal = usePortal();
  const categories = useQuery({
    queryKey: ['feedback-categories'],
    queryFn: () => api.get<FeedbackCategory[]>('/api/v1/feedback/categories'),
    staleTime: Infinity,
  });
  const dossiers = useQuery({
    queryKey: ['my-dossiers'],
    queryFn: () => api.get<DossierSummary[]>('/api/v1/dossiers'),
    enabled: signedIn,
  });
  const [categoryCode, setCategoryCode] = useState('');
  const [province, setProvince] = useState('');
  const communes = useQuery({
    queryKey: ['communes', province],
    queryFn: () =>
      api.get<{ code: string; name: string }[]>(
        `/api/v1/catalog/communes?province=${encodeURIComponent(province)}`,
      ),
    enabled: province !== '',
    staleTime: Infinity,
  });
  const [files, setFiles] = useState<Attached[]>([]);
  const [uploading, setUploading] = useState(false);
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const category = categories.data?.find((c) => c.code === categoryCode);
  const limit = uploadLimitBytes(undefined, portal.data?.uploadMaxBytes);

  async function attach(file: File) {
    if (limit !== undefined && file.size > limit) {
      setFailure(
        t('form.tooLarge', {
          name: file.name,
          size: megabytes(file.size),
          limit: megabytes(limit),
        }),
      );
      return;
    }
    setUploading(true);
    try {
      const form = new FormData();
      form.append('file', file, file.name);
      const uploaded = await api.upload<UploadedFeedbackFile>('/api/v1/feedback/files', form);
      setFiles((all) => [
        ...all,
        { id: uploaded.id, key: uploaded.key, fileName: uploaded.fileName },
      ]);
    } catch (error) {
      setFailure(error instanceof ApiError ? error.problem.title : String(error));
    } finally {
      setUploading(false);
    }
  }

  async function submit(form: HTMLFormElement) {
    const data = new FormData(form);
    const text = (name: string) => {
      const value = data.get(name);
      return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
    };
    const body = {
      categoryCode,
      title: text('title') ?? '',
      content: text('content') ?? '',
      ...(text('dossierCode') ? { dossierCode: text('dossierCode') } : {}),
      ...(text('province') ? { province: text('province') } : {}),
      ...(text('commune') ? { commune: text('commune') } : {}),
      ...(text('address') ? { address: text('address') } : {}),
      ...(text('senderName') ? { senderName: text('senderName') } : {}),
      ...(text('phone') ? { phone: text('phone') } : {}),
      ...(text('email') ? { email: text('email') } : {}),
      consentToPublish: data.get('consent') === 'on',
      attachments: files.map((f) => ({ id: f.id, key: f.key })),
    };
    setSending(true);
    setFailure(null);
    setProblems([]);
    try {
      onSent(await api.post<SentFeedback>('/api/v1/feedback', body));
    } catch (error) {
      if (error instanceof ApiError) {
        setFailure(
          error.problem.detail && !error.problem.errors
            ? `${error.problem.title}. ${error.problem.detail}`
            : error.problem.title,
        );
        setProblems(error.problem.errors ?? []);
      } else setFailure(String(error));
    } finally {
      setSending(false);
    }
  }

  const problemOf = (field: string) => problems.find((p) => p.field === `/${field}`)?.message;
  const field = (name: string, label: string, control: React.ReactNode, help?: string) => {
    const problem = problemOf(name);
    return (
      <div className={`form-field${problem ? ' form-field-invalid' : ''}`}>
        <label htmlFor={`feedback-${name}`}>{label}</label>
        {help && (
          <p id={`feedback-${name}__help`} className="form-help">
            {help}
          </p>
        )}
        {control}
        {problem && (
          <p id={`feedback-${name}__error`} className="form-error">
            {problem}
          </p>
        )}
      </div>
    );
  };
  const describedBy = (name: string, help = false) =>
    [help ? `feedback-${name}__help` : '', problemOf(name) ? `feedback-${name}__error` : '']
      .filter(Boolean)
      .join(' ') || undefined;

  return (
    <QueryState query={categories}>
      {(list) => (
        <form
          className="procedure-form"
          onSubmit={(event) => {
            event.preventDefault();
            void submit(event.currentTarget);
          }}
          noValidate
        >
          {field(
            'categoryCode',
            t('feedback.category'),
            <select
              id="feedback-categoryCode"
              required
              value={categoryCode}
              aria-describedby={describedBy('categoryCode')}
              onChange={(e) => setCategoryCode(e.target.value)}
            >
              <option value="">{t('feedback.choose')}</option>
              {list.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name}
                </option>
              ))}
            </select>,
          )}
          {category && (
            <p className="form-help">
              {category.description} {t('feedback.answerDays', { days: category.answerDays })}
            </p>
          )}
          {signedIn &&
            field(
              'dossierCode',
              t('feedback.dossier'),
              <select id="feedback-dossierCode" name="dossierCode" defaultValue="">
                <option value="">{t('feedback.dossier.none')}</option>
                {(dossiers.data ?? []).map((d) => (
                  <option key={d.code} value={d.code}>
                    {d.code} — {d.procedureName}
                  </option>
                ))}
              </select>,
            )}
          {field(
            'title',
            t('feedback.title'),
            <input
              id="feedback-title"
              name="title"
              type="text"
              required
              maxLength={200}
              aria-describedby={describedBy('title')}
            />,
          )}
          {field(
            'content',
            t('feedback.content'),
            <textarea
              id="feedback-content"
              name="content"
              rows={6}
              required
              maxLength={5000}
              aria-describedby={describedBy('content', true)}
            />,
            t('feedback.content.help'),
          )}
          {field(
            'province',
            t('feedback.province'),
            <select
              id="feedback-province"
              name="province"
              value={province}
              onChange={(e) => setProvince(e.target.value)}
            >
              <option value="">{t('feedback.choose')}</option>
              {PROVINCES_2025.map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </select>,
          )}
          {province &&
            field(
              'commune',
              t('feedback.commune'),
              <select id="feedback-commune" name="commune" defaultValue="">
                <option value="">{t('feedback.choose')}</option>
                {(communes.data ?? []).map((c) => (
                  <option key={c.code} value={c.name}>
                    {c.name}
                  </option>
                ))}
              </select>,
            )}
          {field(
            'address',
            t('feedback.address'),
            <input id="feedback-address" name="address" type="text" maxLength={300} />,
          )}
          <section className="form-field">
            <p className="form-section-title">{t('feedback.attachments')}</p>
            {files.length > 0 && (
              <ul className="file-list">
                {files.map((f) => (
                  <li key={f.id}>
                    {f.fileName}
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => setFiles((all) => all.filter((x) => x.id !== f.id))}
                    >
                      {t('feedback.remove', { name: f.fileName })}
                    </button>
                  </li>
                ))}
              </ul>
            )}
            {files.length < MAX_FILES && (
              <>
                <label className="button file-button" htmlFor="feedback-file">
                  {uploading ? t('feedback.sending') : t('feedback.attach')}
                </label>
                <input
                  id="feedback-file"
                  className="visually-hidden"
                  type="file"
                  accept=".pdf,.jpg,.jpeg,.png"
                  disabled={uploading}
                  onChange={(event) => {
                    const chosen = event.target.files?.[0];
                    event.target.value = '';
                    if (chosen) void attach(chosen);
                  }}
                />
              </>
            )}
          </section>
          {!signedIn && (
            <fieldset className="form-field form-group">
              <legend className="form-section-title">{t('feedback.contact')}</legend>
              <p className="form-help">{t('feedback.contact.help')}</p>
              {field(
                'senderName',
                t('feedback.senderName'),
                <input
                  id="feedback-senderName"
                  name="senderName"
                  type="text"
                  autoComplete="name"
                  maxLength={100}
                  aria-describedby={describedBy('senderName')}
                />,
              )}
              {field(
                'phone',
                t('feedback.phone'),
                <input
                  id="feedback-phone"
                  name="phone"
                  type="tel"
                  autoComplete="tel"
                  inputMode="tel"
                  aria-describedby={describedBy('phone')}
                />,
              )}
              {field(
                'email',
                t('feedback.email'),
                <input
                  id="feedback-email"
                  name="email"
                  type="email"
                  autoComplete="email"
                  aria-describedby={describedBy('email')}
                />,
              )}
            </fieldset>
          )}
          <div className="form-choices">
            <label>
              <input type="checkbox" name="consent" />
              {t('feedback.consent')}
            </label>
          </div>
          {failure && (
            <div className="notice notice-error" role="alert">
              {failure}
            </div>
          )}
          <button type="submit" className="button button-large" disabled={sending || uploading}>
            {sending ? t('feedback.sending') : t('feedback.submit')}
          </button>
        </form>
      )}
    </QueryState>
  );
}
