// `npm run bench [name…] [--scale small]`: runs bench/<name>.bench.ts (all when no name); each prints its figures as
// JSON (with its naive baseline, targets, machine and peak RSS) and saves it in bench/results/ for `npm run bench:report`.
// `--scale small` (or BENCH_SCALE=small) runs a reduced workload to check that a benchmark works; not for publishing.
// Whatever a benchmark starts (PostgreSQL clusters, servers) is stopped on every exit path (bench/lifecycle.ts).
import { readdirSync } from 'node:fs';
import './lifecycle.js';

const dir = new URL('./', import.meta.url);
const all = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.replace('.bench.ts', ''))
  .sort();
const args = process.argv.slice(2);
const wanted = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--scale');
const unknown = wanted.filter((w) => !all.includes(w));
if (unknown.length) {
  console.error(`unknown benchmark: ${unknown.join(', ')}; available: ${all.join(', ') || '(none)'}`);
  process.exit(2);
}
for (const name of wanted.length ? wanted : all) {
  console.error(`== ${name}`);
  const mod = await import(new URL(`./${name}.bench.ts`, dir).href);
  await mod.default();
}
process.exit(0);
