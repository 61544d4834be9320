import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type Provider from 'oidc-provider';
import { Type } from 'typebox';
import type { AppInstance } from '../../../app-instance.ts';
import type { Database } from '../../../db/schema.ts';
import type { RateLimitBuckets } from '../../../platform/route-rules.ts';
import { verifyPassword } from '../credentials.ts';
import { errorPage, IDP_STYLESHEET, loginPage, type DemoIdentity } from './pages.ts';

const MOUNT = '/idp';

const LoginForm = Type.Object({
  identityId: Type.Optional(Type.String({ maxLength: 100 })),
  username: Type.Optional(Type.String({ maxLength: 20 })),
  password: Type.Optional(Type.String({ maxLength: 1024 })),
});
type LoginForm = Type.Static<typeof LoginForm>;

/**
 * Serves the embedded identity provider under /idp: the protocol endpoints go straight to
 * oidc-provider (before Fastify reads the body), the sign-in pages are ours.
 */
export function identityProviderRoutes(
  app: AppInstance,
  deps: { provider: Provider; db: Kysely<Database>; demoMode: boolean; buckets: RateLimitBuckets },
) {
  const { provider, db } = deps;
  const callback = provider.callback();

  app.route({
    method: ['GET', 'POST', 'DELETE', 'OPTIONS'],
    url: `${MOUNT}/*`,
    schema: { hide: true },
    onRequest: (request, reply, done) => {
      reply.hijack();
      const raw = request.raw as typeof request.raw & { originalUrl?: string };
      raw.originalUrl = raw.url;
      raw.url = (raw.url ?? '').slice(MOUNT.length) || '/';
      void Promise.resolve(callback(raw, reply.raw)).catch((error: unknown) => {
        request.log.error({ err: error }, 'identity provider failed');
        if (!reply.raw.headersSent) reply.raw.writeHead(500).end();
      });
      done();
    },
    handler: () => undefined,
  });

  app.get(`${MOUNT}/assets/style.css`, { schema: { hide: true } }, (_request, reply) =>
    reply.type('text/css; charset=utf-8').send(IDP_STYLESHEET),
  );

  async function demoIdentities(): Promise<DemoIdentity[]> {
    if (!deps.demoMode) return [];
    const rows = await db
      .selectFrom('idp_identity')
      .select(['id', 'kind', 'full_name', 'citizen_id', 'tax_code'])
      .orderBy('kind', 'desc')
      .orderBy('full_name')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      label: r.full_name,
      detail:
        r.kind === 'business'
          ? `Doanh nghiệp · MST ${r.tax_code ?? ''}`
          : `Công dân · CCCD ${r.citizen_id ?? ''}`,
    }));
  }

  /** A browser is at the other end of these pages: failures answer an HTML page, not JSON. */
  const showingErrors =
    <R extends FastifyRequest>(handler: (request: R, reply: FastifyReply) => Promise<unknown>) =>
    async (request: R, reply: FastifyReply) => {
      try {
        return await handler(request, reply);
      } catch (error) {
        request.log.warn({ err: error }, 'identity provider page failed');
        if (reply.sent || reply.raw.headersSent) return reply;
        return reply
          .status(400)
          .type('text/html; charset=utf-8')
          .send(
            errorPage(
              'Phiên đăng nhập đã hết hạn. Vui lòng quay lại cổng dịch vụ công và thử lại.',
            ),
          );
      }
    };

  app.get(
    `${MOUNT}/interaction/:uid`,
    { schema: { hide: true, params: Type.Object({ uid: Type.String({ maxLength: 100 }) }) } },
    showingErrors(async (request, reply) => {
      const details = await provider.interactionDetails(request.raw, reply.raw);
      if (details.prompt.name === 'consent' && details.session?.accountId) {
        // First-party portal: consent is implied by signing in to it.
        const grantId = await grantFor(details.session.accountId, details.params);
        reply.hijack();
        await provider.interactionFinished(
          request.raw,
          reply.raw,
          { consent: { grantId } },
          {
            mergeWithLastSubmission: true,
          },
        );
        return reply;
      }
      const client = await provider.Client.find(String(details.params.client_id));
      return reply.type('text/html; charset=utf-8').send(
        loginPage({
          uid: details.uid,
          clientName: client?.clientName ?? 'Cổng dịch vụ công',
          demoIdentities: await demoIdentities(),
        }),
      );
    }),
  );

  app.post(
    `${MOUNT}/interaction/:uid/login`,
    {
      config: { rateLimit: deps.buckets.signIn },
      schema: {
        hide: true,
        params: Type.Object({ uid: Type.String({ maxLength: 100 }) }),
        body: LoginForm,
      },
    },
    showingErrors(async (request, reply) => {
      const details = await provider.interactionDetails(request.raw, reply.raw);
      const accountId = await authenticate(request.body as LoginForm);
      if (!accountId) {
        const client = await provider.Client.find(String(details.params.client_id));
        return reply
          .status(401)
          .type('text/html; charset=utf-8')
          .send(
            loginPage({
              uid: details.uid,
              clientName: client?.clientName ?? 'Cổng dịch vụ công',
              error: 'Số định danh hoặc mật khẩu không đúng',
              demoIdentities: await demoIdentities(),
            }),
          );
      }
      const grantId = await grantFor(accountId, details.params);
      reply.hijack();
      await provider.interactionFinished(
        request.raw,
        reply.raw,
        { login: { accountId }, consent: { grantId } },
        { mergeWithLastSubmission: false },
      );
      return reply;
    }),
  );

  async function authenticate(body: LoginForm) {
    if (body.identityId && deps.demoMode) {
      const demo = await db
        .selectFrom('idp_identity')
        .select('id')
        .where('id', '=', body.identityId)
        .executeTakeFirst();
      return demo?.id;
    }
    const username = body.username?.trim() ?? '';
    if (!/^\d{10,13}$/.test(username)) return undefined;
    const identity = await db
      .selectFrom('idp_identity')
      .select(['id', 'password_hash'])
      .where((eb) => eb.or([eb('citizen_id', '=', username), eb('tax_code', '=', username)]))
      .executeTakeFirst();
    const valid = await verifyPassword(identity?.password_hash ?? null, body.password ?? '');
    return valid ? identity?.id : undefined;
  }

  async function grantFor(accountId: string, params: Record<string, unknown>) {
    const grant = new provider.Grant({ accountId, clientId: String(params.client_id) });
    grant.addOIDCScope(typeof params.scope === 'string' ? params.scope : 'openid');
    return grant.save();
  }
}
