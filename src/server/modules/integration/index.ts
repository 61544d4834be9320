export { createHub } from './service.hub.ts';
export { createHubSender, joinDemoHub, startHubSync } from './service.sender.ts';
export { federationJwks } from './federation-keys.ts';
export { integrationRoutes } from './routes.ts';
export { createSyncStatus } from './service.status.ts';
export { createNationalDossiers } from './service.citizen.ts';
export { createWebhooks, startWebhookDelivery } from './service.webhooks.ts';
export { createNationalFigures } from './service.figures.ts';
export { pruneDelivered } from './service.retention.ts';
export {
  createNationalSubmissions,
  createSubmissionDelivery,
  keepSubmission,
  startSubmissionDelivery,
} from './service.submissions.ts';
export { createPortalIntake } from './service.portal-intake.ts';
export { memberServing } from './repository.ts';
export { signForSeconds } from './federation-keys.ts';
