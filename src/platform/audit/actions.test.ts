// Every action the code writes to the audit log has a readable name on the audit page (web/shared/texts/audit.ts).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditActionTexts } from '../../../web/shared/texts/audit.js';

const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : f.endsWith('.ts') && !f.endsWith('.test.ts') ? [p] : [];
  });

describe('audit actions', () => {
  it('every action written by the code has a Danish and English name', () => {
    const written = new Set<string>();
    for (const f of files('src'))
      for (const m of readFileSync(f, 'utf8').matchAll(/\baudit\w*\([^;]*?action: '([a-z0-9_.-]+)'/gs))
        written.add(m[1]!);
    expect(written.size).toBeGreaterThan(40);
    expect([...written].filter((a) => !(a in auditActionTexts)).sort()).toEqual([]);
  });
});
