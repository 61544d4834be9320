export { createDossierService, type DossierService } from './service.ts';
export type {
  ApplicationFromPortal,
  HandOver,
  PortalApplication,
  RegisterDossierInput,
} from './service.intake.ts';
export {
  createFeePaidRecorder,
  type LifecycleInput,
  type WithinResult,
} from './service.lifecycle.ts';
export { dossierRoutes } from './routes.ts';
export { FileContent } from './schemas.files.ts';
export {
  DossierCodeParams,
  DossierDetail,
  DossierStatus,
  DossierSummary,
  LifecycleResult,
  OfficerActionBody,
  RegisterDossierBody,
  SubmittedDossier,
} from './schemas.ts';
export { warnDeadlines } from './service.deadlines.ts';
export { deleteExpiredDrafts } from './repository.drafts.ts';
export { payableDossier, type PayableDossier } from './service.payments.ts';
export { resultContext, type ResultContext } from './service.results.ts';
export { fieldTitles } from './views.ts';
export { progressHistory } from './outbox.ts';
export { dossierReference, releaseSubmissionFiles, submissionFiles } from './repository.ts';
export { moveOpenDossiers } from './service.reorganisation.ts';
export { inboxPageQuery, type InboxFilter } from './repository.ts';
