const SAME_ORIGIN_BASE = 'https://portal.invalid';

/**
 * Where to send the browser back after sign-in: only a path of this portal, never another site
 * (no open redirect). The value is parsed as a browser would (which drops tabs and line breaks, so
 * `/\t/evil.example` is `//evil.example`) and kept only when it stays on this origin; it comes
 * back percent-encoded, fit for a Location header. Undefined when refused.
 */
export function safeReturnPath(value: string | null | undefined): string | undefined {
  if (!value || !value.startsWith('/')) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(value, SAME_ORIGIN_BASE);
  } catch {
    return undefined;
  }
  if (parsed.origin !== SAME_ORIGIN_BASE) return undefined;
  return `${parsed.pathname}${parsed.search}${parsed.hash}`;
}
