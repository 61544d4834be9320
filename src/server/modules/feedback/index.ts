export { createFeedbackService, type FeedbackService } from './service.ts';
export { feedbackRoutes } from './routes.ts';
export { OPEN311_PREFIX, OPEN311_SCOPE, open311Routes } from './routes.open311.ts';
export {
  DeskDetail,
  DeskPage,
  FeedbackFigures,
  FeedbackView,
  PublicFeedbackPage,
} from './schemas.ts';
export { remindFeedbackComingDue } from './service.desk.ts';
export { feedbackCountsByGroup } from './repository.ts';
export { startFeedbackRelay, createFeedbackRelay } from './service.federation.ts';
export { moveOpenFeedback } from './repository.reorganisation.ts';
