/**
 * Calendar dates as Vietnamese write them: day, month, year (`20/11/2026`). A form keeps the ISO
 * date (`2026-11-20`) the schema asks for; only what is typed and shown is written the Vietnamese way.
 */

const DAY_MONTH_YEAR = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isoIfReal(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (
    date.getUTCFullYear() !== year ||
    date.getUTCMonth() !== month - 1 ||
    date.getUTCDate() !== day
  )
    return null;
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/**
 * The ISO date a person typed, or null when it is not a date of the calendar: `20/11/2026`,
 * `1/2/2026`, `20-11-2026`, `20.11.2026`, and the ISO `2026-11-20` itself.
 */
export function parseVietnameseDate(text: string): string | null {
  const compact = text.trim();
  const vietnamese = DAY_MONTH_YEAR.exec(compact);
  if (vietnamese)
    return isoIfReal(Number(vietnamese[3]), Number(vietnamese[2]), Number(vietnamese[1]));
  const iso = ISO_DATE.exec(compact);
  if (iso) return isoIfReal(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  return null;
}

/** `2026-11-20` → `20/11/2026`; anything that is not an ISO date comes back as it is. */
export function showIsoDate(value: string): string {
  const iso = ISO_DATE.exec(value);
  return iso ? `${iso[3]}/${iso[2]}/${iso[1]}` : value;
}
