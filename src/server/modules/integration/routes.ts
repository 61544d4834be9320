import { Type } from 'typebox';
import type { Kysely } from 'kysely';
import type { AppInstance } from '../../app-instance.ts';
import type { Database } from '../../db/schema.ts';
import { actorOf, type RateLimitBuckets } from '../../platform/route-rules.ts';
import {
  BatchApplied,
  DossierCodeParams,
  NationalDossier,
  NationalDossierDetail,
  DemoJoin,
  DestinationParams,
  Member,
  MemberParams,
  MemberStatus,
  NationalFigures,
  NationalFiguresQuery,
  MemberReceipt,
  MessageBatch,
  NationalSubmission,
  NewMember,
  SubmissionDelivery,
  FeedbackDelivery,
  FeedbackReceipt,
  SubmissionParams,
  NewWebhook,
  NewWebhookCreated,
  SyncStatus,
  Webhook,
  WebhookDelivery,
  WebhookParams,
  WebhookReplay,
} from './schemas.ts';
import type { createWebhooks } from './service.webhooks.ts';
import type { createNationalDossiers } from './service.citizen.ts';
import type { createNationalFigures } from './service.figures.ts';
import type { createSyncStatus } from './service.status.ts';
import type { createHub } from './service.hub.ts';
import type { createNationalSubmissions } from './service.submissions.ts';
import type { createPortalIntake } from './service.portal-intake.ts';
import { FileContent } from '../dossiers/index.ts';
import { sendStoredFile } from '../../platform/uploads.ts';
import { federationJwks } from './federation-keys.ts';

/**
 * The federation's routes (decision 0017): an agency system publishes its keys; the national
 * portal takes its members' messages and keeps their registry. Each instance has only its side's.
 */
export function integrationRoutes(
  app: AppInstance,
  deps: {
    hub: ReturnType<typeof createHub> | undefined;
    nationalDossiers: ReturnType<typeof createNationalDossiers> | undefined;
    nationalFigures: ReturnType<typeof createNationalFigures> | undefined;
    nationalSubmissions: ReturnType<typeof createNationalSubmissions> | undefined;
    portalIntake: ReturnType<typeof createPortalIntake> | undefined;
    status: ReturnType<typeof createSyncStatus>;
    webhooks: ReturnType<typeof createWebhooks>;
    db: Kysely<Database>;
    buckets: RateLimitBuckets;
    demoMode: boolean;
    uploadMaxBytes: number;
  },
) {
  const { hub, buckets, db } = deps;
  const tags = ['federation'];
  app.get(
    '/api/v1/federation/jwks.json',
    {
      config: { access: 'public', rateLimit: buckets.api },
      schema: {
        tags,
        summary:
          "This system's public federation keys (JWKS): a member's messages, the national portal's submissions and requests",
        response: {
          200: Type.Object({ keys: Type.Array(Type.Record(Type.String(), Type.Unknown())) }),
        },
      },
    },
    () => federationJwks(db),
  );
  if (!hub) {
    agencySide(app, deps, tags);
    return;
  }

  app.post(
    '/api/v1/federation/messages',
    {
      // No session or token: each message is signed with a key the portal registered (decision 0017).
      config: { access: 'public', rateLimit: buckets.api },
      bodyLimit: 25 * 1024 * 1024,
      schema: {
        tags,
        summary: "A member system's messages, signed, in its sequence order (national portal)",
        body: MessageBatch,
        response: { 200: BatchApplied },
      },
    },
    (request) => hub.receive(request.body.messages, request.ip),
  );

  const { nationalDossiers, nationalFigures, nationalSubmissions } = deps;
  if (nationalSubmissions) {
    app.get(
      '/api/v1/national/submissions',
      {
        config: { access: 'citizen', rateLimit: buckets.api },
        schema: {
          tags,
          summary:
            'My applications at the national portal and whether the agency system has them yet',
          response: { 200: Type.Array(NationalSubmission) },
        },
      },
      (request) => nationalSubmissions.list(actorOf(request)),
    );
    app.get(
      '/api/v1/national/submissions/:id',
      {
        config: { access: 'citizen', rateLimit: buckets.api },
        schema: {
          tags,
          summary: 'One of my applications: on its way, or the code the agency system issued',
          params: SubmissionParams,
          response: { 200: NationalSubmission },
        },
      },
      (request) => nationalSubmissions.get(actorOf(request), request.params.id),
    );
  }
  if (nationalFigures)
    app.get(
      '/api/v1/national/stats/agencies',
      {
        config: { access: 'public', rateLimit: buckets.api },
        schema: {
          tags,
          summary:
            "Every member agency's dossier figures for a period, from what the agency systems sent (national portal)",
          querystring: NationalFiguresQuery,
          response: { 200: NationalFigures },
        },
      },
      (request) => nationalFigures.byAgency(request.query.period),
    );
  if (nationalDossiers) {
    app.get(
      '/api/v1/national/dossiers',
      {
        config: { access: 'citizen', rateLimit: buckets.api },
        schema: {
          tags,
          summary: 'My dossiers at every ministry and province, as they reported them',
          response: { 200: Type.Array(NationalDossier) },
        },
      },
      (request) => nationalDossiers.list(actorOf(request)),
    );
    app.get(
      '/api/v1/national/dossiers/:code',
      {
        config: { access: 'citizen', rateLimit: buckets.api },
        schema: {
          tags,
          summary: 'One of my dossiers at a member system, with each status change',
          params: DossierCodeParams,
          response: { 200: NationalDossierDetail },
        },
      },
      (request) => nationalDossiers.get(actorOf(request), request.params.code),
    );
    app.get(
      '/api/v1/national/dossiers/:code/result/pdf',
      {
        config: { access: 'citizen', rateLimit: buckets.api },
        schema: {
          tags,
          summary:
            'Download my signed result, fetched from the agency system that keeps it and checked against the hash it reported',
          params: DossierCodeParams,
          response: { 200: FileContent },
        },
      },
      async (request, reply) =>
        sendStoredFile(
          reply,
          await nationalDossiers.resultFile(actorOf(request), request.params.code),
        ),
    );
  }

  if (deps.demoMode)
    app.post(
      '/api/v1/federation/demo/join',
      {
        config: { access: 'public', rateLimit: buckets.signIn },
        schema: {
          tags,
          summary:
            'A member system of the demonstration registers itself, and its sign-in client with the portal’s identity provider (demo mode only)',
          body: DemoJoin,
          response: { 200: Member },
        },
      },
      (request) => hub.demoJoin(request.body, request.ip),
    );

  app.get(
    '/api/v1/admin/federation/members',
    {
      config: { access: 'officer', rateLimit: buckets.api },
      schema: {
        tags,
        summary:
          'The agency systems synchronising to the national portal, with the applications waiting to reach each (system administrator)',
        response: { 200: Type.Array(MemberStatus) },
      },
    },
    (request) => hub.listMembers(actorOf(request)),
  );

  app.post(
    '/api/v1/admin/federation/members',
    {
      config: { access: 'officer', rateLimit: buckets.api },
      schema: {
        tags,
        summary:
          'Register an agency system: its agency codes and public keys (system administrator)',
        body: NewMember,
        response: { 201: Member },
      },
    },
    async (request, reply) => {
      const member = await hub.registerMember(actorOf(request), request.body);
      return reply.status(201).send(member);
    },
  );

  app.post(
    '/api/v1/admin/federation/members/:id/retry',
    {
      config: { access: 'officer', rateLimit: buckets.api },
      schema: {
        tags,
        summary:
          'Deliver the applications waiting for a member now, instead of after their wait (system administrator)',
        params: MemberParams,
        response: { 200: Type.Object({ ok: Type.Literal(true) }) },
      },
    },
    (request) => hub.retryMember(actorOf(request), request.params.id),
  );

  app.put(
    '/api/v1/admin/federation/members/:id',
    {
      config: { access: 'officer', rateLimit: buckets.api },
      schema: {
        tags,
        summary:
          "Change an agency system's agency codes or keys, e.g. during a key rotation (system administrator)",
        params: MemberParams,
        body: NewMember,
        response: { 200: Member },
      },
    },
    (request) => hub.updateMember(actorOf(request), request.params.id, request.body),
  );
}

function agencySide(
  app: AppInstance,
  deps: {
    status: ReturnType<typeof createSyncStatus>;
    webhooks: ReturnType<typeof createWebhooks>;
    portalIntake: ReturnType<typeof createPortalIntake> | undefined;
    buckets: RateLimitBuckets;
    uploadMaxBytes: number;
  },
  tags: string[],
) {
  const { status, buckets, portalIntake } = deps;
  webhookRoutes(app, deps);
  if (portalIntake) {
    app.post(
      '/api/v1/federation/submissions',
      {
        // No session or token: the national portal signs each submission (decision 0017).
        config: { access: 'public', rateLimit: buckets.api },
        // up to 50 files of the largest size allowed, in base64
        bodyLimit: Math.ceil(deps.uploadMaxBytes * 50 * 1.4) + 1024 * 1024,
        schema: {
          tags,
          summary:
            'An application a citizen made at the national portal, signed by it: made an online dossier once (repeats return the same code)',
          body: SubmissionDelivery,
          response: { 201: MemberReceipt },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await portalIntake.accept(request.body, request.ip)),
    );
    app.post(
      '/api/v1/federation/feedback',
      {
        // No session or token: the national portal signs each item (decision 0018).
        config: { access: 'public', rateLimit: buckets.api },
        // five attachments of the largest size allowed, in base64
        bodyLimit: Math.ceil(deps.uploadMaxBytes * 5 * 1.4) + 1024 * 1024,
        schema: {
          tags,
          summary:
            'Feedback the national portal forwards to one of this system’s agencies (made an item once: repeats return the same code), or the sender’s rating of its answer; signed by the portal',
          body: FeedbackDelivery,
          response: { 201: FeedbackReceipt },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await portalIntake.acceptFeedback(request.body, request.ip)),
    );
    app.get(
      '/api/v1/federation/results/:code',
      {
        config: { access: 'public', rateLimit: buckets.api },
        schema: {
          tags,
          summary:
            "An applicant's signed result, for the national portal (bearer: a request the portal signed for that applicant and dossier)",
          params: DossierCodeParams,
          response: { 200: FileContent },
        },
      },
      async (request, reply) =>
        sendStoredFile(
          reply,
          await portalIntake.result(request.headers.authorization, request.params.code, request.ip),
        ),
    );
  }
  app.get(
    '/api/v1/admin/federation/status',
    {
      config: { access: 'officer', rateLimit: buckets.api },
      schema: {
        tags,
        summary:
          'How far the national portal (and each destination) is behind (system administrator)',
        response: { 200: SyncStatus },
      },
    },
    (request) => status.status(actorOf(request)),
  );

  app.post(
    '/api/v1/admin/federation/destinations/:destination/retry',
    {
      config: { access: 'officer', rateLimit: buckets.api },
      schema: {
        tags,
        summary: 'Try a failing destination again now (system administrator)',
        params: DestinationParams,
        response: { 200: Type.Object({ ok: Type.Literal(true) }) },
      },
    },
    (request) => status.retry(actorOf(request), request.params.destination),
  );
}

/** An agency's webhooks for third parties: subscribe, watch, retry, replay (Standard Webhooks). */
function webhookRoutes(
  app: AppInstance,
  { webhooks, buckets }: { webhooks: ReturnType<typeof createWebhooks>; buckets: RateLimitBuckets },
) {
  const tags = ['webhooks'];
  const config = { access: 'officer', rateLimit: buckets.api } as const;
  app.get(
    '/api/v1/admin/webhooks',
    {
      config,
      schema: {
        tags,
        summary: "The agency's webhook subscriptions, with how far each is delivered",
        response: { 200: Type.Array(Webhook) },
      },
    },
    (request) => webhooks.list(actorOf(request)),
  );
  app.post(
    '/api/v1/admin/webhooks',
    {
      config,
      schema: {
        tags,
        summary: "Subscribe an endpoint to the agency's events; the signing secret is shown once",
        body: NewWebhook,
        response: { 201: NewWebhookCreated },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await webhooks.subscribe(actorOf(request), request.body)),
  );
  app.delete(
    '/api/v1/admin/webhooks/:id',
    {
      config,
      schema: {
        tags,
        summary: 'Stop delivering to an endpoint (its delivery log stays)',
        params: WebhookParams,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await webhooks.remove(actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/api/v1/admin/webhooks/:id/retry',
    {
      config,
      schema: {
        tags,
        summary: 'Try now, even a subscription that gave up on a message (dead letter)',
        params: WebhookParams,
        response: { 200: Webhook },
      },
    },
    (request) => webhooks.retry(actorOf(request), request.params.id),
  );
  app.post(
    '/api/v1/admin/webhooks/:id/replay',
    {
      config,
      schema: {
        tags,
        summary: 'Deliver again from an outbox number, in order, with the same webhook ids',
        params: WebhookParams,
        body: WebhookReplay,
        response: { 200: Webhook },
      },
    },
    (request) => webhooks.replay(actorOf(request), request.params.id, request.body.fromSeq),
  );
  app.get(
    '/api/v1/admin/webhooks/:id/deliveries',
    {
      config,
      schema: {
        tags,
        summary: 'The last 100 attempts, newest first',
        params: WebhookParams,
        response: { 200: Type.Array(WebhookDelivery) },
      },
    },
    (request) => webhooks.deliveries(actorOf(request), request.params.id),
  );
}
