export { createCertificateStore, type CertificateStore } from './certificate-store.ts';
export { createResultService, type ResultService } from './service.ts';
export { resultRoutes } from './routes.ts';
export { createPdfPool, type PdfPool } from './pdf-pool.ts';
export { createDemoRootCa, issueAgencyCertificate } from './certificates.ts';
export { signPdf } from './pades.ts';
