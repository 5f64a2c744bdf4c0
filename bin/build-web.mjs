#!/usr/bin/env node
// `npm start`'s first step: builds the web app with Vite unless dist/web was built from exactly these sources.
// The fingerprint covers web/, src/ (the web imports contracts and shared code from it; tests excluded), the Vite
// config and the locked dependencies; it is written to dist/web-build.sha256 after a successful build.
import { spawnSync } from 'node:child_process';
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

const hash = createHash('sha256');
for (const f of [...files('web'), ...files('src'), 'vite.config.ts', 'package.json', 'package-lock.json'].sort()) {
  hash.update(f + '\0');
  hash.update(readFileSync(join(ROOT, f)));
  hash.update('\0');
}
const fingerprint = hash.digest('hex');

const upToDate =
  existsSync(join(ROOT, 'dist/web/index.html')) && existsSync(STAMP) && readFileSync(STAMP, 'utf8') === fingerprint;
if (!upToDate || process.argv.includes('--force')) {
  rmSync(STAMP, { force: true }); // a failed or interrupted build leaves no stamp behind
  const r = spawnSync(join(ROOT, 'node_modules/.bin/vite'), ['build', '--logLevel', 'warn'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
  writeFileSync(STAMP, fingerprint);
}
