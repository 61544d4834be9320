/**
 * Officers' passwords, per OWASP ASVS 4.0 level 2 (V2.1): at least 12 characters, up to 128, any
 * Unicode (spaces and Vietnamese letters welcome, normalised to NFC), no composition rules, and
 * refused when common or built from the account's own name.
 */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

// Passwords that lead every leaked-password list, with the Vietnamese favourites; stored lower-case.
const COMMON_PASSWORDS = new Set([
  '123456789012',
  '1234567890123',
  '12345678901234',
  '123123123123',
  '111111111111',
  '000000000000',
  '123456123456',
  '987654321987',
  'qwertyuiopas',
  'qwertyuiop123',
  'qwerty123456',
  'asdfghjkl123',
  '1q2w3e4r5t6y',
  '1qaz2wsx3edc',
  'zaq12wsxcde3',
  'password1234',
  'password12345',
  'password123456',
  'passw0rd1234',
  'p@ssw0rd1234',
  'p@ssword1234',
  'iloveyou1234',
  'abcd12345678',
  'abc123456789',
  'admin1234567',
  'administrator',
  'administrator1',
  'welcome12345',
  'letmein12345',
  'changeme1234',
  'matkhau12345',
  'matkhau123456',
  'matkhaumoi123',
  'anhyeuem1234',
  'anhyeuem123456',
  'emyeuanh1234',
  'vietnam12345',
  'vietnam123456',
  'hanoi1234567',
  'saigon123456',
  'hochiminh1234',
  'dichvucong123',
  'dichvucong1234',
  'motcua123456',
  'opendvc12345',
  'opendvc123456',
]);

/** Lower-case, without diacritics or separators: how people actually vary a name into a password. */
const folded = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/gi, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');

export type PasswordProblem = { code: string; message: string };

export function passwordProblems(
  password: string,
  account: { username?: string | null; fullName?: string | null },
): PasswordProblem[] {
  const normalised = password.normalize('NFC');
  const length = Array.from(normalised).length; // code points: NFC Vietnamese letters count once
  const problems: PasswordProblem[] = [];
  if (length < PASSWORD_MIN_LENGTH)
    problems.push({
      code: 'too_short',
      message: `Mật khẩu phải có ít nhất ${String(PASSWORD_MIN_LENGTH)} ký tự (có thể dùng cả câu, có dấu cách)`,
    });
  if (length > PASSWORD_MAX_LENGTH)
    problems.push({
      code: 'too_long',
      message: `Mật khẩu không được dài quá ${String(PASSWORD_MAX_LENGTH)} ký tự`,
    });
  const plain = folded(normalised);
  if (COMMON_PASSWORDS.has(normalised.toLowerCase()) || COMMON_PASSWORDS.has(plain))
    problems.push({
      code: 'common',
      message: 'Mật khẩu này quá phổ biến và dễ bị dò ra; vui lòng chọn mật khẩu khác',
    });
  else if (new Set(plain).size <= 2 && plain.length > 0)
    problems.push({ code: 'repetitive', message: 'Mật khẩu không được lặp lại một vài ký tự' });
  const username = folded(account.username ?? '');
  const nameParts = (account.fullName ?? '')
    .split(/\s+/)
    .map(folded)
    .filter((part) => part.length >= 2);
  if (username.length >= 3 && plain.includes(username))
    problems.push({ code: 'personal', message: 'Mật khẩu không được chứa tên đăng nhập' });
  else if (nameParts.length > 0 && nameParts.every((part) => plain.includes(part)))
    problems.push({ code: 'personal', message: 'Mật khẩu không được dựng từ họ tên của bạn' });
  return problems;
}
