export {
  createNotificationService,
  mailRow,
  noticeRows,
  notifyAccount,
  type Notice,
  type NotificationService,
} from './service.ts';
export { notificationRoutes } from './routes.ts';
