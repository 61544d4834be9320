export { createCertificateStore, type CertificateStore } from './certificate-store.ts';
export { createResultService, type ResultService } from './service.ts';
export { resultRoutes } from './routes.ts';
export { createVerificationPool, type VerificationPool } from './verification-pool.ts';
