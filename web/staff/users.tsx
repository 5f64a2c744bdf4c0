// Brugere: the administrator's list of staff users (search, pages), a form to create or change one (role, unit scopes
// for unit roles, login id, validity), and ending a user (logged out at once).
import { useId, useMemo, useState, type FormEvent } from 'react';
import { api, query } from '../shared/api.js';
import { DataTable, ErrorMessage, Field, Loading, Page, Status, useApi } from '../shared/components.js';
import { formatDate } from '../shared/format.js';
import { useT } from '../shared/i18n.js';
import { useCan, useSession } from '../shared/session.js';
import type { StaffUser, StaffRole } from '../../src/platform/auth/users/contract.js';
import type { StaffUnitRow } from '../../src/modules/registry/contract.js';

const ROLES: StaffRole[] = ['caseworker', 'finance', 'consultant', 'management', 'admin', 'unit_leader', 'unit_staff'];
const UNIT_ROLES: StaffRole[] = ['unit_leader', 'unit_staff'];
const PAGE_SIZE = 25;

interface UserList {
  items: StaffUser[];
  total: number;
  page: number;
}

export function UsersPage() {
  const { t, lang } = useT();
  const can = useCan();
  const id = useId();
  const [q, setQ] = useState('');
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(1);
  const { data, error, loading, reload } = useApi<UserList>(
    `/api/staff/users${query({ q: search, page, pageSize: PAGE_SIZE })}`,
  );
  const units = useApi<StaffUnitRow[]>('/api/staff/units');
  const unitName = useMemo(() => new Map((units.data ?? []).map((u) => [u.id, u.name])), [units.data]);
  const [editing, setEditing] = useState<StaffUser | 'new' | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;

  async function end(u: StaffUser) {
    setStatus(null);
    setActionError(null);
    if (!window.confirm(t('users.endConfirm', { name: u.name }))) return;
    try {
      await api.post(`/api/staff/users/${u.id}/end`, { lastDay: null });
      setStatus(t('users.ended', { name: u.name }));
      reload();
    } catch (e) {
      setActionError(e);
    }
  }

  return (
    <Page title={t('users.title')} lead={t('users.lead')}>
      <form
        className="filter-row"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setPage(1);
          setSearch(q.trim());
        }}
      >
        <Field id={id + 'q'} label={t('users.search')}>
          <input id={id + 'q'} type="search" value={q} onChange={(e) => setQ(e.target.value)} />
        </Field>
        <div className="field field-button">
          <button type="submit" className="button-secondary">
            {t('search')}
          </button>
        </div>
        {can('users.manage') && (
          <div className="field field-button">
            <button
              type="button"
              className="button"
              onClick={() => {
                setStatus(null);
                setEditing('new');
              }}
            >
              {t('users.create')}
            </button>
          </div>
        )}
      </form>
      {editing && (
        <UserForm
          key={editing === 'new' ? 'new' : editing.id}
          user={editing === 'new' ? null : editing}
          units={units.data ?? []}
          onCancel={() => setEditing(null)}
          onSaved={(msg) => {
            setEditing(null);
            setStatus(msg);
            reload();
          }}
        />
      )}
      <Status text={status} />
      <ErrorMessage error={actionError} />
      {loading && !data && <Loading />}
      <ErrorMessage error={error} onRetry={reload} />
      {data && (
        <>
          {data.items.length === 0 ? (
            <p>{t('users.none')}</p>
          ) : (
            <DataTable
              caption={t('users.caption', { n: data.total })}
              rows={data.items}
              rowKey={(u) => u.id}
              pageSize={0}
              filter={false}
              columns={[
                { id: 'name', header: t('users.name'), rowHeader: true, sort: (u) => u.name, cell: (u) => u.name },
                {
                  id: 'role',
                  header: t('users.role'),
                  sort: (u) => t(`role.${u.role}`),
                  cell: (u) => t(`role.${u.role}`),
                },
                {
                  id: 'units',
                  header: t('users.units'),
                  cell: (u) => u.unitIds.map((uid) => unitName.get(uid) ?? uid).join(', ') || t('none'),
                },
                { id: 'email', header: t('users.email'), sort: (u) => u.email, cell: (u) => u.email ?? t('none') },
                {
                  id: 'period',
                  header: t('users.period'),
                  sort: (u) => u.start,
                  cell: (u) =>
                    !u.start && !u.end
                      ? t('users.always')
                      : `${u.start ? formatDate(u.start, lang) : ''} – ${u.end ? formatDate(u.end, lang) : ''}`,
                },
                {
                  id: 'status',
                  header: t('users.status'),
                  sort: (u) => (u.active ? 0 : 1),
                  cell: (u) => (u.active ? t('users.active') : t('users.inactive')),
                },
                ...(can('users.manage')
                  ? [
                      {
                        id: 'actions',
                        header: t('users.actions'),
                        cell: (u: (typeof data.items)[number]) => (
                          <span className="nowrap">
                            <button
                              type="button"
                              className="button-link"
                              aria-label={t('users.editLabel', { name: u.name })}
                              onClick={() => {
                                setStatus(null);
                                setEditing(u);
                              }}
                            >
                              {t('users.edit')}
                            </button>{' '}
                            {u.active && (
                              <button
                                type="button"
                                className="button-link"
                                aria-label={t('users.endLabel', { name: u.name })}
                                onClick={() => void end(u)}
                              >
                                {t('users.endNow')}
                              </button>
                            )}
                          </span>
                        ),
                      },
                    ]
                  : []),
              ]}
            />
          )}
          {pages > 1 && (
            <nav aria-label={t('users.pageOf', { page, pages })} className="filter-row">
              <button type="button" className="button-secondary" disabled={page <= 1} onClick={() => setPage(page - 1)}>
                {t('users.prev')}
              </button>
              <span>{t('users.pageOf', { page, pages })}</span>
              <button
                type="button"
                className="button-secondary"
                disabled={page >= pages}
                onClick={() => setPage(page + 1)}
              >
                {t('users.next')}
              </button>
            </nav>
          )}
        </>
      )}
    </Page>
  );
}

function UserForm({
  user,
  units,
  onCancel,
  onSaved,
}: {
  user: StaffUser | null;
  units: StaffUnitRow[];
  onCancel: () => void;
  onSaved: (msg: string) => void;
}) {
  const { t } = useT();
  const { me } = useSession();
  const id = useId();
  const [form, setForm] = useState({
    name: user?.name ?? '',
    email: user?.email ?? '',
    role: (user?.role ?? 'unit_leader') as StaffRole,
    unitIds: user?.unitIds ?? [],
    oidcSubject: user?.oidcSubject ?? '',
    start: user?.start ?? me?.today ?? '',
    end: user?.end ?? '',
  });
  const [filter, setFilter] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [localError, setLocalError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const unitRole = UNIT_ROLES.includes(form.role);
  const shown = units.filter(
    (u) => form.unitIds.includes(u.id) || !filter || u.name.toLowerCase().includes(filter.trim().toLowerCase()),
  );

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setLocalError(null);
    if (unitRole && form.unitIds.length === 0) {
      setLocalError(t('users.scopeRequired'));
      document.getElementById(id + 'unitfilter')?.focus();
      return;
    }
    const body = {
      name: form.name.trim(),
      email: form.email.trim() || null,
      role: form.role,
      unitIds: unitRole ? form.unitIds : [],
      oidcSubject: form.oidcSubject.trim() || null,
      start: form.start,
      end: form.end || null,
    };
    setBusy(true);
    try {
      if (user) {
        await api.put(`/api/staff/users/${user.id}`, body);
        onSaved(t('users.saved', { name: body.name }));
      } else {
        await api.post('/api/staff/users', body);
        onSaved(t('users.created', { name: body.name }));
      }
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const title = user ? t('users.editTitle', { name: user.name }) : t('users.createTitle');
  return (
    <section aria-labelledby={id + 'h'} className="panel">
      <h2 id={id + 'h'}>{title}</h2>
      <form onSubmit={(e) => void submit(e)} className="form-grid" noValidate={false}>
        <Field id={id + 'name'} label={t('users.name')}>
          <input
            id={id + 'name'}
            required
            maxLength={200}
            autoComplete="off"
            value={form.name}
            onChange={(e) => setForm({ ...form, name: e.target.value })}
          />
        </Field>
        <Field id={id + 'email'} label={`${t('users.email')} (${t('optional')})`}>
          <input
            id={id + 'email'}
            type="email"
            autoComplete="off"
            value={form.email}
            onChange={(e) => setForm({ ...form, email: e.target.value })}
          />
        </Field>
        <Field id={id + 'role'} label={t('users.role')}>
          <select
            id={id + 'role'}
            value={form.role}
            onChange={(e) => setForm({ ...form, role: e.target.value as StaffRole })}
          >
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field id={id + 'sub'} label={`${t('users.subject')} (${t('optional')})`} hint={t('users.subjectHint')}>
          <input
            id={id + 'sub'}
            aria-describedby={id + 'sub-hint'}
            autoComplete="off"
            value={form.oidcSubject}
            onChange={(e) => setForm({ ...form, oidcSubject: e.target.value })}
          />
        </Field>
        <Field id={id + 'start'} label={t('users.start')}>
          <input
            id={id + 'start'}
            type="date"
            required
            value={form.start}
            onChange={(e) => setForm({ ...form, start: e.target.value })}
          />
        </Field>
        <Field id={id + 'end'} label={`${t('users.end')} (${t('optional')})`} hint={t('users.endHint')}>
          <input
            id={id + 'end'}
            type="date"
            aria-describedby={id + 'end-hint'}
            value={form.end}
            onChange={(e) => setForm({ ...form, end: e.target.value })}
          />
        </Field>
        {unitRole && (
          <fieldset className="grid-span" aria-describedby={id + 'scope-hint'}>
            <legend>
              {t('users.unitScope')} ({t('users.unitsChosen', { n: form.unitIds.length })})
            </legend>
            <p className="hint" id={id + 'scope-hint'}>
              {t('users.unitScopeHint')}
            </p>
            <Field id={id + 'unitfilter'} label={t('users.unitFilter')}>
              <input
                id={id + 'unitfilter'}
                type="search"
                value={filter}
                aria-invalid={localError ? true : undefined}
                aria-errormessage={localError ? id + 'scope-err' : undefined}
                onChange={(e) => setFilter(e.target.value)}
              />
            </Field>
            <div className="unit-choices">
              {shown.slice(0, 30).map((u) => (
                <label key={u.id} className="checkbox">
                  <input
                    type="checkbox"
                    checked={form.unitIds.includes(u.id)}
                    onChange={(e) => {
                      setLocalError(null);
                      setForm({
                        ...form,
                        unitIds: e.target.checked ? [...form.unitIds, u.id] : form.unitIds.filter((x) => x !== u.id),
                      });
                    }}
                  />
                  {u.name}
                </label>
              ))}
            </div>
            {localError && (
              <p className="notice notice-error" id={id + 'scope-err'} role="alert">
                {localError}
              </p>
            )}
          </fieldset>
        )}
        <ErrorMessage error={error} />
        <div className="form-actions">
          <button type="submit" className="button" disabled={busy}>
            {busy ? t('saving') : user ? t('save') : t('users.create')}
          </button>
          <button type="button" className="button-secondary" onClick={onCancel}>
            {t('users.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}
