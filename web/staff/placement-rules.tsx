// Pladsregler: every placement rule shown in Danish with its unit, and (for those who may change settings) a form per
// rule with labelled fields, radio buttons for choices, validation and a "what changes" summary before saving.
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { api } from '../shared/api.js';
import { DataTable, ErrorMessage, Field, Loading, Page, Status, useApi } from '../shared/components.js';
import { formatDate, formatNumber } from '../shared/format.js';
import { isKey, useT, type Lang, type T } from '../shared/i18n.js';
import { useCan, useSession } from '../shared/session.js';
import type { Area } from '../shared/types.js';
import type { PlacementRules } from '../../src/modules/placement/contract.js';

type Rule = PlacementRules['keys'][number];
type Classes = Record<string, { da: string; en: string } | undefined>;
/** The form's fields of one rule, as typed (strings); `parse` turns them into the setting's value or an error key. */
type Draft = Record<string, string | string[]>;

const BANDS = ['0-2', '3-5', '6-9', '10-13'] as const;
const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);
const pad = (n: number | string) => String(n).padStart(2, '0');

/** "04-01" → "1. april" */
function dayMonth(mmdd: string, lang: Lang): string {
  const [m, d] = mmdd.split('-').map(Number);
  return new Date(2001, m! - 1, d!).toLocaleDateString(lang === 'da' ? 'da-DK' : 'en-GB', {
    day: 'numeric',
    month: 'long',
  });
}
const monthName = (m: number, lang: Lang) =>
  new Date(2001, m - 1, 1).toLocaleDateString(lang === 'da' ? 'da-DK' : 'en-GB', { month: 'long' });

/** A rule's Danish name (`po.k.<key>`) or meaning (`po.m.<key>`); the key itself for a rule the web does not know. */
const ruleText = (t: T, kind: 'k' | 'm', key: string) => {
  const k = `po.${kind}.${key}`;
  return isKey(k) ? t(k) : key;
};

/** A rule's value in words: "26 uger", "Behold anciennitet", "30 %". */
export function describeRule(key: string, v: unknown, t: T, lang: Lang, classes: PlacementRules['classes']): string {
  const n = (x: unknown) => formatNumber(Number(x), lang);
  const o = (v ?? {}) as Record<string, unknown>;
  switch (key) {
    case 'placement.seniority_from_months':
    case 'placement.transition_age_months':
      return t('po.u.months', { n: n(v) });
    case 'placement.earliest_start':
      return 'weeks' in o ? t('po.u.weeks', { n: n(o.weeks) }) : t('po.u.months', { n: n(o.months) });
    case 'placement.priority_classes':
      return (v as string[])
        .filter((c) => c in classes)
        .map((c, i) => `${i + 1}. ${(classes as Classes)[c]?.[lang]}`)
        .join(', ');
    case 'placement.distance_km':
      return `${n(v)} km`;
    case 'placement.reserved_moving_in':
      return t('po.u.places', { n: n(v) });
    case 'placement.seniority_on_change':
      return t(v === 'reset' ? 'po.seniority.reset' : 'po.seniority.keep');
    case 'placement.distribution_share':
      return v === null ? t('po.off') : `${n(Math.round(Number(v) * 100))} %`;
    case 'placement.vulnerable_areas':
      return (v as string[]).length ? (v as string[]).join(', ') : t('po.none');
    case 'placement.nursery_weight':
      return t('po.u.kindergartenPlaces', { n: n(v) });
    case 'placement.fill_mode':
      return t(v === 'maximise-children' ? 'po.fill.max' : 'po.fill.strict');
    case 'placement.max_wishes':
      return BANDS.map((b) => `${t('band', { band: b.replace('-', '–') })}: ${n(o[b] ?? 0)}`).join(', ');
    case 'placement.offer_deadline_days':
    case 'placement.guarantee_risk_days':
      return t('po.u.days', { n: n(v) });
    case 'placement.notice':
      return t(o.to === 'month_end' ? 'po.notice.monthEnd' : 'po.notice.15', { n: n(o.months) });
    case 'placement.fritid_offer_window':
      return `${dayMonth(String(o.from), lang)} – ${dayMonth(String(o.to), lang)}`;
    case 'placement.club_from_grade':
      return t('po.u.grade', { n: n(v) });
    default:
      return JSON.stringify(v);
  }
}

/** The form fields of a rule's current value. */
function draftOf(key: string, v: unknown): Draft {
  const o = (v ?? {}) as Record<string, unknown>;
  switch (key) {
    case 'placement.earliest_start':
      return 'weeks' in o ? { n: String(o.weeks), unit: 'weeks' } : { n: String(o.months), unit: 'months' };
    case 'placement.priority_classes':
      return { order: (v as string[]).filter((c) => c !== 'seniority') };
    case 'placement.distance_km':
      return { n: String(v).replace('.', ',') };
    case 'placement.distribution_share':
      return v === null ? { on: 'off', n: '30' } : { on: 'on', n: String(Math.round(Number(v) * 100)) };
    case 'placement.vulnerable_areas':
      return { areas: v as string[] };
    case 'placement.seniority_on_change':
    case 'placement.fill_mode':
      return { choice: String(v) };
    case 'placement.max_wishes':
      return Object.fromEntries(BANDS.map((b) => [b, String(Number(o[b] ?? 1))]));
    case 'placement.notice':
      return { n: String(o.months), to: String(o.to) };
    case 'placement.fritid_offer_window': {
      const [fm, fd] = String(o.from).split('-');
      const [tm, td] = String(o.to).split('-');
      return { fm: String(Number(fm)), fd: String(Number(fd)), tm: String(Number(tm)), td: String(Number(td)) };
    }
    default:
      return { n: String(v) };
  }
}

/** Whole number within [min, max], else null. */
function int(s: string | string[] | undefined, min: number, max: number): number | null {
  if (typeof s !== 'string' || !/^\d+$/.test(s.trim())) return null;
  const n = Number(s);
  return n >= min && n <= max ? n : null;
}

/** The setting value of a draft, or the text key of what is wrong. */
function parse(key: string, d: Draft): { value: unknown } | { error: string } {
  const bad = { error: 'po.invalid' };
  switch (key) {
    case 'placement.seniority_from_months':
    case 'placement.transition_age_months': {
      const n = int(d.n, 0, 72);
      return n === null ? bad : { value: n };
    }
    case 'placement.earliest_start': {
      const n = int(d.n, 0, d.unit === 'weeks' ? 104 : 24);
      return n === null ? bad : { value: d.unit === 'weeks' ? { weeks: n } : { months: n } };
    }
    case 'placement.priority_classes':
      return { value: [...(d.order as string[]), 'seniority'] };
    case 'placement.distance_km': {
      const n = Number(String(d.n).replace(',', '.'));
      return Number.isFinite(n) && n > 0 && n <= 50 ? { value: n } : bad;
    }
    case 'placement.reserved_moving_in':
    case 'placement.offer_deadline_days':
    case 'placement.guarantee_risk_days': {
      const n = int(d.n, key === 'placement.reserved_moving_in' ? 0 : 1, 365);
      return n === null ? bad : { value: n };
    }
    case 'placement.distribution_share': {
      if (d.on === 'off') return { value: null };
      const n = int(d.n, 1, 100);
      return n === null ? bad : { value: n / 100 };
    }
    case 'placement.vulnerable_areas':
      return { value: d.areas };
    case 'placement.seniority_on_change':
    case 'placement.fill_mode':
      return { value: d.choice };
    case 'placement.nursery_weight': {
      const n = int(d.n, 1, 3);
      return n === null ? bad : { value: n };
    }
    case 'placement.max_wishes': {
      const v: Record<string, number> = {};
      for (const b of BANDS) {
        const n = int(d[b], 1, 10);
        if (n === null) return bad;
        v[b] = n;
      }
      return { value: v };
    }
    case 'placement.notice': {
      const n = int(d.n, 0, 6);
      return n === null ? bad : { value: { months: n, to: d.to } };
    }
    case 'placement.fritid_offer_window': {
      const [fm, fd, tm, td] = [int(d.fm, 1, 12), int(d.fd, 1, 31), int(d.tm, 1, 12), int(d.td, 1, 31)];
      if (fm === null || fd === null || tm === null || td === null) return bad;
      const from = `${pad(fm)}-${pad(fd)}`;
      const to = `${pad(tm)}-${pad(td)}`;
      if (new Date(2001, fm - 1, fd).getDate() !== fd || new Date(2001, tm - 1, td).getDate() !== td) return bad;
      return from < to ? { value: { from, to } } : { error: 'po.windowOrder' };
    }
    case 'placement.club_from_grade': {
      const n = int(d.n, 0, 10);
      return n === null ? bad : { value: n };
    }
    default:
      return bad;
  }
}

export function PolicyPage() {
  const { t, lang } = useT();
  const { data, error, loading, reload } = useApi<PlacementRules>('/api/staff/placement-policy');
  const canChange = useCan()('settings.change');
  const [editing, setEditing] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const rule = data?.keys.find((k) => k.key === editing);
  return (
    <Page title={t('po.title')} lead={t('po.lead')}>
      {loading && !data && <Loading />}
      <ErrorMessage error={error} onRetry={reload} />
      <Status text={saved} />
      {data && rule && (
        <RuleForm
          rule={rule}
          classes={data.classes}
          onCancel={() => setEditing(null)}
          onSaved={(text) => {
            setEditing(null);
            setSaved(text);
            reload();
          }}
        />
      )}
      {data && (
        <DataTable caption={t('po.title')}>
          <thead>
            <tr>
              <th scope="col">{t('po.rule')}</th>
              <th scope="col">{t('po.current')}</th>
              {canChange && (
                <th scope="col">
                  <span className="visually-hidden">{t('po.change')}</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {data.keys.map((k) => (
              <tr key={k.key}>
                <td>{ruleText(t, 'k', k.key)}</td>
                <td>{describeRule(k.key, k.current, t, lang, data.classes)}</td>
                {canChange && (
                  <td>
                    <button
                      type="button"
                      className="button-secondary"
                      onClick={() => {
                        setSaved(null);
                        setEditing(k.key);
                      }}
                    >
                      {t('po.change')}
                      <span className="visually-hidden">: {ruleText(t, 'k', k.key)}</span>
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
    </Page>
  );
}

function RuleForm({
  rule,
  classes,
  onCancel,
  onSaved,
}: {
  rule: Rule;
  classes: PlacementRules['classes'];
  onCancel: () => void;
  onSaved: (text: string) => void;
}) {
  const { t, lang } = useT();
  const id = useId();
  const { me } = useSession();
  const [d, setD] = useState<Draft>(() => draftOf(rule.key, rule.current));
  const [start, setStart] = useState('');
  const [check, setCheck] = useState<{ value: unknown } | null>(null);
  const [invalid, setInvalid] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const name = ruleText(t, 'k', rule.key);
  const set = (k: string) => (e: { target: { value: string } }) => {
    setCheck(null);
    setD({ ...d, [k]: e.target.value });
  };
  const describe = (v: unknown) => describeRule(rule.key, v, t, lang, classes);

  function review(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const r = parse(rule.key, d);
    if ('error' in r) {
      setInvalid(isKey(r.error) ? t(r.error) : r.error);
      return;
    }
    if (!start || (me?.today && start <= me.today)) {
      setInvalid(t('po.startFuture'));
      return;
    }
    setInvalid(null);
    setCheck(r);
  }
  async function save() {
    if (!check) return;
    try {
      await api.post('/api/staff/settings', { key: rule.key, value: check.value, start, end: null });
      onSaved(t('po.saved', { rule: name, value: describe(check.value), start: formatDate(start, lang) }));
    } catch (err) {
      setError(err);
    }
  }

  const number = (k: string, label: string, unit: string, extra: { inputMode?: 'decimal' } = {}) => (
    <Field id={id + k} label={label}>
      <span className="input-with-unit">
        <input
          id={id + k}
          inputMode={extra.inputMode ?? 'numeric'}
          required
          size={6}
          value={String(d[k] ?? '')}
          onChange={set(k)}
        />
        <span>{unit}</span>
      </span>
    </Field>
  );
  const radios = (k: string, legend: string, options: [string, string][]) => (
    <fieldset className="radio-group">
      <legend>{legend}</legend>
      {options.map(([value, label]) => (
        <label key={value}>
          <input type="radio" name={id + k} value={value} checked={d[k] === value} onChange={set(k)} /> {label}
        </label>
      ))}
    </fieldset>
  );

  let fields: ReactNode;
  switch (rule.key) {
    case 'placement.seniority_from_months':
    case 'placement.transition_age_months':
      fields = number('n', t('po.f.age'), t('po.unit.months'));
      break;
    case 'placement.earliest_start':
      fields = (
        <>
          {number('n', t('po.f.after'), '')}
          {radios('unit', t('po.f.unit'), [
            ['weeks', t('po.unit.weeks')],
            ['months', t('po.unit.months')],
          ])}
        </>
      );
      break;
    case 'placement.priority_classes': {
      const order = d.order as string[];
      const label = (c: string) => (classes as Classes)[c]?.[lang] ?? c;
      const move = (i: number, by: number) => {
        const next = [...order];
        [next[i], next[i + by]] = [next[i + by]!, next[i]!];
        setCheck(null);
        setD({ ...d, order: next });
      };
      fields = (
        <ol className="priority-order">
          {order.map((c, i) => (
            <li key={c}>
              <span>{label(c)}</span>{' '}
              <button type="button" className="button-link" disabled={i === 0} onClick={() => move(i, -1)}>
                {t('po.up')}
                <span className="visually-hidden">: {label(c)}</span>
              </button>{' '}
              <button
                type="button"
                className="button-link"
                disabled={i === order.length - 1}
                onClick={() => move(i, 1)}
              >
                {t('po.down')}
                <span className="visually-hidden">: {label(c)}</span>
              </button>
            </li>
          ))}
          <li>{classes.seniority?.[lang]}</li>
        </ol>
      );
      break;
    }
    case 'placement.distance_km':
      fields = number('n', t('po.f.distance'), 'km', { inputMode: 'decimal' });
      break;
    case 'placement.reserved_moving_in':
      fields = number('n', t('po.f.places'), t('po.unit.places'));
      break;
    case 'placement.seniority_on_change':
      fields = radios('choice', name, [
        ['keep', t('po.seniority.keep')],
        ['reset', t('po.seniority.reset')],
      ]);
      break;
    case 'placement.fill_mode':
      fields = radios('choice', name, [
        ['strict-order', t('po.fill.strict')],
        ['maximise-children', t('po.fill.max')],
      ]);
      break;
    case 'placement.distribution_share':
      fields = (
        <>
          {radios('on', name, [
            ['on', t('po.on')],
            ['off', t('po.off')],
          ])}
          {d.on === 'on' && number('n', t('po.f.share'), '%')}
        </>
      );
      break;
    case 'placement.vulnerable_areas':
      fields = <AreaChoice chosen={d.areas as string[]} onChange={(areas) => setD({ ...d, areas })} />;
      break;
    case 'placement.nursery_weight':
      fields = number('n', t('po.f.weight'), t('po.unit.kindergartenPlaces'));
      break;
    case 'placement.max_wishes':
      fields = BANDS.map((b) => (
        <span key={b}>{number(b, t('band', { band: b.replace('-', '–') }), t('po.unit.wishes'))}</span>
      ));
      break;
    case 'placement.offer_deadline_days':
    case 'placement.guarantee_risk_days':
      fields = number('n', t('po.f.days'), t('po.unit.days'));
      break;
    case 'placement.notice':
      fields = (
        <>
          {number('n', t('po.f.noticeMonths'), t('po.unit.months'))}
          {radios('to', t('po.f.noticeTo'), [
            ['15_or_month_end', t('po.notice.to15')],
            ['month_end', t('po.notice.toMonthEnd')],
          ])}
        </>
      );
      break;
    case 'placement.fritid_offer_window':
      fields = (['f', 't'] as const).map((p) => (
        <fieldset key={p} className="radio-group">
          <legend>{t(p === 'f' ? 'po.f.windowFrom' : 'po.f.windowTo')}</legend>
          <span className="filter-row">
            {number(p + 'd', t('po.f.day'), '')}
            <Field id={id + p + 'm'} label={t('po.f.month')}>
              <select id={id + p + 'm'} value={String(d[p + 'm'])} onChange={set(p + 'm')}>
                {MONTHS.map((m) => (
                  <option key={m} value={m}>
                    {monthName(m, lang)}
                  </option>
                ))}
              </select>
            </Field>
          </span>
        </fieldset>
      ));
      break;
    case 'placement.club_from_grade':
      fields = number('n', t('po.f.grade'), t('po.unit.grade'));
      break;
  }

  return (
    <form className="panel" aria-labelledby={id + 'h'} onSubmit={review} noValidate>
      <h2 id={id + 'h'}>{t('po.changeRule', { rule: name })}</h2>
      <p>{ruleText(t, 'm', rule.key)}</p>
      <p className="muted">{t('po.now', { value: describe(rule.current) })}</p>
      {fields}
      <Field id={id + 's'} label={t('po.from')}>
        <input
          id={id + 's'}
          type="date"
          required
          value={start}
          onChange={(e) => {
            setCheck(null);
            setStart(e.target.value);
          }}
        />
      </Field>
      {invalid && (
        <div className="notice notice-error" role="alert">
          <p>{invalid}</p>
        </div>
      )}
      {check ? (
        <div className="notice" role="status">
          <p>
            {t('po.summary', {
              rule: name,
              from: describe(rule.current),
              to: describe(check.value),
              start: formatDate(start, lang),
            })}
          </p>
          <p>
            <button type="button" className="button" onClick={() => void save()}>
              {t('po.save')}
            </button>{' '}
            <button type="button" className="button-secondary" onClick={() => setCheck(null)}>
              {t('po.edit')}
            </button>
          </p>
        </div>
      ) : (
        <p>
          <button type="submit" className="button">
            {t('po.review')}
          </button>{' '}
          <button type="button" className="button-secondary" onClick={onCancel}>
            {t('po.cancel')}
          </button>
        </p>
      )}
      <ErrorMessage error={error} />
    </form>
  );
}

function AreaChoice({ chosen, onChange }: { chosen: string[]; onChange: (areas: string[]) => void }) {
  const { t } = useT();
  const { data: areas } = useApi<Area[]>('/api/citizen/areas');
  return (
    <fieldset className="radio-group">
      <legend>{t('po.f.areas')}</legend>
      {areas?.map((a) => (
        <label key={a.id}>
          <input
            type="checkbox"
            checked={chosen.includes(a.name)}
            onChange={(e) => onChange(e.target.checked ? [...chosen, a.name] : chosen.filter((n) => n !== a.name))}
          />{' '}
          {a.name}
        </label>
      ))}
    </fieldset>
  );
}
