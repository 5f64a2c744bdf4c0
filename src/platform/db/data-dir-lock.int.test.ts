// One process per embedded database (issue 11, item 2): `spire bill` next to a running server on the same PGlite
// directory used to exit 0 and leave the directory unopenable. Now the second process refuses and nothing is damaged.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from './database.js';
import { DataDirLockedError } from './data-dir-lock.js';
import { migrate } from './migrate.js';

const SPIRE = fileURLToPath(new URL('../../../bin/spire.mjs', import.meta.url));
const root = mkdtempSync(join(tmpdir(), 'spire-lock-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function env(dataDir: string): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = {
    ...process.env,
    SPIRE_DATA_DIR: dataDir,
    SPIRE_DEMO: 'false',
    SPIRE_BUILD_WEB: 'false', // the lock is under test, not the web build
    PORT: '0',
    HOST: '127.0.0.1',
    DIGITAL_POST_OUTBOX: join(root, 'outbox'),
  };
  delete e.DATABASE_URL;
  return e;
}

const cli = (dataDir: string, ...args: string[]) =>
  spawnSync(process.execPath, [SPIRE, ...args], { env: env(dataDir), encoding: 'utf8', timeout: 300_000 });

/** Starts `spire start` and resolves once it listens, with its address. */
function startServer(dataDir: string): Promise<{ server: ChildProcess; base: string }> {
  const server = spawn(process.execPath, [SPIRE, 'start'], { env: env(dataDir), stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  return new Promise((resolve, reject) => {
    const onData = (b: Buffer) => {
      out += b.toString();
      const at = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (at && out.includes('Spire (pglite')) resolve({ server, base: at[1]! });
    };
    server.stdout!.on('data', onData);
    server.stderr!.on('data', (b: Buffer) => {
      out += b.toString();
    });
    server.once('exit', (code) => reject(new Error(`server exited (${code}) before listening:\n${out}`)));
  });
}

const stop = (p: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    p.once('exit', (code) => resolve(code));
    p.kill('SIGTERM');
  });

async function marker(dataDir: string): Promise<string | undefined> {
  const database = await openDatabase({ dataDir });
  try {
    const row = await database.db
      .selectFrom('system_state')
      .select('value')
      .where('key', '=', 'test.marker')
      .executeTakeFirst();
    return row?.value;
  } finally {
    await database.close();
  }
}

describe('one process per embedded database', () => {
  it('spire bill next to a running server refuses with the server pid, exit ≠ 0, and the directory still opens', async () => {
    const dataDir = join(root, 'served', 'pglite');
    const setup = await openDatabase({ dataDir });
    await migrate(setup);
    await setup.db.insertInto('system_state').values({ key: 'test.marker', value: '"intact"' }).execute();
    await setup.close();

    const { server, base } = await startServer(dataDir);
    try {
      const bill = cli(dataDir, 'bill', '--month', '2026-12');
      expect(bill.status).toBe(3);
      expect(bill.stderr).toContain(`Spire kører allerede på denne database (pid ${server.pid})`);
      expect(bill.stdout).toBe('');
      await expect(openDatabase({ dataDir })).rejects.toThrow(`pid ${server.pid}`);
      // The server still answers after the refused command.
      const health = await fetch(`${base}/api/health`);
      expect(health.status).toBe(200);
      expect((await health.json()).database).toBe('pglite');
    } finally {
      expect(await stop(server)).toBe(0);
    }
    expect(existsSync(dataDir + '.lock')).toBe(false);
    expect(await marker(dataDir)).toBe('intact');
    // With the server stopped the scheduled job runs (and leaves the directory openable).
    const bill = cli(dataDir, 'bill', '--month', '2026-12');
    expect(bill.stderr).not.toContain('kører allerede');
    expect(bill.status).toBe(0);
    expect(await marker(dataDir)).toBe('intact');
  }, 600_000);

  it('a second open in the same process is refused until the first closes', async () => {
    const dataDir = join(root, 'twice', 'pglite');
    const first = await openDatabase({ dataDir });
    await expect(openDatabase({ dataDir })).rejects.toBeInstanceOf(DataDirLockedError);
    await first.close();
    const again = await openDatabase({ dataDir });
    await again.close();
  }, 180_000);

  it('a lock left by a dead process is stale and taken over', async () => {
    const dataDir = join(root, 'stale', 'pglite');
    mkdirSync(join(root, 'stale'), { recursive: true });
    const dead = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' });
    const pid = Number(dead.stdout.trim());
    writeFileSync(dataDir + '.lock', `${pid}\n`, { flag: 'w' });
    const database = await openDatabase({ dataDir });
    await database.close();
    expect(existsSync(dataDir + '.lock')).toBe(false);
  }, 180_000);
});
