import { useEffect, type ReactNode } from 'react';
import { usePortal } from '../session.ts';

/**
 * The one h1 of a page, drawn at the size of a section title, and the browser tab's title: the
 * page's name, then the portal's (WCAG 2.4.2; a screen reader announces it on every navigation).
 */
export function PageTitle({
  children,
  text,
  style,
}: {
  children: ReactNode;
  /** The tab title, when the heading is not plain text (a link, a code). */
  text?: string;
  style?: React.CSSProperties;
}) {
  const portal = usePortal();
  const name = text ?? (typeof children === 'string' ? children : undefined);
  useEffect(() => {
    const site = portal.data?.name;
    if (name) document.title = site ? `${name} — ${site}` : name;
  }, [name, portal.data?.name]);
  return (
    <h1 className="page-title" style={style}>
      {children}
    </h1>
  );
}
