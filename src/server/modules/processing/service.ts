import type { DossierStatus } from '../../../domain/dossier-lifecycle.ts';
import type { OfficerRole } from '../../db/schema.ts';
import { agenciesWithRole, type Actor } from '../../platform/actor.ts';
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

export function createProcessingService(dossiers: DossierService) {
  return {
    inbox: (actor: Actor, status: DossierStatus | undefined) =>
      dossiers.listAgencyDossiers(agenciesWithRole(actor, INBOX_ROLES), status),

    openDossier: (actor: Actor, dossierId: string) =>
      dossiers.getAgencyDossier(agenciesWithRole(actor, INBOX_ROLES), dossierId),

    openFile: (actor: Actor, dossierId: string, fileId: string) =>
      dossiers.openAgencyFile(agenciesWithRole(actor, INBOX_ROLES), dossierId, fileId),

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
        actorId: actor.accountId,
      });
    },
  };
}
