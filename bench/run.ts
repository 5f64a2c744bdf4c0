// `npm run bench [name…]`: runs bench/<name>.bench.ts (all when no name); each prints its figures as JSON
// with the ratio against a naive baseline measured in the same process.
import { readdirSync } from 'node:fs';

const dir = new URL('./', import.meta.url);
const all = readdirSync(dir).filter((f) => f.endsWith('.bench.ts')).map((f) => f.replace('.bench.ts', '')).sort();
const wanted = process.argv.slice(2);
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
