// The entrance terminal: a tablet page with large tiles, one tap to check a child in or out.
// It needs no personal login: the unit leader opens /terminal#token=… once and the token stays in localStorage.
import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../shared/api.js';
import { useErrorText } from '../shared/components.js';
import { formatDate, formatTime } from '../shared/format.js';
import { useT } from '../shared/i18n.js';

const STORAGE_KEY = 'spire.terminalToken';
const IN_CARE = [3, 4, 5, 6, 7];
/** How long the tile offers "Fortryd" after a check-out (the server allows a little more for a slow network). */
const UNDO_SECONDS = 10;

import type { TerminalChild, TerminalDay } from '../../src/modules/attendance/contract.js';

function readToken(): string | null {
  const m = /token=([\w-]+)/.exec(window.location.hash);
  if (m) {
    try {
      localStorage.setItem(STORAGE_KEY, m[1]!);
    } catch {
      /* keep in memory */
    }
    history.replaceState(null, '', window.location.pathname); // the secret leaves the address bar
    return m[1]!;
  }
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

async function call<T>(token: string, method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const res = await fetch(`/api/terminal${path}`, {
    method,
    headers: {
      accept: 'application/json',
      'x-terminal-token': token,
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
    credentials: 'omit',
  }).catch(() => {
    throw new ApiError(0, 'network', '');
  });
  const data = await res.json().catch(() => null);
  if (!res.ok) throw new ApiError(res.status, data?.error ?? 'http', data?.message ?? '');
  return data as T;
}

export function TerminalPage() {
  const { t, lang, setLang } = useT();
  const errorText = useErrorText();
  const [token] = useState(readToken);
  const [day, setDay] = useState<TerminalDay | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState('');
  const [pickupFor, setPickupFor] = useState<TerminalChild | null>(null);
  const [pickup, setPickup] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  // The last check-out, undoable for UNDO_SECONDS: "Tjekket ud — Fortryd".
  const [undo, setUndo] = useState<{ child: TerminalChild; left: number } | null>(null);
  useEffect(() => {
    if (!undo) return;
    const timer = setTimeout(() => setUndo((u) => (u && u.left > 1 ? { ...u, left: u.left - 1 } : null)), 1000);
    return () => clearTimeout(timer);
  }, [undo]);

  const load = useCallback(async () => {
    if (!token) return;
    try {
      setDay(await call<TerminalDay>(token, 'GET', '/children'));
      setError(null);
    } catch (e) {
      setError(e);
    }
  }, [token]);
  useEffect(() => {
    document.title = `${t('term.title')} · Spire`;
    void load();
    const timer = setInterval(() => void load(), 30_000); // other terminals and staff change things too
    return () => clearInterval(timer);
  }, [load, t]);

  const act = async (
    c: TerminalChild,
    action: 'check-in' | 'check-out' | 'pickup' | 'undo-check-out',
    body: object = {},
  ) => {
    if (!token) return;
    setBusy(c.id);
    if (action !== 'check-out') setUndo(null);
    try {
      const r = await call<{
        status: number;
        checkIn: string | null;
        checkOut: string | null;
        pickupBy: string | null;
      }>(token, 'POST', `/children/${c.id}/${action}`, body);
      setDay(
        (d) =>
          d && {
            ...d,
            groups: d.groups.map((g) => ({
              ...g,
              children: g.children.map((x) => (x.id === c.id ? { ...x, ...r } : x)),
            })),
            present: d.present + (IN_CARE.includes(r.status) ? 1 : 0) - (IN_CARE.includes(c.status) ? 1 : 0),
          },
      );
      setNotice(
        action === 'check-in'
          ? t('term.checkedIn', { name: c.firstName, time: formatTime(r.checkIn, lang) })
          : action === 'check-out'
            ? t('term.checkedOut', { name: c.firstName, time: formatTime(r.checkOut, lang) })
            : action === 'undo-check-out'
              ? t('term.undone', { name: c.firstName })
              : t('term.pickupSaved', { name: c.firstName }),
      );
      if (action === 'check-out') setUndo({ child: { ...c, ...r }, left: UNDO_SECONDS });
      setError(null);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  if (!token) {
    return (
      <main id="main" className="terminal">
        <h1>{t('term.title')}</h1>
        <p className="notice notice-error" role="alert">
          {t('term.noToken')}
        </p>
      </main>
    );
  }
  return (
    <main id="main" className="terminal">
      <header className="terminal-head">
        <div>
          <h1>{day ? day.unit.name : t('term.title')}</h1>
          {day && <p>{t('term.lead', { terminal: day.terminal.name, date: formatDate(day.date, lang) })}</p>}
        </div>
        <p className="terminal-count" aria-live="polite">
          {day ? t('term.present', { n: day.present }) : ''}
        </p>
        <button type="button" className="button-secondary" onClick={() => setLang(lang === 'da' ? 'en' : 'da')}>
          {t('lang.switch')}
        </button>
      </header>
      <div className="terminal-notice undo-toast">
        <p role="status">{notice}</p>
        {undo && (
          <button
            type="button"
            className="button"
            disabled={busy === undo.child.id}
            aria-label={t('term.undoFor', { name: undo.child.firstName })}
            onClick={() => void act(undo.child, 'undo-check-out')}
          >
            {t('term.undo')} <span aria-hidden="true">{t('term.undoSeconds', { s: undo.left })}</span>
          </button>
        )}
      </div>
      {error ? (
        <div className="notice notice-error" role="alert">
          <p lang="da">{errorText(error)}</p>
        </div>
      ) : null}
      {day?.closed && <p className="notice">{t('term.closed', { reason: day.closed })}</p>}
      {pickupFor && (
        <form
          className="panel terminal-pickup"
          onSubmit={(e) => {
            e.preventDefault();
            void act(pickupFor, 'pickup', { pickupBy: pickup.trim() || null });
            setPickupFor(null);
          }}
        >
          <label htmlFor="pickup">{t('term.pickupFor', { name: pickupFor.firstName })}</label>
          <input id="pickup" value={pickup} maxLength={100} onChange={(e) => setPickup(e.target.value)} autoFocus />
          <button type="submit" className="button">
            {t('save')}
          </button>
          <button type="button" className="button-secondary" onClick={() => setPickupFor(null)}>
            {t('term.cancel')}
          </button>
        </form>
      )}
      {day?.groups.map((g) => (
        <section key={g.name} aria-labelledby={`g-${g.name}`} className="terminal-group">
          <h2 id={`g-${g.name}`}>{g.name}</h2>
          <ul className="terminal-grid">
            {g.children.map((c) => {
              const here = IN_CARE.includes(c.status);
              return (
                <li key={c.id} className={`terminal-tile status-${c.status}`}>
                  <button
                    type="button"
                    className="terminal-tap"
                    disabled={busy === c.id}
                    onClick={() => void act(c, here ? 'check-out' : 'check-in')}
                  >
                    <span className="terminal-avatar" aria-hidden="true">
                      {c.initials}
                    </span>
                    <span className="terminal-name">{c.firstName}</span>
                    <span className="terminal-status">
                      {t(`status.${c.status}` as 'status.0')}
                      {c.checkIn ? ` · ${formatTime(c.checkIn, lang)}` : ''}
                      {c.checkOut ? `–${formatTime(c.checkOut, lang)}` : ''}
                    </span>
                    <span className="visually-hidden">{here ? t('term.tapOut') : t('term.tapIn')}</span>
                  </button>
                  <button
                    type="button"
                    className="terminal-pickup-button"
                    onClick={() => {
                      setPickupFor(c);
                      setPickup(c.pickupBy ?? '');
                    }}
                    aria-label={`${c.pickupBy ? t('term.pickupBy', { name: c.pickupBy }) : t('term.pickupAdd')} (${c.firstName})`}
                  >
                    {c.pickupBy ? t('term.pickupBy', { name: c.pickupBy }) : t('term.pickupAdd')}
                  </button>
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </main>
  );
}
