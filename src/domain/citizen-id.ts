/**
 * Citizen identity card numbers (CCCD, Circular 07/2016/TT-BCA, now Circular 59/2021/TT-BCA):
 * 3 digits for the province of birth registration, 1 digit for sex and century, 2 digits for the
 * year of birth, 6 random digits.
 */
const PROVINCE_CODES = new Set(
  (
    '001 002 004 006 008 010 011 012 014 015 017 019 020 022 024 025 026 027 030 031 033 034 035 ' +
    '036 037 038 040 042 044 045 046 048 049 051 052 054 056 058 060 062 064 066 067 068 070 072 ' +
    '074 075 077 079 080 082 083 084 086 087 089 091 092 093 094 095 096'
  ).split(' '),
);

/** First birth year of the century each sex/century digit pair stands for (0/1 → 1900, 2/3 → 2000…). */
const CENTURY_BY_DIGIT = [1900, 1900, 2000, 2000, 2100, 2100, 2200, 2200, 1800, 1800] as const;

export type CitizenIdProblem = 'format' | 'province' | 'birthYear';

export type CitizenIdFacts = { sex: 'male' | 'female'; birthYear: number; provinceCode: string };

export function readCitizenId(id: string): CitizenIdFacts | CitizenIdProblem {
  if (!/^\d{12}$/.test(id)) return 'format';
  const provinceCode = id.slice(0, 3);
  if (!PROVINCE_CODES.has(provinceCode)) return 'province';
  const digit = Number(id[3]);
  const century = CENTURY_BY_DIGIT[digit] ?? 1900;
  return {
    provinceCode,
    sex: digit % 2 === 0 ? 'male' : 'female',
    birthYear: century + Number(id.slice(4, 6)),
  };
}

/** Checks the shape, and when a date of birth (yyyy-MM-dd) is given, that the year digits agree with it. */
export function checkCitizenId(
  id: string,
  birthDate?: string,
  today = new Date(),
): CitizenIdProblem | undefined {
  const facts = readCitizenId(id);
  if (typeof facts === 'string') return facts;
  if (facts.birthYear > today.getUTCFullYear()) return 'birthYear';
  if (birthDate !== undefined && Number(birthDate.slice(0, 4)) !== facts.birthYear)
    return 'birthYear';
  return undefined;
}

export function isCitizenId(id: string): boolean {
  return checkCitizenId(id) === undefined;
}
