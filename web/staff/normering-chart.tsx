// A small SVG line chart: children per adult over 12 months for 0–2 and 3–5, against the minimum (dashed).
import { useT } from '../shared/i18n.js';
import { formatDecimal, formatMonth } from '../shared/format.js';
import type { Normering } from '../../src/modules/reporting/contract.js';

const W = 620;
const H = 240;
const TOP = 16;
const BOTTOM = 40;
const LEFT = 40;
const RIGHT = 12;

export function NormeringChart({ data }: { data: Normering }) {
  const { t, lang } = useT();
  const months = data.months;
  const values = months.flatMap((m) => [m['0-2'].childrenPerAdult ?? 0, m['3-5'].childrenPerAdult ?? 0]);
  const max = Math.max(data.minimum['3-5'] + 1, ...values);
  const top = Math.ceil(max);
  const plotH = H - TOP - BOTTOM,
    plotW = W - LEFT - RIGHT;
  const x = (i: number) => LEFT + (months.length > 1 ? (i / (months.length - 1)) * plotW : plotW / 2);
  const y = (v: number) => TOP + plotH - (v / top) * plotH;
  const step = top > 10 ? 2 : 1;
  const ticks = Array.from({ length: Math.floor(top / step) + 1 }, (_, i) => i * step);
  const path = (band: '0-2' | '3-5') =>
    months
      .map((m, i) => [i, m[band].childrenPerAdult] as const)
      .filter(([, v]) => v !== null)
      .map(([i, v], k) => `${k ? 'L' : 'M'}${x(i).toFixed(1)},${y(v!).toFixed(1)}`)
      .join(' ');
  const num = (v: number | null) => (v === null ? t('norm.none') : formatDecimal(v, lang));
  const summary = months
    .map((m) =>
      t('norm.chart.summary', {
        month: formatMonth(m.month, lang),
        young: num(m['0-2'].childrenPerAdult),
        old: num(m['3-5'].childrenPerAdult),
      }),
    )
    .join('; ');
  return (
    <figure className="chart" style={{ maxWidth: '46rem' }}>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`${t('norm.chart')}: ${summary}`}>
        {ticks.map((v) => (
          <g key={v} className="chart-tick">
            <line x1={LEFT} x2={W - RIGHT} y1={y(v)} y2={y(v)} />
            <text x={LEFT - 6} y={y(v) + 4} textAnchor="end">
              {v}
            </text>
          </g>
        ))}
        <line
          className="line-min-young"
          x1={LEFT}
          x2={W - RIGHT}
          y1={y(data.minimum['0-2'])}
          y2={y(data.minimum['0-2'])}
        />
        <line
          className="line-min-old"
          x1={LEFT}
          x2={W - RIGHT}
          y1={y(data.minimum['3-5'])}
          y2={y(data.minimum['3-5'])}
        />
        <path className="line-young" d={path('0-2')} />
        <path className="line-old" d={path('3-5')} />
        {months.map((m, i) => (
          <text
            key={m.month}
            className="chart-tick"
            x={x(i)}
            y={H - 20}
            textAnchor="middle"
            fontSize="11"
            fill="#374151"
          >
            {formatMonth(m.month, lang).slice(0, 3)}
          </text>
        ))}
      </svg>
      <figcaption>
        <span className="chart-caption-title">{t('norm.chart')}</span>
        <ul className="plan-legend">
          <li>
            <span className="swatch swatch-young" aria-hidden="true" />
            {t('norm.young')}
          </li>
          <li>
            <span className="swatch swatch-old" aria-hidden="true" />
            {t('norm.old')}
          </li>
          <li>
            <span className="swatch swatch-dashed" aria-hidden="true" />
            {t('norm.minYoung', { n: data.minimum['0-2'] })}, {t('norm.minOld', { n: data.minimum['3-5'] })}
          </li>
        </ul>
      </figcaption>
    </figure>
  );
}
