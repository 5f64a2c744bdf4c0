// The highs MIP oracle: the largest fair allocation of a single-date round (every child starts on the horizon
// day, so capacity is one number per unit), built from the independent checker's reading of the input.
//
//   x[a,r] ∈ {0,1}  agent a (a child or a together-sibling group) gets its r-th eligible wish
//   Σ_r x[a,r] ≤ 1                       one place per agent
//   Σ_a d[a,u] x[a,u] ≤ C[u]             capacity (weighted: a nursery child counts 2)
//   fairness, for each single child i and eligible wish u that i fits alone (d[i] ≤ C[u]):
//     L[u] − (children at u ranked below i, except together-siblings) ≥ C[u] + 1 − d[i]  unless i gets u or better,
//   i.e. removing every lower-ranked child would still not make room for i (weights are integers). Linear as
//     P[u, pos(i)−1] + B[u] + M·Σ_{r' ≤ r} x[i,r'] ≥ M,   M = C[u] + 1 − d[i],
//   with P[u,j] the load of the singles among the first j claims at u (priority order) and B[u] the siblings' load.
// Together-sibling groups are exempt from fairness as the envious side (the sibling rule) and never removable.
import * as highsModule from 'highs';
import type { Highs } from 'highs';
import type { Prepared } from './checker.js';

export interface OracleResult {
  status: string;
  optimum: number;
  seconds: number;
  rows: number;
  columns: number;
}

// highs is CommonJS: its loader is the module's default export under Node's interop.
const highsLoader = ((highsModule as any).default ?? highsModule) as () => Promise<Highs>;
let loaded: Promise<Highs> | undefined;

export async function maxFairOracle(p: Prepared, timeLimit = 60): Promise<OracleResult> {
  if (p.days !== 1) throw new RangeError('the oracle takes single-date rounds (every start on the horizon)');
  const C = p.free.map((f) => f[0]!);
  const rows: string[] = [],
    bins: string[] = [];
  const objective: string[] = [];
  const claims: Array<Array<{ agent: number; r: number; d: number; prio: readonly unknown[]; kid: number }>> =
    p.unitIds.map(() => []);
  p.agents.forEach((ag, a) => {
    const xs: string[] = [];
    ag.units.forEach((u, r) => {
      const d = ag.demand[r]![0]!;
      if (!Number.isInteger(d)) throw new RangeError('the oracle needs integer weights');
      if (d > C[u]!) return; // can never fit
      const x = `x${a}_${r}`;
      bins.push(x);
      xs.push(x);
      objective.push(`${ag.kids.length} ${x}`);
      const kid = ag.kids.length === 1 ? ag.kids[0]! : -1;
      claims[u]!.push({ agent: a, r, d, kid, prio: kid >= 0 ? p.kids[kid]!.prio[p.kids[kid]!.units.indexOf(u)]! : [] });
    });
    if (xs.length > 1) rows.push(`a${a}: ${xs.join(' + ')} <= 1`);
  });
  const cmp = (x: readonly any[], y: readonly any[]) => {
    for (let k = 0; k < 4; k++) if (x[k] !== y[k]) return x[k] < y[k] ? -1 : 1;
    return 0;
  };
  const bin = new Set(bins);
  claims.forEach((cl, u) => {
    if (!cl.length) return;
    rows.push(`cap${u}: ${cl.map((c) => `${c.d} x${c.agent}_${c.r}`).join(' + ')} <= ${C[u]}`);
    const singles = cl.filter((c) => c.kid >= 0).sort((x, y) => cmp(x.prio, y.prio));
    const blocks = cl.filter((c) => c.kid < 0);
    rows.push(`b${u}: B${u}${blocks.map((c) => ` - ${c.d} x${c.agent}_${c.r}`).join('')} = 0`);
    singles.forEach((c, j) => {
      rows.push(`p${u}_${j}: P${u}_${j}${j ? ` - P${u}_${j - 1}` : ''} - ${c.d} x${c.agent}_${c.r} = 0`);
      const M = C[u]! + 1 - c.d;
      const mine = p.agents[c.agent]!.units.slice(0, c.r + 1)
        .map((_, r) => `x${c.agent}_${r}`)
        .filter((x) => bin.has(x));
      rows.push(
        `f${u}_${j}: ${j ? `P${u}_${j - 1} + ` : ''}B${u} + ${mine.map((x) => `${M} ${x}`).join(' + ')} >= ${M}`,
      );
    });
  });
  const lp = [
    'Maximize',
    ` obj: ${objective.join(' + ') || '0 dummy'}`,
    'Subject To',
    ...rows.map((r) => ` ${r}`),
    'Binary',
    ...bins.map((b) => ` ${b}`),
    'End',
  ].join('\n');
  const highs = await (loaded ??= highsLoader());
  const t0 = performance.now();
  const s = highs.solve(lp, { time_limit: timeLimit, mip_rel_gap: 0, threads: 1, output_flag: false } as any);
  return {
    status: s.Status,
    optimum: Math.round(s.ObjectiveValue),
    seconds: (performance.now() - t0) / 1000,
    rows: rows.length,
    columns: bins.length,
  };
}
