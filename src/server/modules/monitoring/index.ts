export { createMonitoringService, type MonitoringService } from './service.ts';
export { monitoringRoutes } from './routes.ts';
export { applyPendingEvents, recountRollups, startRollupUpdater } from './rollups.ts';
export { Indicators } from './schemas.ts';
