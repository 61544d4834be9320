import type { AppInstance } from '../../app-instance.ts';
import { actorOf, type RateLimitBuckets } from '../../platform/route-rules.ts';
import {
  AgencyCodeParams,
  AgencyStats,
  AgencyStatsQuery,
  DossiersBehind,
  DossiersBehindQuery,
  Evaluation,
  EvaluationIndicatorChange,
  EvaluationIndicatorParams,
  EvaluationIndicatorSaved,
  EvaluationQuery,
  PopularProcedures,
  Ranking,
  RankingQuery,
} from './schemas.ts';
import type { MonitoringService } from './service.ts';
import type { EvaluationService } from './service.evaluation.ts';

/**
 * Public statistics: anyone may read the figures of every agency; the dossiers behind a figure
 * only those who answer for the agency's figures.
 */
export function monitoringRoutes(
  app: AppInstance,
  deps: { monitoring: MonitoringService; evaluation: EvaluationService; buckets: RateLimitBuckets },
) {
  const { monitoring, evaluation, buckets } = deps;
  const tags = ['statistics'];

  app.get(
    '/api/v1/stats/agencies',
    {
      config: { access: 'public', rateLimit: buckets.api },
      schema: {
        tags,
        summary:
          'Ministries and provinces ranked by an indicator over a period, with the national figures; every rate with its numerator and denominator',
        querystring: RankingQuery,
        response: { 200: Ranking },
      },
    },
    (request) => monitoring.ranking(request.query),
  );

  app.get(
    '/api/v1/stats/evaluation',
    {
      config: { access: 'public', rateLimit: buckets.api },
      schema: {
        tags,
        summary:
          'The Decision 766 index: its indicators (which formulas are published, which set by the national office) and each ministry’s or province’s score over a period',
        querystring: EvaluationQuery,
        response: { 200: Evaluation },
      },
    },
    (request) => evaluation.evaluation(request.query),
  );

  app.put(
    '/api/v1/admin/evaluation/indicators/:code',
    {
      config: { access: 'officer', rateLimit: buckets.api },
      schema: {
        tags,
        summary:
          'Set an indicator’s points (and the wording of its name or formula): the national office only; audited',
        params: EvaluationIndicatorParams,
        body: EvaluationIndicatorChange,
        response: { 200: EvaluationIndicatorSaved },
      },
    },
    (request) => evaluation.setIndicator(actorOf(request), request.params.code, request.body),
  );

  app.get(
    '/api/v1/stats/popular-procedures',
    {
      config: { access: 'public', rateLimit: buckets.api },
      schema: {
        tags,
        summary:
          'The procedures people use most (dossiers received over the last twelve months), among those offered now',
        response: { 200: PopularProcedures },
      },
    },
    () => monitoring.popularProcedures(),
  );

  app.get(
    '/api/v1/stats/agencies/:code',
    {
      config: { access: 'public', rateLimit: buckets.api },
      schema: {
        tags,
        summary:
          'One agency’s indicators over a period (its units included), by unit below it, by field, and month by month',
        params: AgencyCodeParams,
        querystring: AgencyStatsQuery,
        response: { 200: AgencyStats },
      },
    },
    (request) => monitoring.agency(request.params.code, request.query),
  );

  app.get(
    '/api/v1/stats/agencies/:code/dossiers',
    {
      config: { access: 'officer', rateLimit: buckets.api },
      schema: {
        tags,
        summary:
          'The dossiers behind one of an agency’s figures over a period (its units included), a page at a time; for its leaders and administrators and the national office',
        params: AgencyCodeParams,
        querystring: DossiersBehindQuery,
        response: { 200: DossiersBehind },
      },
    },
    (request) => monitoring.dossiersBehind(actorOf(request), request.params.code, request.query),
  );
}
