export { createPaymentService, type PaymentService } from './service.ts';
export { paymentRoutes } from './routes.ts';
export type { VnpayTerminal } from './vnpay.ts';
export { createSandboxGateway, sandboxRoutes, type SandboxGateway } from './sandbox.ts';
