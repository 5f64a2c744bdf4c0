#!/usr/bin/env node
// Builds the web app with Vite unless dist/web was built from exactly these sources. `spire start` (npm start) runs it
// while the server opens its database (buildWeb below: the build has the other core), and serves once it is done;
// `node bin/build-web.mjs [--force]` runs it alone. The fingerprint covers web/, src/ (the web imports contracts and
// shared code from it; tests excluded), the Vite config and the locked dependencies; it is written to
// dist/web-build.sha256 after a successful build.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const STAMP = join(ROOT, 'dist/web-build.sha256');

function files(dir) {
  return readdirSync(join(ROOT, dir), { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]))
    .filter((f) => !/\.test\.tsx?$/.test(f));
}

/** Resolves with the build's seconds (0 when dist/web was up to date); rejects when Vite fails. */
export async function buildWeb({ force = false } = {}) {
  const hash = createHash('sha256');
  for (const f of [...files('web'), ...files('src'), 'vite.config.ts', 'package.json', 'package-lock.json'].sort()) {
    hash.update(f + '\0');
    hash.update(readFileSync(join(ROOT, f)));
    hash.update('\0');
  }
  const fingerprint = hash.digest('hex');
  const upToDate =
    existsSync(join(ROOT, 'dist/web/index.html')) && existsSync(STAMP) && readFileSync(STAMP, 'utf8') === fingerprint;
  if (upToDate && !force) return 0;
  const t0 = performance.now();
  rmSync(STAMP, { force: true }); // a failed or interrupted build leaves no stamp behind
  const child = spawn(join(ROOT, 'node_modules/.bin/vite'), ['build', '--logLevel', 'warn'], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const code = await new Promise((resolve) => child.on('exit', (c, s) => resolve(c ?? s)));
  if (code !== 0) throw new Error(`the web build (vite build) failed: ${code}`);
  writeFileSync(STAMP, fingerprint);
  return (performance.now() - t0) / 1000;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1])
  await buildWeb({ force: process.argv.includes('--force') }).catch((e) => {
    console.error(e.message);
    process.exitCode = 1;
  });
