export { createDossierService, type DossierService } from './service.ts';
export { dossierRoutes, sendStoredFile } from './routes.ts';
export { DossierDetail, DossierStatus, DossierSummary, FileContent } from './schemas.ts';
