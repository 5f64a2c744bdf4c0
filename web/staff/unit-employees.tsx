// Medarbejdere on a unit's page: who works there on a date, their hours and the full-time equivalents (37 h = 1),
// a form to add one, change hours and end; in a dagpleje, the children and the dagplejer each is placed with.
import { useId, useState, type FormEvent } from 'react';
import { api, query } from '../shared/api.js';
import { DataTable, ErrorMessage, Field, Loading, Status, useApi } from '../shared/components.js';
import { formatDate, formatPeriod } from '../shared/format.js';
import { useT } from '../shared/i18n.js';
import { useCan, useSession } from '../shared/session.js';
import type { UnitDetail } from '../../src/modules/registry/contract.js';
import type { DagplejeChild, Employee, UnitEmployees } from '../../src/modules/employees/contract.js';

type JobType = Employee['jobType'];
const JOBS: JobType[] = ['leder', 'paedagog', 'paedagogisk_assistent', 'medhjaelper', 'dagplejer'];

const fullName = (e: Employee) => `${e.firstName} ${e.lastName}`;

export function UnitEmployeesSection({ unit }: { unit: UnitDetail }) {
  const { t, lang } = useT();
  const can = useCan();
  const { me } = useSession();
  const id = useId();
  const [date, setDate] = useState(me?.today ?? '');
  const { data, error, loading, reload } = useApi<UnitEmployees>(
    `/api/staff/units/${unit.id}/employees${query({ date })}`,
  );
  const [status, setStatus] = useState<string | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const manage = can('employees.manage');
  const hours = (m: number) => t('emp.hoursValue', { h: Math.floor(m / 60), m: m % 60 });
  const fte = (n: number) =>
    new Intl.NumberFormat(lang === 'da' ? 'da-DK' : 'en-GB', { maximumFractionDigits: 2 }).format(n);

  async function act(work: () => Promise<unknown>, msg: string) {
    setStatus(null);
    setActionError(null);
    try {
      await work();
      setStatus(msg);
      reload();
    } catch (e) {
      setActionError(e);
    }
  }

  const [selected, setSelected] = useState<Employee | null>(null);

  return (
    <section aria-labelledby={id + 'h'} className="panel" id="medarbejdere">
      <h2 id={id + 'h'}>{t('emp.title')}</h2>
      <div className="filter-row">
        <Field id={id + 'date'} label={t('emp.date')}>
          <input id={id + 'date'} type="date" value={date} onChange={(e) => setDate(e.target.value)} />
        </Field>
      </div>
      {loading && !data && <Loading />}
      <ErrorMessage error={error} onRetry={reload} />
      {data && (
        <>
          <p data-testid="fte">
            <strong>{t('emp.fte', { fte: fte(data.fte) })}</strong>
          </p>
          <DataTable caption={t('emp.caption', { date: formatDate(data.date, lang), n: data.employees.length })}>
            <thead>
              <tr>
                <th scope="col">{t('emp.name')}</th>
                <th scope="col">{t('emp.jobType')}</th>
                <th scope="col" className="num">
                  {t('emp.hours')}
                </th>
                <th scope="col">{t('emp.period')}</th>
                {manage && <th scope="col">{t('users.actions')}</th>}
              </tr>
            </thead>
            <tbody>
              {data.employees.length === 0 && (
                <tr>
                  <td colSpan={5}>{t('emp.none')}</td>
                </tr>
              )}
              {data.employees.map((e) => (
                <tr key={e.id}>
                  <th scope="row">{fullName(e)}</th>
                  <td>{t(`job.${e.jobType}`)}</td>
                  <td className="num">{hours(e.weeklyMinutes)}</td>
                  <td>{formatPeriod(e.start, e.end, t, lang)}</td>
                  {manage && (
                    <td className="nowrap">
                      <button
                        type="button"
                        className="button-link"
                        aria-label={t('emp.editLabel', { name: fullName(e) })}
                        aria-expanded={selected?.id === e.id}
                        onClick={() => setSelected(selected?.id === e.id ? null : e)}
                      >
                        {t('emp.edit')}
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </DataTable>
        </>
      )}
      {selected && (
        <EmployeeEdit
          key={selected.id}
          employee={selected}
          defaultLastDay={date}
          onHours={(weekly) =>
            void act(
              () => api.patch(`/api/staff/employees/${selected.id}`, { weekly }),
              t('emp.saved', { name: fullName(selected) }),
            )
          }
          onEnd={(lastDay) =>
            void act(
              () => api.post(`/api/staff/employees/${selected.id}/end`, { lastDay }),
              t('emp.saved', { name: fullName(selected) }),
            )
          }
        />
      )}
      <Status text={status} />
      <ErrorMessage error={actionError} />
      {manage && (
        <NewEmployeeForm
          unit={unit}
          onAdded={(name) => {
            setStatus(t('emp.added', { name }));
            reload();
          }}
        />
      )}
      {unit.type === 'dagpleje' && data && (
        <DagplejeChildren
          unitId={unit.id}
          date={date}
          dagplejere={data.employees.filter((e) => e.jobType === 'dagplejer')}
        />
      )}
    </section>
  );
}

function EmployeeEdit({
  employee,
  defaultLastDay,
  onHours,
  onEnd,
}: {
  employee: Employee;
  defaultLastDay: string;
  onHours: (weekly: { hours: number; minutes: number }) => void;
  onEnd: (lastDay: string) => void;
}) {
  const { t } = useT();
  const id = useId();
  const [hours, setHours] = useState(String(Math.floor(employee.weeklyMinutes / 60)));
  const [minutes, setMinutes] = useState(String(employee.weeklyMinutes % 60));
  const [lastDay, setLastDay] = useState(employee.end ?? defaultLastDay);
  return (
    <div className="subform">
      <h3>{fullName(employee)}</h3>
      <form
        className="filter-row"
        aria-label={t('emp.changeHoursLabel', { name: fullName(employee) })}
        onSubmit={(e) => {
          e.preventDefault();
          onHours({ hours: Number(hours || 0), minutes: Number(minutes || 0) });
        }}
      >
        <Field id={id + 'h'} label={`${t('emp.hours')}: ${t('emp.hoursPart').toLowerCase()}`}>
          <input
            id={id + 'h'}
            type="number"
            min={0}
            max={48}
            required
            value={hours}
            onChange={(e) => setHours(e.target.value)}
          />
        </Field>
        <Field id={id + 'm'} label={`${t('emp.hours')}: ${t('emp.minutesPart').toLowerCase()}`}>
          <input
            id={id + 'm'}
            type="number"
            min={0}
            max={59}
            required
            value={minutes}
            onChange={(e) => setMinutes(e.target.value)}
          />
        </Field>
        <div className="field field-button">
          <button type="submit" className="button-secondary">
            {t('emp.changeHours')}
          </button>
        </div>
      </form>
      <form
        className="filter-row"
        aria-label={t('emp.endLabel', { name: fullName(employee) })}
        onSubmit={(e) => {
          e.preventDefault();
          onEnd(lastDay);
        }}
      >
        <Field id={id + 'd'} label={t('emp.lastDay')}>
          <input id={id + 'd'} type="date" required value={lastDay} onChange={(e) => setLastDay(e.target.value)} />
        </Field>
        <div className="field field-button">
          <button type="submit" className="button-secondary">
            {t('emp.endAction')}
          </button>
        </div>
      </form>
    </div>
  );
}

function NewEmployeeForm({ unit, onAdded }: { unit: UnitDetail; onAdded: (name: string) => void }) {
  const { t } = useT();
  const { me } = useSession();
  const id = useId();
  const jobs = unit.type === 'dagpleje' ? JOBS : JOBS.filter((j) => j !== 'dagplejer');
  const empty = {
    firstName: '',
    lastName: '',
    jobType: (unit.type === 'dagpleje' ? 'dagplejer' : 'paedagog') as JobType,
    hours: '37',
    minutes: '0',
    start: me?.today ?? '',
    end: '',
  };
  const [form, setForm] = useState(empty);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      await api.post(`/api/staff/units/${unit.id}/employees`, {
        firstName: form.firstName.trim(),
        lastName: form.lastName.trim(),
        jobType: form.jobType,
        weekly: { hours: Number(form.hours || 0), minutes: Number(form.minutes || 0) },
        start: form.start,
        end: form.end || null,
        userId: null,
      });
      onAdded(`${form.firstName.trim()} ${form.lastName.trim()}`);
      setForm(empty);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="subform">
      <h3 id={id + 'h'}>{t('emp.addTitle')}</h3>
      <form onSubmit={(e) => void submit(e)} className="form-grid" aria-labelledby={id + 'h'}>
        <Field id={id + 'fn'} label={t('emp.firstName')}>
          <input
            id={id + 'fn'}
            required
            maxLength={100}
            autoComplete="off"
            value={form.firstName}
            onChange={(e) => setForm({ ...form, firstName: e.target.value })}
          />
        </Field>
        <Field id={id + 'ln'} label={t('emp.lastName')}>
          <input
            id={id + 'ln'}
            required
            maxLength={100}
            autoComplete="off"
            value={form.lastName}
            onChange={(e) => setForm({ ...form, lastName: e.target.value })}
          />
        </Field>
        <Field id={id + 'job'} label={t('emp.jobType')}>
          <select
            id={id + 'job'}
            value={form.jobType}
            onChange={(e) => setForm({ ...form, jobType: e.target.value as JobType })}
          >
            {jobs.map((j) => (
              <option key={j} value={j}>
                {t(`job.${j}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field id={id + 'h1'} label={`${t('emp.hours')}: ${t('emp.hoursPart').toLowerCase()}`}>
          <input
            id={id + 'h1'}
            type="number"
            inputMode="numeric"
            min={0}
            max={48}
            required
            value={form.hours}
            onChange={(e) => setForm({ ...form, hours: e.target.value })}
          />
        </Field>
        <Field id={id + 'm1'} label={`${t('emp.hours')}: ${t('emp.minutesPart').toLowerCase()}`}>
          <input
            id={id + 'm1'}
            type="number"
            inputMode="numeric"
            min={0}
            max={59}
            required
            value={form.minutes}
            onChange={(e) => setForm({ ...form, minutes: e.target.value })}
          />
        </Field>
        <Field id={id + 'st'} label={t('emp.start')}>
          <input
            id={id + 'st'}
            type="date"
            required
            value={form.start}
            onChange={(e) => setForm({ ...form, start: e.target.value })}
          />
        </Field>
        <Field id={id + 'en'} label={`${t('emp.end')} (${t('optional')})`}>
          <input
            id={id + 'en'}
            type="date"
            value={form.end}
            onChange={(e) => setForm({ ...form, end: e.target.value })}
          />
        </Field>
        <ErrorMessage error={error} />
        <div className="form-actions">
          <button type="submit" className="button" disabled={busy}>
            {busy ? t('saving') : t('emp.add')}
          </button>
        </div>
      </form>
    </div>
  );
}

function DagplejeChildren({ unitId, date, dagplejere }: { unitId: string; date: string; dagplejere: Employee[] }) {
  const { t, lang } = useT();
  const can = useCan();
  const id = useId();
  const { data, error, reload } = useApi<DagplejeChild[]>(
    `/api/staff/units/${unitId}/dagpleje-children${query({ date })}`,
  );
  const [saveError, setSaveError] = useState<unknown>(null);
  const [status, setStatus] = useState<string | null>(null);
  const names = new Map(dagplejere.map((e) => [e.id, fullName(e)]));

  async function assign(c: DagplejeChild, employeeId: string) {
    setSaveError(null);
    setStatus(null);
    try {
      await api.put(`/api/staff/placements/${c.placementId}/dagplejer`, { employeeId: employeeId || null });
      setStatus(t('saved'));
      reload();
    } catch (e) {
      setSaveError(e);
    }
  }

  return (
    <div className="subform">
      <h3>{t('emp.children')}</h3>
      <ErrorMessage error={error} onRetry={reload} />
      {data && (
        <DataTable caption={t('emp.childrenCaption', { date: formatDate(date, lang), n: data.length })}>
          <thead>
            <tr>
              <th scope="col">{t('emp.child')}</th>
              <th scope="col">{t('col.birthDate')}</th>
              <th scope="col">{t('emp.dagplejer')}</th>
            </tr>
          </thead>
          <tbody>
            {data.map((c) => (
              <tr key={c.placementId}>
                <th scope="row">{c.name}</th>
                <td>{formatDate(c.birthDate, lang)}</td>
                <td>
                  {can('employees.assign-dagplejer') ? (
                    <select
                      id={id + c.placementId}
                      aria-label={t('emp.dagplejerFor', { name: c.name })}
                      value={c.dagplejerId ?? ''}
                      onChange={(e) => void assign(c, e.target.value)}
                    >
                      <option value="">{t('emp.noDagplejer')}</option>
                      {dagplejere.map((d) => (
                        <option key={d.id} value={d.id}>
                          {fullName(d)}
                        </option>
                      ))}
                    </select>
                  ) : c.dagplejerId ? (
                    (names.get(c.dagplejerId) ?? t('none'))
                  ) : (
                    t('emp.noDagplejer')
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
      <Status text={status} />
      <ErrorMessage error={saveError} />
    </div>
  );
}
