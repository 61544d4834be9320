export { createReportService, type ReportService } from './service.ts';
export { reportRoutes } from './routes.ts';
export { monthlyReportPdf, monthlyReportWorkbook } from './render.ts';
