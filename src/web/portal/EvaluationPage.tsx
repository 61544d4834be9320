import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Link } from 'react-router';
import { allowedEverywhere } from '../../domain/access.ts';
import { EVALUATION_GROUPS } from '../../domain/evaluation-766.ts';
import type { StatsStructure } from '../../domain/stats-period.ts';
import { api, type Evaluation, type EvaluationIndicator } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { useMe } from '../session.ts';
import { DataTable } from '../ui/DataTable.tsx';
import { PageTitle } from '../ui/PageTitle.tsx';
import { QueryState } from '../ui/QueryState.tsx';
import { LevelSwitch, PeriodSelect, StructureSwitch, type RankedLevel } from './StatisticsPage.tsx';

/**
 * The Decision 766 index, in public: each group's indicators, which formulas are the published
 * ones and which the national office set, and every province's or ministry's score. The national
 * office sets the points here.
 */
export function EvaluationPage() {
  const { t, formatNumber } = useI18n();
  const [period, setPeriod] = useState('live');
  const [level, setLevel] = useState<RankedLevel>('province');
  const [structure, setStructure] = useState<StatsStructure>('then');
  const { data: me } = useMe();
  const mayEdit = me?.kind === 'officer' && allowedEverywhere(me.roles, 'evaluation.manage');
  const evaluation = useQuery({
    queryKey: ['evaluation', period, level, structure],
    queryFn: () =>
      api.get<Evaluation>(
        `/api/v1/stats/evaluation?period=${period}&level=${level}&structure=${structure}`,
      ),
  });
  const points = (n: number) => formatNumber(n);
  return (
    <div className="stack stack-large">
      <Link to="/thong-ke">{t('stats.back')}</Link>
      <PageTitle>{t('evaluation.title')}</PageTitle>
      <p className="muted">{t('evaluation.intro')}</p>
      <div className="stats-controls">
        <PeriodSelect value={period} onChange={setPeriod} />
        <LevelSwitch value={level} onChange={setLevel} />
        <StructureSwitch value={structure} onChange={setStructure} />
      </div>
      <QueryState query={evaluation}>
        {(data) => (
          <>
            <section className="panel stack">
              <h2 className="panel-title">
                {t('evaluation.ranking')} · {data.period.label}
              </h2>
              <DataTable
                label={t('evaluation.ranking')}
                rows={data.agencies}
                rowKey={(a) => a.id}
                empty={t('stats.noAgencies')}
                columns={[
                  { title: t('stats.rank'), render: (a) => a.rank, numeric: true },
                  {
                    title: t('stats.agency'),
                    render: (a) => <Link to={`/thong-ke/${a.code ?? a.id}`}>{a.name}</Link>,
                  },
                  {
                    title: t('evaluation.score'),
                    numeric: true,
                    render: (a) => `${points(a.score)} / ${points(a.measurablePoints)}`,
                  },
                  {
                    title: t('evaluation.share'),
                    numeric: true,
                    render: (a) =>
                      a.share.percent === null ? '—' : `${formatNumber(a.share.percent)}%`,
                  },
                ]}
              />
            </section>
            {EVALUATION_GROUPS.map((group) => (
              <section key={group.key} className="panel stack">
                <h2 className="panel-title">
                  {group.name} ({t('evaluation.points', { n: String(group.points) })})
                </h2>
                <ul className="stack">
                  {data.indicators
                    .filter((i) => i.group === group.key)
                    .map((indicator) => (
                      <li key={indicator.code} className="stack" data-testid="evaluation-indicator">
                        <strong>
                          {indicator.name} (
                          {t('evaluation.points', { n: points(indicator.points) })})
                        </strong>
                        <span>{indicator.formula}</span>
                        <span>
                          <span className={indicator.formulaOfficial ? 'tag tag-blue' : 'tag'}>
                            {indicator.formulaOfficial
                              ? t('evaluation.official')
                              : t('evaluation.local')}
                          </span>{' '}
                          {indicator.measure === null && (
                            <span className="tag tag-red">{t('evaluation.notMeasured')}</span>
                          )}
                        </span>
                        {mayEdit && <PointsEditor indicator={indicator} />}
                      </li>
                    ))}
                </ul>
              </section>
            ))}
          </>
        )}
      </QueryState>
    </div>
  );
}

/** The national office sets an indicator's points; the server keeps each group within its total. */
function PointsEditor({ indicator }: { indicator: EvaluationIndicator }) {
  const { t } = useI18n();
  const id = useId();
  const client = useQueryClient();
  const [value, setValue] = useState(String(indicator.points));
  const save = useMutation({
    mutationFn: () =>
      api.put(`/api/v1/admin/evaluation/indicators/${indicator.code}`, {
        points: Number(value.replace(',', '.')),
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['evaluation'] }),
  });
  return (
    <form
      className="stats-controls"
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate();
      }}
    >
      <div className="form-field">
        <label htmlFor={id}>{t('evaluation.setPoints')}</label>
        <input
          id={id}
          inputMode="decimal"
          value={value}
          onChange={(event) => setValue(event.target.value)}
          size={5}
        />
      </div>
      <button type="submit" className="button" disabled={save.isPending}>
        {t('evaluation.save')}
      </button>
      {save.isError && (
        <div className="notice notice-error" role="alert">
          {save.error.message}
        </div>
      )}
      {save.isSuccess && <span role="status">{t('evaluation.saved')}</span>}
    </form>
  );
}
