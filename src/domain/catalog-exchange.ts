import { isAgencyCode } from './agency-code.ts';

/**
 * Rows of the catalog spreadsheets agencies exchange (sheets "Thủ tục" and "Dịch vụ"): their
 * columns, and the checks a row must pass on its own. Checks against the database are the server's.
 */
export const PROCEDURE_SHEET = 'Thủ tục';
export const SERVICE_SHEET = 'Dịch vụ';

export const PROCEDURE_COLUMNS = [
  { key: 'nationalCode', header: 'Mã thủ tục' },
  { key: 'name', header: 'Tên thủ tục' },
  { key: 'field', header: 'Lĩnh vực' },
  { key: 'legalBasis', header: 'Căn cứ pháp lý' },
  { key: 'carriedOutBy', header: 'Cấp thực hiện' },
  { key: 'conditions', header: 'Điều kiện thực hiện' },
  { key: 'resultType', header: 'Kết quả' },
] as const;

export const SERVICE_COLUMNS = [
  { key: 'agencyCode', header: 'Mã cơ quan' },
  { key: 'procedureCode', header: 'Mã thủ tục' },
  { key: 'onlineLevel', header: 'Mức độ' },
] as const;

export const ONLINE_LEVEL_LABELS = { full: 'Toàn trình', partial: 'Một phần' } as const;

export type ProcedureRow = {
  nationalCode: string;
  name: string;
  field: string;
  legalBasis: string;
  /** e.g. "Cấp tỉnh; Cấp xã"; may be empty */
  carriedOutBy: string;
  conditions: string;
  resultType: string;
};

export type AgencyTier = 'central' | 'province' | 'commune';
export const AGENCY_TIER_LABELS: Record<AgencyTier, string> = {
  central: 'Trung ương',
  province: 'Cấp tỉnh',
  commune: 'Cấp xã',
};

/** "Cấp tỉnh; Cấp xã" → ['province', 'commune']; undefined when a part is not a tier. */
export function readAgencyTiers(value: string): AgencyTier[] | undefined {
  const tiers: AgencyTier[] = [];
  for (const part of value
    .split(/[;,]/)
    .map((p) => p.trim().toLowerCase())
    .filter(Boolean)) {
    const entry = Object.entries(AGENCY_TIER_LABELS).find(
      ([key, label]) => part === key || part === label.toLowerCase(),
    );
    if (!entry) return undefined;
    const tier = entry[0] as AgencyTier;
    if (!tiers.includes(tier)) tiers.push(tier);
  }
  return tiers;
}
export type ServiceRow = { agencyCode: string; procedureCode: string; onlineLevel: string };
export type RowProblem = { column: string; message: string };

/** National procedure codes of the national database, e.g. 1.001193 or 2.000488. */
export const PROCEDURE_CODE = /^\d\.\d{6}$/;

function required(value: string, column: string, maxLength: number): RowProblem[] {
  if (value.trim() === '') return [{ column, message: 'Không được để trống' }];
  if (value.length > maxLength) return [{ column, message: `Không quá ${maxLength} ký tự` }];
  return [];
}

export function checkProcedureRow(row: ProcedureRow): RowProblem[] {
  return [
    ...required(row.nationalCode, 'nationalCode', 20),
    ...(row.nationalCode && !PROCEDURE_CODE.test(row.nationalCode)
      ? [{ column: 'nationalCode', message: 'Mã thủ tục phải có dạng 1.001193' }]
      : []),
    ...required(row.name, 'name', 500),
    ...required(row.field, 'field', 200),
    ...required(row.legalBasis, 'legalBasis', 2000),
    ...(readAgencyTiers(row.carriedOutBy)
      ? []
      : [
          {
            column: 'carriedOutBy',
            message:
              'Cấp thực hiện gồm "Trung ương", "Cấp tỉnh", "Cấp xã", cách nhau bởi dấu chấm phẩy',
          },
        ]),
    ...(row.conditions.length > 4000
      ? [{ column: 'conditions', message: 'Không quá 4000 ký tự' }]
      : []),
    ...(row.resultType.length > 500
      ? [{ column: 'resultType', message: 'Không quá 500 ký tự' }]
      : []),
  ];
}

/** The online level written as in the spreadsheet ("Toàn trình", "Một phần") or as in JSON ("full", "partial"). */
export function readOnlineLevel(value: string): 'full' | 'partial' | undefined {
  const normalized = value.trim().toLowerCase();
  if (normalized === 'full' || normalized === ONLINE_LEVEL_LABELS.full.toLowerCase()) return 'full';
  if (normalized === 'partial' || normalized === ONLINE_LEVEL_LABELS.partial.toLowerCase())
    return 'partial';
  return undefined;
}

export function checkServiceRow(row: ServiceRow): RowProblem[] {
  return [
    ...required(row.agencyCode, 'agencyCode', 20),
    ...(row.agencyCode && !isAgencyCode(row.agencyCode)
      ? [{ column: 'agencyCode', message: 'Mã cơ quan không đúng định dạng QCVN 102:2016' }]
      : []),
    ...required(row.procedureCode, 'procedureCode', 20),
    ...(row.procedureCode && !PROCEDURE_CODE.test(row.procedureCode)
      ? [{ column: 'procedureCode', message: 'Mã thủ tục phải có dạng 1.001193' }]
      : []),
    ...(readOnlineLevel(row.onlineLevel)
      ? []
      : [{ column: 'onlineLevel', message: 'Mức độ phải là "Toàn trình" hoặc "Một phần"' }]),
  ];
}
