import { useEffect, useRef, useState } from 'react';

/**
 * The statistics page's two charts, drawn by hand: a ranking is a list of bars and a trend is a
 * few lines over twelve months, jobs for which a charting library would cost a phone 180 KB of
 * script. Both are drawn at the width they are given, so their labels keep their size and do not
 * overlap at 360 px, and both say their numbers to a screen reader.
 */

/** One agency's bar in a ranking: its name and its value in percent. */
export type Bar = { key: string; label: string; percent: number };

/** A ranking as horizontal bars, the name above each bar on a phone and beside it on a desk. */
export function BarList({
  bars,
  format,
  label,
  testId,
}: {
  bars: Bar[];
  /** The value as the page writes it (17,97%). */
  format: (percent: number) => string;
  /** What the bars measure, for screen readers. */
  label: string;
  testId?: string;
}) {
  return (
    <ol className="bar-list" aria-label={label} data-testid={testId}>
      {bars.map((bar) => (
        <li key={bar.key}>
          <span className="bar-list-name">{bar.label}</span>
          <span className="bar-list-track" aria-hidden="true">
            <span
              className="bar-list-bar"
              style={{ width: `${String(Math.min(100, Math.max(0, bar.percent)))}%` }}
            />
          </span>
          <span className="bar-list-value">{format(bar.percent)}</span>
        </li>
      ))}
    </ol>
  );
}

/** The width an element is drawn at, followed as the window or the layout changes. */
function useWidth<T extends Element>() {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setWidth(Math.floor(entry.contentRect.width));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, width] as const;
}

/** A step for a value axis that gives about `ticks` round lines (1, 2 or 5 times a power of 10). */
export function niceStep(max: number, ticks = 4): number {
  if (max <= 0) return 1;
  const rough = max / ticks;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power;
  return Math.max(1, step);
}

/** Every how many labels to show so that labels `labelPx` wide fit in `widthPx`. */
export function labelEvery(count: number, widthPx: number, labelPx: number): number {
  if (count === 0 || widthPx <= 0) return 1;
  return Math.max(1, Math.ceil((count * labelPx) / widthPx));
}

export type Series = { name: string; color: string; values: number[] };

const PADDING = { left: 48, right: 12, top: 12, bottom: 28 };

/** Lines over categories (months), with a legend and the figures in a table beneath. */
export function LineChart({
  categories,
  series,
  format,
  label,
  categoryLabel,
  tableLabel,
  height = 260,
  testId,
}: {
  categories: string[];
  series: Series[];
  format: (n: number) => string;
  label: string;
  /** The table's heading over the categories (Tháng). */
  categoryLabel: string;
  /** The disclosure that shows the figures as a table. */
  tableLabel: string;
  height?: number;
  testId?: string;
}) {
  const [ref, width] = useWidth<HTMLDivElement>();
  const max = Math.max(0, ...series.flatMap((s) => s.values));
  const step = niceStep(max);
  const top = Math.max(step, Math.ceil(max / step) * step);
  const plotWidth = Math.max(0, width - PADDING.left - PADDING.right);
  const plotHeight = height - PADDING.top - PADDING.bottom;
  const x = (i: number) =>
    PADDING.left + (categories.length <= 1 ? 0 : (i * plotWidth) / (categories.length - 1));
  const y = (v: number) => PADDING.top + plotHeight - (v / top) * plotHeight;
  const every = labelEvery(categories.length, plotWidth, 56);
  const lines = Array.from({ length: Math.round(top / step) + 1 }, (_, i) => i * step);

  return (
    <div className="line-chart" data-testid={testId}>
      <ul className="line-chart-legend">
        {series.map((s) => (
          <li key={s.name}>
            <span className="line-chart-swatch" style={{ background: s.color }} />
            {s.name}
          </li>
        ))}
      </ul>
      <div ref={ref}>
        {width > 0 && (
          <svg width={width} height={height} role="img" aria-label={label}>
            {lines.map((v) => (
              <g key={v}>
                <line
                  x1={PADDING.left}
                  x2={width - PADDING.right}
                  y1={y(v)}
                  y2={y(v)}
                  stroke="#e3e6ea"
                />
                <text
                  x={PADDING.left - 6}
                  y={y(v)}
                  textAnchor="end"
                  dominantBaseline="middle"
                  className="line-chart-tick"
                >
                  {format(v)}
                </text>
              </g>
            ))}
            {categories.map((c, i) =>
              i % every === 0 || i === categories.length - 1 ? (
                <text
                  key={c}
                  x={x(i)}
                  y={height - 8}
                  textAnchor="middle"
                  className="line-chart-tick"
                >
                  {c}
                </text>
              ) : null,
            )}
            {series.map((s) => (
              <g key={s.name}>
                <polyline
                  fill="none"
                  stroke={s.color}
                  strokeWidth={2}
                  points={s.values.map((v, i) => `${String(x(i))},${String(y(v))}`).join(' ')}
                />
                {s.values.map((v, i) => (
                  <circle key={categories[i]} cx={x(i)} cy={y(v)} r={3} fill={s.color}>
                    <title>{`${categories[i] ?? ''} · ${s.name}: ${format(v)}`}</title>
                  </circle>
                ))}
              </g>
            ))}
          </svg>
        )}
      </div>
      <details className="line-chart-table">
        <summary>{tableLabel}</summary>
        <div className="table-scroll" tabIndex={0} role="region" aria-label={tableLabel}>
          <table>
            <thead>
              <tr>
                <th scope="col">{categoryLabel}</th>
                {series.map((s) => (
                  <th key={s.name} scope="col">
                    {s.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {categories.map((c, i) => (
                <tr key={c}>
                  <th scope="row">{c}</th>
                  {series.map((s) => (
                    <td key={s.name}>{format(s.values[i] ?? 0)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </div>
  );
}
