// Municipality settings as versioned data, shown and changed as domain rules: every value in words with its period,
// and for each setting a form whose fields say what they mean, are checked before saving and preview the effect
// ("med denne regel kan en forælder booke start til og med 1. marts 2029"). Placement rules have their own page.
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../shared/api.js';
import { DataTable, ErrorMessage, Field, Loading, Status, useApi } from '../shared/components.js';
import { formatDate, formatDecimal, formatNumber, formatPeriod, isCurrent, plusDays } from '../shared/format.js';
import { isKey, useT, type Key, type Lang, type T } from '../shared/i18n.js';
import { useCan } from '../shared/session.js';
import { useToday } from '../shared/today.js';
import { describeRule } from './placement-rules.js';
import type { Setting } from '../../src/modules/settings/contract.js';

const EDITABLE = ['booking.policy', 'attendance.correction_window_days', 'employees.full_time_minutes'] as const;
type Editable = (typeof EDITABLE)[number];

/** The defaults the server uses when a municipality has no value (src/modules/booking/booking-policy.ts, attendance
 *  rules.ts, employees routes.staff.ts). */
const BOOKING_DEFAULT = {
  modeNursery: 'booking',
  modeKindergarten: 'booking',
  hybridMonths: 4,
  heldShare: 0.1,
  releaseWeeks: 8,
  changeDeadlineDays: 14,
  nurseryWeight: 2,
  transitionAgeMonths: 34,
  earliestAgeWeeks: 26,
  horizonMonths: 36,
};
type BookingPolicy = typeof BOOKING_DEFAULT;
const DEFAULTS: Record<Editable, unknown> = {
  'booking.policy': BOOKING_DEFAULT,
  'attendance.correction_window_days': 7,
  'employees.full_time_minutes': 37 * 60,
};
const MODES = ['booking', 'waitlist', 'hybrid'] as const;

/** An ISO date `n` months later, the day kept where the month has it (31 January + 1 month = 28/29 February). */
export function addMonths(iso: string, n: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  const total = y! * 12 + (m! - 1) + n;
  const year = Math.floor(total / 12),
    month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d!, last)).padStart(2, '0')}`;
}
const firstOfMonth = (iso: string) => iso.slice(0, 8) + '01';

const settingName = (t: T, key: string) => {
  for (const k of [`set.k.${key}`, `po.k.${key}`]) if (isKey(k)) return t(k);
  return t('set.other', { key });
};

/** A setting's value in words. */
function describeSetting(key: string, v: unknown, t: T, lang: Lang): string {
  const n = (x: number) => formatDecimal(x, lang, 0);
  switch (key) {
    case 'booking.policy': {
      const p = { ...BOOKING_DEFAULT, ...(v as Partial<BookingPolicy>) };
      const short = (m: string) => (isKey(`set.bp.short.${m}`) ? t(`set.bp.short.${m}` as Key) : m);
      return t('set.bp.summary', {
        nursery: short(p.modeNursery),
        kindergarten: short(p.modeKindergarten),
        horizon: n(p.horizonMonths),
      });
    }
    case 'attendance.correction_window_days':
      return t('set.cw.value', { n: n(Number(v)) });
    case 'employees.full_time_minutes':
      return t('set.ft.value', { h: Math.floor(Number(v) / 60), m: Number(v) % 60 });
    default:
      // Priority classes are named on the placement rules page (from the placement module's list).
      if (key.startsWith('placement.') && key !== 'placement.priority_classes' && isKey(`po.k.${key}`))
        return describeRule(key, v, t, lang, {} as Parameters<typeof describeRule>[4]);
      return t('set.unknownValue');
  }
}

export function MunicipalSettings() {
  const { t, lang } = useT();
  const can = useCan();
  const id = useId();
  const today = useToday();
  const { data, error, loading, reload } = useApi<Setting[]>('/api/staff/settings');
  const [editing, setEditing] = useState<Editable | ''>('');
  const [saved, setSaved] = useState<string | null>(null);
  const currentOf = (key: Editable) => data?.find((s) => s.key === key && isCurrent(s, today))?.value ?? DEFAULTS[key];

  return (
    <section aria-labelledby={id + 'h'} className="panel">
      <h2 id={id + 'h'}>{t('settings.heading')}</h2>
      <p>{t('settings.intro')}</p>
      {loading && !data && <Loading />}
      <ErrorMessage error={error} onRetry={reload} />
      {data && data.length > 0 && (
        <DataTable
          caption={t('settings.caption', { n: data.length })}
          rows={data}
          rowKey={(s) => s.id}
          initialSort={{ column: 'rule', direction: 'ascending' }}
          columns={[
            {
              id: 'rule',
              header: t('set.col.setting'),
              rowHeader: true,
              sort: (s) => settingName(t, s.key),
              cell: (s) => settingName(t, s.key),
            },
            {
              id: 'value',
              header: t('set.col.value'),
              text: (s) => describeSetting(s.key, s.value, t, lang),
              cell: (s) => describeSetting(s.key, s.value, t, lang),
            },
            {
              id: 'period',
              header: t('settings.period'),
              sort: (s) => s.start,
              text: (s) => formatPeriod(s.start, s.end, t, lang),
              cell: (s) => formatPeriod(s.start, s.end, t, lang),
            },
          ]}
        />
      )}
      {data && can('settings.change') && (
        <>
          <div className="settings-choose field">
            <label htmlFor={id + 'c'}>{t('set.choose')}</label>
            <select
              id={id + 'c'}
              value={editing}
              onChange={(e) => {
                setSaved(null);
                setEditing(e.target.value as Editable | '');
              }}
            >
              <option value="">{t('set.chooseNone')}</option>
              {EDITABLE.map((k) => (
                <option key={k} value={k}>
                  {settingName(t, k)}
                </option>
              ))}
            </select>
          </div>
          {can('placement.read') && (
            <p>
              <Link to="/staff/pladsregler">{t('set.placementLink')}</Link>
            </p>
          )}
          {editing && (
            <SettingForm
              key={editing}
              settingKey={editing}
              current={currentOf(editing)}
              onCancel={() => setEditing('')}
              onSaved={(text) => {
                setEditing('');
                setSaved(text);
                reload();
              }}
            />
          )}
        </>
      )}
      <Status text={saved} />
    </section>
  );
}

/** A number typed in a field: its value, or the message to show (whole numbers unless `decimal`). */
function parseNumber(
  raw: string,
  min: number,
  max: number,
  t: T,
  lang: Lang,
  decimal = false,
): { value: number } | { error: string } {
  const s = raw.trim().replace(',', '.');
  const v = Number(s);
  const ok = s !== '' && Number.isFinite(v) && (decimal || Number.isInteger(v)) && v >= min && v <= max;
  if (ok) return { value: v };
  const range = { min: formatDecimal(min, lang, 0), max: formatDecimal(max, lang, 0) };
  return { error: t(decimal ? 'set.dec' : 'set.int', range) };
}

type Draft = Record<string, string>;
type Check = { value: number } | { error: string };

function draftOf(key: Editable, v: unknown): Draft {
  switch (key) {
    case 'booking.policy': {
      const p = { ...BOOKING_DEFAULT, ...(v as Partial<BookingPolicy>) };
      return Object.fromEntries(
        Object.entries(p).map(([k, x]) => [
          k,
          k === 'heldShare' ? String(Math.round(Number(x) * 1000) / 10) : String(x).replace('.', ','),
        ]),
      );
    }
    case 'attendance.correction_window_days':
      return { days: String(v) };
    case 'employees.full_time_minutes':
      return { hours: String(Math.floor(Number(v) / 60)), minutes: String(Number(v) % 60) };
  }
}

/** Each numeric field's limits (the server's: src/modules/booking/booking-policy.ts and the settings' readers). */
const LIMITS: Record<string, [number, number, boolean?]> = {
  hybridMonths: [0, 36],
  horizonMonths: [3, 72],
  earliestAgeWeeks: [0, 104],
  changeDeadlineDays: [0, 180],
  heldShare: [0, 50, true],
  releaseWeeks: [0, 52],
  nurseryWeight: [1, 3, true],
  transitionAgeMonths: [24, 40],
  days: [0, 60],
  hours: [1, 48],
  minutes: [0, 59],
};

function SettingForm({
  settingKey,
  current,
  onCancel,
  onSaved,
}: {
  settingKey: Editable;
  current: unknown;
  onCancel: () => void;
  onSaved: (text: string) => void;
}) {
  const { t, lang } = useT();
  const id = useId();
  const today = useToday();
  const [d, setD] = useState<Draft>(() => draftOf(settingKey, current));
  const [start, setStart] = useState('');
  const [shown, setShown] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const name = settingName(t, settingKey);
  const checks: Record<string, Check> = Object.fromEntries(
    Object.entries(d)
      .filter(([k]) => LIMITS[k])
      .map(([k, raw]) => {
        const [min, max, dec] = LIMITS[k]!;
        return [k, parseNumber(raw, min, max, t, lang, dec)];
      }),
  );
  const num = (k: string) => {
    const c = checks[k];
    return c && 'value' in c ? c.value : null;
  };
  const startOk = /^\d{4}-\d{2}-\d{2}$/.test(start) && start > today;
  const valid = Object.values(checks).every((c) => 'value' in c);
  const ref = startOk ? start : today;

  function valueOf(): unknown {
    switch (settingKey) {
      case 'booking.policy':
        return {
          modeNursery: d.modeNursery,
          modeKindergarten: d.modeKindergarten,
          hybridMonths: num('hybridMonths'),
          heldShare: Math.round(num('heldShare')! * 10) / 1000,
          releaseWeeks: num('releaseWeeks'),
          changeDeadlineDays: num('changeDeadlineDays'),
          nurseryWeight: num('nurseryWeight'),
          transitionAgeMonths: num('transitionAgeMonths'),
          earliestAgeWeeks: num('earliestAgeWeeks'),
          horizonMonths: num('horizonMonths'),
        };
      case 'attendance.correction_window_days':
        return num('days');
      case 'employees.full_time_minutes':
        return num('hours')! * 60 + num('minutes')!;
    }
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setShown(true);
    setError(null);
    if (!valid || !startOk) return;
    setBusy(true);
    try {
      await api.post('/api/staff/settings', { key: settingKey, value: valueOf(), start, end: null });
      onSaved(t('set.saved', { rule: name, date: formatDate(start, lang) }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const set = (k: string) => (e: { target: { value: string } }) => setD({ ...d, [k]: e.target.value });
  const number = (k: string, label: Key, meaning: Key | null, unit: string) => {
    const c = checks[k];
    const bad = shown && c && 'error' in c ? c.error : null;
    const describedBy = [meaning ? id + k + '-hint' : '', bad ? id + k + '-err' : ''].filter(Boolean).join(' ');
    return (
      <Field id={id + k} label={t(label)} hint={meaning ? t(meaning) : undefined}>
        <span className="input-with-unit">
          <input
            id={id + k}
            inputMode={LIMITS[k]?.[2] ? 'decimal' : 'numeric'}
            size={6}
            required
            value={d[k] ?? ''}
            onChange={set(k)}
            aria-invalid={bad ? true : undefined}
            aria-describedby={describedBy || undefined}
          />
          <span>{unit}</span>
        </span>
        {bad && (
          <p className="field-error" id={id + k + '-err'}>
            {bad}
          </p>
        )}
      </Field>
    );
  };

  let fields: ReactNode;
  const preview: string[] = [];
  const f = (iso: string) => formatDate(iso, lang);
  switch (settingKey) {
    case 'booking.policy': {
      const modeGroup = (k: 'modeNursery' | 'modeKindergarten') => (
        <fieldset className="radio-group" aria-describedby={id + 'mm'}>
          <legend>{t(`set.bp.${k}`)}</legend>
          {MODES.map((m) => (
            <label key={m}>
              <input type="radio" name={id + k} value={m} checked={d[k] === m} onChange={set(k)} />{' '}
              {t(`set.bp.mode.${m}`)}
            </label>
          ))}
        </fieldset>
      );
      fields = (
        <>
          <p className="hint" id={id + 'mm'}>
            {t('set.bp.modeMeaning')}
          </p>
          {modeGroup('modeNursery')}
          {modeGroup('modeKindergarten')}
          {number('hybridMonths', 'set.bp.hybridMonths', 'set.bp.hybridMonths.m', t('set.unit.months'))}
          {number('horizonMonths', 'set.bp.horizonMonths', 'set.bp.horizonMonths.m', t('set.unit.months'))}
          {number('earliestAgeWeeks', 'set.bp.earliestAgeWeeks', 'set.bp.earliestAgeWeeks.m', t('set.unit.weeks'))}
          {number(
            'changeDeadlineDays',
            'set.bp.changeDeadlineDays',
            'set.bp.changeDeadlineDays.m',
            `${t('set.unit.days')} ${t('set.bp.beforeUnit')}`,
          )}
          {number('heldShare', 'set.bp.heldShare', 'set.bp.heldShare.m', t('set.unit.percent'))}
          {number(
            'releaseWeeks',
            'set.bp.releaseWeeks',
            'set.bp.releaseWeeks.m',
            `${t('set.unit.weeks')} ${t('set.bp.beforeUnit')}`,
          )}
          {number('nurseryWeight', 'set.bp.nurseryWeight', 'set.bp.nurseryWeight.m', t('set.unit.places'))}
          {number(
            'transitionAgeMonths',
            'set.bp.transitionAgeMonths',
            'set.bp.transitionAgeMonths.m',
            t('set.unit.months'),
          )}
        </>
      );
      for (const k of ['modeNursery', 'modeKindergarten'] as const) {
        const band = t(`set.bp.${k}`);
        const hm = num('hybridMonths');
        if (d[k] === 'hybrid' && hm !== null) preview.push(t('set.bp.p.hybrid', { band, date: f(addMonths(ref, hm)) }));
        else if (d[k] !== 'hybrid')
          preview.push(t('set.bp.p.mode', { band, mode: t(`set.bp.mode.${d[k] as 'booking'}`) }));
      }
      const horizon = num('horizonMonths');
      if (horizon !== null) preview.push(t('set.bp.p.horizon', { date: f(addMonths(ref, horizon)) }));
      const weeks = num('earliestAgeWeeks');
      if (weeks !== null) preview.push(t('set.bp.p.earliest', { born: f(ref), date: f(plusDays(ref, weeks * 7)) }));
      const deadline = num('changeDeadlineDays');
      const exampleStart = firstOfMonth(addMonths(ref, 3));
      if (deadline !== null)
        preview.push(t('set.bp.p.change', { start: f(exampleStart), date: f(plusDays(exampleStart, -deadline)) }));
      const held = num('heldShare'),
        release = num('releaseWeeks');
      if (held !== null && release !== null)
        preview.push(t('set.bp.p.held', { n: Math.round((40 * held) / 100), date: f(plusDays(ref, release * 7)) }));
      const weight = num('nurseryWeight'),
        age = num('transitionAgeMonths');
      if (weight !== null && age !== null)
        preview.push(
          t('set.bp.p.transition', {
            born: f(ref),
            date: f(firstOfMonth(addMonths(ref, age))),
            n: formatNumber(weight, lang),
          }),
        );
      break;
    }
    case 'attendance.correction_window_days': {
      fields = number('days', 'set.cw.days', 'set.cw.days.m', t('set.unit.days'));
      const days = num('days');
      if (days !== null) preview.push(t('set.cw.p', { today: f(ref), date: f(plusDays(ref, -days)) }));
      break;
    }
    case 'employees.full_time_minutes': {
      fields = (
        <>
          <p className="hint">{t('set.ft.m')}</p>
          <div className="filter-row">
            {number('hours', 'set.ft.hours', null, t('set.unit.hours'))}
            {number('minutes', 'set.ft.minutes', null, t('set.unit.minutes'))}
          </div>
        </>
      );
      const h = num('hours'),
        m = num('minutes');
      if (h !== null && m !== null && h * 60 + m > 0)
        preview.push(t('set.ft.p', { fte: formatDecimal((30 * 60) / (h * 60 + m), lang, 2) }));
      break;
    }
  }

  const startBad = shown && !startOk;
  return (
    <form className="panel setting-form" aria-labelledby={id + 'fh'} onSubmit={(e) => void submit(e)} noValidate>
      <h3 id={id + 'fh'}>{name}</h3>
      <p>{t('set.current', { value: describeSetting(settingKey, current, t, lang) })}</p>
      {fields}
      <Field id={id + 'start'} label={t('set.start')} hint={t('set.startHint')}>
        <input
          id={id + 'start'}
          type="date"
          required
          min={plusDays(today, 1)}
          value={start}
          onChange={(e) => setStart(e.target.value)}
          aria-invalid={startBad ? true : undefined}
          aria-describedby={`${id}start-hint${startBad ? ` ${id}start-err` : ''}`}
        />
        {startBad && (
          <p className="field-error" id={id + 'start-err'}>
            {t('set.startFuture')}
          </p>
        )}
      </Field>
      <section className="setting-preview" aria-labelledby={id + 'ph'} aria-live="polite">
        <h4 id={id + 'ph'}>{t('set.preview')}</h4>
        <p>{t('set.previewAsOf', { date: f(ref) })}</p>
        <ul>
          {preview.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      </section>
      {shown && (!valid || !startOk) && (
        <p className="field-error" role="alert">
          {t('set.fix')}
        </p>
      )}
      <div className="button-row">
        <button type="submit" className="button" disabled={busy}>
          {busy ? t('saving') : t('set.save')}
        </button>
        <button type="button" className="button-secondary" onClick={onCancel}>
          {t('set.cancel')}
        </button>
      </div>
      <ErrorMessage error={error} />
    </form>
  );
}
