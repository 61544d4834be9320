import { AGENCY_CODE_PATTERN, isAgencyCode } from './agency-code.ts';
import { vietnamDate } from './vietnam-time.ts';

/**
 * Dossier codes of Circular 01/2018/TT-VPCP (art. 19): the receiving agency's QCVN 102 code,
 * the reception date as yymmdd, and a 4-digit sequence within that agency and day,
 * e.g. `000.00.12.H29-250317-0001`. Nationally unique because the agency code is.
 */
// The agency code's own pattern, its groups made non-capturing: one definition for both.
export const DOSSIER_CODE_PATTERN = new RegExp(
  `^(${AGENCY_CODE_PATTERN.source.slice(1, -1).replace(/\((?!\?)/g, '(?:')})-(\\d{6})-(\\d{4,})$`,
);

export function formatDossierCode(agencyCode: string, receivedAt: Date, sequence: number): string {
  if (!isAgencyCode(agencyCode)) throw new RangeError(`invalid agency code ${agencyCode}`);
  if (!Number.isInteger(sequence) || sequence < 1)
    throw new RangeError(`invalid sequence ${sequence}`);
  const [year = '', month = '', day = ''] = vietnamDate(receivedAt).split('-');
  return `${agencyCode}-${year.slice(2)}${month}${day}-${String(sequence).padStart(4, '0')}`;
}

export type DossierCodeParts = { agencyCode: string; date: string; sequence: number };

export function parseDossierCode(code: string): DossierCodeParts | undefined {
  const match = DOSSIER_CODE_PATTERN.exec(code);
  if (!match) return undefined;
  const [, agencyCode = '', yymmdd = '', sequence = ''] = match;
  if (!isAgencyCode(agencyCode)) return undefined;
  const date = `20${yymmdd.slice(0, 2)}-${yymmdd.slice(2, 4)}-${yymmdd.slice(4, 6)}`;
  const parsed = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== date)
    return undefined;
  return { agencyCode, date, sequence: Number(sequence) };
}
