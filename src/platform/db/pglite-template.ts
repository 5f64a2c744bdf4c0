// A freshly initialised PGlite data directory, shipped in data/: a new installation starts from it instead of running
// initdb (PostgreSQL's bootstrap in WebAssembly: 8–13 s of CPU, most of a first start). It holds only what initdb
// makes (no Spire table: the migrations still run), and is tied to the exact PGlite version, since a data directory
// only opens with the PostgreSQL build that wrote it. After a PGlite upgrade, regenerate it (else initdb runs, as before):
//   npx tsx src/platform/db/pglite-template.ts
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = new URL('../../../', import.meta.url);

/** The installed PGlite version (pinned exactly in package.json, so `npm ci` installs this one). */
export function pgliteVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('package.json', ROOT), 'utf8')) as {
    dependencies: Record<string, string>;
  };
  return pkg.dependencies['@electric-sql/pglite']!;
}

export const templatePath = (version = pgliteVersion()) =>
  fileURLToPath(new URL(`data/pglite-${version}-initdb.tar.gz`, ROOT));

/** The template for a data directory that PGlite has not initialised yet, if one matches the installed PGlite. */
export function templateFor(dataDir: string): Blob | undefined {
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0) return undefined; // already initialised (or foreign)
  const file = templatePath();
  return existsSync(file) ? new Blob([readFileSync(file)]) : undefined;
}

async function writeTemplate() {
  const { PGlite } = await import('@electric-sql/pglite');
  const pg = await PGlite.create({ dataDir: 'memory://' });
  // Hint bits set and no WAL left to replay on the first open.
  await pg.exec('VACUUM FREEZE');
  await pg.exec('CHECKPOINT');
  const dump = await pg.dumpDataDir('gzip');
  await pg.close();
  writeFileSync(templatePath(), Buffer.from(await dump.arrayBuffer()));
  console.log(`${templatePath()}: ${dump.size} bytes`);
}

// No top-level await: the server's bundle (bin/build-server.mjs) would turn every importer's initialisation async.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1])
  writeTemplate().catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
