import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import {
  AGENCY_TIER_LABELS,
  checkProcedureRow,
  checkServiceRow,
  ONLINE_LEVEL_LABELS,
  PROCEDURE_COLUMNS,
  PROCEDURE_SHEET,
  readAgencyTiers,
  readOnlineLevel,
  SERVICE_COLUMNS,
  SERVICE_SHEET,
  type ProcedureRow,
  type ServiceRow,
} from '../../../domain/catalog-exchange.ts';
import type { FieldError } from '../../../domain/form-validation.ts';
import type { Database } from '../../db/schema.ts';
import { agenciesAllowed, allowedEverywhere } from '../../../domain/access.ts';
import type { Actor } from '../../platform/actor.ts';
import {
  ARCHIVE_LIMITS,
  ArchiveTooLargeError,
  checkArchiveInflation,
} from '../../platform/archive-limits.ts';
import { appendAudit } from '../../platform/audit.ts';
import { commonErrors } from '../../platform/errors.ts';
import { catalogErrors } from './errors.ts';
import * as repository from './repository.exchange.ts';
import { refreshListing } from './repository.listing.ts';

export type ExchangeFormat = 'xlsx' | 'json';

/** Where a problem is: a cell in A1 notation for spreadsheets, a path for JSON. */
type Located<T> = { row: T; locate: (column: string) => string };

type Parsed = { procedures: Located<ProcedureRow>[]; services: Located<ServiceRow>[] };

const columnLetter = (index: number) => String.fromCharCode('A'.charCodeAt(0) + index);

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value !== 'object') return String(value).trim();
  if ('richText' in value)
    return value.richText
      .map((part) => part.text)
      .join('')
      .trim();
  if ('hyperlink' in value) return value.text.trim();
  if ('result' in value) return cellText(value.result);
  return '';
}

async function parseWorkbook(content: Buffer): Promise<Parsed> {
  try {
    await checkArchiveInflation(content);
  } catch (error) {
    if (error instanceof ArchiveTooLargeError)
      throw commonErrors.payloadTooLarge(
        `Bảng tính vượt quá ${String(ARCHIVE_LIMITS.maxInflatedBytes / 1024 / 1024)} MB khi giải nén`,
      );
    throw catalogErrors.importUnreadable('Tệp không phải là bảng tính Excel (.xlsx) hợp lệ');
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(content as unknown as ArrayBuffer);
  } catch {
    throw catalogErrors.importUnreadable('Tệp không phải là bảng tính Excel (.xlsx) hợp lệ');
  }
  function rows<K extends string>(
    sheetName: string,
    columns: readonly { key: K; header: string }[],
  ) {
    const sheet = workbook.getWorksheet(sheetName);
    if (!sheet) return [];
    const located: Located<Record<K, string>>[] = [];
    sheet.eachRow((row, rowNumber) => {
      if (rowNumber === 1) return;
      const values = Object.fromEntries(
        columns.map((c, i) => [c.key, cellText(row.getCell(i + 1).value)]),
      ) as Record<K, string>;
      if (Object.values<string>(values).every((v) => v === '')) return;
      located.push({
        row: values,
        locate: (column) =>
          `${sheetName}!${columnLetter(columns.findIndex((c) => c.key === column))}${rowNumber}`,
      });
    });
    return located;
  }
  return {
    procedures: rows(PROCEDURE_SHEET, PROCEDURE_COLUMNS),
    services: rows(SERVICE_SHEET, SERVICE_COLUMNS),
  };
}

function parseJson(content: Buffer): Parsed {
  let data: unknown;
  try {
    data = JSON.parse(content.toString('utf8'));
  } catch {
    throw catalogErrors.importUnreadable('Tệp JSON không hợp lệ');
  }
  const list = (name: string) => {
    const value =
      typeof data === 'object' && data !== null
        ? (data as Record<string, unknown>)[name]
        : undefined;
    return Array.isArray(value) ? (value as unknown[]) : [];
  };
  const text = (item: unknown, key: string) => {
    const value =
      typeof item === 'object' && item !== null
        ? (item as Record<string, unknown>)[key]
        : undefined;
    return typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
  };
  const read = <K extends string>(name: string, columns: readonly { key: K }[]) =>
    list(name).map((item, index) => ({
      row: Object.fromEntries(columns.map((c) => [c.key, text(item, c.key)])) as Record<K, string>,
      locate: (column: string) => `${name}[${index}].${column}`,
    }));
  return {
    procedures: read('procedures', PROCEDURE_COLUMNS),
    services: read('services', SERVICE_COLUMNS),
  };
}

export type CatalogExchange = ReturnType<typeof createCatalogExchange>;

/** Bulk import and export of procedures and services, all or nothing. */
export function createCatalogExchange(db: Kysely<Database>) {
  async function check(actor: Actor, parsed: Parsed) {
    const problems: FieldError[] = [];
    const report = (locate: (column: string) => string, column: string, message: string) =>
      problems.push({ field: locate(column), code: 'invalid', message });
    const isSystemAdmin = allowedEverywhere(actor.roles, 'catalog.procedures');
    const managed = new Set(agenciesAllowed(actor.roles, 'catalog.manage'));

    const seenProcedures = new Set<string>();
    for (const { row, locate } of parsed.procedures) {
      for (const problem of checkProcedureRow(row)) report(locate, problem.column, problem.message);
      if (!isSystemAdmin)
        report(
          locate,
          'nationalCode',
          'Chỉ quản trị hệ thống được cập nhật danh mục thủ tục hành chính',
        );
      if (seenProcedures.has(row.nationalCode))
        report(locate, 'nationalCode', 'Mã thủ tục bị lặp lại trong tệp');
      seenProcedures.add(row.nationalCode);
    }

    const agencies = new Map(
      (
        await repository.agenciesByCode(
          db,
          parsed.services.map((s) => s.row.agencyCode),
        )
      ).map((a) => [a.code, a.id]),
    );
    const known = new Map(
      (
        await repository.proceduresByCode(
          db,
          parsed.services.map((s) => s.row.procedureCode),
        )
      ).map((p) => [p.national_code, p.id]),
    );
    const seenServices = new Set<string>();
    for (const { row, locate } of parsed.services) {
      const rowProblems = checkServiceRow(row);
      for (const problem of rowProblems) report(locate, problem.column, problem.message);
      if (rowProblems.length > 0) continue;
      const agencyId = agencies.get(row.agencyCode);
      if (!agencyId) report(locate, 'agencyCode', 'Không có cơ quan mang mã này');
      else if (!isSystemAdmin && !managed.has(agencyId))
        report(locate, 'agencyCode', 'Bạn không quản trị cơ quan này');
      if (!known.has(row.procedureCode) && !seenProcedures.has(row.procedureCode)) {
        report(
          locate,
          'procedureCode',
          'Không có thủ tục mang mã này trong danh mục hoặc trong tệp',
        );
      }
      const key = `${row.agencyCode}/${row.procedureCode}`;
      if (seenServices.has(key)) report(locate, 'procedureCode', 'Dịch vụ bị lặp lại trong tệp');
      seenServices.add(key);
    }
    return { problems, agencies, known };
  }

  return {
    async importCatalog(
      actor: Actor,
      file: { content: Buffer; format: ExchangeFormat },
      dryRun: boolean,
    ) {
      const parsed =
        file.format === 'xlsx' ? await parseWorkbook(file.content) : parseJson(file.content);
      if (parsed.procedures.length + parsed.services.length === 0) {
        throw catalogErrors.importUnreadable(
          `Tệp không có dòng dữ liệu nào (trang "${PROCEDURE_SHEET}" hoặc "${SERVICE_SHEET}")`,
        );
      }
      const { problems, agencies, known } = await check(actor, parsed);
      if (problems.length > 0)
        throw catalogErrors.importInvalid(
          `Có ${problems.length} lỗi; chưa dòng nào được nhập`,
          problems,
        );

      const existingProcedures = new Set(
        (
          await repository.proceduresByCode(
            db,
            parsed.procedures.map((p) => p.row.nationalCode),
          )
        ).map((p) => p.national_code),
      );
      const newProcedures = parsed.procedures.filter(
        (p) => !existingProcedures.has(p.row.nationalCode),
      ).length;
      const pairs = parsed.services.map(({ row }) => ({
        agencyId: agencies.get(row.agencyCode) ?? '',
        procedureId: known.get(row.procedureCode) ?? '',
      }));
      // a pair whose procedure arrives in this file cannot exist yet
      const existingServices = (
        await repository.servicesOf(
          db,
          pairs.filter((p) => p.procedureId !== ''),
        )
      ).length;
      const summary = {
        dryRun,
        procedures: { created: newProcedures, updated: parsed.procedures.length - newProcedures },
        services: { created: parsed.services.length - existingServices, updated: existingServices },
      };
      if (dryRun) return summary;

      await db.transaction().execute(async (tx) => {
        const procedureIds = new Map(known);
        for (const { row } of parsed.procedures)
          procedureIds.set(
            row.nationalCode,
            (
              await repository.upsertProcedure(tx, {
                ...row,
                carriedOutBy: readAgencyTiers(row.carriedOutBy) ?? [],
              })
            ).id,
          );
        const touched: string[] = [];
        for (const { row } of parsed.services) {
          const service = await repository.upsertService(tx, {
            agencyId: agencies.get(row.agencyCode) ?? '',
            procedureId: procedureIds.get(row.procedureCode) ?? '',
            onlineLevel: readOnlineLevel(row.onlineLevel) ?? 'partial',
          });
          touched.push(service.id);
        }
        // renamed procedures and changed levels must show in the public catalog at once
        if (parsed.procedures.length > 0) await refreshListing(tx);
        else await refreshListing(tx, touched);
        await appendAudit(tx, {
          actor,
          action: 'catalog.imported',
          details: { format: file.format, ...summary },
        });
      });
      return summary;
    },

    async exportCatalog(actor: Actor, format: ExchangeFormat) {
      const agencyIds = agenciesAllowed(actor.roles, 'catalog.export');
      if (agencyIds.length === 0) throw catalogErrors.agencyNotManaged();
      const { procedures, services } = await repository.exportRows(db, agencyIds);
      await appendAudit(db, {
        actor,
        action: 'catalog.exported',
        details: { format, procedures: procedures.length, services: services.length },
      });
      const data = {
        procedures: procedures.map((p) => ({
          nationalCode: p.national_code,
          name: p.name,
          field: p.field,
          legalBasis: p.legal_basis,
          carriedOutBy: p.carried_out_by.map((tier) => AGENCY_TIER_LABELS[tier]).join('; '),
          conditions: p.conditions,
          resultType: p.result_type,
        })),
        services: services.map((s) => ({
          agencyCode: s.agency_code,
          procedureCode: s.national_code,
          onlineLevel: s.online_level,
        })),
      };
      if (format === 'json') return Buffer.from(JSON.stringify(data, null, 2));
      const workbook = new ExcelJS.Workbook();
      const procedureSheet = workbook.addWorksheet(PROCEDURE_SHEET);
      procedureSheet.columns = PROCEDURE_COLUMNS.map((c) => ({
        header: c.header,
        key: c.key,
        width: c.key === 'name' ? 60 : 24,
      }));
      procedureSheet.addRows(data.procedures);
      const serviceSheet = workbook.addWorksheet(SERVICE_SHEET);
      serviceSheet.columns = SERVICE_COLUMNS.map((c) => ({
        header: c.header,
        key: c.key,
        width: 20,
      }));
      serviceSheet.addRows(
        data.services.map((s) => ({ ...s, onlineLevel: ONLINE_LEVEL_LABELS[s.onlineLevel] })),
      );
      for (const sheet of [procedureSheet, serviceSheet]) sheet.getRow(1).font = { bold: true };
      return Buffer.from(await workbook.xlsx.writeBuffer());
    },
  };
}
