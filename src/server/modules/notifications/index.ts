export { createNotificationService, notifyAccount, type NotificationService } from './service.ts';
export { notificationRoutes } from './routes.ts';
