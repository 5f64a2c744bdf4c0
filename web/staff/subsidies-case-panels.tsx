// The subsidy case page's panels: the decision on the proposal, a stop of an approved subsidy, the complaints with
// their reconsideration and forwarding, and the payouts made. The case page keeps the state and sends the actions.
import type { FormEvent } from 'react';
import { DataTable, Facts } from '../shared/components.js';
import { formatDate, formatMonth, formatOere } from '../shared/format.js';
import { useT } from '../shared/i18n.js';
import { fieldAria, FormField, type FieldError } from '../shared/steps.js';
import { useToday } from '../shared/today.js';
import type { CaseDetail } from '../../src/modules/subsidies/contract.js';

/** Posts one of the case's actions and reports `done`; `clear` empties its form when it went through. */
type CaseAction = (path: string, body: unknown, done: string, clear?: () => void) => Promise<void>;

/** What the forms share: the case, the page's id prefix (their fields' ids), the refused fields and the action. */
interface PanelProps {
  data: CaseDetail;
  id: string;
  errors: FieldError[];
  act: CaseAction;
}

export function DecisionForm({
  data,
  id,
  errors,
  act,
  reason,
  onReason,
}: PanelProps & { reason: string; onReason: (reason: string) => void }) {
  const { t } = useT();
  return (
    <form onSubmit={(e) => e.preventDefault()}>
      <FormField id={id + 'r'} label={t('sub.reason')} errors={errors}>
        <textarea
          id={id + 'r'}
          rows={3}
          value={reason}
          {...fieldAria(id + 'r', errors)}
          onChange={(e) => onReason(e.target.value)}
        />
      </FormField>
      <div className="form-actions">
        {([true, false] as const).map((approve) => (
          <button
            key={String(approve)}
            type="button"
            className={approve ? 'button' : 'button-secondary'}
            onClick={() =>
              void act(
                `/api/staff/subsidies/cases/${data.id}/decision`,
                { approve, reason: reason || null },
                t('sub.decided'),
              )
            }
          >
            {t(approve ? 'sub.approve' : 'sub.refuse')}
          </button>
        ))}
      </div>
    </form>
  );
}

export function StopPanel({
  data,
  id,
  errors,
  act,
  stopDay,
  onStopDay,
  stopReason,
  onStopReason,
}: PanelProps & {
  stopDay: string;
  onStopDay: (day: string) => void;
  stopReason: string;
  onStopReason: (reason: string) => void;
}) {
  const { t } = useT();
  return (
    <section className="panel" aria-labelledby={id + 's'}>
      <h2 id={id + 's'}>{t('sub.stopHeading')}</h2>
      <form
        className="filter-row"
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          void act(
            `/api/staff/subsidies/cases/${data.id}/stop`,
            { lastDay: stopDay, reason: stopReason },
            t('sub.stopped'),
            () => onStopReason(''),
          );
        }}
      >
        <FormField id={id + 'sd'} label={t('sub.lastDay')} errors={errors}>
          <input
            id={id + 'sd'}
            type="date"
            required
            value={stopDay}
            {...fieldAria(id + 'sd', errors)}
            onChange={(e) => onStopDay(e.target.value)}
          />
        </FormField>
        <FormField id={id + 'sr'} label={t('sub.reason')} errors={errors}>
          <input
            id={id + 'sr'}
            required
            value={stopReason}
            {...fieldAria(id + 'sr', errors)}
            onChange={(e) => onStopReason(e.target.value)}
          />
        </FormField>
        <div className="field field-button">
          <button type="submit" className="button">
            {t('sub.stop')}
          </button>
        </div>
      </form>
    </section>
  );
}

export function ComplaintsPanel({
  data,
  id,
  errors,
  act,
  decide,
  complaint,
  onComplaint,
  note,
  onNote,
}: PanelProps & {
  decide: boolean;
  complaint: { text: string; receivedOn: string };
  onComplaint: (complaint: { text: string; receivedOn: string }) => void;
  note: string;
  onNote: (note: string) => void;
}) {
  const { t, lang } = useT();
  const today = useToday();
  return (
    <section className="panel" aria-labelledby={id + 'k'}>
      <h2 id={id + 'k'}>{t('sub.complaints')}</h2>
      {data.complaints.length === 0 && <p>{t('sub.noComplaints')}</p>}
      {data.complaints.map((k) => (
        <div key={k.id} className="panel">
          <Facts
            items={[
              [t('sub.received'), formatDate(k.receivedOn, lang)],
              [t('sub.complaintText'), k.text],
              [
                t('sub.status'),
                k.status === 'forwarded'
                  ? t('sub.k.forwarded', { date: formatDate(k.forwardedOn, lang) })
                  : t(`sub.k.${k.status}`),
              ],
              ...(k.reconsideredNote ? ([[t('sub.note'), k.reconsideredNote]] as [string, string][]) : []),
            ]}
          />
          {decide && k.status === 'received' && (
            <form className="form-grid" onSubmit={(e) => e.preventDefault()}>
              <div className="grid-span">
                <FormField id={id + 'n' + k.id} label={t('sub.note')} errors={errors}>
                  <textarea
                    id={id + 'n' + k.id}
                    rows={2}
                    value={note}
                    {...fieldAria(id + 'n' + k.id, errors)}
                    onChange={(e) => onNote(e.target.value)}
                  />
                </FormField>
              </div>
              <div className="form-actions">
                <button
                  type="button"
                  className="button"
                  onClick={() =>
                    void act(
                      `/api/staff/subsidies/complaints/${k.id}/reconsider`,
                      { outcome: 'upheld', note },
                      t('sub.k.upheld'),
                      () => onNote(''),
                    )
                  }
                >
                  {t('sub.uphold')}
                </button>{' '}
                <button
                  type="button"
                  className="button-secondary"
                  onClick={() =>
                    void act(
                      `/api/staff/subsidies/complaints/${k.id}/reconsider`,
                      { outcome: 'changed', note },
                      t('sub.k.changed'),
                      () => onNote(''),
                    )
                  }
                >
                  {t('sub.change')}
                </button>
              </div>
            </form>
          )}
          {decide && k.status === 'upheld' && (
            <button
              type="button"
              className="button"
              onClick={() =>
                void act(
                  `/api/staff/subsidies/complaints/${k.id}/forward`,
                  {},
                  t('sub.k.forwarded', { date: formatDate(today, lang) }),
                )
              }
            >
              {t('sub.forward')}
            </button>
          )}
          {k.status === 'forwarded' && (
            <p>
              <a href={`/api/staff/subsidies/complaints/${k.id}/bundle`}>{t('sub.bundle')}</a>
            </p>
          )}
        </div>
      ))}
      {decide && data.status !== 'applied' && (
        <form
          className="form-grid"
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            void act(`/api/staff/subsidies/cases/${data.id}/complaints`, complaint, t('sub.registered'), () =>
              onComplaint({ text: '', receivedOn: today }),
            );
          }}
        >
          <FormField id={id + 'kd'} label={t('sub.received')} errors={errors}>
            <input
              id={id + 'kd'}
              type="date"
              required
              value={complaint.receivedOn}
              {...fieldAria(id + 'kd', errors)}
              onChange={(e) => onComplaint({ ...complaint, receivedOn: e.target.value })}
            />
          </FormField>
          <div className="grid-span">
            <FormField id={id + 'kt'} label={t('sub.complaintText')} errors={errors}>
              <textarea
                id={id + 'kt'}
                rows={3}
                required
                value={complaint.text}
                {...fieldAria(id + 'kt', errors)}
                onChange={(e) => onComplaint({ ...complaint, text: e.target.value })}
              />
            </FormField>
          </div>
          <div className="form-actions">
            <button type="submit" className="button">
              {t('sub.register')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

export function PayoutsPanel({ data, id }: { data: CaseDetail; id: string }) {
  const { t, lang } = useT();
  return (
    <section className="panel" aria-labelledby={id + 'p'}>
      <h2 id={id + 'p'}>{t('sub.payouts')}</h2>
      <DataTable
        caption={t('sub.payouts')}
        rows={data.payouts.map((p, i) => ({ ...p, key: String(i) }))}
        rowKey={(p) => p.key}
        columns={[
          {
            id: 'month',
            header: t('sub.month'),
            sort: (p) => p.month,
            text: (p) => formatMonth(p.month, lang),
            cell: (p) => formatMonth(p.month, lang),
          },
          {
            id: 'kind',
            header: t('sub.kind'),
            sort: (p) => t(p.kind === 'payment' ? 'sub.kind.payment' : 'sub.kind.correction'),
            cell: (p) => t(p.kind === 'payment' ? 'sub.kind.payment' : 'sub.kind.correction'),
          },
          {
            id: 'amount',
            header: t('sub.amount'),
            numeric: true,
            sort: (p) => p.amountOere,
            text: (p) => formatOere(p.amountOere, lang),
            cell: (p) => formatOere(p.amountOere, lang),
          },
        ]}
      />
      {data.recoveries.length > 0 && (
        <p>
          {t('sub.recoveries')}:{' '}
          {data.recoveries.map((r) => `${r.months}: ${formatOere(r.amountOere, lang)}`).join(', ')}
        </p>
      )}
    </section>
  );
}
