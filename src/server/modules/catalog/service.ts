import type { Kysely } from 'kysely';
import type { Selectable } from 'kysely';
import type { CatalogListingTable, Database } from '../../db/schema.ts';
import { closestNames } from '../../../domain/search-suggestions.ts';
import { batched } from '../../platform/batching.ts';
import { catalogErrors } from './errors.ts';
import * as centers from './repository.centers.ts';
import * as repository from './repository.ts';
import type { ServiceFilter } from './repository.ts';

export type CatalogService = ReturnType<typeof createCatalogService>;

type CatalogFilter = Omit<ServiceFilter, 'query'> & { query?: string | undefined };

export function createCatalogService(db: Kysely<Database>) {
  /** Services asked for while one is read are read together, by one statement. */
  const publishedServiceTogether = batched((serviceIds: string[]) =>
    repository.findPublishedServices(db, serviceIds),
  );
  /** Nothing found for what was typed: the closest procedure names, to search for instead. */
  async function suggestionsWhenNothing(filter: ServiceFilter, total: number) {
    return total === 0 && filter.query
      ? closestNames(filter.query, await repository.listPublishedProcedureNames(db))
      : [];
  }

  const catalog = {
    async searchServices(filter: CatalogFilter, page: number, pageSize = 20) {
      const normalized: ServiceFilter = { ...filter, query: normalizeQuery(filter.query) };
      const rows = await repository.searchPublishedServices(db, normalized, {
        offset: (page - 1) * pageSize,
        limit: pageSize,
      });
      const total = rows[0]?.total ?? (await repository.countPublishedServices(db, normalized));
      return {
        items: rows.map(toSummary),
        total,
        page,
        pageSize,
        suggestions: await suggestionsWhenNothing(normalized, total),
      };
    },

    /** The catalog one procedure at a time, with how many agencies offer each. */
    async searchProcedures(filter: CatalogFilter, page: number, pageSize = 20) {
      const normalized: ServiceFilter = { ...filter, query: normalizeQuery(filter.query) };
      const rows = await repository.searchPublishedProcedures(db, normalized, {
        offset: (page - 1) * pageSize,
        limit: pageSize,
      });
      // past the last page the window total is missing: count instead
      const total = rows[0]?.total ?? (await repository.countPublishedProcedures(db, normalized));
      return {
        items: rows.map((row) => ({
          code: row.procedure_code,
          name: row.procedure_name,
          field: row.field,
          services: row.services,
          fullOnlineServices: row.full_services,
          processingDays: { min: row.min_days, max: row.max_days },
          feeVnd: { min: row.min_fee, max: row.max_fee },
          onlyService:
            row.services === 1
              ? { id: row.first_service_id, agencyName: row.first_agency_name }
              : null,
        })),
        total,
        page,
        pageSize,
        suggestions: await suggestionsWhenNothing(normalized, total),
      };
    },

    /**
     * The current Public Administration Service Center with that code, when it may receive and
     * return dossiers of the service (Decree 118/2025, decision 0022).
     */
    async receivingCenter(code: string, serviceId: string) {
      const [center] = await centers.centersReceiving(db, serviceId, code);
      return center && { id: center.id, code: center.code };
    },

    /** Where an applicant may collect the service's result besides the competent agency. */
    async receivingCenters(serviceId: string) {
      const rows = await centers.centersReceiving(db, serviceId);
      return rows.map((row) => ({ code: row.code, name: row.name }));
    },

    /**
     * What a desk of the given agencies may register: their own services, then those their
     * centers receive for other agencies (`receivedAtCode`: the center that does).
     */
    async deskServices(agencyIds: string[]) {
      if (agencyIds.length === 0) return [];
      const [own, received] = await Promise.all([
        centers.servicesOf(db, agencyIds),
        centers.servicesReceivedAt(db, agencyIds),
      ]);
      return [
        ...own.map((row) => ({ ...toSummary(row), receivedAtCode: null })),
        ...received.map((row) => ({ ...toSummary(row), receivedAtCode: row.received_at_code })),
      ].sort(
        (a, b) =>
          a.procedureName.localeCompare(b.procedureName, 'vi') ||
          a.agency.name.localeCompare(b.agency.name, 'vi'),
      );
    },

    async listFields() {
      const rows = await repository.listPublishedFields(db);
      return rows.map((row) => ({ field: row.field, services: row.services }));
    },

    /** The service as a citizen sees it before submitting: its current published version. */
    async getPublishedService(serviceId: string) {
      const row = await publishedServiceTogether(serviceId);
      if (!row) throw catalogErrors.serviceNotFound();
      return {
        ...toSummary(row),
        legalBasis: row.legal_basis,
        carriedOutBy: row.carried_out_by,
        conditions: row.conditions,
        resultType: row.result_type,
        versionId: row.version_id,
        version: row.version,
        formSchema: row.form_schema,
        uiSchema: row.ui_schema,
        requiredDocuments: row.required_documents,
        feeSchedule: row.fee_schedule,
        paymentOnline: row.payment_online,
        resultOnline: row.result_online,
        receivedLocally: row.received_locally,
      };
    },

    /** The published service of an agency for a procedure, by their codes (federation). */
    async publishedServiceByCodes(agencyCode: string, procedureCode: string) {
      const serviceId = await repository.publishedServiceIdByCodes(db, agencyCode, procedureCode);
      if (!serviceId) throw catalogErrors.serviceNotFound();
      return catalog.getPublishedService(serviceId);
    },

    async listAgencies(currentOnly: boolean) {
      const rows = await repository.listAgencies(db, currentOnly);
      return rows.map((row) => ({
        id: row.id,
        code: row.code,
        name: row.name,
        level: row.level,
        parentId: row.parent_id,
        validFrom: row.valid_from,
        validTo: row.valid_to,
        successorId: row.successor_id,
        serviceCenter: row.service_center,
      }));
    },
  };
  return catalog;
}

export type PublishedService = Awaited<ReturnType<CatalogService['getPublishedService']>>;

/** Lower case, single spaces, no surrounding blanks; empty means no text filter. */
function normalizeQuery(query: string | undefined): string | undefined {
  const normalized = query?.toLowerCase().replace(/\s+/g, ' ').trim();
  return normalized ? normalized : undefined;
}

function toSummary(row: Selectable<CatalogListingTable>) {
  return {
    id: row.service_id,
    onlineLevel: row.online_level,
    procedureCode: row.procedure_code,
    procedureName: row.procedure_name,
    field: row.field,
    agency: { id: row.agency_id, code: row.agency_code, name: row.agency_name },
    processingDays: row.processing_days,
    feeVnd: row.fee_vnd,
  };
}
