// Bars of children present per hour (SVG), with the numbers in a visually hidden table for screen readers.
import { formatTime } from '../../shared/format.js';
import { useT } from '../../shared/i18n.js';
import type { Hour } from './types.js';

export function HourChart({ hours, title }: { hours: Hour[]; title: string }) {
  const { t, lang } = useT();
  const W = 640,
    H = 200,
    LEFT = 32,
    BOTTOM = 24,
    max = Math.max(4, ...hours.map((h) => h.present));
  const bw = (W - LEFT) / hours.length;
  const y = (v: number) => H - BOTTOM - (v / max) * (H - BOTTOM - 10);
  const ticks = [0, Math.round(max / 2), max];
  return (
    <figure className="chart">
      <figcaption className="chart-caption-title">{title}</figcaption>
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={`${title}: ${hours.map((h) => `${formatTime(h.hour, lang)} ${h.present}`).join(', ')}`}
      >
        {ticks.map((v) => (
          <g key={v} className="chart-tick">
            <line x1={LEFT} x2={W} y1={y(v)} y2={y(v)} />
            <text x={LEFT - 6} y={y(v) + 4} textAnchor="end">
              {v}
            </text>
          </g>
        ))}
        {hours.map((h, i) => (
          <g key={h.hour}>
            <rect
              className="bar-enrolled"
              x={LEFT + i * bw + 4}
              width={bw - 8}
              y={y(h.present)}
              height={H - BOTTOM - y(h.present)}
            />
            {h.present > 0 && (
              <text className="chart-value" x={LEFT + i * bw + bw / 2} y={y(h.present) - 3} textAnchor="middle">
                {h.present}
              </text>
            )}
            <text className="chart-axis" x={LEFT + i * bw + bw / 2} y={H - 6} textAnchor="middle">
              {String(h.hour).padStart(2, '0')}
            </text>
          </g>
        ))}
      </svg>
      <table className="visually-hidden">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">{t('att.hour')}</th>
            <th scope="col">{t('att.present')}</th>
          </tr>
        </thead>
        <tbody>
          {hours.map((h) => (
            <tr key={h.hour}>
              <th scope="row">{formatTime(h.hour, lang)}</th>
              <td>{h.present}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

/** Planned (outline) against actual (filled) per day. */
export function PlannedChart({
  days,
  title,
}: {
  days: { date: string; planned: number; actual: number; closed: string | null }[];
  title: string;
}) {
  const W = 640,
    H = 200,
    LEFT = 32,
    BOTTOM = 24,
    max = Math.max(4, ...days.flatMap((d) => [d.planned, d.actual]));
  const bw = (W - LEFT) / Math.max(1, days.length);
  const y = (v: number) => H - BOTTOM - (v / max) * (H - BOTTOM - 10);
  return (
    <figure className="chart">
      <figcaption className="chart-caption-title">{title}</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={title}>
        {[0, max].map((v) => (
          <g key={v} className="chart-tick">
            <line x1={LEFT} x2={W} y1={y(v)} y2={y(v)} />
            <text x={LEFT - 6} y={y(v) + 4} textAnchor="end">
              {v}
            </text>
          </g>
        ))}
        {days.map((d, i) => (
          <g key={d.date}>
            <rect
              className="bar-capacity"
              x={LEFT + i * bw + 2}
              width={bw - 4}
              y={y(d.planned)}
              height={H - BOTTOM - y(d.planned)}
            />
            <rect
              className="bar-enrolled"
              x={LEFT + i * bw + bw / 4}
              width={bw / 2}
              y={y(d.actual)}
              height={H - BOTTOM - y(d.actual)}
            />
            <text className="chart-axis" x={LEFT + i * bw + bw / 2} y={H - 6} textAnchor="middle">
              {d.date.slice(8)}
            </text>
          </g>
        ))}
      </svg>
    </figure>
  );
}
