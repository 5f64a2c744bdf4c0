// Policy simulator: compare two allocation policies on a replayed year of demand before adopting one.
import { useState } from 'react';
import { api } from '../shared/api.js';
import { ErrorMessage, Field, Loading, Page } from '../shared/components.js';
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
      <div className="table-wrap" tabIndex={0} role="region" aria-label={t('sim.table')}>
        <table>
          <caption className="visually-hidden">{t('sim.table')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('sim.lateness')}</th>
              <th scope="col">{t('sim.families')}</th>
              <th scope="col">{t('sim.first', { name: 'A' })}</th>
              <th scope="col">{t('sim.first', { name: 'B' })}</th>
              <th scope="col">{t('sim.wait', { name: 'A' })}</th>
              <th scope="col">{t('sim.wait', { name: 'B' })}</th>
            </tr>
          </thead>
          <tbody>
            {answer.a.byLateness.map((x, k) => {
              const y = answer.b.byLateness[k]!;
              return (
                <tr key={x.bucket}>
                  <th scope="row">{t(`sim.bucket.${x.bucket}` as any)}</th>
                  <td>{x.families}</td>
                  <td>{pct(x.firstChoice, x.families)} %</td>
                  <td>{pct(y.firstChoice, y.families)} %</td>
                  <td>{x.meanWaitDays}</td>
                  <td>{y.meanWaitDays}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
