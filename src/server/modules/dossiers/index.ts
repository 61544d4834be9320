export { createDossierService, type DossierService } from './service.ts';
export { dossierRoutes } from './routes.ts';
export { DossierDetail, DossierStatus, DossierSummary, FileContent } from './schemas.ts';
