// The shipped initdb template must belong to the installed PGlite: otherwise every new installation silently runs
// initdb again (regenerate with `npx tsx src/platform/db/pglite-template.ts`).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './database.js';
import { pgliteVersion, templateFor, templatePath } from './pglite-template.js';

describe('PGlite initdb template', () => {
  it('matches the installed PGlite and opens as a working database', async () => {
    const require = createRequire(import.meta.url);
    const entry = require.resolve('@electric-sql/pglite');
    let dir = dirname(entry);
    while (!dir.endsWith('pglite')) dir = dirname(dir);
    const installed = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version;
    expect(pgliteVersion()).toBe(installed);
    expect(templatePath()).toContain(`pglite-${installed}-initdb`);

    const tmp = mkdtempSync(join(tmpdir(), 'spire-template-'));
    try {
      expect(templateFor(join(tmp, 'pglite'))).toBeDefined(); // a new directory starts from the template
      const database = await openDatabase({ dataDir: join(tmp, 'pglite') });
      await database.exec('CREATE TABLE t (x int); INSERT INTO t VALUES (1)');
      expect((await database.raw('SELECT count(*)::int AS n FROM t')).rows[0].n).toBe(1);
      await database.close();
      expect(templateFor(join(tmp, 'pglite'))).toBeUndefined(); // an existing one is opened as it is
      const again = await openDatabase({ dataDir: join(tmp, 'pglite') });
      expect((await again.raw('SELECT count(*)::int AS n FROM t')).rows[0].n).toBe(1);
      await again.close();
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});
