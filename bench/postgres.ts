// A private PostgreSQL 15 server for a benchmark: a temp cluster on a random port, stopped and removed afterwards.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

export function startPostgres(settings = '-c max_connections=100 -c shared_buffers=256MB'): { url: string; stop: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'spire-bench-pg-'));
  chmodSync(dir, 0o777);
  const asRoot = process.getuid?.() === 0;
  const pgCtl = (args: string[]) => asRoot ? ['runuser', ['-u', 'postgres', '--', join(BIN, 'pg_ctl'), ...args]] as const : [join(BIN, 'pg_ctl'), args] as const;
  const run = (cmd: string, args: string[]) => asRoot ? execFileSync('runuser', ['-u', 'postgres', '--', join(BIN, cmd), ...args], { stdio: 'pipe' }) : execFileSync(join(BIN, cmd), args, { stdio: 'pipe' });
  const port = 20000 + Math.floor(Math.random() * 20000);
  run('initdb', ['-D', join(dir, 'data'), '-U', 'spire', '--auth=trust', '-E', 'UTF8', '--locale=C']);
  run('pg_ctl', ['-D', join(dir, 'data'), '-l', join(dir, 'log'), '-w', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 ${settings}`, 'start']);
  const stop = () => {
    const [cmd, args] = pgCtl(['-D', join(dir, 'data'), '-m', 'fast', 'stop']);
    spawnSync(cmd, [...args]);
    rmSync(dir, { recursive: true, force: true });
  };
  return { url: `postgres://spire@127.0.0.1:${port}`, stop };
}
