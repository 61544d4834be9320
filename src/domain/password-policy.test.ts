import { describe, expect, it } from 'vitest';
import { passwordProblems } from './password-policy.ts';

const codes = (password: string, account = { username: 'chau.lm', fullName: 'Lê Minh Châu' }) =>
  passwordProblems(password, account).map((p) => p.code);

describe('officer password policy (ASVS 4.0 V2.1)', () => {
  it('accepts long passphrases, with spaces and Vietnamese letters, without composition rules', () => {
    expect(codes('mùa thu hà nội lá vàng rơi')).toEqual([]);
    expect(codes('correcthorsebatterystaple')).toEqual([]);
  });

  it('counts characters, not bytes: 12 Vietnamese letters are enough', () => {
    expect(codes('đường phố xá')).toEqual([]);
    expect(codes('đường phố x')).toEqual(['too_short']);
  });

  it('refuses short, overlong, common and repetitive passwords', () => {
    expect(codes('ngắn quá')).toEqual(['too_short']);
    expect(codes('a'.repeat(129))).toContain('too_long');
    expect(codes('Password1234')).toEqual(['common']);
    expect(codes('MatKhau123456')).toEqual(['common']);
    expect(codes('ababababababab')).toEqual(['repetitive']);
  });

  it('refuses passwords built from the username or the full name', () => {
    expect(codes('chau.lm-2026-mùa-thu')).toEqual(['personal']);
    expect(codes('leminhchau2026!')).toEqual(['personal']);
    expect(codes('Lê Minh Châu 1990')).toEqual(['personal']);
  });
});
