import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAgencyCode, parseAgencyCode } from './agency-code.ts';
import { checkCitizenId, readCitizenId } from './citizen-id.ts';
import { formatDossierCode, parseDossierCode } from './dossier-code.ts';
import { isVietnamMobile, normalizeVietnamMobile } from './phone.ts';
import { isTaxCode, taxCodeCheckDigit } from './tax-code.ts';

describe('agency codes (QCVN 102:2016)', () => {
  it('reads a province, a department and a ministry', () => {
    expect(parseAgencyCode('000.00.00.H29')).toEqual({
      level1Kind: 'province',
      level1: 'H29',
      level2: '00',
      level3: '00',
      level4: '000',
    });
    expect(parseAgencyCode('000.00.12.H29')?.level2).toBe('12');
    expect(parseAgencyCode('000.00.00.G22')?.level1Kind).toBe('ministry');
    expect(parseAgencyCode('001.05.12.H41')?.level4).toBe('001');
  });

  it('refuses wrong shapes and a lower level under an absent higher one', () => {
    for (const code of [
      '',
      'H29',
      '00.00.00.H29',
      '000.00.00.X29',
      '000.00.00.H00',
      '000.05.00.H29',
      '001.00.12.H29',
      '000.00.12.h29',
    ]) {
      expect(isAgencyCode(code), code).toBe(false);
    }
  });
});

describe('dossier codes (Circular 01/2018/TT-VPCP)', () => {
  it('uses the reception date in Vietnam and a 4-digit daily sequence', () => {
    // 17:30 UTC on 16 March is already 17 March in Vietnam
    expect(formatDossierCode('000.00.12.H29', new Date('2025-03-16T17:30:00Z'), 1)).toBe(
      '000.00.12.H29-250317-0001',
    );
    expect(formatDossierCode('000.00.00.G22', new Date('2026-11-23T03:00:00Z'), 42)).toBe(
      '000.00.00.G22-261123-0042',
    );
    expect(formatDossierCode('000.00.00.G22', new Date('2026-11-23T03:00:00Z'), 12345)).toBe(
      '000.00.00.G22-261123-12345',
    );
  });

  it('refuses a bad agency code or sequence', () => {
    expect(() => formatDossierCode('H29', new Date(), 1)).toThrow(RangeError);
    expect(() => formatDossierCode('000.00.12.H29', new Date(), 0)).toThrow(RangeError);
  });

  it('parses back what it formats, for any agency, instant and sequence', () => {
    const agency = fc
      .tuple(
        fc.integer({ min: 0, max: 99 }),
        fc.constantFrom('G', 'H'),
        fc.integer({ min: 1, max: 99 }),
      )
      .map(
        ([l2, kind, l1]) =>
          `000.00.${String(l2).padStart(2, '0')}.${kind}${String(l1).padStart(2, '0')}`,
      );
    fc.assert(
      fc.property(
        agency,
        fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }),
        fc.integer({ min: 1, max: 99999 }),
        (code, at, seq) => {
          const parsed = parseDossierCode(formatDossierCode(code, at, seq));
          expect(parsed).toEqual({
            agencyCode: code,
            date: new Date(at.getTime() + 7 * 3600_000).toISOString().slice(0, 10),
            sequence: seq,
          });
        },
      ),
    );
  });

  it('refuses impossible dates', () => {
    expect(parseDossierCode('000.00.12.H29-250230-0001')).toBeUndefined();
    expect(parseDossierCode('000.00.12.H29-25031-0001')).toBeUndefined();
  });
});

describe('citizen ID (CCCD)', () => {
  it('reads province, sex and birth year', () => {
    expect(readCitizenId('079090001234')).toEqual({
      provinceCode: '079',
      sex: 'male',
      birthYear: 1990,
    });
    expect(readCitizenId('040195004567')).toEqual({
      provinceCode: '040',
      sex: 'female',
      birthYear: 1995,
    });
    expect(readCitizenId('001305001234')).toEqual({
      provinceCode: '001',
      sex: 'female',
      birthYear: 2005,
    });
  });

  it('refuses a wrong shape or an unknown province', () => {
    expect(checkCitizenId('07909000123')).toBe('format');
    expect(checkCitizenId('07909000123a')).toBe('format');
    expect(checkCitizenId('003090001234')).toBe('province');
  });

  it('checks the year digits against the date of birth', () => {
    expect(checkCitizenId('079090001234', '1990-05-12')).toBeUndefined();
    expect(checkCitizenId('079090001234', '1991-05-12')).toBe('birthYear');
    expect(checkCitizenId('079299001234', undefined, new Date('2026-11-23'))).toBe('birthYear');
  });
});

describe('tax codes (MST)', () => {
  it('accepts real enterprise codes and their branches', () => {
    expect(taxCodeCheckDigit('010010910')).toBe(6);
    expect(isTaxCode('0100109106')).toBe(true);
    expect(isTaxCode('0100109106-001')).toBe(true);
  });

  it('refuses a wrong check digit, a 000 branch or a bad shape', () => {
    expect(isTaxCode('0100109107')).toBe(false);
    expect(isTaxCode('0100109106-000')).toBe(false);
    expect(isTaxCode('010010910')).toBe(false);
  });

  it('accepts an individual CCCD number as tax code (since 1 July 2025)', () => {
    expect(isTaxCode('079090001234')).toBe(true);
    expect(isTaxCode('003090001234')).toBe(false);
  });
});

describe('Vietnamese mobile numbers', () => {
  it('normalises +84 and separators', () => {
    expect(normalizeVietnamMobile('+84 912 345 678')).toBe('0912345678');
    expect(normalizeVietnamMobile('0387.654.321')).toBe('0387654321');
  });
  it('refuses landlines and wrong lengths', () => {
    for (const value of ['02838123456', '091234567', '0112345678', 'abc'])
      expect(isVietnamMobile(value), value).toBe(false);
  });
});
