// House rules checked on the source tree (TypeScript 7 has no linter API): module boundaries and no JS Date in domain code.
import { readdirSync, readFileSync, statSync } from 'node:fs';
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
        if (!target.startsWith('..') && mod !== own && rest.join('/') !== 'index.js') bad.push(`${relative(root, file)} → ${spec}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('shared primitives do no I/O and depend on nothing else in src', () => {
    const bad = files(join(root, 'shared')).filter((f) => !f.endsWith('.test.ts'))
      .flatMap((f) => imports(readFileSync(f, 'utf8')).filter((s) => s.startsWith('node:') || s.startsWith('..')).map((s) => `${relative(root, f)} → ${s}`));
    expect(bad).toEqual([]);
  });

  it('domain code never uses JS Date (LocalDate and the injected clock instead)', () => {
    const bad = [...files(join(root, 'shared')), ...files(join(root, 'modules'))]
      .filter((f) => /\bnew Date\(|\bDate\.now\(|:\s*Date\b/.test(readFileSync(f, 'utf8'))).map((f) => relative(root, f));
    expect(bad).toEqual([]);
  });
});
