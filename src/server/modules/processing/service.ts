import type { DossierStatus } from '../../../domain/dossier-lifecycle.ts';
import type { Kysely } from 'kysely';
import type { Database, OfficerRole } from '../../db/schema.ts';
import { agenciesWithRole, type Actor } from '../../platform/actor.ts';
import { appendAudit } from '../../platform/audit.ts';
import type { DossierService } from '../dossiers/index.ts';
import { processingErrors } from './errors.ts';

/** Roles that see an agency's dossiers in the back office. */
const INBOX_ROLES: readonly OfficerRole[] = [
  'reception',
  'specialist',
  'department_head',
  'leader',
  'agency_admin',
];

export type ProcessingService = ReturnType<typeof createProcessingService>;

export function createProcessingService(db: Kysely<Database>, dossiers: DossierService) {
  return {
    inbox: (actor: Actor, status: DossierStatus | undefined) =>
      dossiers.listAgencyDossiers(agenciesWithRole(actor, INBOX_ROLES), status),

    /** Every opening of a dossier or a file by an officer is audited. */
    async openDossier(actor: Actor, dossierId: string) {
      const dossier = await dossiers.getAgencyDossier(
        agenciesWithRole(actor, INBOX_ROLES),
        dossierId,
      );
      await appendAudit(db, {
        actor,
        action: 'dossier.opened',
        subject: { type: 'dossier', id: dossier.id },
        agencyId: dossier.agencyId,
        details: { code: dossier.code },
      });
      return dossier;
    },

    async openFile(actor: Actor, dossierId: string, fileId: string) {
      const file = await dossiers.findAgencyFile(
        agenciesWithRole(actor, INBOX_ROLES),
        dossierId,
        fileId,
      );
      await appendAudit(db, {
        actor,
        action: 'dossier.file_opened',
        subject: { type: 'dossier', id: dossierId },
        agencyId: file.agencyId,
        details: { code: file.dossierCode, fileId, fileName: file.file_name },
      });
      return dossiers.withContent(file);
    },

    /** Reception (tiếp nhận): only the one-stop desk of the dossier's own agency may do it. */
    async receiveDossier(actor: Actor, dossierId: string, lockVersion: number) {
      const visible = agenciesWithRole(actor, INBOX_ROLES);
      const reception = agenciesWithRole(actor, ['reception']);
      // A dossier outside the officer's agencies must look missing, not forbidden.
      const dossier = await dossiers.getAgencyDossier(visible, dossierId);
      if (!reception.includes(dossier.agencyId)) throw processingErrors.notReception();
      return dossiers.applyAction({
        agencyIds: reception,
        dossierId,
        action: 'receive',
        lockVersion,
        actor,
      });
    },
  };
}
