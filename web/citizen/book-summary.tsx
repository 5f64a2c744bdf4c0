// Booking a place after DKFDS: choose → summary (every date the system picked, explained) → receipt.
import { useEffect, useRef, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { formatDate, plusDays } from '../shared/format.js';
import { Receipt } from '../shared/guard.js';
import { useT } from '../shared/i18n.js';
import { ErrorSummary, StepIndicator, SummaryList, useServerErrors } from '../shared/steps.js';
import type { Availability, Cancelled, AvailabilityItem as Item } from '../../src/modules/booking/contract.js';
import { laterBecause } from './book-calendar.js';

export interface Pending {
  unit: Item;
  date: string;
}

/** What was booked (or moved), for the receipt. */
export interface BookedReceipt {
  moved: boolean;
  child: string;
  unit: string;
  start: string;
  end: string;
  changeDeadline: string;
  at: string;
}

/** What was cancelled, for its receipt: `previousPlace` from the server, `waitlist` the child's wishes on the
 *  waitlist after the cancellation (null: not known). */
export interface CancelledReceipt {
  child: string;
  unit: string;
  start: string;
  at: string;
  previousPlace: Cancelled['previousPlace'];
  waitlist: { unit: string; position: number }[] | null;
}

export function useBookingSteps() {
  const { t } = useT();
  return [t('bk.step.choose'), t('form.summary'), t('bk.step.receipt')];
}

/** The summary before a booking or a move is made: child, unit, start (and why that day), how long the place lasts,
 *  hours and until when it can be changed; each with "Ret" back to where it was chosen. */
export function BookingSummary({
  pending,
  child,
  wished,
  availability,
  moving,
  running,
  error,
  attempt,
  alternatives,
  onBook,
  onEditChild,
  onEditDate,
}: {
  pending: Pending;
  child: string;
  wished: string;
  availability: Availability | null;
  moving: boolean;
  running: boolean;
  error: unknown;
  attempt: number;
  alternatives: ReactNode;
  onBook: () => void;
  onEditChild: () => void;
  onEditDate: () => void;
}) {
  const { t, lang } = useT();
  const steps = useBookingSteps();
  const serverErrors = useServerErrors();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const { unit, date } = pending;
  const days = availability?.policy.changeDeadlineDays ?? null;
  const why =
    date === wished
      ? t('bk.why.wished')
      : date === unit.start && availability && unit.start > wished
        ? laterBecause(unit, availability, wished, t, lang)
        : t('guard.book.chosen', { date: formatDate(date, lang), wished: formatDate(wished, lang) });
  return (
    <section aria-labelledby="bk-sum-h" className="panel">
      <StepIndicator steps={steps} current={1} onStep={onEditDate} />
      <h2 id="bk-sum-h" ref={heading} tabIndex={-1}>
        {t(moving ? 'bk.summaryMove' : 'bk.summary')}
      </h2>
      <ErrorSummary errors={serverErrors(error, () => null)} attempt={attempt} />
      {alternatives}
      <p>{t('form.summaryLead')}</p>
      <SummaryList
        onEdit={(r) => (r.field === 'book-child' ? onEditChild() : onEditDate())}
        rows={[
          { label: t('guard.book.child'), value: child, step: 0, field: moving ? undefined : 'book-child' },
          { label: t('guard.book.unit'), value: unit.name, note: unit.address, step: 0 },
          { label: t('guard.book.start'), value: formatDate(date, lang), note: why, step: 0 },
          { label: t('book.col.until'), value: formatDate(unit.end, lang), note: t('bk.why.until') },
          { label: t('guard.book.hours'), value: t('guard.book.fullTime') },
          ...(days !== null
            ? [
                {
                  label: t('bk.deadline'),
                  value: formatDate(plusDays(date, -days), lang),
                  note: t('bk.why.deadline', { n: days }),
                },
              ]
            : []),
        ]}
      />
      <p className="confirm-consequence">{t('guard.book.consequence')}</p>
      <p className="form-steps-buttons">
        <button
          type="button"
          className="button"
          aria-disabled={running || undefined}
          onClick={() => !running && onBook()}
        >
          {t(moving ? 'guard.move.confirm' : 'guard.book.confirm')}
        </button>
        <button type="button" className="button-secondary" onClick={onEditDate}>
          {t('form.back')}
        </button>
      </p>
    </section>
  );
}

/** The receipt after a booking or a move. */
export function BookingReceipt({ r, onAgain }: { r: BookedReceipt; onAgain: () => void }) {
  const { t, lang } = useT();
  const steps = useBookingSteps();
  return (
    <section className="panel" aria-label={steps[2]}>
      <StepIndicator steps={steps} current={2} />
      <Receipt
        title={t(r.moved ? 'bk.receiptMoved' : 'bk.receipt', { child: r.child })}
        print={t('book.printReceipt')}
        sent={[
          [t('form.sentAt'), formatDate(r.at, lang)],
          [t('guard.book.child'), r.child],
          [t('guard.book.unit'), r.unit],
          [t('guard.book.start'), formatDate(r.start, lang)],
          [t('book.col.until'), formatDate(r.end, lang)],
          [t('guard.book.hours'), t('guard.book.fullTime')],
        ]}
        next={
          r.moved
            ? t('book.movedOk', { unit: r.unit, date: formatDate(r.start, lang) })
            : t('book.confirmed', {
                child: r.child.split(' ')[0] ?? r.child,
                unit: r.unit,
                date: formatDate(r.start, lang),
                deadline: formatDate(r.changeDeadline, lang),
              })
        }
        follow={
          <>
            {t('bk.follow')} <Link to="/post">{t('nav.post')}</Link>.
          </>
        }
      />
      <p className="no-print">
        <button type="button" className="button-secondary" onClick={onAgain}>
          {t('bk.again')}
        </button>
      </p>
    </section>
  );
}

/** The receipt after a cancellation: what was cancelled and when, and what it means for the child: the place is free
 *  for others, a current place the booking was to replace is kept (or not), and the waitlist is unchanged. */
export function CancelReceipt({ r, onAgain }: { r: CancelledReceipt; onAgain: () => void }) {
  const { t, lang } = useT();
  const first = r.child.split(' ')[0] ?? r.child;
  return (
    <section className="panel" aria-label={t('book.cancelReceipt', { child: r.child })}>
      <Receipt
        title={t('book.cancelReceipt', { child: r.child })}
        print={t('book.printReceipt')}
        sent={[
          [t('book.cancelledAt'), formatDate(r.at, lang)],
          [t('guard.book.child'), r.child],
          [t('guard.book.unit'), r.unit],
          [t('book.cancelledStart'), formatDate(r.start, lang)],
        ]}
        next={
          <>
            {t('book.cancel.released', { unit: r.unit, date: formatDate(r.start, lang) })}
            {r.previousPlace === 'restored' && <> {t('book.cancel.restored', { child: first })}</>}
            {r.previousPlace === 'ended' && (
              <> {t('book.cancel.ended', { child: first, date: formatDate(plusDays(r.start, -1), lang) })}</>
            )}
            {r.waitlist && r.waitlist.length > 0 && (
              <>
                {' '}
                {t('book.cancel.waitlist', {
                  child: first,
                  list: r.waitlist
                    .map((w) => t('book.cancel.waitlistItem', { unit: w.unit, n: w.position }))
                    .join(', '),
                })}
              </>
            )}
            {r.waitlist && r.waitlist.length === 0 && (
              <>
                {' '}
                {t('book.cancel.noWaitlist', { child: first })} <Link to="/pladser">{t('nav.placement')}</Link>.
              </>
            )}
          </>
        }
        follow={
          <>
            {t('book.cancel.follow')} <Link to="/post">{t('nav.post')}</Link>.
          </>
        }
      />
      <p className="no-print">
        <button type="button" className="button-secondary" onClick={onAgain}>
          {t('bk.again')}
        </button>
      </p>
    </section>
  );
}
