import { Type } from 'typebox';
import type { AppInstance } from '../../app-instance.ts';
import { actorOf, type RateLimitBuckets } from '../../platform/route-rules.ts';
import {
  AuditQuery,
  AuditRecords,
  AuditVerification,
  Done,
  NewOfficer,
  OfficerParams,
  OfficerSummary,
  PasswordResetBody,
  RoleGrant,
  RoleRevocation,
  TemporaryPassword,
} from './schemas.ts';
import type { AuditTrail } from './service.audit.ts';
import type { OfficerAdministration } from './service.officers.ts';

/** Officer accounts and roles, in the administration area. */
export function officerAdministrationRoutes(
  app: AppInstance,
  deps: { officers: OfficerAdministration; audit: AuditTrail; buckets: RateLimitBuckets },
) {
  const { officers, audit, buckets } = deps;
  const guard = { access: 'officer' as const, rateLimit: buckets.api };
  const tags = ['identity admin'];

  app.get(
    '/api/v1/admin/officers',
    {
      config: guard,
      schema: {
        tags,
        summary: 'Officers of the agencies I administer, with their roles',
        response: { 200: Type.Array(OfficerSummary) },
      },
    },
    (request) => officers.list(actorOf(request)),
  );

  app.post(
    '/api/v1/admin/officers',
    {
      config: guard,
      schema: {
        tags,
        summary: 'Create an officer account with a first role and a temporary password',
        body: NewOfficer,
        response: { 201: TemporaryPassword },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await officers.create(actorOf(request), request.body)),
  );

  app.post(
    '/api/v1/admin/officers/:officerId/reset-password',
    {
      config: guard,
      schema: {
        tags,
        summary: 'Give an officer a new temporary password (ends their sessions)',
        params: OfficerParams,
        body: PasswordResetBody,
        response: { 200: TemporaryPassword },
      },
    },
    (request) => officers.resetPassword(actorOf(request), request.params.officerId, request.body),
  );

  app.post(
    '/api/v1/admin/officers/:officerId/roles',
    {
      config: guard,
      schema: {
        tags,
        summary: 'Grant a role in an agency I administer',
        params: OfficerParams,
        body: RoleGrant,
        response: { 200: Done },
      },
    },
    async (request) => {
      await officers.grantRole(actorOf(request), request.params.officerId, request.body);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/v1/admin/officers/:officerId/roles/revoke',
    {
      config: guard,
      schema: {
        tags,
        summary: 'Take a role back',
        params: OfficerParams,
        body: RoleRevocation,
        response: { 200: Done },
      },
    },
    async (request) => {
      await officers.revokeRole(actorOf(request), request.params.officerId, request.body);
      return { ok: true as const };
    },
  );

  app.get(
    '/api/v1/admin/audit',
    {
      config: guard,
      schema: {
        tags,
        summary:
          'The audit log, newest first, 50 a page (all for national roles, else my agencies)',
        querystring: AuditQuery,
        response: { 200: AuditRecords },
      },
    },
    (request) =>
      audit.list(actorOf(request), {
        page: request.query.page ?? 1,
        ...(request.query.action ? { action: request.query.action } : {}),
        ...(request.query.subjectId ? { subjectId: request.query.subjectId } : {}),
      }),
  );

  app.get(
    '/api/v1/admin/audit/verify',
    {
      config: guard,
      schema: {
        tags,
        summary: 'Recompute the audit hash chain (system administrators)',
        response: { 200: AuditVerification },
      },
    },
    (request) => audit.verify(actorOf(request)),
  );
}
