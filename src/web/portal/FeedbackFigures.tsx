import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { FEEDBACK_MEASURES } from '../../domain/feedback.ts';
import { api, type FeedbackFigures as Figures } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { QueryState } from '../ui/QueryState.tsx';

type Rate = Figures['onTimeRate'];

/** The feedback figures of a period, nationally or for one agency, each rate with its terms. */
export function FeedbackFigures({
  period,
  agencyCode,
  maySeeItems = false,
}: {
  period: string;
  agencyCode?: string;
  /** The viewer answers for these figures: each links to the items it counts. */
  maySeeItems?: boolean;
}) {
  const { t, locale } = useI18n();
  const query = new URLSearchParams({ period, ...(agencyCode ? { agencyCode } : {}) });
  const figures = useQuery({
    queryKey: ['feedback-figures', query.toString()],
    queryFn: () => api.get<Figures>(`/api/v1/stats/feedback?${query.toString()}`),
  });
  const behind = (measure: string) =>
    new URLSearchParams({ period, measure, ...(agencyCode ? { agencyCode } : {}) }).toString();
  const number = (n: number) => n.toLocaleString(locale === 'vi' ? 'vi-VN' : 'en-GB');
  const rate = (r: Rate) =>
    r.percent === null
      ? '—'
      : `${r.percent.toLocaleString(locale === 'vi' ? 'vi-VN' : 'en-GB')}% (${number(r.numerator)}/${number(r.denominator)})`;
  return (
    <section className="panel stack" data-testid="feedback-figures">
      <div className="panel-heading">
        <h2 className="panel-title">{t('feedback.stats.title')}</h2>
        <Link to="/tra-loi-phan-anh">{t('feedback.public.link')}</Link>
      </div>
      <QueryState query={figures}>
        {(f) => (
          <>
            <ul className="stat-cards">
              {(
                [
                  ['feedback.stats.received', f.received],
                  ['feedback.stats.withinScope', f.withinScope],
                  ['feedback.stats.answered', f.answered],
                  ['feedback.stats.published', f.published],
                ] as const
              ).map(([key, value]) => (
                <li key={key}>
                  <span className="muted">{t(key)}</span>
                  <span className="stat-value">{number(value)}</span>
                </li>
              ))}
            </ul>
            {maySeeItems && (
              <p className="link-row" data-testid="feedback-behind-links">
                <span>{t('feedback.behind.link')}:</span>
                {FEEDBACK_MEASURES.map((measure) => (
                  <Link key={measure} to={`/can-bo/thong-ke/phan-anh?${behind(measure)}`}>
                    {t(`feedback.behind.${measure}`)}
                  </Link>
                ))}
              </p>
            )}
            <dl className="facts">
              <dt>{t('feedback.stats.answered')}</dt>
              <dd>
                {rate(f.answeredRate)}
                <div className="muted">{t('feedback.stats.formula.answered')}</div>
              </dd>
              <dt>{t('feedback.stats.onTime')}</dt>
              <dd>
                {rate(f.onTimeRate)}
                <div className="muted">{t('feedback.stats.formula.onTime')}</div>
              </dd>
              <dt>{t('feedback.stats.satisfaction')}</dt>
              <dd>
                {rate(f.satisfactionRate)}
                <div className="muted">{t('feedback.stats.formula.satisfaction')}</div>
              </dd>
            </dl>
            {!agencyCode && f.byAgency.length > 0 && (
              <div className="table-scroll">
                <table className="data-table">
                  <caption>{t('feedback.stats.byAgency')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('feedback.agency')}</th>
                      <th scope="col">{t('feedback.stats.withinScope')}</th>
                      <th scope="col">{t('feedback.stats.answered')}</th>
                      <th scope="col">{t('feedback.stats.onTime')}</th>
                      <th scope="col">{t('feedback.stats.satisfaction')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {f.byAgency.slice(0, 20).map((a) => (
                      <tr key={a.agencyCode ?? a.agencyName}>
                        <th scope="row">{a.agencyName}</th>
                        <td>{number(a.forwarded)}</td>
                        <td>{number(a.answered)}</td>
                        <td>{rate(a.onTimeRate)}</td>
                        <td>{rate(a.satisfactionRate)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </>
        )}
      </QueryState>
    </section>
  );
}
