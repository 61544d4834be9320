import { describe, expect, it } from 'vitest';
import { toCsv } from './csv.ts';

describe('toCsv', () => {
  it('quotes what RFC 4180 asks and keeps the diacritics behind a byte-order mark', () => {
    expect(toCsv([['Phường Sài Gòn', 'a,b', 'say "hi"', 12.5, null]])).toBe(
      '\uFEFFPhường Sài Gòn,"a,b","say ""hi""",12.5,\r\n',
    );
  });

  it('writes text a spreadsheet would run as a formula so that it shows as typed', () => {
    const csv = toCsv([['=HYPERLINK("http://x","y")', '+1', '-2', '@SUM(A1)', 'Bình thường', -3]]);
    expect(csv).toBe(
      `\uFEFF"'=HYPERLINK(""http://x"",""y"")",'+1,'-2,'@SUM(A1),Bình thường,-3\r\n`,
    );
  });
});
