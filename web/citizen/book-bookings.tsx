// The family's active bookings: each may be moved or cancelled until its change deadline.
import { formatDate } from '../shared/format.js';
import { useT } from '../shared/i18n.js';
import type { Booking } from '../../src/modules/booking/contract.js';

export function MyBookings({
  bookings,
  moving,
  cancelling,
  onMove,
  onCancel,
  onStopMoving,
}: {
  bookings: Booking[] | null;
  /** A booking is being moved: it can be given up. */
  moving: boolean;
  /** A cancellation is under way: no other can start. */
  cancelling: boolean;
  onMove: (b: Booking) => void;
  onCancel: (b: Booking) => void;
  onStopMoving: () => void;
}) {
  const { t, lang } = useT();
  const active = bookings?.filter((b) => b.status === 'active');
  return (
    <section aria-labelledby="mine-h">
      <h2 id="mine-h">{t('book.mine')}</h2>
      {active && active.length === 0 && <p className="muted">{t('book.mineNone')}</p>}
      <ul className="placement-list">
        {active?.map((b) => (
          <li key={b.id}>
            <strong>{b.childName}</strong> · {b.unitName} · {formatDate(b.start, lang)}
            <span className="muted">
              {' '}
              · {b.changeable ? t('book.changeUntil', { date: formatDate(b.changeDeadline, lang) }) : t('book.locked')}
            </span>
            {b.changeable && (
              <span className="button-row">
                {' '}
                <button type="button" className="button-secondary" onClick={() => onMove(b)}>
                  {t('book.move')} <span className="visually-hidden">{b.unitName}</span>
                </button>{' '}
                <button
                  type="button"
                  className="button-secondary"
                  aria-disabled={cancelling || undefined}
                  onClick={() => !cancelling && onCancel(b)}
                >
                  {t('book.cancel')} <span className="visually-hidden">{b.unitName}</span>
                </button>
              </span>
            )}
          </li>
        ))}
      </ul>
      {moving && (
        <button type="button" className="button-secondary" onClick={onStopMoving}>
          {t('book.stopMoving')}
        </button>
      )}
    </section>
  );
}
