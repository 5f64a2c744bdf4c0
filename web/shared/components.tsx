// Small building blocks shared by the citizen portal and the staff app.
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { api, ApiError } from './api.js';
import { isKey, useT } from './i18n.js';

export { DataTable, Pager, type Column, type Direction } from './data-table.js';

/** GETs `path` (null: nothing) and keeps the last answer while reloading. */
export function useApi<T>(path: string | null, key?: unknown) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(path !== null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (path === null) {
      setLoading(false);
      return;
    }
    const ctl = new AbortController();
    setLoading(true);
    setError(null);
    api.get<T>(path, ctl.signal).then(
      (d) => {
        setData(d);
        setLoading(false);
      },
      (e) => {
        if (!ctl.signal.aborted) {
          setError(e);
          setLoading(false);
        }
      },
    );
    return () => ctl.abort();
  }, [path, tick, key]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data, error, loading, reload, setData };
}

/** The message to show for a failed request: the refusal code's text in the user's language, else the server's
 *  own (Danish) message from an endpoint that has no codes yet. */
export function useErrorText() {
  const { t } = useT();
  return (e: unknown) => {
    if (!(e instanceof ApiError)) return t('error.generic');
    if (e.code === 'network') return t('error.network');
    const key = 'err.' + e.code;
    return isKey(key) ? t(key, e.params) : e.message || t('error.generic');
  };
}

export function ErrorMessage({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useT();
  const text = useErrorText();
  if (!error) return null;
  const api = error instanceof ApiError ? error : null;
  const fromServer = !!api && api.code !== 'network' && !isKey('err.' + api.code) && !!api.message; // the server writes Danish
  const retry = onRetry && !(api && api.status >= 400 && api.status < 500);
  return (
    <div className="notice notice-error" role="alert">
      <p lang={fromServer ? 'da' : undefined}>{text(error)}</p>
      {retry && (
        <button type="button" className="button-secondary" onClick={onRetry}>
          {t('retry')}
        </button>
      )}
    </div>
  );
}

export function Loading() {
  const { t } = useT();
  return (
    <p className="loading" role="status">
      <span className="spinner" aria-hidden="true" />
      {t('loading')}
    </p>
  );
}

/** The page's one h1; also sets the document title. */
export function Page({ title, lead, children }: { title: string; lead?: ReactNode; children?: ReactNode }) {
  const { t } = useT();
  useEffect(() => {
    document.title = `${title} · ${t('app.name')}`;
  }, [title, t]);
  return (
    <>
      <h1>{title}</h1>
      {lead && <p className="lead">{lead}</p>}
      {children}
    </>
  );
}

export function Field({
  id,
  label,
  hint,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  children: ReactNode;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="hint" id={id + '-hint'}>
          {hint}
        </p>
      )}
      {children}
    </div>
  );
}

export function Status({ text }: { text: string | null }) {
  return (
    <p className="status" role="status">
      {text ? <span className="status-ok">{text}</span> : null}
    </p>
  );
}

export function BackLink({ to, children }: { to: string; children: ReactNode }) {
  return (
    <p className="back">
      <Link to={to}>
        <span aria-hidden="true">← </span>
        {children}
      </Link>
    </p>
  );
}

/** A heading with a definition list of facts. */
export function Facts({ items }: { items: [string, ReactNode][] }) {
  return (
    <dl className="facts">
      {items.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v ?? '—'}</dd>
        </div>
      ))}
    </dl>
  );
}
