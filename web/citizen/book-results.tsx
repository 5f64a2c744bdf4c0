// The free places found: each unit's first free day (and why it is later than the wished one), and the nearest
// units that still have room when a chosen day is no longer free.
import { formatDate, formatKm } from '../shared/format.js';
import { useT } from '../shared/i18n.js';
import type { Availability, AvailabilityItem as Item } from '../../src/modules/booking/contract.js';
import { laterBecause } from './book-calendar.js';

export function FreePlaces({
  availability,
  wished,
  onCalendar,
}: {
  availability: Availability;
  wished: string;
  onCalendar: (unit: Item) => void;
}) {
  const { t, lang } = useT();
  return (
    <section aria-labelledby="res-h">
      <h2 id="res-h">{t('book.results', { date: formatDate(wished, lang) })}</h2>
      {availability.policy.modeNursery === 'hybrid' && (
        <p className="notice">{t('book.mode.hybrid', { n: availability.policy.hybridMonths })}</p>
      )}
      {availability.total > availability.items.length && (
        <p className="muted">{t('book.shown', { n: availability.items.length, total: availability.total })}</p>
      )}
      {availability.items.length === 0 ? (
        <p>{t('book.none')}</p>
      ) : (
        <div
          className="table-wrap"
          tabIndex={0}
          role="region"
          aria-label={t('book.results', { date: formatDate(wished, lang) })}
        >
          <table>
            <caption className="visually-hidden">{t('book.results', { date: formatDate(wished, lang) })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('book.col.unit')}</th>
                <th scope="col">{t('book.col.type')}</th>
                <th scope="col">{t('book.col.distance')}</th>
                <th scope="col">{t('book.col.start')}</th>
                <th scope="col">{t('book.col.until')}</th>
                <th scope="col">{t('book.col.action')}</th>
              </tr>
            </thead>
            <tbody>
              {availability.items.map((i) => (
                <tr key={i.unitId}>
                  <th scope="row">
                    {i.name}
                    <br />
                    <span className="muted">{i.address}</span>
                  </th>
                  <td>{t(`type.${i.type}` as any)}</td>
                  <td>{i.distanceKm === null ? t('none') : formatKm(i.distanceKm, lang)}</td>
                  <td>
                    {formatDate(i.start, lang)}
                    {i.onWished ? (
                      <>
                        <br />
                        <span className="status-ok">{t('book.onWished')}</span>
                      </>
                    ) : (
                      <>
                        <br />
                        <span className="hint">{laterBecause(i, availability, wished, t, lang)}</span>
                      </>
                    )}
                  </td>
                  <td>{formatDate(i.end, lang)}</td>
                  <td>
                    <button
                      type="button"
                      className="button-secondary"
                      onClick={() => onCalendar(i)}
                      aria-label={`${t('book.calendar')}: ${i.name}`}
                    >
                      {t('book.calendar')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** The nearest units that have room, sent with "no longer free". */
export function Alternatives({ units }: { units: Item[] }) {
  const { t, lang } = useT();
  return units.length === 0 ? (
    <p>{t('book.none')}</p>
  ) : (
    <>
      <p>{t('book.gone')}</p>
      <ul aria-label={t('book.gone')}>
        {units.map((a) => (
          <li key={a.unitId}>
            {a.name}: {formatDate(a.start, lang)}
            {a.distanceKm !== null ? ` · ${formatKm(a.distanceKm, lang)}` : ''}
          </li>
        ))}
      </ul>
    </>
  );
}
