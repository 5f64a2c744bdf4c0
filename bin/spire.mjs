#!/usr/bin/env node
// The `spire` command: runs the compiled server (dist/server/spire.mjs, built from these sources by
// bin/build-server.mjs when missing or stale), or the TypeScript sources through tsx when it cannot be compiled or
// with SPIRE_FROM_SOURCES=true (Node 20 has no type stripping).
import { pathToFileURL } from 'node:url';
import { serverBundle } from './build-server.mjs';

const bundle = process.env.SPIRE_FROM_SOURCES === 'true' ? null : await serverBundle();
if (bundle) await import(pathToFileURL(bundle).href);
else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli.ts');
}
