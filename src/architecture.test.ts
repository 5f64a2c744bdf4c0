// House rules checked on the source tree (TypeScript 7 has no linter API): module boundaries and no JS Date in domain code.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname);
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : /\.tsx?$/.test(f) ? [p] : [];
  });
}
const imports = (src: string) => [...src.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)].map((m) => m[1]!);

describe('architecture', () => {
  it('modules use each other only through their index.ts', () => {
    const bad: string[] = [];
    for (const file of files(join(root, 'modules'))) {
      const own = relative(join(root, 'modules'), file).split('/')[0];
      for (const spec of imports(readFileSync(file, 'utf8')).filter((s) => s.startsWith('.'))) {
        const target = relative(join(root, 'modules'), resolve(dirname(file), spec));
        const [mod, ...rest] = target.split('/');
        if (!target.startsWith('..') && mod !== own && rest.join('/') !== 'index.js')
          bad.push(`${relative(root, file)} → ${spec}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('shared primitives do no I/O and depend on nothing else in src', () => {
    const bad = files(join(root, 'shared'))
      .filter((f) => !f.endsWith('.test.ts'))
      .flatMap((f) =>
        imports(readFileSync(f, 'utf8'))
          .filter((s) => s.startsWith('node:') || s.startsWith('..'))
          .map((s) => `${relative(root, f)} → ${s}`),
      );
    expect(bad).toEqual([]);
  });

  it('domain code never uses JS Date (LocalDate and the injected clock instead)', () => {
    const bad = [...files(join(root, 'shared')), ...files(join(root, 'modules'))]
      .filter((f) => /\bnew Date\(|\bDate\.now\(|:\s*Date\b/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(root, f));
    expect(bad).toEqual([]);
  });
});

// Table ownership: `COMMENT ON TABLE t IS 'owner: <module>'` in the migrations names the one module whose code may
// name the table in SQL. Crossings that predate the rule are listed in architecture.crossings.json and may only shrink.
const migrations = join(root, '..', 'migrations');
const migrationText = readdirSync(migrations)
  .filter((f) => f.endsWith('.sql'))
  .sort()
  .map((f) => readFileSync(join(migrations, f), 'utf8'))
  .join('\n');
const tables = [...migrationText.matchAll(/CREATE TABLE (?:IF NOT EXISTS )?([a-z_]+)/gi)]
  .map((m) => m[1]!.toLowerCase())
  .filter((t) => t !== 'schema_migration');
const owners = new Map(
  [...migrationText.matchAll(/COMMENT ON TABLE ([a-z_]+) IS 'owner: ([a-z/_-]+)/gi)].map((m) => [
    m[1]!.toLowerCase(),
    m[2]!,
  ]),
);
const tableUse = new RegExp(
  `(?:(?:selectFrom|insertInto|updateTable|deleteFrom|innerJoin|leftJoin|rightJoin|fullJoin|mergeInto)\\(\\s*'(${tables.join('|')})\\b` +
    `|\\b(?:from|join|into|update|table)\\s+(${tables.join('|')})\\b)`,
  'gi',
);
/** The module a source file belongs to: modules/<m>/…, platform/<p>/… or platform/<p>.ts. Demo and the CLI seed and
 *  inspect every table by design (bulk generation); they are not modules. */
function moduleOf(file: string): string | null {
  const [top, second] = relative(root, file).split('/');
  if (top === 'modules') return second!;
  if (top === 'platform') return `platform/${second!.replace(/\.ts$/, '')}`;
  return null;
}
function tableCrossings(): string[] {
  const found = new Set<string>();
  for (const file of files(root).filter((f) => !f.endsWith('.test.ts') && !f.includes('/testkit/'))) {
    const mod = moduleOf(file);
    if (!mod) continue;
    for (const m of readFileSync(file, 'utf8').matchAll(tableUse)) {
      const table = (m[1] ?? m[2])!.toLowerCase();
      if (owners.get(table) !== mod) found.add(`${relative(root, file)} → ${table} (owner: ${owners.get(table)})`);
    }
  }
  return [...found].sort();
}

describe('table ownership', () => {
  it('every table has an owning module', () => {
    expect(tables.filter((t) => !owners.has(t))).toEqual([]);
  });

  it('a module names only its own tables in SQL (known crossings may only shrink)', () => {
    const listFile = join(root, 'architecture.crossings.json'),
      now = tableCrossings();
    if (process.env.UPDATE_CROSSINGS) writeFileSync(listFile, JSON.stringify(now, null, 1) + '\n');
    const known: string[] = JSON.parse(readFileSync(listFile, 'utf8'));
    expect({
      newCrossings: now.filter((c) => !known.includes(c)),
      fixedButStillListed: known.filter((c) => !now.includes(c)),
    }).toEqual({ newCrossings: [], fixedButStillListed: [] });
  });
});
