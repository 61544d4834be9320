export { createHub } from './service.hub.ts';
export { createHubSender, federationJwks, joinDemoHub, startHubSync } from './service.sender.ts';
export { integrationRoutes } from './routes.ts';
export { createSyncStatus } from './service.status.ts';
export { createNationalDossiers } from './service.citizen.ts';
export { createWebhooks, startWebhookDelivery } from './service.webhooks.ts';
export { createNationalFigures } from './service.figures.ts';
export { pruneDelivered } from './service.retention.ts';
