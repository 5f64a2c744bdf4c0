// Formatting of dates, ages, distances and periods, in the chosen language.
import type { Lang, T } from './i18n.js';
import type { Placement } from './types.js';
import { formatDkk, parseDkk } from '../../src/shared/money.js';

const locale = (lang: Lang) => (lang === 'da' ? 'da-DK' : 'en-GB');

/** 'YYYY-MM-DD' → "3. marts 2025" / "3 March 2025", read as a calendar date (no time zone shift). */
export function formatDate(iso: string | null | undefined, lang: Lang): string {
  if (!iso) return '—';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return d.toLocaleDateString(locale(lang), { day: 'numeric', month: 'long', year: 'numeric' });
}

/** An instant → "3. mar. 2025 14.05". */
export function formatDateTime(iso: string, lang: Lang): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(locale(lang), { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Copenhagen' });
}

/** A time of day "07:45" (or "07:45:00", or an hour 7) → "07.45" in Danish, "07:45" in English; null → "—". */
export function formatTime(time: string | number | null | undefined, lang: Lang): string {
  if (time === null || time === undefined || time === '') return '—';
  const [h, m] = typeof time === 'number' ? [time, 0] : time.split(':').map(Number);
  if (!Number.isFinite(h) || !Number.isFinite(m)) return String(time);
  const hm = [String(h).padStart(2, '0'), String(m).padStart(2, '0')];
  return hm.join(lang === 'da' ? '.' : ':');
}

/** 27 → "2 år og 3 mdr." */
export function formatAge(months: number, t: T): string {
  const y = Math.floor(months / 12);
  const m = months % 12;
  const years = y === 1 ? t('age.year') : t('age.years', { n: y });
  const mos = m === 1 ? t('age.month') : t('age.months', { n: m });
  if (y === 0) return mos;
  if (m === 0) return years;
  return t('age.and', { a: years, b: mos });
}

/** 1.234 → "1,2 km" */
export function formatKm(km: number, lang: Lang): string {
  return new Intl.NumberFormat(locale(lang), { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(km) + ' km';
}

export function formatNumber(n: number, lang: Lang): string {
  return new Intl.NumberFormat(locale(lang)).format(n);
}

/** "1. august 2024 – 31. juli 2025" or "Fra 1. august 2024". */
export function formatPeriod(start: string, end: string | null, t: T, lang: Lang): string {
  return end
    ? t('placement.period', { start: formatDate(start, lang), end: formatDate(end, lang) })
    : t('placement.from', { start: formatDate(start, lang) });
}

/** A period covers `today` when it has started and not ended (the end date counts as the last day). */
/** An ISO date `days` days later (earlier when negative). */
export function plusDays(iso: string, days: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! + days)).toISOString().slice(0, 10);
}

export function isCurrent(p: { start: string; end: string | null }, today: string): boolean {
  return p.start <= today && (p.end === null || p.end >= today);
}

export function isFuture(p: Placement, today: string): boolean {
  return p.start > today;
}

export function formatValue(v: unknown): string | null {
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/** A kroner amount typed in a form ("2.361,50") in øre; null when it is not one, so the server answers in Danish. */
export function kronerToOere(input: string): number | null {
  try {
    return parseDkk(input);
  } catch {
    return null;
  }
}

/** Øre → "1.234,50 kr." (Danish) / "DKK 1,234.50" (English). */
export function formatOere(oere: number, lang: Lang): string {
  if (lang === 'da') return formatDkk(oere);
  return `DKK ${(oere / 100).toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

/** 1.5 → "1,50" (two decimals unless told). */
export function formatDecimal(n: number, lang: Lang, digits = 2): string {
  return new Intl.NumberFormat(locale(lang), { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(
    n,
  );
}

/** 'YYYY-MM' or 'YYYY-MM-DD' → "marts 2026" / "March 2026". */
export function formatMonth(iso: string, lang: Lang): string {
  const m = /^(\d{4})-(\d{2})/.exec(iso);
  if (!m) return iso;
  return new Date(Number(m[1]), Number(m[2]) - 1, 1).toLocaleDateString(locale(lang), {
    month: 'long',
    year: 'numeric',
  });
}
