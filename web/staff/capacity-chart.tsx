// A small SVG bar chart: today's capacity against enrolled children, per age band.
import { useT } from '../shared/i18n.js';
import { AGE_BANDS, type AgeBand } from '../shared/types.js';

const W = 520;
const H = 220;
const TOP = 16;
const BOTTOM = 36;
const LEFT = 40;

export function CapacityChart({
  capacity,
  enrolled,
}: {
  capacity: Partial<Record<AgeBand, number>>;
  enrolled: Partial<Record<AgeBand, number>>;
}) {
  const { t } = useT();
  const bands = AGE_BANDS.filter((b) => (capacity[b] ?? 0) > 0 || (enrolled[b] ?? 0) > 0);
  if (bands.length === 0) return null;
  const max = Math.max(1, ...bands.map((b) => Math.max(capacity[b] ?? 0, enrolled[b] ?? 0)));
  const step = niceStep(max);
  const top = Math.ceil(max / step) * step;
  const plotH = H - TOP - BOTTOM;
  const groupW = (W - LEFT - 8) / bands.length;
  const barW = Math.min(36, groupW / 3);
  const y = (v: number) => TOP + plotH - (v / top) * plotH;
  const ticks = Array.from({ length: Math.round(top / step) + 1 }, (_, i) => i * step);
  const bandLabel = (b: AgeBand) => t('band', { band: b.replace('-', '–') });
  const summary = bands
    .map((b) => t('chart.summary', { band: bandLabel(b), places: capacity[b] ?? 0, enrolled: enrolled[b] ?? 0 }))
    .join('; ');

  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`${t('chart.title')}: ${summary}`}>
        {ticks.map((v) => (
          <g key={v} className="chart-tick">
            <line x1={LEFT} x2={W} y1={y(v)} y2={y(v)} />
            <text x={LEFT - 6} y={y(v) + 4} textAnchor="end">
              {v}
            </text>
          </g>
        ))}
        {bands.map((b, i) => {
          const cx = LEFT + groupW * i + groupW / 2;
          const c = capacity[b] ?? 0;
          const e = enrolled[b] ?? 0;
          return (
            <g key={b}>
              <rect className="bar-capacity" x={cx - barW - 2} width={barW} y={y(c)} height={y(0) - y(c)} />
              <rect className="bar-enrolled" x={cx + 2} width={barW} y={y(e)} height={y(0) - y(e)} />
              <text className="chart-value" x={cx - barW / 2 - 2} y={y(c) - 4} textAnchor="middle">
                {c}
              </text>
              <text className="chart-value" x={cx + barW / 2 + 2} y={y(e) - 4} textAnchor="middle">
                {e}
              </text>
              <text className="chart-axis" x={cx} y={H - 12} textAnchor="middle">
                {bandLabel(b)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption>
        <span className="chart-caption-title">{t('chart.title')}</span>
        <ul className="plan-legend">
          <li>
            <span className="swatch swatch-capacity" aria-hidden="true" />
            {t('chart.capacity')}
          </li>
          <li>
            <span className="swatch swatch-enrolled" aria-hidden="true" />
            {t('chart.enrolled')}
          </li>
        </ul>
      </figcaption>
    </figure>
  );
}

function niceStep(max: number): number {
  const raw = max / 4;
  const pow = 10 ** Math.floor(Math.log10(raw));
  return Math.max(1, ([1, 2, 5, 10].find((m) => m * pow >= raw) ?? 10) * pow);
}
