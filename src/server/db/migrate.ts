import { Migrator, type Kysely, type Migration, type MigrationResultSet } from 'kysely';
import * as foundation from './migrations/0001_foundation.ts';
import * as publishedVersionsImmutable from './migrations/0002_published_versions_immutable.ts';
import * as catalogListing from './migrations/0003_catalog_listing.ts';
import * as agencyWithoutCode from './migrations/0004_agency_without_code.ts';
import * as procedureDetails from './migrations/0005_procedure_details.ts';
import * as documentTemplates from './migrations/0006_document_templates.ts';
import * as auditLog from './migrations/0007_audit_log.ts';
import * as identity from './migrations/0008_identity.ts';
import * as apiClients from './migrations/0009_api_clients.ts';
import * as officerOidc from './migrations/0010_officer_oidc.ts';
import * as processing from './migrations/0011_processing.ts';
import * as auditSealing from './migrations/0012_audit_sealing.ts';
import * as payments from './migrations/0013_payments.ts';
import * as results from './migrations/0014_results.ts';
import * as monitoring from './migrations/0015_monitoring.ts';
import * as feeChoices from './migrations/0016_fee_choices.ts';
import * as monthlyReports from './migrations/0017_monthly_reports.ts';
import * as monthlyRollups from './migrations/0018_monthly_rollups.ts';
import * as eventDrillDown from './migrations/0019_event_drill_down.ts';
import * as serviceLevelHistory from './migrations/0020_service_level_history.ts';
import * as paymentRefunds from './migrations/0021_payment_refunds.ts';
import * as openDossiersCovered from './migrations/0022_open_dossiers_covered.ts';
import * as subtreeRollups from './migrations/0023_subtree_rollups.ts';
import * as timestampAuthority from './migrations/0024_timestamp_authority.ts';
import * as dossierDrafts from './migrations/0025_dossier_drafts.ts';
import * as workflowInDesigner from './migrations/0026_workflow_in_designer.ts';
import * as federation from './migrations/0027_federation.ts';
import * as memberResultsPayments from './migrations/0028_member_results_payments.ts';
import * as webhooks from './migrations/0029_webhooks.ts';
import * as nationalFigures from './migrations/0030_national_figures.ts';
import * as hubSubmissions from './migrations/0031_hub_submissions.ts';
import * as feedback from './migrations/0032_feedback.ts';
import * as feedbackFederation from './migrations/0033_feedback_federation.ts';
import * as receptionAnywhere from './migrations/0034_reception_anywhere.ts';
import * as evaluationIndex from './migrations/0035_evaluation_index.ts';
import * as localReception from './migrations/0036_local_reception.ts';
import * as dossierRegister from './migrations/0037_dossier_register.ts';
import * as lighterWrites from './migrations/0038_lighter_writes.ts';
import * as predictedNumbers from './migrations/0039_predicted_numbers.ts';
import * as auditBlocks from './migrations/0040_audit_blocks.ts';

/** Every migration, in order. A new one is added here in the same change that writes it. */
const MIGRATIONS: Record<string, Migration> = {
  '0001_foundation': foundation,
  '0002_published_versions_immutable': publishedVersionsImmutable,
  '0003_catalog_listing': catalogListing,
  '0004_agency_without_code': agencyWithoutCode,
  '0005_procedure_details': procedureDetails,
  '0006_document_templates': documentTemplates,
  '0007_audit_log': auditLog,
  '0008_identity': identity,
  '0009_api_clients': apiClients,
  '0010_officer_oidc': officerOidc,
  '0011_processing': processing,
  '0012_audit_sealing': auditSealing,
  '0013_payments': payments,
  '0014_results': results,
  '0015_monitoring': monitoring,
  '0016_fee_choices': feeChoices,
  '0017_monthly_reports': monthlyReports,
  '0018_monthly_rollups': monthlyRollups,
  '0019_event_drill_down': eventDrillDown,
  '0020_service_level_history': serviceLevelHistory,
  '0021_payment_refunds': paymentRefunds,
  '0022_open_dossiers_covered': openDossiersCovered,
  '0023_subtree_rollups': subtreeRollups,
  '0024_timestamp_authority': timestampAuthority,
  '0025_dossier_drafts': dossierDrafts,
  '0026_workflow_in_designer': workflowInDesigner,
  '0027_federation': federation,
  '0028_member_results_payments': memberResultsPayments,
  '0029_webhooks': webhooks,
  '0030_national_figures': nationalFigures,
  '0031_hub_submissions': hubSubmissions,
  '0032_feedback': feedback,
  '0033_feedback_federation': feedbackFederation,
  '0034_reception_anywhere': receptionAnywhere,
  '0035_evaluation_index': evaluationIndex,
  '0036_local_reception': localReception,
  '0037_dossier_register': dossierRegister,
  '0038_lighter_writes': lighterWrites,
  '0039_predicted_numbers': predictedNumbers,
  '0040_audit_blocks': auditBlocks,
};

const migratorOf = <DB>(db: Kysely<DB>) =>
  new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } });

function applied(result: MigrationResultSet): string[] {
  if (result.error)
    throw result.error instanceof Error
      ? result.error
      : new Error('migration failed', { cause: result.error });
  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

export async function migrateToLatest<DB>(db: Kysely<DB>): Promise<string[]> {
  return applied(await migratorOf(db).migrateToLatest());
}

/** Applies the migrations up to `name`, included: to start from a schema of the past. */
export async function migrateTo<DB>(db: Kysely<DB>, name: string): Promise<string[]> {
  return applied(await migratorOf(db).migrateTo(name));
}

/** True when every known migration has been applied (what /ready checks). */
export async function isMigrated<DB>(db: Kysely<DB>): Promise<boolean> {
  const migrations = await migratorOf(db).getMigrations();
  return migrations.every((m) => m.executedAt !== undefined);
}
