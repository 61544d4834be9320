import type { ReactNode } from 'react';
import { PageTitle } from './PageTitle.tsx';

const ICONS = { success: '✓', warning: '!', info: 'i' } as const;

/** The end of a journey (submitted, paid): what happened as the page's heading, then what to do next. */
export function Outcome({
  tone,
  title,
  children,
  actions,
}: {
  tone: keyof typeof ICONS;
  title: string;
  children: ReactNode;
  actions: ReactNode;
}) {
  return (
    <section className={`outcome outcome-${tone}`}>
      <span className="outcome-icon" aria-hidden="true">
        {ICONS[tone]}
      </span>
      <PageTitle>{title}</PageTitle>
      <div className="outcome-body">{children}</div>
      <div className="outcome-actions">{actions}</div>
    </section>
  );
}
