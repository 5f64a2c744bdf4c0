// Starts bench/server.ts (or another server script) as a child process, stopped on every exit path. The script is
// compiled first as the server is for production (bin/build-server.mjs: one esbuild bundle, run by plain node), so a
// benchmark times the code users run, not tsx's development transform.
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { onCleanup } from './lifecycle.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

/** Node's flags in `npm start` (package.json): a benchmark's server runs with them, as users' servers do. */
export const START_FLAGS: string[] = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'))
  .scripts.start.split(' ')
  .filter((a: string) => a.startsWith('--'));

async function compiled(script: string): Promise<string> {
  // @ts-expect-error: a plain .mjs without types (bin/ is what `npm start` runs)
  const { compile } = (await import('../bin/build-server.mjs')) as {
    compile: (entry: string, outfile: string) => Promise<void>;
  };
  const entry = fileURLToPath(new URL(script, import.meta.url));
  const out = join(ROOT, 'dist/bench', `${basename(entry, '.ts')}.${process.pid}.mjs`);
  await compile(entry, out);
  return out;
}

export interface BenchServer {
  port: number;
  base: string;
  child: ChildProcess;
  rssMb: () => Promise<number>;
  /** The event loop since the first `cpu()`: delay percentiles (ms), context switches and preemptions. */
  loop: () => Promise<{
    delayMs: { p50: number; p95: number; max: number };
    voluntarySwitches: number;
    preemptions: number;
  }>;
  /** The server's CPU so far (user and system ms): take it before and after a phase. */
  cpu: () => Promise<{ user: number; system: number }>;
  stop: () => Promise<number>;
}

export async function startServer(env: Record<string, string>, script = './server.ts'): Promise<BenchServer> {
  const bundle = await compiled(script);
  const child = fork(bundle, [], {
    // BENCH_CPU_PROF=<dir>: the server writes a V8 CPU profile there when it stops (see bench/cpu-profile.ts).
    execArgv: [
      ...START_FLAGS,
      ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []),
    ],
    env: { ...process.env, ...env },
  });
  const kill = onCleanup(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    rmSync(bundle, { force: true });
  });
  const next = () =>
    new Promise<any>((resolve, reject) => {
      const onExit = (code: number) => reject(new Error(`bench server exited with ${code}`));
      child.once('exit', onExit);
      child.once('message', (m) => {
        child.off('exit', onExit);
        resolve(m);
      });
    });
  const { port } = await next();
  let lastRss = 0;
  return {
    port,
    base: `http://127.0.0.1:${port}`,
    child,
    rssMb: async () => {
      const p = next();
      child.send('rss');
      return (lastRss = (await p).rssMb);
    },
    cpu: async () => {
      const p = next();
      child.send('cpu');
      return p;
    },
    loop: async () => {
      const p = next();
      child.send('loop');
      return p;
    },
    stop: async () => {
      if (child.exitCode !== null) {
        kill();
        return lastRss;
      }
      const p = next().catch(() => ({ rssMb: lastRss }));
      child.send('stop');
      const { rssMb } = await p;
      await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
      kill();
      return rssMb;
    },
  };
}
