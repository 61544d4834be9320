export {
  createNotificationService,
  noticeRows,
  notifyAccount,
  type Notice,
  type NotificationService,
} from './service.ts';
export { notificationRoutes } from './routes.ts';
