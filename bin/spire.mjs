#!/usr/bin/env -S node --max-semi-space-size=64
// The `spire` command: runs the compiled server (dist/server/spire.mjs, built from these sources by
// bin/build-server.mjs when missing or stale), or the TypeScript sources through tsx when it cannot be compiled or
// with SPIRE_FROM_SOURCES=true (Node 20 has no type stripping). `spire start` also builds the web app when its
// sources changed (bin/build-web.mjs), while the server opens its database; the server waits for it before serving.
// Node's flags are those of `npm start` (package.json, read by the benchmarks too): young-generation semi-spaces of
// 64 MB instead of 16. A busy server allocates about 160 MB a second; with 16 MB it stopped for a scavenge ten times a
// second (3-17 ms each, every request in flight waiting), with 64 MB twice.
import { pathToFileURL } from 'node:url';
import { serverBundle } from './build-server.mjs';

if (process.argv[2] === 'start' && process.env.SPIRE_BUILD_WEB !== 'false') {
  const { buildWeb } = await import('./build-web.mjs');
  const built = buildWeb().then((s) => {
    if (s) console.log(`Web app built in ${s.toFixed(1)} s.`);
  });
  built.catch(() => {}); // handled where the server awaits it (src/main.ts)
  globalThis[Symbol.for('spire.webBuild')] = built;
}
const bundle = process.env.SPIRE_FROM_SOURCES === 'true' ? null : await serverBundle();
if (bundle) await import(pathToFileURL(bundle).href);
else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli.ts');
}
