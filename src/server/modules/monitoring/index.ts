export { createMonitoringService, type MonitoringService } from './service.ts';
export { monitoringRoutes } from './routes.ts';
export { applyPendingEvents, recountRollups } from './rollups.ts';
export { countOpenDossiers } from './open-dossiers.ts';
export { recountStatistics, startStatisticsJob, updateStatistics } from './job.ts';
export { Indicators, ReportedIndicators } from './schemas.ts';
export { EVENT_MEASURES, sharedCounters, vietnamMidnight } from './measures.ts';
export { toCounts, type CountRow } from './repository.ts';
export { createEvaluationService } from './service.evaluation.ts';
