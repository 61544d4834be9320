import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { DOSSIER_ACTION_LABELS, type DossierStatus } from '../../domain/dossier-lifecycle.ts';
import { formatDateTime, formatMoney } from '../../domain/vietnam-time.ts';
import {
  api,
  type HandedOverApplication,
  type NationalDossier,
  type NationalDossierDetail,
  type NationalSubmission,
} from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { DataTable, type Column } from '../ui/DataTable.tsx';
import { Outcome } from '../ui/Outcome.tsx';
import { QueryState } from '../ui/QueryState.tsx';
import { StatusTag } from '../ui/StatusTag.tsx';

/**
 * The national portal's side of a citizen's dossiers (decision 0017): the portal hands each
 * application to the competent agency's system, which issues the code and reports its progress.
 */

/** While the agency's system has not issued a code: on its way, out of reach for now, or refused. */
function SubmissionNotice({ submission }: { submission: NationalSubmission | undefined }) {
  const { t } = useI18n();
  if (!submission || submission.state === 'delivered') return null;
  if (submission.state === 'refused')
    return (
      <p className="notice notice-error" role="alert">
        {t('national.refused', { reason: submission.refusal ?? '' })}
      </p>
    );
  return (
    <p className="notice notice-info" role="status" data-testid="forwarding">
      {t(submission.waiting ? 'national.waiting' : 'national.forwarding')}
    </p>
  );
}

const pollWhilePending = (data: NationalSubmission | NationalSubmission[] | undefined) =>
  [data ?? []].flat().some((s) => s.state === 'pending') ? 2000 : false;

/** After submitting at the portal: the code once the agency's system has the dossier. */
export function HandedOverReceipt({ receipt }: { receipt: HandedOverApplication }) {
  const { t } = useI18n();
  const submission = useQuery({
    queryKey: ['national-submission', receipt.submissionId],
    queryFn: () =>
      api.get<NationalSubmission>(`/api/v1/national/submissions/${receipt.submissionId}`),
    refetchInterval: (query) => pollWhilePending(query.state.data),
  });
  const current = submission.data;
  const code = current?.state === 'delivered' ? current.code : null;
  return (
    <Outcome
      tone={code ? 'success' : current?.state === 'refused' ? 'warning' : 'info'}
      title={t(code ? 'national.deliveredTitle' : 'national.forwardingTitle')}
      actions={
        code ? (
          <Link className="button button-primary" to={`/ho-so-cua-toi/${code}`}>
            {t('receipt.view')}
          </Link>
        ) : (
          <Link className="button" to="/ho-so-cua-toi">
            {t('nav.myDossiers')}
          </Link>
        )
      }
    >
      <p>
        {receipt.procedureName} — {receipt.agencyName}
      </p>
      {code && (
        <p>
          {t('receipt.code')}:{' '}
          <span className="dossier-code" data-testid="dossier-code">
            {code}
          </span>
        </p>
      )}
      <p>
        {t('dossier.submittedAt')}: {formatDateTime(receipt.submittedAt)}
      </p>
      <SubmissionNotice submission={current} />
      {code && <p className="muted">{t('receipt.note')}</p>}
    </Outcome>
  );
}

/** The citizen's dossiers at every agency, and the applications still on their way. */
export function NationalDossierList() {
  const { t } = useI18n();
  const dossiers = useQuery({
    queryKey: ['national-dossiers'],
    queryFn: () => api.get<NationalDossier[]>('/api/v1/national/dossiers'),
  });
  const submissions = useQuery({
    queryKey: ['national-submissions'],
    queryFn: () => api.get<NationalSubmission[]>('/api/v1/national/submissions'),
    refetchInterval: (query) => pollWhilePending(query.state.data),
  });
  const onTheWay = (submissions.data ?? []).filter((s) => s.state !== 'delivered');
  const columns: Column<NationalDossier>[] = [
    {
      title: t('dossier.code'),
      render: (row) => <Link to={`/ho-so-cua-toi/${row.code}`}>{row.code}</Link>,
    },
    { title: t('dossier.procedure'), render: (row) => row.procedureName },
    { title: t('dossier.agency'), render: (row) => row.agencyName },
    { title: t('dossier.submittedAt'), render: (row) => formatDateTime(row.submittedAt) },
    {
      title: t('dossier.status'),
      render: (row) => <StatusTag status={row.status as DossierStatus} />,
    },
  ];
  return (
    <div className="stack">
      {onTheWay.length > 0 && (
        <section className="panel">
          <h2 className="panel-title">{t('national.onTheWay')}</h2>
          <ul className="stack">
            {onTheWay.map((s) => (
              <li key={s.id}>
                <strong>{s.procedureName}</strong> — {s.agencyName} ·{' '}
                {formatDateTime(s.submittedAt)}
                <SubmissionNotice submission={s} />
              </li>
            ))}
          </ul>
        </section>
      )}
      <QueryState query={dossiers}>
        {(rows) => (
          <DataTable
            label={t('dossier.list')}
            rows={rows}
            rowKey={(row) => row.code}
            columns={columns}
            empty={t('dossier.none')}
          />
        )}
      </QueryState>
    </div>
  );
}

/** One dossier as its agency reported it, with the way to the agency's own page and the result. */
export function NationalDossierView({ code }: { code: string }) {
  const { t, locale } = useI18n();
  // a member newer than this portal may report an action it has no words for yet
  const actionText = (action: string) =>
    (DOSSIER_ACTION_LABELS as Partial<Record<string, { vi: string; en: string }>>)[action]?.[
      locale
    ] ?? action;
  const dossier = useQuery({
    queryKey: ['national-dossier', code],
    queryFn: () => api.get<NationalDossierDetail>(`/api/v1/national/dossiers/${code}`),
  });
  return (
    <QueryState query={dossier}>
      {(d) => (
        <div className="stack">
          <dl className="facts">
            <div>
              <dt>{t('dossier.procedure')}</dt>
              <dd>{d.procedureName}</dd>
            </div>
            <div>
              <dt>{t('dossier.agency')}</dt>
              <dd>{d.agencyName}</dd>
            </div>
            <div>
              <dt>{t('dossier.submittedAt')}</dt>
              <dd>{formatDateTime(d.submittedAt)}</dd>
            </div>
            <div>
              <dt>{t('dossier.status')}</dt>
              <dd>
                <StatusTag status={d.status as DossierStatus} />
              </dd>
            </div>
          </dl>
          {d.result && (
            <section className="panel">
              <h2 className="panel-title">{t('result.title')}</h2>
              <p>
                <a
                  className="button button-primary"
                  href={`/api/v1/national/dossiers/${d.code}/result/pdf`}
                  download
                >
                  {t('national.downloadResult')}
                </a>
              </p>
              <p>
                {t('national.resultCode')}: <strong>{d.result.verificationCode}</strong>
              </p>
            </section>
          )}
          {d.memberLink && (
            <section className="panel">
              <p>
                <a className="button" href={d.memberLink} data-testid="member-link">
                  {t('national.openAtAgency')}
                </a>
              </p>
              <p className="muted">{t('national.openAtAgencyNote')}</p>
            </section>
          )}
          {d.payments.length > 0 && (
            <section className="panel">
              <h2 className="panel-title">{t('national.payments')}</h2>
              <ul className="stack">
                {d.payments.map((p) => (
                  <li key={`${p.receiptNo ?? ''}${p.at}`}>
                    {formatMoney(p.amountVnd)} ·{' '}
                    {t(p.state === 'refunded' ? 'national.refunded' : 'national.paid')}
                    {p.receiptNo ? ` · ${t('national.receiptNo')} ${p.receiptNo}` : ''}
                  </li>
                ))}
              </ul>
            </section>
          )}
          <section className="panel">
            <h2 className="panel-title">{t('national.history')}</h2>
            <ol className="stack" data-testid="national-history">
              {d.events.map((e) => (
                <li key={`${e.occurredAt}-${e.action}`}>
                  {formatDateTime(e.occurredAt)} · {actionText(e.action)}{' '}
                  <StatusTag status={e.to as DossierStatus} />
                </li>
              ))}
            </ol>
          </section>
        </div>
      )}
    </QueryState>
  );
}
