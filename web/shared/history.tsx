// The change history of a row (unit, child): who changed which fields, from what to what.
import { formatDateTime, formatValue } from './format.js';
import { useT } from './i18n.js';
import type { HistoryEntry } from './types.js';

export function HistoryList({ items }: { items: HistoryEntry[] }) {
  const { t, lang } = useT();
  if (items.length === 0) return <p className="muted">{t('history.none')}</p>;
  const sorted = [...items].sort((a, b) => b.at.localeCompare(a.at));
  return (
    <ol className="history">
      {sorted.map((h, i) => (
        <li key={i}>
          <p className="history-head">
            <span className={'op op-' + h.op}>{t(`op.${h.op}`)}</span>{' '}
            <time dateTime={h.at}>{formatDateTime(h.at, lang)}</time>{' '}
            <span className="muted">
              {h.actorName ? t('history.by', { name: h.actorName }) : t('history.system')} · {h.table}
            </span>
          </p>
          {h.changes.length > 0 && (
            <ul className="changes">
              {h.changes.map((c) => (
                <li key={c.field}>
                  <code>{c.field}</code>: <del>{formatValue(c.from) ?? t('history.empty')}</del>
                  <span aria-hidden="true"> → </span>
                  <span className="visually-hidden"> {lang === 'da' ? 'til' : 'to'} </span>
                  <ins>{formatValue(c.to) ?? t('history.empty')}</ins>
                </li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ol>
  );
}
