import type { FastifyReply } from 'fastify';
import type { AppInstance } from '../../app-instance.ts';
import type { RateLimitBuckets } from '../../platform/route-rules.ts';
import { clientOf, setSessionCookie } from './routes.ts';
import { ChangeTemporaryPasswordBody, OfficerSignInBody, SignInStep, TotpBody } from './schemas.ts';
import type { OfficerSignIn, SignInStep as Step } from './service.officer-sign-in.ts';

/** Officers' local sign-in, one step per call; the session cookie is set on the last one. */
export function officerSignInRoutes(
  app: AppInstance,
  deps: { officerSignIn: OfficerSignIn; buckets: RateLimitBuckets; secureCookies: boolean },
) {
  const { officerSignIn, buckets } = deps;
  const answer = (reply: FastifyReply, step: Step) => {
    if (step.status !== 'signed_in') return step;
    setSessionCookie(reply, step.session.token, deps.secureCookies);
    return { status: step.status };
  };
  const rules = { access: 'public' as const, rateLimit: buckets.signIn };

  app.post(
    '/api/v1/auth/officer/sign-in',
    {
      config: rules,
      schema: {
        tags: ['identity'],
        summary: 'Officer sign-in with username and password (first step)',
        body: OfficerSignInBody,
        response: { 200: SignInStep },
      },
    },
    async (request, reply) =>
      answer(reply, await officerSignIn.signIn(request.body, clientOf(request))),
  );

  app.post(
    '/api/v1/auth/officer/change-password',
    {
      config: rules,
      schema: {
        tags: ['identity'],
        summary: 'Replace a temporary password during sign-in',
        body: ChangeTemporaryPasswordBody,
        response: { 200: SignInStep },
      },
    },
    async (request, reply) =>
      answer(
        reply,
        await officerSignIn.changeTemporaryPassword(
          request.body.attemptToken,
          request.body.newPassword,
          clientOf(request),
        ),
      ),
  );

  app.post(
    '/api/v1/auth/officer/totp',
    {
      config: rules,
      schema: {
        tags: ['identity'],
        summary: 'Second factor: a TOTP code (also completes enrolment)',
        body: TotpBody,
        response: { 200: SignInStep },
      },
    },
    async (request, reply) =>
      answer(
        reply,
        await officerSignIn.verifyTotp(
          request.body.attemptToken,
          request.body.code,
          clientOf(request),
        ),
      ),
  );
}
