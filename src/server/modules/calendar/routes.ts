import type { AppInstance } from '../../app-instance.ts';
import { actorOf, type RateLimitBuckets } from '../../platform/route-rules.ts';
import { CalendarYear, DateParams, Done, NewOverride, YearParams } from './schemas.ts';
import type { CalendarService } from './service.ts';

export function calendarRoutes(
  app: AppInstance,
  deps: { calendar: CalendarService; buckets: RateLimitBuckets },
) {
  const { calendar, buckets } = deps;
  const tags = ['calendar'];

  app.get(
    '/api/v1/calendar/:year',
    {
      config: { access: 'public', rateLimit: buckets.api },
      schema: {
        tags,
        summary: 'Working-day calendar of a year: weekdays off and weekend days worked',
        params: YearParams,
        response: { 200: CalendarYear },
      },
    },
    (request) => calendar.year(request.params.year),
  );

  app.put(
    '/api/v1/admin/calendar/overrides',
    {
      config: { access: 'officer', rateLimit: buckets.api },
      schema: {
        tags,
        summary: 'Enter a Government decision: a day off or a worked day (system administrator)',
        body: NewOverride,
        response: { 200: Done },
      },
    },
    (request) => calendar.saveOverride(actorOf(request), request.body),
  );

  app.delete(
    '/api/v1/admin/calendar/overrides/:date',
    {
      config: { access: 'officer', rateLimit: buckets.api },
      schema: {
        tags,
        summary: 'Remove an override (system administrator)',
        params: DateParams,
        response: { 200: Done },
      },
    },
    (request) => calendar.deleteOverride(actorOf(request), request.params.date),
  );
}
