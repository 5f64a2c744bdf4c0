import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { accessTable } from './platform/auth/policy.js';
import { POLICIES } from './access.js';

const ROLES = [
  'guardian',
  'caseworker',
  'finance',
  'consultant',
  'management',
  'admin',
  'unit_leader',
  'unit_staff',
] as const;
const DOC = new URL('../docs/access.md', import.meta.url);
const HEAD =
  "# Who may do what\n\nGenerated from each module's `policy.ts` by `UPDATE_ACCESS=1 npx vitest run src/access.test.ts`; " +
  'src/access.test.ts fails when this file and the code disagree. "own units": unit leaders and staff only for their units.\n\n';

describe('access policy', () => {
  it('docs/access.md is the role × action table of the code', () => {
    const table = HEAD + accessTable(POLICIES, ROLES);
    if (process.env.UPDATE_ACCESS) writeFileSync(DOC, table);
    expect(readFileSync(DOC, 'utf8')).toBe(table);
  });

  it('action names are unique and carry their module', () => {
    const actions = POLICIES.flatMap((p) => Object.keys(p.rules).map((a) => [p.module, a] as const));
    expect(actions.filter(([m, a]) => !a.startsWith(m + '.'))).toEqual([]);
    expect(new Set(actions.map(([, a]) => a)).size).toBe(actions.length);
  });
});
