/**
 * Agency identification codes of QCVN 102:2016/BTTTT: four dot-separated groups `NNN.NN.NN.XNN`.
 * Read from the right: the level-1 unit (`G` + 2 digits for ministries and government agencies,
 * `H` + 2 digits for provinces), then the level-2 unit (2 digits), the level-3 unit (2 digits)
 * and the level-4 unit (3 digits); zeros where a level is absent.
 */
export const AGENCY_CODE_PATTERN = /^(\d{3})\.(\d{2})\.(\d{2})\.([GH])(\d{2})$/;

export type AgencyCodeParts = {
  level1Kind: 'ministry' | 'province';
  level1: string;
  level2: string;
  level3: string;
  level4: string;
};

export function parseAgencyCode(code: string): AgencyCodeParts | undefined {
  const match = AGENCY_CODE_PATTERN.exec(code);
  if (!match) return undefined;
  const [, level4 = '', level3 = '', level2 = '', kindLetter, level1 = ''] = match;
  if (level1 === '00') return undefined;
  // A lower level cannot exist under an absent higher one (e.g. 000.05.00.H29 is well formed, 001.00.05.H29 is not).
  if (level2 === '00' && level3 !== '00') return undefined;
  if (level3 === '00' && level4 !== '000') return undefined;
  return {
    level1Kind: kindLetter === 'G' ? 'ministry' : 'province',
    level1: `${kindLetter}${level1}`,
    level2,
    level3,
    level4,
  };
}

export function isAgencyCode(code: string): boolean {
  return parseAgencyCode(code) !== undefined;
}
