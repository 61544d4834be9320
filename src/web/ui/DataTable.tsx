import type { ReactNode } from 'react';

export type Column<T> = { title: string; render: (row: T) => ReactNode; numeric?: boolean };

/**
 * A plain table that scrolls sideways inside its own box on a phone; the box is named and
 * reachable by keyboard, so it can be scrolled without a mouse (WCAG 2.1.1).
 */
export function DataTable<T>({
  label,
  rows,
  rowKey,
  columns,
  empty,
}: {
  label: string;
  rows: T[];
  rowKey: (row: T) => string;
  columns: Column<T>[];
  empty: string;
}) {
  if (rows.length === 0) return <p className="empty-state">{empty}</p>;
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={label}>
      <table className="data-table">
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.title} scope="col" className={column.numeric ? 'numeric' : undefined}>
                {column.title}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)}>
              {columns.map((column) => (
                <td key={column.title} className={column.numeric ? 'numeric' : undefined}>
                  {column.render(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
