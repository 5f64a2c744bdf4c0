// Policy simulator: compare two allocation policies on a replayed year of demand before adopting one.
import { useState } from 'react';
import { api } from '../shared/api.js';
import { DataTable, ErrorMessage, Field, Loading, Page } from '../shared/components.js';
import { useT } from '../shared/i18n.js';
import type { SimPolicy, Simulation } from '../../src/modules/booking/contract.js';

type Policy = Required<SimPolicy>;
type Answer = Simulation;

const pct = (n: number, d: number) => (d ? Math.round((n / d) * 100) : 0);

function PolicyForm({ id, value, onChange }: { id: string; value: Policy; onChange: (p: Policy) => void }) {
  const { t } = useT();
  return (
    <fieldset className="card">
      <legend>{t('sim.policy', { name: id.toUpperCase() })}</legend>
      <Field id={`${id}-mode`} label={t('sim.mode')}>
        <select
          id={`${id}-mode`}
          value={value.mode}
          onChange={(e) => onChange({ ...value, mode: e.target.value as Policy['mode'] })}
        >
          <option value="booking">{t('sim.mode.booking')}</option>
          <option value="waitlist">{t('sim.mode.waitlist')}</option>
          <option value="hybrid">{t('sim.mode.hybrid')}</option>
        </select>
      </Field>
      <Field id={`${id}-hybrid`} label={t('sim.hybridMonths')}>
        <input
          id={`${id}-hybrid`}
          type="number"
          min={0}
          max={24}
          value={value.hybridMonths}
          onChange={(e) => onChange({ ...value, hybridMonths: Number(e.target.value) })}
        />
      </Field>
      <Field id={`${id}-held`} label={t('sim.heldShare')}>
        <input
          id={`${id}-held`}
          type="number"
          min={0}
          max={50}
          value={Math.round(value.heldShare * 100)}
          onChange={(e) => onChange({ ...value, heldShare: Number(e.target.value) / 100 })}
        />
      </Field>
      <Field id={`${id}-release`} label={t('sim.releaseWeeks')}>
        <input
          id={`${id}-release`}
          type="number"
          min={0}
          max={52}
          value={value.releaseWeeks}
          onChange={(e) => onChange({ ...value, releaseWeeks: Number(e.target.value) })}
        />
      </Field>
    </fieldset>
  );
}

export function PolicySimulatorPage() {
  const { t } = useT();
  const [a, setA] = useState<Policy>({ mode: 'booking', hybridMonths: 4, heldShare: 0, releaseWeeks: 8 });
  const [b, setB] = useState<Policy>({ mode: 'hybrid', hybridMonths: 4, heldShare: 0.1, releaseWeeks: 8 });
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const run = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setAnswer(await api.post<Answer>('/api/staff/booking/simulate', { a, b }));
    } catch (x) {
      setError(x);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Page title={t('sim.title')} lead={t('sim.lead')}>
      <form onSubmit={(e) => void run(e)}>
        <div className="card-grid">
          <PolicyForm id="a" value={a} onChange={setA} />
          <PolicyForm id="b" value={b} onChange={setB} />
        </div>
        <button type="submit" className="button" disabled={busy}>
          {t('sim.run')}
        </button>
      </form>
      {busy && <Loading />}
      <ErrorMessage error={error} />
      {answer && <Results answer={answer} />}
    </Page>
  );
}

function Results({ answer }: { answer: Answer }) {
  const { t } = useT();
  const W = 600,
    H = 180,
    groups = answer.a.byLateness.length,
    gw = W / groups;
  return (
    <section aria-labelledby="sim-res">
      <h2 id="sim-res">{t('sim.results', { families: answer.families, units: answer.units })}</h2>
      <p>
        {t('sim.summary', {
          name: 'A',
          first: Math.round(answer.a.firstChoiceShare * 100),
          wait: answer.a.meanWaitDays,
        })}
        <br />
        {t('sim.summary', {
          name: 'B',
          first: Math.round(answer.b.firstChoiceShare * 100),
          wait: answer.b.meanWaitDays,
        })}
      </p>
      <svg role="img" aria-label={t('sim.chart')} viewBox={`0 0 ${W} ${H + 40}`} style={{ width: '100%', maxWidth: W }}>
        {answer.a.byLateness.map((x, k) => {
          const y = answer.b.byLateness[k]!;
          const ha = (pct(x.firstChoice, x.families) / 100) * H,
            hb = (pct(y.firstChoice, y.families) / 100) * H;
          return (
            <g key={x.bucket}>
              <rect x={k * gw + 14} y={H - ha} width={gw / 2 - 16} height={ha} fill="#1f4e79" />
              <rect x={k * gw + gw / 2 + 2} y={H - hb} width={gw / 2 - 16} height={hb} fill="#b45309" />
              <text x={k * gw + gw / 2} y={H + 16} textAnchor="middle" fontSize="12" fill="#374151">
                {t(`sim.bucket.${x.bucket}` as any)}
              </text>
            </g>
          );
        })}
        <text x={4} y={H + 36} fontSize="12" fill="#1f4e79">
          ■ A
        </text>
        <text x={44} y={H + 36} fontSize="12" fill="#b45309">
          ■ B
        </text>
      </svg>
      <DataTable
        caption={t('sim.table')}
        rows={answer.a.byLateness.map((x, k) => ({ x, y: answer.b.byLateness[k]! }))}
        rowKey={(r) => r.x.bucket}
        pageSize={0}
        filter={false}
        columns={[
          {
            id: 'lateness',
            header: t('sim.lateness'),
            rowHeader: true,
            cell: (r) => t(`sim.bucket.${r.x.bucket}` as any),
          },
          {
            id: 'families',
            header: t('sim.families'),
            numeric: true,
            sort: (r) => r.x.families,
            cell: (r) => r.x.families,
          },
          {
            id: 'firstA',
            header: t('sim.first', { name: 'A' }),
            numeric: true,
            sort: (r) => pct(r.x.firstChoice, r.x.families),
            cell: (r) => `${pct(r.x.firstChoice, r.x.families)} %`,
          },
          {
            id: 'firstB',
            header: t('sim.first', { name: 'B' }),
            numeric: true,
            sort: (r) => pct(r.y.firstChoice, r.y.families),
            cell: (r) => `${pct(r.y.firstChoice, r.y.families)} %`,
          },
          {
            id: 'waitA',
            header: t('sim.wait', { name: 'A' }),
            numeric: true,
            sort: (r) => r.x.meanWaitDays,
            cell: (r) => r.x.meanWaitDays,
          },
          {
            id: 'waitB',
            header: t('sim.wait', { name: 'B' }),
            numeric: true,
            sort: (r) => r.y.meanWaitDays,
            cell: (r) => r.y.meanWaitDays,
          },
        ]}
      />
    </section>
  );
}
