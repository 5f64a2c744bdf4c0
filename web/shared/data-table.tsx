// Tables of the staff app. `DataTable` is either a captioned box around hand-written rows (children), or a typed table
// from columns and rows: sortable headers (a button in each sortable header, aria-sort on the sorted one, Danish
// collation), a text filter over every column and client-side paging. Either way the table scrolls inside its own
// focusable box, so a page is never wider than the screen.
import { useId, useMemo, useState, type ReactNode } from 'react';
import { useT } from './i18n.js';
import { IconFilter, IconNext, IconPrevious, IconSortDown, IconSortNone, IconSortUp } from './icons.js';

type SortValue = string | number | null | undefined;

export interface Column<T> {
  id: string;
  header: string;
  cell: (row: T) => ReactNode;
  /** What the column sorts by (strings in Danish order, numbers and ISO dates as such); none: not sortable. */
  sort?: (row: T) => SortValue;
  /** The text the filter searches (default: the sort value). */
  text?: (row: T) => string;
  /** The row's name: rendered as <th scope="row">. */
  rowHeader?: boolean;
  /** Right-aligned (amounts, counts). */
  numeric?: boolean;
}

export type Direction = 'ascending' | 'descending';

interface BoxProps {
  caption: string;
  children: ReactNode;
  className?: string;
}

/**
 * The server sorts and pages (a list too long to load, like a municipality's waitlist): `rows` are the page, `total`
 * counts every match, and sorting or paging asks the server through `onSort` / `onPage`. No text filter then: the
 * page's own filters narrow what the server returns.
 */
export interface ServerPaging {
  total: number;
  offset: number;
  sort: { column: string; direction: Direction } | null;
  onSort: (sort: { column: string; direction: Direction }) => void;
  onPage: (offset: number) => void;
}

export interface GridProps<T> {
  caption: string;
  columns: readonly Column<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string;
  /** Rows a page (default 25); 0: no paging. */
  pageSize?: number;
  /** Show the text filter (default: when there are more rows than one page). */
  filter?: boolean;
  initialSort?: { column: string; direction: Direction };
  className?: string;
  rowClassName?: (row: T) => string | undefined;
  server?: ServerPaging;
}

const collator = new Intl.Collator('da', { numeric: true, sensitivity: 'base' });

/** Ascending order of two sort values: numbers as numbers, text in Danish order, empty values last. */
export function compareValues(a: SortValue, b: SortValue): number {
  const ae = a === null || a === undefined || a === '';
  const be = b === null || b === undefined || b === '';
  if (ae || be) return ae === be ? 0 : ae ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return collator.compare(String(a), String(b));
}

/** The rows in the order of `column` (stable: equal rows keep their order; empty values last either way). */
export function sortRows<T>(rows: readonly T[], by: ((row: T) => SortValue) | undefined, direction: Direction): T[] {
  const indexed = rows.map((row, i) => ({ row, i, v: by ? by(row) : null }));
  if (by)
    indexed.sort((x, y) => {
      const xe = x.v === null || x.v === undefined || x.v === '';
      const ye = y.v === null || y.v === undefined || y.v === '';
      if (xe || ye) return xe === ye ? x.i - y.i : xe ? 1 : -1;
      const c = compareValues(x.v, y.v);
      return (direction === 'ascending' ? c : -c) || x.i - y.i;
    });
  return indexed.map((x) => x.row);
}

export function DataTable<T>(props: BoxProps | GridProps<T>) {
  if ('columns' in props) return <Grid {...props} />;
  const { caption, children, className } = props;
  return (
    <div className="table-wrap" role="region" aria-label={caption} tabIndex={0}>
      <table className={className}>
        <caption>{caption}</caption>
        {children}
      </table>
    </div>
  );
}

function Grid<T>({
  caption,
  columns,
  rows,
  rowKey,
  pageSize = 25,
  filter,
  initialSort,
  className,
  rowClassName,
  server,
}: GridProps<T>) {
  const { t } = useT();
  const id = useId();
  const [localSort, setLocalSort] = useState<{ column: string; direction: Direction } | null>(initialSort ?? null);
  const [query, setQuery] = useState('');
  const [localOffset, setOffset] = useState(0);
  const sort = server ? server.sort : localSort;
  const offset = server ? 0 : localOffset;
  const showFilter = !server && (filter ?? (pageSize > 0 && rows.length > pageSize));

  const shown = useMemo(() => {
    if (server) return rows;
    const q = query.trim().toLocaleLowerCase('da');
    const textOf = (c: Column<T>, r: T) => (c.text ? c.text(r) : c.sort ? String(c.sort(r) ?? '') : '');
    const filtered = q
      ? rows.filter((r) => columns.some((c) => textOf(c, r).toLocaleLowerCase('da').includes(q)))
      : rows;
    const col = sort ? columns.find((c) => c.id === sort.column) : undefined;
    return col ? sortRows(filtered, col.sort, sort!.direction) : filtered;
  }, [rows, columns, query, sort, server]);

  const size = pageSize > 0 ? pageSize : shown.length || 1;
  const start = offset < shown.length ? offset : 0;
  const page = shown.slice(start, start + size);

  function toggle(column: string) {
    const next = (s: typeof sort): { column: string; direction: Direction } =>
      s?.column === column
        ? { column, direction: s.direction === 'ascending' ? 'descending' : 'ascending' }
        : { column, direction: 'ascending' };
    if (server) server.onSort(next(server.sort));
    else {
      setLocalSort(next);
      setOffset(0);
    }
  }

  return (
    <div className="data-table">
      {showFilter && (
        <div className="table-filter">
          <label htmlFor={id + 'f'}>
            <IconFilter /> {t('table.filter')}
            <span className="visually-hidden">: {caption}</span>
          </label>
          <input
            id={id + 'f'}
            type="search"
            autoComplete="off"
            value={query}
            onChange={(e) => {
              setQuery(e.target.value);
              setOffset(0);
            }}
          />
          <span role="status" className="hint">
            {query.trim() ? t('table.matches', { n: shown.length, total: rows.length }) : ''}
          </span>
        </div>
      )}
      <div className="table-wrap" role="region" aria-label={caption} tabIndex={0}>
        <table className={className}>
          <caption>{caption}</caption>
          <thead>
            <tr>
              {columns.map((c) => {
                const sorted = sort?.column === c.id ? sort.direction : undefined;
                return (
                  <th key={c.id} scope="col" aria-sort={sorted} className={c.numeric ? 'num' : undefined}>
                    {c.sort ? (
                      <button
                        type="button"
                        className="sort-button"
                        onClick={() => toggle(c.id)}
                        title={t(sorted === 'ascending' ? 'table.sortDesc' : 'table.sortAsc')}
                      >
                        {c.header}
                        {sorted === 'ascending' ? (
                          <IconSortUp />
                        ) : sorted === 'descending' ? (
                          <IconSortDown />
                        ) : (
                          <IconSortNone className="icon-faint" />
                        )}
                      </button>
                    ) : (
                      c.header
                    )}
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {page.map((r) => (
              <tr key={rowKey(r)} className={rowClassName?.(r)}>
                {columns.map((c) =>
                  c.rowHeader ? (
                    <th key={c.id} scope="row">
                      {c.cell(r)}
                    </th>
                  ) : (
                    <td key={c.id} className={c.numeric ? 'num' : undefined}>
                      {c.cell(r)}
                    </td>
                  ),
                )}
              </tr>
            ))}
            {page.length === 0 && (
              <tr>
                <td colSpan={columns.length}>{t('table.empty')}</td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {server ? (
        <Pager offset={server.offset} size={pageSize} total={server.total} onChange={server.onPage} />
      ) : (
        pageSize > 0 && <Pager offset={start} size={size} total={shown.length} onChange={setOffset} />
      )}
    </div>
  );
}

/** Paging under a long table: "Viser 101–200 af 744, side 2 af 8" (announced when it changes) with previous and next
 *  buttons named for what they do ("Næste side"). */
export function Pager({
  offset,
  size,
  total,
  onChange,
}: {
  offset: number;
  size: number;
  total: number;
  onChange: (offset: number) => void;
}) {
  const { t } = useT();
  if (total <= size && offset === 0) return null;
  const pages = Math.max(1, Math.ceil(total / size));
  return (
    <nav className="pager" aria-label={t('pager.label')}>
      <button
        type="button"
        className="button-secondary"
        disabled={offset === 0}
        aria-label={t('pager.previousPage')}
        onClick={() => onChange(Math.max(0, offset - size))}
      >
        <IconPrevious /> {t('pager.previous')}
      </button>
      <span aria-live="polite">
        {t('pager.showing', { from: Math.min(total, offset + 1), to: Math.min(total, offset + size), total })},{' '}
        {t('pager.page', { page: Math.floor(offset / size) + 1, pages })}
      </span>
      <button
        type="button"
        className="button-secondary"
        disabled={offset + size >= total}
        aria-label={t('pager.nextPage')}
        onClick={() => onChange(offset + size)}
      >
        {t('pager.next')} <IconNext />
      </button>
    </nav>
  );
}
