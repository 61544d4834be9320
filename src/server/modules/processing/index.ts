export { createProcessingService, type ProcessingService } from './service.ts';
export { processingRoutes } from './routes.ts';
