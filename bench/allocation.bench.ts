// `npm run bench allocation`: a full allocation round (validation-free engine call: model, deferred acceptance,
// waste recovery, explanations, metrics; after one untimed warm-up run) at Copenhagen and national scale, median of several runs, against a naive
// first-come-first-served baseline (seniority order, best wish that fits) measured in the same process.
import { machine, peakRssMb, RSS_LIMIT_MB, save, scale } from './common.js';
import { allocate } from '../src/modules/allocation/engine.js';
import { generateInstance } from '../src/modules/allocation/generator.js';
import { firstComeFirstServed, metrics } from '../src/modules/allocation/metrics.js';
import { buildModel } from '../src/modules/allocation/model.js';
import type { AllocationMetrics } from '../src/modules/allocation/types.js';

const SCALES =
  scale() === 'small'
    ? [
        { name: 'copenhagen', applicants: 1_000, units: 45, runs: 2, targetSeconds: 0.3 },
        { name: 'national', applicants: 6_000, units: 400, runs: 2, targetSeconds: 2 },
      ]
    : [
        { name: 'copenhagen', applicants: 10_000, units: 450, runs: 5, targetSeconds: 0.3 },
        { name: 'national', applicants: 60_000, units: 4_000, runs: 3, targetSeconds: 2 },
      ];
const KEYS = ['placed', 'justifiedEnvy', 'waste', 'firstChoiceShare', 'siblingCoLocation'] as const;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};
const pick = (m: AllocationMetrics) => Object.fromEntries(KEYS.map((k) => [k, m[k]]));
const ratio = (a: number, b: number) => (b === 0 ? (a === 0 ? 1 : null) : Math.round((a / b) * 1000) / 1000);

export default async function bench() {
  const m0 = machine();
  const out: Record<string, unknown>[] = [];
  const only = process.env.ALLOCATION_SCALE;
  for (const s of SCALES.filter((x) => !only || x.name === only)) {
    const input = generateInstance({
      seed: 2026,
      applicants: s.applicants,
      units: s.units,
      wishes: 5,
      nurseryShare: 0.6,
      siblingShare: 0.15,
    });
    const times: number[] = [],
      cpu: number[] = [];
    // One untimed warm-up run: the first call compiles the engine (JIT), which no later round pays again.
    let engine: AllocationMetrics | undefined = allocate(input).metrics;
    for (let r = 0; r < s.runs; r++) {
      const t0 = performance.now(),
        c0 = process.cpuUsage();
      engine = allocate(input).metrics;
      times.push((performance.now() - t0) / 1000);
      cpu.push(process.cpuUsage(c0).user / 1e6);
      console.error(`${s.name} run ${r + 1}: ${times.at(-1)!.toFixed(3)} s`);
    }
    const t0 = performance.now();
    const model = buildModel(input);
    const base = metrics(model, firstComeFirstServed(model));
    const baselineSeconds = (performance.now() - t0) / 1000;
    const seconds = median(times);
    out.push({
      scale: s.name,
      applicants: s.applicants,
      units: s.units,
      wishes: 5,
      nurseryShare: 0.6,
      siblingShare: 0.15,
      warmUpRuns: 1,
      medianSeconds: Math.round(seconds * 1000) / 1000,
      runs: times.map((t) => Math.round(t * 1000) / 1000),
      // CPU time of this process (user): the wall clock also counts other processes on a shared machine.
      medianCpuSeconds: Math.round(median(cpu) * 1000) / 1000,
      targetSeconds: s.targetSeconds,
      withinTarget: seconds <= s.targetSeconds,
      engine: pick(engine!),
      baseline: { ...pick(base), seconds: Math.round(baselineSeconds * 1000) / 1000 },
      ratioToBaseline: Object.fromEntries(KEYS.map((k) => [k, ratio(engine![k], base[k])])),
    });
  }
  const rss = peakRssMb();
  save('allocation', m0, {
    engine:
      'in-memory engine on a generated instance, input → result with explanations and metrics, timed after one untimed warm-up run (no database; `npm run bench round` is the round from the database)',
    naiveDescription: 'first come, first served: seniority order, best wish that fits (same instance, same process)',
    scales: out,
    peakRssMb: rss,
    met: { allWithinTarget: out.every((o) => o.withinTarget), rss: rss <= RSS_LIMIT_MB },
  });
}
