// A drawn plan of unit locations: an SVG scatter of coordinates (no map tiles), the home as a house.
import { useState, type MouseEvent } from 'react';
import { useT } from '../shared/i18n.js';
import type { CitizenUnits } from '../../src/modules/registry/contract.js';

const W = 600;
const H = 440;
const PAD = 28;
const KM_PER_DEG = 111.32;

interface Props {
  data: CitizenUnits;
  selectedId: string | null;
  onSelect: (id: string) => void;
}

export function LocationPlan({ data, selectedId, onSelect }: Props) {
  const { t, lang } = useT();
  const [focusId, setFocusId] = useState<string | null>(null);
  const units = data.units.filter((u) => u.lat !== null && u.lon !== null);
  const home =
    data.home && data.home.lat !== null && data.home.lon !== null ? { lat: data.home.lat, lon: data.home.lon } : null;
  const pts = [...units.map((u) => ({ lat: u.lat!, lon: u.lon! })), ...(home ? [home] : [])];
  if (pts.length === 0) return <p className="muted">{t('plan.empty')}</p>;

  // Equirectangular projection around the mean latitude, fitted to the drawing, north up.
  const cos = Math.cos(((pts.reduce((s, p) => s + p.lat, 0) / pts.length) * Math.PI) / 180);
  const xs = pts.map((p) => p.lon * cos);
  const ys = pts.map((p) => p.lat);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const span = Math.max(maxX - minX, maxY - minY, 0.005);
  const scale = Math.min(
    (W - 2 * PAD) / Math.max(maxX - minX, span * 0.2),
    (H - 2 * PAD) / Math.max(maxY - minY, span * 0.2),
  );
  const offX = (W - (maxX - minX) * scale) / 2;
  const offY = (H - (maxY - minY) * scale) / 2;
  const project = (lat: number, lon: number) => ({
    x: offX + (lon * cos - minX) * scale,
    y: H - offY - (lat - minY) * scale,
  });

  // A scale bar of a round number of kilometres, about a fifth of the width.
  const pxPerKm = scale / KM_PER_DEG;
  const barKm = [0.5, 1, 2, 5, 10, 20, 50].find((k) => k * pxPerKm >= W / 6) ?? 50;
  const selected = units.find((u) => u.id === selectedId);
  const focused = units.find((u) => u.id === focusId);

  function click(e: MouseEvent, id: string) {
    e.preventDefault();
    onSelect(id);
  }

  return (
    <figure className="plan">
      <svg viewBox={`0 0 ${W} ${H}`} role="group" aria-label={t('plan.title')}>
        <rect width={W} height={H} className="plan-bg" />
        {[1, 2, 3, 4, 5].map((i) => (
          <line key={'v' + i} x1={(W / 6) * i} x2={(W / 6) * i} y1={0} y2={H} className="plan-grid" />
        ))}
        {[1, 2, 3].map((i) => (
          <line key={'h' + i} y1={(H / 4) * i} y2={(H / 4) * i} x1={0} x2={W} className="plan-grid" />
        ))}
        <g aria-hidden="true" className="plan-north">
          <path d={`M${W - 24} 14 l7 18 h-14 z`} />
          <text x={W - 24} y={46} textAnchor="middle">
            N
          </text>
        </g>
        <g aria-hidden="true" className="plan-scale">
          <path d={`M16 ${H - 16} v-6 M16 ${H - 16} h${barKm * pxPerKm} v-6`} />
          <text x={20 + barKm * pxPerKm} y={H - 16}>
            {lang === 'da' ? String(barKm).replace('.', ',') : barKm} km
          </text>
        </g>
        {units.map((u) => {
          const { x, y } = project(u.lat!, u.lon!);
          return (
            <a
              key={u.id}
              href={'#unit-' + u.id}
              aria-label={u.name}
              onClick={(e) => click(e, u.id)}
              className="plan-dot"
              onFocus={() => setFocusId(u.id)}
              onBlur={() => setFocusId(null)}
              onMouseEnter={() => setFocusId(u.id)}
              onMouseLeave={() => setFocusId(null)}
            >
              <title>{u.name}</title>
              <circle
                cx={x}
                cy={y}
                r={selectedId === u.id ? 9 : 6}
                className={selectedId === u.id ? 'is-selected' : undefined}
              />
            </a>
          );
        })}
        {selected && (
          <Label
            x={project(selected.lat!, selected.lon!).x}
            y={project(selected.lat!, selected.lon!).y}
            name={selected.name}
            ring
          />
        )}
        {focused && focused !== selected && (
          <Label
            x={project(focused.lat!, focused.lon!).x}
            y={project(focused.lat!, focused.lon!).y}
            name={focused.name}
          />
        )}
        {home &&
          (() => {
            const { x, y } = project(home.lat, home.lon);
            return (
              <g role="img" aria-label={t('plan.home')} className="plan-home" transform={`translate(${x} ${y})`}>
                <title>{t('plan.home')}</title>
                <path d="M0 -12 L11 -2 H7 V10 H-7 V-2 H-11 Z" />
              </g>
            );
          })()}
      </svg>
      <figcaption>
        <p>{t('plan.caption')}</p>
        <ul className="plan-legend">
          <li>
            <span className="swatch swatch-unit" aria-hidden="true" />
            {t('plan.unit')}
          </li>
          <li>
            <span className="swatch swatch-selected" aria-hidden="true" />
            {t('plan.selected')}
          </li>
          {home && (
            <li>
              <span className="swatch swatch-home" aria-hidden="true" />
              {t('plan.home')}
            </li>
          )}
        </ul>
      </figcaption>
    </figure>
  );
}

/** The name next to a dot (decorative: the dot itself carries the name). */
function Label({ x, y, name, ring = false }: { x: number; y: number; name: string; ring?: boolean }) {
  const left = x > W * 0.6;
  return (
    <g aria-hidden="true" className="plan-label">
      {ring && <circle cx={x} cy={y} r={14} className="plan-ring" />}
      <text x={left ? x - 18 : x + 18} y={y + 5} textAnchor={left ? 'end' : 'start'}>
        {name}
      </text>
    </g>
  );
}
