import { Type } from 'typebox';
import type { AppInstance } from '../../app-instance.ts';
import { actorOf, type RateLimitBuckets } from '../../platform/route-rules.ts';
import { CapturedMail, Done, Notice } from './schemas.ts';
import type { NotificationService } from './service.ts';

export function notificationRoutes(
  app: AppInstance,
  deps: { notifications: NotificationService; buckets: RateLimitBuckets; demoMode: boolean },
) {
  const { notifications, buckets } = deps;
  const tags = ['notifications'];

  app.get(
    '/api/v1/notifications',
    {
      config: { access: 'signed_in', rateLimit: buckets.api },
      schema: {
        tags,
        summary: 'My notifications, newest first',
        response: { 200: Type.Array(Notice) },
      },
    },
    (request) => notifications.list(actorOf(request)),
  );

  app.post(
    '/api/v1/notifications/read',
    {
      config: { access: 'signed_in', rateLimit: buckets.api },
      schema: { tags, summary: 'Mark all my notifications read', response: { 200: Done } },
    },
    (request) => notifications.markAllRead(actorOf(request)),
  );

  // The captured mailbox shows what would have been mailed; it exists only in demo mode.
  if (deps.demoMode)
    app.get(
      '/api/v1/demo/mailbox',
      {
        config: { access: 'public', rateLimit: buckets.api },
        schema: {
          tags,
          summary: 'Demo mode: mail the platform sent (captured, not delivered)',
          response: { 200: Type.Array(CapturedMail) },
        },
      },
      () => notifications.capturedMail(),
    );
}
