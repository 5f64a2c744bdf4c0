// `npx tsx bench/cpu-profile.ts <file.cpuprofile|dir> [top]`: self time per function (and per file) of a V8 CPU
// profile, as written by a bench server started with BENCH_CPU_PROF=<dir> (bench/spawn-server.ts).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

const arg = process.argv[2]!,
  top = Number(process.argv[3] ?? 25);
const files = statSync(arg).isDirectory()
  ? readdirSync(arg)
      .filter((f) => f.endsWith('.cpuprofile'))
      .map((f) => join(arg, f))
  : [arg];
// The largest profile is the server's main thread (tsx's loader thread writes a small one too).
const file = files.sort((a, b) => statSync(b).size - statSync(a).size)[0]!;
const p = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const self = new Map<number, number>();
for (let i = 0; i < p.samples.length; i++)
  self.set(p.samples[i]!, (self.get(p.samples[i]!) ?? 0) + (p.timeDeltas[i] ?? 0));
const total = (p.endTime - p.startTime) / 1000;
const short = (url: string) =>
  url.replace(/^file:\/\/.*?\/(node_modules|src|bench)\//, '$1/').replace(/^node:/, 'node:');
const fn = new Map<string, number>(),
  perFile = new Map<string, number>();
for (const [id, us] of self) {
  const n = byId.get(id)!,
    f = n.callFrame;
  const key = `${f.functionName || '(anonymous)'} ${short(f.url)}:${f.lineNumber + 1}`;
  fn.set(key, (fn.get(key) ?? 0) + us / 1000);
  const fk = f.url ? short(f.url).replace(/^(node_modules\/(@[^/]+\/)?[^/]+).*/, '$1') : `(${f.functionName})`;
  perFile.set(fk, (perFile.get(fk) ?? 0) + us / 1000);
}
const print = (title: string, m: Map<string, number>) => {
  console.log(`\n${title}`);
  for (const [k, ms] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top))
    console.log(`${ms.toFixed(0).padStart(8)} ms ${((100 * ms) / total).toFixed(1).padStart(5)} %  ${k}`);
};
// Inclusive time of Spire's own functions (src/): each sample counts once for every function on its stack.
const parent = new Map<number, number>();
for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const incl = new Map<string, number>();
for (const [id, us] of self) {
  const seen = new Set<string>();
  for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
    const f = byId.get(n)!.callFrame;
    if (!f.url.includes('/src/')) continue;
    const key = `${f.functionName || '(anonymous)'} ${short(f.url)}:${f.lineNumber + 1}`;
    if (seen.has(key)) continue;
    incl.set(key, (incl.get(key) ?? 0) + us / 1000);
    seen.add(key);
  }
}
console.log(`${file}: ${total.toFixed(0)} ms wall`);
print('inclusive time of src/ functions (synchronous part only)', incl);
print('self time by function', fn);
print('self time by file or package', perFile);
