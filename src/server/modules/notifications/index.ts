export { createNotificationService, notifyApplicant, type NotificationService } from './service.ts';
export { notificationRoutes } from './routes.ts';
