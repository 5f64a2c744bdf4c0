// Starts bench/server.ts (or another server script) as a child process, stopped on every exit path.
import { fork, type ChildProcess } from 'node:child_process';
import { onCleanup } from './lifecycle.js';

export interface BenchServer {
  port: number;
  base: string;
  child: ChildProcess;
  rssMb: () => Promise<number>;
  stop: () => Promise<number>;
}

export async function startServer(env: Record<string, string>, script = './server.ts'): Promise<BenchServer> {
  const child = fork(new URL(script, import.meta.url), [], {
    // BENCH_CPU_PROF=<dir>: the server writes a V8 CPU profile there when it stops (see bench/cpu-profile.ts).
    execArgv: [
      '--import',
      'tsx',
      ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []),
    ],
    env: { ...process.env, ...env },
  });
  const kill = onCleanup(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
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
