/**
 * An amount of đồng in Vietnamese words, as receipts write it ("Số tiền bằng chữ"): groups of
 * three digits read with trăm/mươi, "linh" for a missing ten, "mốt", "lăm"; a group inside the
 * number keeps its "không trăm" (1.005.000 → một triệu không trăm linh năm nghìn).
 */
const DIGITS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'];
const SCALES = ['', 'nghìn', 'triệu', 'tỷ'];

function readGroup(n: number, full: boolean): string {
  const hundreds = Math.floor(n / 100);
  const tens = Math.floor((n % 100) / 10);
  const units = n % 10;
  const words: string[] = [];
  if (full || hundreds > 0) words.push(DIGITS[hundreds] ?? '', 'trăm');
  if (tens === 0) {
    if (units > 0 && words.length > 0) words.push('linh');
  } else if (tens === 1) {
    words.push('mười');
  } else {
    words.push(DIGITS[tens] ?? '', 'mươi');
  }
  if (units > 0) {
    if (units === 1 && tens >= 2) words.push('mốt');
    else if (units === 5 && tens >= 1) words.push('lăm');
    else words.push(DIGITS[units] ?? '');
  }
  return words.join(' ');
}

function readNumber(n: number): string {
  if (n === 0) return 'không';
  // Above a thousand billion the scales repeat: "nghìn tỷ", "triệu tỷ".
  const billions = Math.floor(n / 1e9);
  const rest = n % 1e9;
  const parts: string[] = [];
  if (billions > 0) parts.push(`${readNumber(billions)} tỷ`);
  const groups = [Math.floor(rest / 1e6), Math.floor((rest % 1e6) / 1e3), rest % 1e3];
  groups.forEach((group, i) => {
    if (group === 0) return;
    const scale = SCALES[2 - i] ?? '';
    parts.push([readGroup(group, parts.length > 0), scale].filter(Boolean).join(' '));
  });
  return parts.join(' ');
}

export function vndInWords(amount: number): string {
  if (!Number.isSafeInteger(amount) || amount < 0)
    throw new RangeError(`not an amount: ${String(amount)}`);
  const words = `${readNumber(amount)} đồng`;
  return words.charAt(0).toUpperCase() + words.slice(1);
}
