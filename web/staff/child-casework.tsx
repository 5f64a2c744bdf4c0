// "Sagsbehandling" on the child page: a caseworker acts on the family's behalf. Each action is a small form with a
// required reason, then a confirmation (for new hours with the rate and full-time equivalent before and after, from
// the server), then the call; the server writes the log row, the audit row and the letter.
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { api, query } from '../shared/api.js';
import { DataTable, ErrorMessage, Field, Loading, Status, useApi } from '../shared/components.js';
import { formatDate, formatDecimal, formatOere } from '../shared/format.js';
import { useT, type Key } from '../shared/i18n.js';
import { useToday } from '../shared/today.js';
import type {
  CaseworkApplication,
  CaseworkPlace,
  CaseworkView,
  HoursChange,
  Withdrawn,
} from '../../src/modules/placement/contract.js';

const KINDS = ['dagpleje', 'vuggestue', 'boernehave', 'integreret', 'sfo', 'fritidshjem', 'klub'] as const;

type Action =
  | { kind: 'apply' }
  | { kind: 'enrol' }
  | { kind: 'change'; app: CaseworkApplication }
  | { kind: 'flags'; app: CaseworkApplication }
  | { kind: 'transfer'; place: CaseworkPlace }
  | { kind: 'withdraw'; place: CaseworkPlace }
  | { kind: 'hours'; place: CaseworkPlace }
  | { kind: 'book' }
  | { kind: 'moveBooking'; place: CaseworkPlace }
  | { kind: 'cancelBooking'; place: CaseworkPlace };

const TITLE: Record<Action['kind'], Key> = {
  apply: 'cw.apply',
  enrol: 'cw.enrol',
  change: 'cw.changeApp',
  flags: 'cw.setFlags',
  transfer: 'cw.transfer',
  withdraw: 'cw.withdraw',
  hours: 'cw.hours',
  book: 'cw.book',
  moveBooking: 'cw.moveBooking',
  cancelBooking: 'cw.cancelBooking',
};

export function ChildCasework({
  childId,
  headingId,
  onChanged,
}: {
  childId: string;
  headingId: string;
  onChanged: () => void;
}) {
  const { t, lang } = useT();
  const today = useToday();
  const { data, error, loading, reload } = useApi<CaseworkView>(
    `/api/staff/children/${encodeURIComponent(childId)}/casework`,
  );
  const [action, setAction] = useState<Action | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const open = (a: Action) => {
    setDone(null);
    setAction(a);
  };
  const finished = (text: string) => {
    setAction(null);
    setDone(text);
    reload();
    onChanged();
  };
  const rate = (o: number | null) => (o === null ? t('cw.noRate') : formatOere(o, lang));
  const fte = (n: number | null) => (n === null ? '—' : formatDecimal(n, lang));
  const unitOptions = data?.units ?? [];
  const actionButton = (a: Action, label: Key, name: string) => (
    <button
      type="button"
      className="button-secondary button-small"
      onClick={() => open(a)}
      aria-label={`${t(label)}: ${name}`}
    >
      {t(label)}
    </button>
  );

  return (
    <section aria-labelledby={headingId} className="panel">
      <h2 id={headingId}>{t('cw.title')}</h2>
      <p className="muted">{t('cw.lead')}</p>
      {loading && !data && <Loading />}
      <ErrorMessage error={error} onRetry={reload} />
      {data && (
        <>
          <h3>{t('cw.places')}</h3>
          {data.places.length === 0 ? (
            <p className="muted">{t('cw.noPlaces')}</p>
          ) : (
            <DataTable caption={t('cw.places')}>
              <thead>
                <tr>
                  <th scope="col">{t('cw.unit')}</th>
                  <th scope="col">{t('cw.period')}</th>
                  <th scope="col" className="num">
                    {t('cw.weeklyHours')}
                  </th>
                  <th scope="col" className="num">
                    {t('cw.rate')}
                  </th>
                  <th scope="col" className="num">
                    {t('cw.fte')}
                  </th>
                  <th scope="col">{t('cw.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {data.places.map((p) => {
                  const active = !p.end || p.end >= today;
                  return (
                    <tr key={p.id}>
                      <th scope="row">{p.unitName}</th>
                      <td>
                        {formatDate(p.start, lang)} – {p.end ? formatDate(p.end, lang) : ''}
                        {p.noticeWaived && <div className="muted">{t('cw.waived', { reason: p.noticeWaived })}</div>}
                        {p.bookingId && <div className="muted">{t('cw.booked')}</div>}
                      </td>
                      <td className="num">{p.hoursPerWeek}</td>
                      <td className="num">{rate(p.monthlyRateOere)}</td>
                      <td className="num">{fte(p.fte)}</td>
                      <td>
                        {active && p.bookingId && (
                          <div className="button-row">
                            {actionButton({ kind: 'moveBooking', place: p }, 'cw.moveBooking', p.unitName)}
                            {actionButton({ kind: 'cancelBooking', place: p }, 'cw.cancelBooking', p.unitName)}
                          </div>
                        )}
                        {active && !p.bookingId && (
                          <div className="button-row">
                            {actionButton({ kind: 'hours', place: p }, 'cw.hours', p.unitName)}
                            {actionButton({ kind: 'transfer', place: p }, 'cw.transfer', p.unitName)}
                            {actionButton({ kind: 'withdraw', place: p }, 'cw.withdraw', p.unitName)}
                          </div>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </DataTable>
          )}
          <p className="hint">{t('cw.rateHint')}</p>

          <h3>{t('cw.applications')}</h3>
          {data.applications.length === 0 ? (
            <p className="muted">{t('cw.noApplications')}</p>
          ) : (
            <DataTable caption={t('cw.applications')}>
              <thead>
                <tr>
                  <th scope="col">{t('pl.kind')}</th>
                  <th scope="col">{t('pl.neededFrom')}</th>
                  <th scope="col">{t('pl.guaranteeDate')}</th>
                  <th scope="col">{t('cw.wishes')}</th>
                  <th scope="col">{t('cw.flags')}</th>
                  <th scope="col">{t('cw.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {data.applications.map((a) => (
                  <tr key={a.id}>
                    <th scope="row">{t(`pk.${a.placeKind}`)}</th>
                    <td>{formatDate(a.neededFrom, lang)}</td>
                    <td>{a.guaranteeDate ? formatDate(a.guaranteeDate, lang) : '—'}</td>
                    <td>{a.wishes.map((w) => w.unitName).join(', ')}</td>
                    <td>
                      {[a.specialNeeds && t('cw.specialNeeds'), a.movingIn && t('cw.movingIn')]
                        .filter(Boolean)
                        .join(', ') || '—'}
                    </td>
                    <td>
                      <div className="button-row">
                        {actionButton({ kind: 'change', app: a }, 'cw.changeApp', t(`pk.${a.placeKind}`))}
                        {actionButton({ kind: 'flags', app: a }, 'cw.setFlags', t(`pk.${a.placeKind}`))}
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </DataTable>
          )}
          <div className="form-actions">
            <button type="button" className="button" onClick={() => open({ kind: 'apply' })}>
              {t('cw.apply')}
            </button>
            <button type="button" className="button" onClick={() => open({ kind: 'enrol' })}>
              {t('cw.enrol')}
            </button>
            <button type="button" className="button" onClick={() => open({ kind: 'book' })}>
              {t('cw.book')}
            </button>
          </div>
          <Status text={done} />
          {action && (
            <ActionPanel
              key={JSON.stringify(action)}
              action={action}
              childId={childId}
              units={unitOptions}
              noticeLastDay={data.noticeLastDay}
              onCancel={() => setAction(null)}
              onDone={finished}
            />
          )}

          <h3>{t('cw.log')}</h3>
          {data.log.length === 0 ? (
            <p className="muted">{t('cw.noLog')}</p>
          ) : (
            <ul className="plain-list">
              {data.log.map((l) => (
                <li key={l.id}>
                  <strong>{t(`cw.act.${l.action}`)}</strong> – {l.reason}{' '}
                  <span className="muted">({t('cw.by', { date: formatDate(l.on, lang), by: l.by ?? '—' })})</span>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}

interface PanelProps {
  action: Action;
  childId: string;
  units: { id: string; name: string; type: string }[];
  noticeLastDay: string;
  onCancel: () => void;
  onDone: (text: string) => void;
}

/** One action: its fields and the reason, then a confirmation with what will happen, then the call. */
function ActionPanel({ action, childId, units, noticeLastDay, onCancel, onDone }: PanelProps) {
  const { t, lang } = useT();
  const today = useToday();
  const id = useId();
  const title = t(TITLE[action.kind]);
  const place = 'place' in action ? action.place : null;
  const app = 'app' in action ? action.app : null;
  const [f, setF] = useState({
    placeKind: app?.placeKind ?? 'vuggestue',
    date: app?.neededFrom ?? today,
    hours: String(
      app?.hoursPerWeek ?? (action.kind === 'moveBooking' ? place!.hoursPerWeek : place?.hoursPerWeek === 40 ? 30 : 40),
    ),
    unitId: action.kind === 'moveBooking' ? place!.unitId : '',
    wishes: ['', '', ''],
    specialNeeds: app?.specialNeeds ?? false,
    movingIn: app?.movingIn ?? false,
    waive: false,
    reason: '',
  });
  const set = (patch: Partial<typeof f>) => setF({ ...f, ...patch });
  const [summary, setSummary] = useState<ReactNode>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const confirmRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (summary) confirmRef.current?.focus();
  }, [summary]);
  const unitName = (uid: string) => units.find((u) => u.id === uid)?.name ?? '';
  const d = (iso: string) => formatDate(iso, lang);
  const yesNo = (b: boolean) => t(b ? 'cw.yes' : 'cw.no');
  const wishes = f.wishes.filter(Boolean);

  async function prepare(e: FormEvent) {
    e.preventDefault();
    setError(null);
    switch (action.kind) {
      case 'apply':
        return setSummary(
          t('cw.sumApply', {
            kind: t(`pk.${f.placeKind}`),
            date: d(f.date),
            hours: f.hours,
            wishes: wishes.map(unitName).join(', '),
          }),
        );
      case 'change':
        return setSummary(t('cw.sumChange', { date: d(f.date), hours: f.hours }));
      case 'flags':
        return setSummary(t('cw.sumFlags', { special: yesNo(f.specialNeeds), moving: yesNo(f.movingIn) }));
      case 'enrol':
        return setSummary(t('cw.sumEnrol', { unit: unitName(f.unitId), date: d(f.date), hours: f.hours }));
      case 'book':
        return setSummary(t('cw.sumBook', { unit: unitName(f.unitId), date: d(f.date), hours: f.hours }));
      case 'moveBooking':
        return setSummary(
          t('cw.sumMoveBooking', {
            from: action.place.unitName,
            unit: unitName(f.unitId),
            date: d(f.date),
            hours: f.hours,
          }),
        );
      case 'cancelBooking':
        return setSummary(t('cw.sumCancelBooking', { unit: action.place.unitName, date: d(action.place.start) }));
      case 'transfer':
        return setSummary(
          t('cw.sumTransfer', { from: action.place.unitName, unit: unitName(f.unitId), date: d(f.date) }),
        );
      case 'withdraw':
        return setSummary(
          f.waive
            ? t('cw.sumWaived', { unit: action.place.unitName, date: d(f.date) })
            : t('cw.sumWithdraw', { unit: action.place.unitName, date: d(noticeLastDay) }),
        );
      case 'hours': {
        setBusy(true);
        try {
          const p = await api.get<HoursChange>(
            `/api/staff/casework/placements/${encodeURIComponent(action.place.id)}/hours-preview${query({ from: f.date, hoursPerWeek: f.hours })}`,
          );
          const rate = (o: number | null) => (o === null ? t('cw.noRate') : formatOere(o, lang));
          const fte = (n: number | null) => (n === null ? '—' : formatDecimal(n, lang));
          setSummary(
            <ul className="plain-list">
              <li>
                {t('cw.sumHours', { date: d(f.date), before: p.before.hoursPerWeek, after: p.after.hoursPerWeek })}
              </li>
              <li>
                {t('cw.sumRate', { before: rate(p.before.monthlyRateOere), after: rate(p.after.monthlyRateOere) })}
              </li>
              <li>{t('cw.sumFte', { before: fte(p.before.fte), after: fte(p.after.fte) })}</li>
            </ul>,
          );
        } catch (err) {
          setError(err);
        } finally {
          setBusy(false);
        }
      }
    }
  }

  async function confirm() {
    setBusy(true);
    setError(null);
    const reason = f.reason.trim();
    const hours = Number(f.hours);
    try {
      switch (action.kind) {
        case 'apply':
          await api.post('/api/staff/casework/applications', {
            childId,
            placeKind: f.placeKind,
            neededFrom: f.date,
            hoursPerWeek: hours,
            wishes,
            specialNeeds: f.specialNeeds,
            movingIn: f.movingIn,
            reason,
          });
          break;
        case 'change':
          await api.patch(`/api/staff/casework/applications/${encodeURIComponent(action.app.id)}`, {
            neededFrom: f.date,
            hoursPerWeek: hours,
            reason,
          });
          break;
        case 'flags':
          await api.put(`/api/staff/casework/applications/${encodeURIComponent(action.app.id)}/flags`, {
            specialNeeds: f.specialNeeds,
            movingIn: f.movingIn,
            reason,
          });
          break;
        case 'enrol':
          await api.post('/api/staff/casework/placements', {
            childId,
            unitId: f.unitId,
            start: f.date,
            hoursPerWeek: hours,
            reason,
          });
          break;
        case 'book':
          await api.post('/api/staff/casework/bookings', {
            childId,
            unitId: f.unitId,
            start: f.date,
            hoursPerWeek: hours,
            reason,
          });
          break;
        case 'moveBooking':
          await api.post(`/api/staff/casework/bookings/${encodeURIComponent(action.place.bookingId!)}/move`, {
            unitId: f.unitId,
            start: f.date,
            hoursPerWeek: hours,
            reason,
          });
          break;
        case 'cancelBooking':
          await api.post(`/api/staff/casework/bookings/${encodeURIComponent(action.place.bookingId!)}/cancel`, {
            reason,
          });
          break;
        case 'transfer':
          await api.post(`/api/staff/casework/placements/${encodeURIComponent(action.place.id)}/transfer`, {
            unitId: f.unitId,
            start: f.date,
            reason,
          });
          break;
        case 'withdraw':
          await api.post<Withdrawn>(`/api/staff/casework/placements/${encodeURIComponent(action.place.id)}/withdraw`, {
            reason,
            waiveNotice: f.waive,
            ...(f.waive ? { lastDay: f.date } : {}),
          });
          break;
        case 'hours':
          await api.post(`/api/staff/casework/placements/${encodeURIComponent(action.place.id)}/hours`, {
            from: f.date,
            hoursPerWeek: hours,
            reason,
          });
          break;
      }
      onDone(t('cw.done', { what: title }));
    } catch (err) {
      setError(err);
      setSummary(null);
    } finally {
      setBusy(false);
    }
  }

  const unitSelect = (label: Key, value: string, onChange: (v: string) => void, n = '', required = true) => (
    <Field id={id + 'unit' + n} label={t(label, { n })}>
      <select id={id + 'unit' + n} required={required} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t('cw.choose')}</option>
        {units
          .filter((u) => action.kind === 'moveBooking' || u.id !== place?.unitId)
          .map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
      </select>
    </Field>
  );
  const dateField = (label: Key) => (
    <Field id={id + 'date'} label={t(label)}>
      <input
        id={id + 'date'}
        type="date"
        required
        min={today}
        value={f.date}
        onChange={(e) => set({ date: e.target.value })}
      />
    </Field>
  );
  const hoursField = (choices?: number[]) => (
    <Field id={id + 'hours'} label={t('cw.weeklyHours')}>
      {choices ? (
        <select id={id + 'hours'} value={f.hours} onChange={(e) => set({ hours: e.target.value })}>
          {choices.map((h) => (
            <option key={h} value={h}>
              {h}
            </option>
          ))}
        </select>
      ) : (
        <input
          id={id + 'hours'}
          type="number"
          inputMode="numeric"
          required
          min={1}
          max={60}
          value={f.hours}
          onChange={(e) => set({ hours: e.target.value })}
        />
      )}
    </Field>
  );
  const flagFields = (
    <fieldset className="field">
      <legend>{t('cw.flags')}</legend>
      <label className="checkbox">
        <input type="checkbox" checked={f.specialNeeds} onChange={(e) => set({ specialNeeds: e.target.checked })} />
        {t('cw.specialNeeds')}
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={f.movingIn} onChange={(e) => set({ movingIn: e.target.checked })} />
        {t('cw.movingIn')}
      </label>
    </fieldset>
  );

  const subject = place ? `${title}: ${place.unitName}` : title;
  return (
    <section className="panel" aria-labelledby={id + 'title'}>
      <h3 id={id + 'title'}>{subject}</h3>
      {!summary ? (
        <form className="form-grid" onSubmit={(e) => void prepare(e)}>
          {action.kind === 'apply' && (
            <>
              <Field id={id + 'kind'} label={t('pl.kind')}>
                <select
                  id={id + 'kind'}
                  value={f.placeKind}
                  onChange={(e) => set({ placeKind: e.target.value as (typeof KINDS)[number] })}
                >
                  {KINDS.map((k) => (
                    <option key={k} value={k}>
                      {t(`pk.${k}`)}
                    </option>
                  ))}
                </select>
              </Field>
              {dateField('pl.neededFrom')}
              {hoursField([40, 30])}
              {[0, 1, 2].map((i) =>
                unitSelect(
                  'cw.wishN',
                  f.wishes[i]!,
                  (v) => set({ wishes: f.wishes.map((w, j) => (j === i ? v : w)) }),
                  String(i + 1),
                  i === 0,
                ),
              )}
              {flagFields}
            </>
          )}
          {action.kind === 'change' && (
            <>
              {dateField('pl.neededFrom')}
              {hoursField([40, 30])}
            </>
          )}
          {action.kind === 'flags' && flagFields}
          {action.kind === 'enrol' && (
            <>
              {unitSelect('cw.unit', f.unitId, (v) => set({ unitId: v }))}
              {dateField('cw.start')}
              {hoursField()}
            </>
          )}
          {action.kind === 'book' && (
            <>
              <p className="hint">{t('cw.bookHint')}</p>
              {unitSelect('cw.unit', f.unitId, (v) => set({ unitId: v }))}
              {dateField('cw.start')}
              {hoursField()}
            </>
          )}
          {action.kind === 'moveBooking' && (
            <>
              {unitSelect('cw.unit', f.unitId, (v) => set({ unitId: v }))}
              {dateField('cw.start')}
              {hoursField()}
            </>
          )}
          {action.kind === 'transfer' && (
            <>
              {unitSelect('cw.unit', f.unitId, (v) => set({ unitId: v }))}
              {dateField('cw.moveDate')}
            </>
          )}
          {action.kind === 'withdraw' && (
            <>
              <p className="hint">{t('cw.noticeHint', { date: d(noticeLastDay) })}</p>
              <label className="checkbox">
                <input type="checkbox" checked={f.waive} onChange={(e) => set({ waive: e.target.checked })} />
                {t('cw.waive')}
              </label>
              {f.waive && dateField('cw.lastDay')}
            </>
          )}
          {action.kind === 'hours' && (
            <>
              {dateField('cw.from')}
              {hoursField()}
            </>
          )}
          <Field id={id + 'reason'} label={t('cw.reason')} hint={t('cw.reasonHint')}>
            <textarea
              id={id + 'reason'}
              required
              minLength={3}
              maxLength={500}
              rows={2}
              aria-describedby={id + 'reason-hint'}
              value={f.reason}
              onChange={(e) => set({ reason: e.target.value })}
            />
          </Field>
          <div className="form-actions">
            <button type="submit" className="button" disabled={busy}>
              {t('cw.next')}
            </button>
            <button type="button" className="button-secondary" onClick={onCancel}>
              {t('cw.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <div>
          <h4 ref={confirmRef} tabIndex={-1}>
            {t('cw.confirmTitle', { what: subject })}
          </h4>
          <div>{summary}</div>
          <p className="muted">
            {t('cw.reason')}: {f.reason.trim()}
          </p>
          <div className="form-actions">
            <button type="button" className="button" disabled={busy} onClick={() => void confirm()}>
              {t('cw.confirm')}
            </button>
            <button type="button" className="button-secondary" disabled={busy} onClick={() => setSummary(null)}>
              {t('cw.back')}
            </button>
          </div>
        </div>
      )}
      <ErrorMessage error={error} />
    </section>
  );
}
