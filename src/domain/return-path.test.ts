import { describe, expect, it } from 'vitest';
import { safeReturnPath } from './return-path.ts';

describe('safeReturnPath', () => {
  it('keeps a path of this portal, encoded', () => {
    expect(safeReturnPath('/ho-so-cua-toi')).toBe('/ho-so-cua-toi');
    expect(safeReturnPath('/tim-kiem?q=đăng ký kết hôn')).toBe(
      '/tim-kiem?q=%C4%91%C4%83ng%20k%C3%BD%20k%E1%BA%BFt%20h%C3%B4n',
    );
    expect(safeReturnPath('/a\r\nSet-Cookie: x=1')).toBe('/aSet-Cookie:%20x=1');
  });

  it('refuses every way out to another site', () => {
    for (const hostile of [
      '//evil.example',
      '/\t/evil.example',
      '/\\evil.example',
      '/\\/evil.example',
      '/%09/evil.example'.replace('%09', '\t'),
      'https://evil.example/',
      'javascript:alert(1)',
      '',
      undefined,
      null,
    ])
      expect(safeReturnPath(hostile), String(hostile)).toBeUndefined();
  });
});
