export { createCalendarService, type CalendarService } from './service.ts';
export { calendarRoutes } from './routes.ts';
