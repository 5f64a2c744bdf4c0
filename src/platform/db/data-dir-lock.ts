// One process per embedded database: PGlite has no shared memory between processes, so two processes on one data
// directory overwrite each other's pages and leave it unopenable. Before PGlite opens a directory, the process takes
// `<dataDir>.lock` (created atomically, holding its pid); a second process refuses with a clear message. A lock whose
// process is gone (killed, machine restarted) is stale and taken over. Released on close and on exit.
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export class DataDirLockedError extends Error {
  constructor(
    readonly pid: number,
    readonly dataDir: string,
  ) {
    super(
      `Spire kører allerede på denne database (pid ${pid}): ${dataDir}. ` +
        'En indlejret database (PGlite) kan kun bruges af én proces ad gangen. Stop den anden proces først, ' +
        'eller kør opgaven i den kørende server (fx opkrævningen under Opkrævning → Start kørsel).',
    );
    this.name = 'DataDirLockedError';
  }
}

export interface DataDirLock {
  path: string;
  release: () => void;
}

/** Lock files this process holds (a second open in the same process is refused too). */
const held = new Set<string>();

const lockPath = (dataDir: string) => resolve(dataDir) + '.lock';

/** The pid in a lock file, or null when the file is gone or unreadable. */
function readPid(path: string): number | null {
  try {
    const pid = Number(readFileSync(path, 'utf8').trim().split(/\s/)[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/** Whether the process holding a lock still runs (a reused pid that is no node process does not count). */
function alive(pid: number, path: string): boolean {
  // Our own pid in a file we do not hold: left by an earlier life of this container/process id.
  if (pid === process.pid) return held.has(path);
  try {
    process.kill(pid, 0);
  } catch (e: any) {
    if (e?.code !== 'EPERM') return false;
  }
  try {
    const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return /node|spire|tsx|vitest/.test(cmd);
  } catch {
    return true;
  } // no /proc (macOS): trust the signal test
}

export function lockDataDir(dataDir: string): DataDirLock {
  const path = lockPath(dataDir);
  mkdirSync(dirname(path), { recursive: true });
  if (held.has(path)) throw new DataDirLockedError(process.pid, resolve(dataDir));
  // Write the pid to a private file first, then link it into place: link() fails atomically when the lock exists,
  // and the lock file is never seen empty.
  const tmp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}`;
  writeFileSync(tmp, `${process.pid}\n`);
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        linkSync(tmp, path);
        break;
      } catch (e: any) {
        if (e?.code !== 'EEXIST') throw e;
        const pid = readPid(path);
        if (pid !== null && alive(pid, path)) throw new DataDirLockedError(pid, resolve(dataDir));
        if (attempt >= 3) throw new DataDirLockedError(pid ?? 0, resolve(dataDir));
        // Stale: take it over, unless someone else has just done so.
        if (readPid(path) === pid) {
          try {
            unlinkSync(path);
          } catch {
            /* gone already */
          }
        }
      }
    }
  } finally {
    try {
      unlinkSync(tmp);
    } catch {
      /* ignore */
    }
  }
  held.add(path);
  const onExit = () => release();
  process.once('exit', onExit);
  function release() {
    if (!held.delete(path)) return;
    process.removeListener('exit', onExit);
    try {
      if (readPid(path) === process.pid) unlinkSync(path);
    } catch {
      /* ignore */
    }
  }
  return { path, release };
}
