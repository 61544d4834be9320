import { Link, useSearchParams } from 'react-router';
import { useI18n } from '../i18n.tsx';

/**
 * The pages to offer around the current one: the first, the last, the current one's neighbours,
 * and a gap for what lies between (a gap would hide a single page: that page is shown instead).
 */
export function pagesAround(current: number, last: number): (number | 'gap')[] {
  const shown = [...new Set([1, current - 1, current, current + 1, last])]
    .filter((n) => n >= 1 && n <= last)
    .sort((a, b) => a - b);
  return shown.flatMap((n, i) => {
    const hidden = n - (shown[i - 1] ?? n) - 1;
    if (hidden === 1) return [n - 1, n];
    return hidden > 1 ? ['gap' as const, n] : [n];
  });
}

/**
 * Links to the pages of a list, kept in the address (`param`), so a page can be bookmarked,
 * shared and reached with the back button; the current page is marked for screen readers.
 */
export function Pager({
  current,
  pageSize,
  total,
  param,
}: {
  current: number;
  pageSize: number;
  total: number;
  param: string;
}) {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const last = Math.max(1, Math.ceil(total / pageSize));
  if (last === 1) return null;
  const href = (page: number) => {
    const next = new URLSearchParams(params);
    if (page === 1) next.delete(param);
    else next.set(param, String(page));
    const query = next.toString();
    return query ? `?${query}` : '?';
  };
  return (
    <nav className="pager" aria-label={t('pager.label')}>
      <ul>
        {current > 1 && (
          <li>
            <Link to={href(current - 1)} aria-label={t('pager.previous')}>
              ‹
            </Link>
          </li>
        )}
        {pagesAround(current, last).map((page, i) =>
          page === 'gap' ? (
            <li key={`gap-${String(i)}`} aria-hidden="true">
              …
            </li>
          ) : (
            <li key={page}>
              <Link
                to={href(page)}
                aria-label={t('pager.page', { n: page })}
                aria-current={page === current ? 'page' : undefined}
              >
                {page}
              </Link>
            </li>
          ),
        )}
        {current < last && (
          <li>
            <Link to={href(current + 1)} aria-label={t('pager.next')}>
              ›
            </Link>
          </li>
        )}
      </ul>
    </nav>
  );
}
