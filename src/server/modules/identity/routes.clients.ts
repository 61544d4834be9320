import { Type } from 'typebox';
import type { AppInstance } from '../../app-instance.ts';
import { AppError } from '../../platform/errors.ts';
import type { RateLimitBuckets } from '../../platform/route-rules.ts';
import { TokenRequestError, type MachineClients } from './service.clients.ts';

const TokenRequest = Type.Object({
  grant_type: Type.String(),
  scope: Type.Optional(Type.String({ maxLength: 500 })),
  client_id: Type.Optional(Type.String({ maxLength: 100 })),
  client_secret: Type.Optional(Type.String({ maxLength: 200 })),
});

const TokenResponse = Type.Object({
  access_token: Type.String(),
  token_type: Type.Literal('Bearer'),
  expires_in: Type.Integer(),
  scope: Type.String(),
});

const TokenError = Type.Object({
  error: Type.String(),
  error_description: Type.String(),
});

/** Client credentials from HTTP Basic (RFC 6749 §2.3.1), or from the form body. */
function credentialsOf(authorization: string | undefined, body: Type.Static<typeof TokenRequest>) {
  if (authorization?.startsWith('Basic ')) {
    const decoded = Buffer.from(authorization.slice(6), 'base64').toString('utf8');
    const separator = decoded.indexOf(':');
    if (separator > 0)
      return {
        clientId: decodeURIComponent(decoded.slice(0, separator)),
        clientSecret: decodeURIComponent(decoded.slice(separator + 1)),
      };
  }
  if (body.client_id && body.client_secret)
    return { clientId: body.client_id, clientSecret: body.client_secret };
  return undefined;
}

/**
 * The token endpoint and the key set. The token endpoint answers in RFC 6749's own error format
 * (error, error_description), which OAuth clients expect, not problem JSON (decision 0005).
 */
export function machineClientRoutes(
  app: AppInstance,
  deps: { clients: MachineClients; buckets: RateLimitBuckets },
) {
  const { clients, buckets } = deps;

  app.post(
    '/api/v1/oauth/token',
    {
      config: { access: 'public', rateLimit: buckets.signIn },
      schema: {
        tags: ['machine clients'],
        summary: 'OAuth 2 client credentials grant: a 5-minute JWT access token',
        consumes: ['application/x-www-form-urlencoded'],
        body: TokenRequest,
        response: { 200: TokenResponse, 400: TokenError, 401: TokenError },
      },
      // Whatever the framework refuses (a body that does not parse or validate) is answered in
      // RFC 6749's format too; anything else (the database unavailable) takes the common path.
      errorHandler: (error, request, reply) => {
        const status =
          error instanceof AppError ? error.status : (error as { statusCode?: number }).statusCode;
        if (status === undefined || status < 400 || status >= 500) throw error;
        void reply.status(400).header('cache-control', 'no-store').send({
          error: 'invalid_request',
          error_description: 'Yêu cầu cấp mã truy cập không đúng định dạng (RFC 6749, mục 4.4)',
        });
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      try {
        if (request.body.grant_type !== 'client_credentials')
          throw new TokenRequestError(
            'unsupported_grant_type',
            'Chỉ hỗ trợ grant_type=client_credentials',
          );
        const credentials = credentialsOf(request.headers.authorization, request.body);
        if (!credentials)
          throw new TokenRequestError('invalid_client', 'Thiếu mã ứng dụng và khóa bí mật', 401);
        return await clients.issueToken(credentials, request.body.scope);
      } catch (error) {
        if (!(error instanceof TokenRequestError)) throw error;
        if (error.status === 401) reply.header('www-authenticate', 'Basic realm="opendvc"');
        return reply
          .status(error.status)
          .send({ error: error.error, error_description: error.message });
      }
    },
  );

  app.get(
    '/.well-known/jwks.json',
    {
      schema: {
        tags: ['machine clients'],
        summary: 'Public keys that sign access tokens (current and recently retired)',
        response: {
          200: Type.Object({ keys: Type.Array(Type.Record(Type.String(), Type.Unknown())) }),
        },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'public, max-age=60');
      return clients.jwks();
    },
  );
}
