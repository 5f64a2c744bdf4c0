// `npm run bench start`: what a new user waits for. First start = `npm start` after `npm ci` (no dist/, no data, no
// tsx compile cache): the web build, then bin/spire.mjs compiling the server (dist/server), migrating an empty embedded
// PGlite database and loading the demo municipality, until GET /api/health answers 200. Restart = `npm start` again on
// the same data and sources (the web and server builds are skipped when dist/ is up to date). Each run: wall and CPU
// seconds to healthy (CPU of the build processes and of the server, its children included: on a shared machine the
// CPU figures are the comparable ones), the server's own phases (its "Start phases" line: load, database, demo, app,
// jobs, listen) and its peak RSS (VmHWM). `npm ci` itself is not timed (network). The naive baseline is the first
// start before the seed was split out: not measurable here, so the 21 s (idle machine) is quoted beside it.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { onCleanup } from './lifecycle.js';
import { START_FLAGS } from './spawn-server.js';
import { machine, round, RSS_LIMIT_MB, save } from './common.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const TARGETS = { firstStartSeconds: 15, restartSeconds: 5, serverRssMb: RSS_LIMIT_MB };

const TICK_MS = 10; // USER_HZ is 100 on Linux
/** CPU seconds of a process (user + system) and of its children it has waited for, from /proc/<pid>/stat. */
const cpuSeconds = (pid: number | 'self') => {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) * TICK_MS) / 1000;
  } catch {
    return null;
  }
};

const vmHwmMb = (pid: number) => {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : null;
  } catch {
    return null;
  }
};

async function startOnce(env: Record<string, string>) {
  const t0 = performance.now();
  // `npm start` = `node <flags> bin/spire.mjs start`, run directly so the server's pid is ours: it compiles the server
  // and builds the web app (each only when its sources changed), the web build beside the database's opening.
  const port = 30000 + Math.floor(Math.random() * 20000);
  const child: ChildProcess = spawn(process.execPath, [...START_FLAGS, join(ROOT, 'bin/spire.mjs'), 'start'], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out = (out + d.toString('utf8')).slice(-20_000)));
  const kill = onCleanup(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  let healthy = false;
  while (!healthy) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    if (performance.now() - t0 > 600_000) throw new Error('server not healthy after 10 minutes');
    try {
      healthy = (await fetch(`http://127.0.0.1:${port}/api/health`)).status === 200;
    } catch {
      /* not listening yet */
    }
    if (!healthy) await new Promise((r) => setTimeout(r, 50));
  }
  const seconds = (performance.now() - t0) / 1000;
  // The server and the children it waited for (the web build, esbuild); this process only polled.
  const serverCpu = cpuSeconds(child.pid!);
  const rssMb = vmHwmMb(child.pid!);
  await new Promise((r) => setTimeout(r, 200)); // the phases line follows the listen line
  const m = /Start phases \(ms wall\/CPU\): (\{.*\})/.exec(out);
  const phases = m ? (JSON.parse(m[1]!) as Record<string, { wallMs: number; cpuMs: number }>) : null;
  const built = /Web app built in ([\d.]+) s/.exec(out);
  child.kill('SIGTERM');
  await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
  kill();
  return {
    seconds: round(seconds),
    webBuildSeconds: built ? Number(built[1]) : 0,
    cpuSeconds: serverCpu === null ? null : round(serverCpu),
    serverPhases: phases,
    serverPeakRssMb: rssMb,
  };
}

export default async function main() {
  const m0 = machine();
  const tmp = mkdtempSync(join(tmpdir(), 'spire-bench-start-'));
  const cleanup = onCleanup(() => rmSync(tmp, { recursive: true, force: true }));
  try {
    rmSync(join(ROOT, 'dist'), { recursive: true, force: true });
    // A fresh TMPDIR gives tsx an empty compile cache, as after `npm ci` on a new machine.
    const env = {
      SPIRE_DATA_DIR: join(tmp, 'pglite'),
      DIGITAL_POST_OUTBOX: join(tmp, 'outbox'),
      TMPDIR: join(tmp, 'tmp'),
    };
    spawnSync('mkdir', ['-p', env.TMPDIR]);
    const first = await startOnce(env);
    console.error(`first start ${first.seconds} s, CPU ${first.cpuSeconds} s (web build ${first.webBuildSeconds} s)`);
    const restart = await startOnce(env);
    console.error(`restart ${restart.seconds} s, CPU ${restart.cpuSeconds} s`);
    const rss = Math.max(first.serverPeakRssMb ?? 0, restart.serverPeakRssMb ?? 0);
    return save('start', m0, {
      engine: 'embedded PGlite (the default), demo municipality (small)',
      firstStart: first,
      restart,
      naive: {
        firstStartSeconds: 21,
        source: 'issue 15: npm start after npm ci on an idle machine, before this work (not re-measured)',
      },
      targets: TARGETS,
      met: {
        firstStart: first.seconds <= TARGETS.firstStartSeconds,
        restart: restart.seconds <= TARGETS.restartSeconds,
        serverRss: rss <= RSS_LIMIT_MB,
      },
    });
  } finally {
    cleanup();
  }
}
