import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { negotiate } from '@fastify/accept-negotiator';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyServerFactory } from 'fastify';
import { Type } from 'typebox';
import { addFormFormats } from '../domain/form-validation.ts';
import type { AppInstance } from './app-instance.ts';
import type { Config } from './config.ts';
import type { DatabaseHandle } from './db/database.ts';
import { isMigrated } from './db/migrate.ts';
import {
  catalogAdminRoutes,
  catalogExchangeRoutes,
  createCatalogExchange,
  catalogRoutes,
  createAgencyReorganisation,
  createCatalogService,
  createServiceVersionsService,
  createDocumentTemplates,
} from './modules/catalog/index.ts';
import {
  createDossierService,
  createFeePaidRecorder,
  dossierRoutes,
  moveOpenDossiers,
} from './modules/dossiers/index.ts';
import {
  createAuditTrail,
  createIdentityProvider,
  createIdentityService,
  createMachineClients,
  createOfficerAdministration,
  createOfficerSignIn,
  createOidcClient,
  createOidcSignIn,
  identityProviderRoutes,
  identityRoutes,
  machineClientRoutes,
  moveOfficerRoles,
  officerAdministrationRoutes,
  officerSignInRoutes,
  oidcRoutes,
  registerSessionHook,
} from './modules/identity/index.ts';
import { createProcessingService, processingRoutes } from './modules/processing/index.ts';
import { calendarRoutes, createCalendarService } from './modules/calendar/index.ts';
import {
  createHub,
  createNationalDossiers,
  createNationalFigures,
  createNationalSubmissions,
  createPortalIntake,
  createSyncStatus,
  keepSubmission,
  memberServing,
  createWebhooks,
  integrationRoutes,
} from './modules/integration/index.ts';
import { createReportService, reportRoutes } from './modules/reports/index.ts';
import {
  createFeedbackService,
  feedbackRoutes,
  moveOpenFeedback,
  open311Routes,
} from './modules/feedback/index.ts';
import { createNotificationService, notificationRoutes } from './modules/notifications/index.ts';
import {
  createPaymentService,
  createSandboxGateway,
  paymentRoutes,
  sandboxRoutes,
} from './modules/payments/index.ts';
import {
  createEvaluationService,
  createMonitoringService,
  monitoringRoutes,
} from './modules/monitoring/index.ts';
import { createMailTransport } from './platform/mail.ts';
import { portalInfo } from './portal-info.ts';
import { PortalInfo } from './portal-schema.ts';
import { createWebShell } from './web-shell.ts';
import { commonErrors } from './platform/errors.ts';
import {
  createCertificateStore,
  createResultService,
  createPdfPool,
  resultRoutes,
} from './modules/results/index.ts';
import { LocalDiskStorage } from './platform/file-storage.ts';
import { createClamdScanner } from './platform/malware-scan.ts';
import { createSecretBox } from './platform/secret-box.ts';
import { registerInputGuard } from './platform/input-guard.ts';
import { loggerOptions } from './platform/logging.ts';
import { registerSameOriginWrites } from './platform/same-origin.ts';
import { registerSecurityHeaders } from './platform/security-headers.ts';
import {
  clientErrorHandler,
  frameworkErrorHandler,
  registerProblemHandlers,
} from './platform/problem.ts';
import { registerRefusalAudit } from './platform/refusal-audit.ts';
import { rateLimitBuckets, registerRouteRules } from './platform/route-rules.ts';

export const WEB_DIST = path.resolve(import.meta.dirname, '../../dist/web');

/**
 * Built assets carry their content's hash in their name: a phone keeps them a year without asking
 * again. Every other file (index.html, which names the current assets) is revalidated each time.
 */
export function webCacheControl(file: string): string {
  return file.startsWith(path.join(WEB_DIST, 'assets') + path.sep)
    ? 'public, max-age=31536000, immutable'
    : 'no-cache';
}

export type BuildOptions = {
  config: Config;
  database: DatabaseHandle;
  logger?: boolean;
  /** False while the process still loads what it needs after the port opened (the demo's history). */
  warmedUp?: () => boolean;
  /** The process's own server, opened before the application was built (src/server/main.ts). */
  serverFactory?: FastifyServerFactory;
};

/** This portal as a client of the identity provider citizens sign in with. */
export function relyingPartyOf(config: Config) {
  const publicUrl = config.PUBLIC_URL.replace(/\/$/, '');
  return {
    clientId: config.OIDC_CLIENT_ID,
    clientSecret: config.OIDC_CLIENT_SECRET,
    redirectUri: `${publicUrl}/api/v1/auth/oidc/callback`,
    postLogoutRedirectUri: `${publicUrl}/`,
  };
}

/** Builds the whole HTTP application from config and an open database; tests build it the same way. */
export async function buildApp({
  config,
  database,
  logger = true,
  warmedUp = () => true,
  serverFactory,
}: BuildOptions): Promise<AppInstance> {
  const app = Fastify({
    logger: logger ? loggerOptions(config) : false,
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{8,64}$/.test(given) ? given : randomUUID();
    },
    // Only the configured proxies' X-Forwarded-For counts; otherwise the connecting address is the client.
    trustProxy: config.TRUSTED_PROXIES.length > 0 ? config.TRUSTED_PROXIES : false,
    bodyLimit: 2 * 1024 * 1024,
    return503OnClosing: true,
    ...(serverFactory ? { serverFactory } : {}),
    frameworkErrors: frameworkErrorHandler,
    clientErrorHandler,
    // the request schemas may use the same custom formats as procedure forms (cccd, mst, vn-phone, qcvn102)
    ajv: { customOptions: { allErrors: true }, plugins: [addFormFormats] },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.addHook('onSend', (request, reply, payload, done) => {
    void reply.header('x-request-id', request.id);
    done(null, payload);
  });

  registerProblemHandlers(app);
  registerRouteRules(app);
  registerRefusalAudit(app, database.db);
  registerInputGuard(app);
  registerSameOriginWrites(app, config.PUBLIC_URL);

  registerSecurityHeaders(app, config.PUBLIC_URL);
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: () => commonErrors.rateLimited(),
  });
  await app.register(cookie);
  await app.register(formbody); // the identity provider's sign-in form
  await app.register(multipart, {
    limits: { fileSize: config.UPLOAD_MAX_BYTES, files: 1, fields: 5 },
  });

  await app.register(swagger, {
    openapi: {
      info: {
        title: 'OpenDVC API',
        version: '1',
        description:
          'Dịch vụ công trực tuyến — API. Errors are RFC 9457 problem JSON with Vietnamese titles.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'dvc_session' },
          csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token' },
          oauth2: {
            type: 'oauth2',
            flows: {
              clientCredentials: {
                tokenUrl: '/api/v1/oauth/token',
                scopes: {
                  'dossiers:read': 'Read the status feed of the client’s agencies’ dossiers',
                  'catalog:read': 'Read the catalog',
                  'feedback:submit': 'Send feedback (Open311 service requests) for citizens',
                },
              },
            },
          },
        },
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });

  const storage = new LocalDiskStorage(config.FILES_DIR);
  const scanner = config.CLAMAV_URL ? createClamdScanner(config.CLAMAV_URL) : undefined;
  const identity = createIdentityService(database.db, { demoMode: config.DEMO_MODE });
  const catalog = createCatalogService(database.db);
  const templates = createDocumentTemplates({ db: database.db, storage, scanner });
  const calendar = createCalendarService(database.db);
  const national = config.INSTANCE_ROLE === 'national';
  const dossiers = createDossierService({
    db: database.db,
    inOrder: database.inOrder,
    catalog,
    storage,
    scanner,
    calendar: () => calendar.calendar(),
    // the national portal keeps applications for the member systems (decision 0017)
    handOver: national ? keepSubmission : undefined,
  });
  const notifications = createNotificationService(database.db, {
    transport: createMailTransport(config.SMTP_URL),
    from: config.MAIL_FROM,
    storage,
  });
  const pdfs = createPdfPool();
  app.addHook('onClose', () => pdfs.close());
  const results = createResultService({
    db: database.db,
    storage,
    dossiers,
    pdfs,
    certificates: createCertificateStore({
      db: database.db,
      secrets: createSecretBox(config.APP_SECRET),
      demoMode: config.DEMO_MODE,
      trustedRootsPem: config.SIGNATURE_TRUSTED_ROOTS
        ? readFileSync(config.SIGNATURE_TRUSTED_ROOTS, 'utf8')
        : '',
    }),
    publicUrl: config.PUBLIC_URL.replace(/\/$/, ''),
    ...(config.TSA_URL ? { timestampUrl: config.TSA_URL } : {}),
  });
  const processing = createProcessingService(database.db, dossiers, results);
  const buckets = rateLimitBuckets(config.RATE_LIMIT_PER_MINUTE, {
    lookup: config.RATE_LIMIT_LOOKUP_PER_MINUTE,
    signIn: config.RATE_LIMIT_SIGN_IN_PER_MINUTE,
    upload: config.RATE_LIMIT_UPLOAD_PER_MINUTE,
  });

  const secureCookies = config.PUBLIC_URL.startsWith('https:');
  const publicUrl = config.PUBLIC_URL.replace(/\/$/, '');
  const relyingParty = relyingPartyOf(config);
  if (config.IDP_ENABLED) {
    const provider = await createIdentityProvider({
      db: database.db,
      issuer: `${publicUrl}/idp`,
      appSecret: config.APP_SECRET,
      portal: relyingParty,
    });
    identityProviderRoutes(app, { provider, db: database.db, demoMode: config.DEMO_MODE, buckets });
  }
  const oidc = config.oidcIssuer
    ? createOidcClient({ issuer: config.oidcIssuer, ...relyingParty })
    : undefined;
  const machineClients = createMachineClients({ db: database.db, issuer: publicUrl });
  registerSessionHook(app, identity, machineClients);
  machineClientRoutes(app, { clients: machineClients, buckets });
  identityRoutes(app, {
    identity,
    buckets,
    secureCookies,
    ...(oidc ? { logoutUrl: (idToken: string) => oidc.logoutUrl(idToken) } : {}),
  });
  if (oidc)
    oidcRoutes(app, {
      oidcSignIn: createOidcSignIn({
        db: database.db,
        identity,
        oidc,
        officers: {
          allowed: config.OFFICERS_SIGN_IN_WITH_OIDC,
          totpForAll: config.TOTP_FOR_ALL_OFFICERS,
        },
      }),
      buckets,
      secureCookies,
      publicUrl,
    });
  officerAdministrationRoutes(app, {
    officers: createOfficerAdministration(database.db),
    audit: createAuditTrail(database.db),
    buckets,
  });
  officerSignInRoutes(app, {
    officerSignIn: createOfficerSignIn({
      db: database.db,
      identity,
      secrets: createSecretBox(config.APP_SECRET),
      totpForAll: config.TOTP_FOR_ALL_OFFICERS,
    }),
    buckets,
    secureCookies,
  });
  catalogRoutes(app, { catalog, templates, buckets });
  catalogAdminRoutes(app, {
    versions: createServiceVersionsService(database.db, templates),
    reorganisation: createAgencyReorganisation(database.db, {
      moveWork: async (tx, merger) => ({
        dossiers: await moveOpenDossiers(tx, merger),
        feedback: await moveOpenFeedback(tx, merger),
        officerRoles: await moveOfficerRoles(tx, { ...merger, grantedBy: merger.actor.accountId }),
      }),
    }),
    templates,
    buckets,
  });
  catalogExchangeRoutes(app, { exchange: createCatalogExchange(database.db), buckets });
  dossierRoutes(app, { dossiers, buckets, uploadMaxBytes: config.UPLOAD_MAX_BYTES });
  processingRoutes(app, { processing, buckets });
  resultRoutes(app, { results, buckets, demoTimestamping: config.DEMO_MODE });
  calendarRoutes(app, { calendar, buckets });
  notificationRoutes(app, { notifications, buckets, demoMode: config.DEMO_MODE });
  const payments = createPaymentService({
    db: database.db,
    terminal: config.vnpay,
    publicUrl,
    storage,
    onPaid: createFeePaidRecorder(() => calendar.calendar()),
  });
  paymentRoutes(app, { payments, buckets });
  const feedback = createFeedbackService({
    db: database.db,
    storage,
    ...(scanner ? { scanner } : {}),
    calendar: () => calendar.calendar(),
    deskAgencyCode: config.FEEDBACK_DESK_AGENCY,
    publicUrl,
    // the national portal forwards to agencies its member systems answer for (decision 0018)
    ...(national ? { memberFor: (code: string) => memberServing(database.db, code) } : {}),
  });
  integrationRoutes(app, {
    hub: national
      ? createHub(database.db, {
          identityProvider: config.IDP_ENABLED ? { ownClientId: config.OIDC_CLIENT_ID } : undefined,
          applyFeedbackProgress: (tx, body, agencyCodes) =>
            feedback.federation.applyProgress(tx, body, agencyCodes),
        })
      : undefined,
    nationalDossiers: national ? createNationalDossiers(database.db) : undefined,
    nationalFigures: national ? createNationalFigures(database.db) : undefined,
    nationalSubmissions: national ? createNationalSubmissions(database.db) : undefined,
    portalIntake:
      !national && config.HUB_URL
        ? createPortalIntake({
            db: database.db,
            hubUrl: config.HUB_URL,
            receive: (application) => dossiers.receiveFromPortal(application),
            resultFileOf: (applicantId, code) => results.applicantFileOf(applicantId, code),
            receiveFeedback: (item, ip) => feedback.federation.receive(item, ip),
            rateFeedback: (rating) => feedback.federation.rate(rating),
          })
        : undefined,
    status: createSyncStatus(database.db),
    webhooks: createWebhooks(database.db, {
      secrets: createSecretBox(config.APP_SECRET),
      publicOnly: config.NODE_ENV === 'production',
    }),
    demoMode: config.DEMO_MODE,
    db: database.db,
    buckets,
    uploadMaxBytes: config.UPLOAD_MAX_BYTES,
  });
  feedbackRoutes(app, { feedback, buckets, uploadMaxBytes: config.UPLOAD_MAX_BYTES });
  open311Routes(app, {
    feedback,
    db: database.db,
    buckets,
    resolveApiKey: (key) => machineClients.resolveBearer(key),
  });
  const monitoring = createMonitoringService(database.db);
  monitoringRoutes(app, {
    monitoring,
    evaluation: createEvaluationService(database.db, monitoring),
    buckets,
  });
  reportRoutes(app, {
    reports: createReportService({ db: database.db, storage, monitoring }),
    buckets,
  });
  if (config.PAYMENT_SANDBOX && config.vnpay)
    sandboxRoutes(app, {
      sandbox: createSandboxGateway({
        db: database.db,
        terminal: config.vnpay,
        ipnUrl: `${publicUrl}/api/v1/payments/vnpay/ipn`,
      }),
      buckets,
    });

  app.get(
    '/api/v1/portal',
    {
      config: { access: 'public', rateLimit: buckets.api },
      schema: {
        tags: ['operations'],
        summary: 'Who runs this portal (header and footer)',
        response: {
          200: PortalInfo,
        },
      },
    },
    () => portalInfo(config),
  );

  app.get(
    '/health',
    {
      schema: {
        tags: ['operations'],
        summary: 'The process is alive',
        response: { 200: Type.Object({ status: Type.Literal('ok') }) },
      },
    },
    () => ({ status: 'ok' as const }),
  );
  app.get(
    '/ready',
    {
      schema: {
        tags: ['operations'],
        summary:
          'The database is reachable and fully migrated, and what the process loads after opening its port is loaded',
        response: { 200: Type.Object({ status: Type.Literal('ready'), database: Type.String() }) },
      },
    },
    async () => {
      if (!warmedUp())
        throw commonErrors.unavailable(
          'Hệ thống đang nạp dữ liệu ban đầu, vui lòng thử lại sau ít giây',
        );
      const migrated = await isMigrated(database.db).catch(() => false);
      if (!migrated)
        throw commonErrors.unavailable(
          'Cơ sở dữ liệu chưa sẵn sàng hoặc chưa được cập nhật cấu trúc',
        );
      return { status: 'ready' as const, database: database.engine };
    },
  );
  app.get('/docs/openapi.json', { schema: { hide: true } }, () => app.swagger());

  if (existsSync(WEB_DIST)) {
    await app.register(fastifyStatic, {
      root: WEB_DIST,
      wildcard: false,
      index: false,
      // Brotli or gzip copies made at build (scripts/precompress.ts), chosen by Accept-Encoding.
      preCompressed: true,
      cacheControl: false,
      setHeaders: (reply, file) => {
        reply.header('cache-control', webCacheControl(file));
      },
    });
    // The single-page app answers every page address that is not an API or asset path.
    const shell = createWebShell(WEB_DIST, portalInfo(config));
    app.get('/*', { schema: { hide: true } }, (request, reply) => {
      if (request.url.startsWith('/api/') || request.url.startsWith('/assets/'))
        throw commonErrors.notFound();
      const document = shell.document(new URL(request.url, 'http://portal').pathname);
      const encoding =
        negotiate(request.headers['accept-encoding'] ?? '', ['br', 'gzip']) ?? 'identity';
      reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-cache')
        .header('vary', 'accept-encoding');
      if (encoding !== 'identity') reply.header('content-encoding', encoding);
      return reply.send(
        encoding === 'br' ? document.br : encoding === 'gzip' ? document.gzip : document.html,
      );
    });
  }

  return app;
}
