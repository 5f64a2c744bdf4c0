// The server, compiled once: src/ bundled by esbuild (tsx's own compiler) into dist/server/spire.mjs, the npm
// packages left as imports. bin/spire.mjs runs the bundle when it was built from exactly these sources, else builds it
// first (≈ 1 s of CPU); compiling the sources at every start cost 2–4 s of CPU (tsx), and loading ≈ 500 modules one by
// one more. The fingerprint covers src/ (tests excluded), the locked dependencies and this file; it is written to
// dist/server/build.sha256 after a successful build. `node bin/build-server.mjs` builds it by hand.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const OUT_DIR = join(ROOT, 'dist/server');
export const SERVER_BUNDLE = join(OUT_DIR, 'spire.mjs');
const STAMP = join(OUT_DIR, 'build.sha256');

function files(dir) {
  return readdirSync(join(ROOT, dir), { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]))
    .filter((f) => !/\.test\.tsx?$/.test(f));
}

function fingerprint() {
  const hash = createHash('sha256');
  for (const f of [...files('src'), 'package-lock.json', 'bin/build-server.mjs'].sort()) {
    hash.update(f + '\0');
    hash.update(readFileSync(join(ROOT, f)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** Bundles one TypeScript entry (and the sources it imports; npm packages stay imports) into `outfile`, as the
 *  server is compiled: the benchmarks run their server script the same way. */
export async function compile(entry, outfile) {
  // esbuild is tsx's compiler (a dependency of tsx, which Spire depends on).
  const { build, stop } = createRequire(createRequire(import.meta.url).resolve('tsx/package.json'))('esbuild');
  const outDir = dirname(outfile);
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'error',
    plugins: [
      {
        // Sources find their data files relative to themselves (new URL('../x', import.meta.url)): in the bundle,
        // import.meta.url is the source file's own URL again, relative to the bundle (the clone may move).
        name: 'source-relative-import-meta-url',
        setup(b) {
          b.onLoad({ filter: /\.tsx?$/ }, (a) => {
            const text = readFileSync(a.path, 'utf8');
            const rel = relative(outDir, a.path).split('\\').join('/');
            return {
              contents: text.replaceAll('import.meta.url', `new URL(${JSON.stringify(rel)}, import.meta.url).href`),
              loader: a.path.endsWith('x') ? 'tsx' : 'ts',
            };
          });
        },
      },
    ],
  });
  await stop(); // esbuild's service process ends now, not with the caller
}

/** The bundle's path, built first when missing or stale; null when it cannot be built (then run the sources). */
export async function serverBundle() {
  const print = fingerprint();
  if (existsSync(SERVER_BUNDLE) && existsSync(STAMP) && readFileSync(STAMP, 'utf8') === print) return SERVER_BUNDLE;
  try {
    mkdirSync(OUT_DIR, { recursive: true });
    rmSync(STAMP, { force: true });
    const tmp = join(OUT_DIR, `spire.${process.pid}.mjs`);
    await compile(join(ROOT, 'src/cli.ts'), tmp);
    renameSync(tmp, SERVER_BUNDLE);
    writeFileSync(STAMP, print);
    return SERVER_BUNDLE;
  } catch (e) {
    console.warn(`Could not compile the server (${e?.message ?? e}); running it from the sources instead.`);
    return null;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1])
  process.exitCode = (await serverBundle()) ? 0 : 1;
