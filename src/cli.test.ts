// The `spire` command line as a user runs it.
import { execFileSync, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const spire = (...args: string[]) => spawnSync(process.execPath, ['bin/spire.mjs', ...args], { encoding: 'utf8' });

describe('spire CLI', () => {
  it('prints the Danish public holidays of a year', () => {
    const out = JSON.parse(execFileSync(process.execPath, ['bin/spire.mjs', 'holidays', '2026'], { encoding: 'utf8' }));
    expect(out).toContainEqual({ date: '2026-04-05', name: 'Påskedag' });
    expect(out).toContainEqual({ date: '2026-05-14', name: 'Kristi himmelfartsdag' });
    expect(out.some((h: any) => h.name === 'Store bededag')).toBe(false);
    expect(out).toHaveLength(10);
  });

  it('parses a CPR number, reporting but not requiring modulus 11', () => {
    expect(JSON.parse(spire('cpr', '070761-4285').stdout)).toEqual({
      valid: true,
      birthDate: '1961-07-07',
      sex: 'male',
      mod11: true,
    });
    const noMod11 = JSON.parse(spire('cpr', '0103234412').stdout);
    expect(noMod11).toMatchObject({ valid: true, birthDate: '2023-03-01', sex: 'female' });
    const bad = spire('cpr', '3102991234');
    expect(bad.status).toBe(1);
    expect(JSON.parse(bad.stdout).valid).toBe(false);
  });

  it("prints a household's monthly fees per child from the documented example", () => {
    const out = JSON.parse(spire('fees', '--in', 'docs/formats/fees-example.json').stdout);
    expect(out.payPercent).toBe(25);
    // Oscar: 3,117 kr → friplads −2,337.75 → 779.25; sibling −(779.25 · 50 % = 389.625 → 389.63) → 389.62.
    expect(out.children[1].lines.find((l: any) => l.code === 'sibling').amount.oere).toBe(-38963);
    expect(out.children.map((c: any) => c.total.kr)).toEqual([1199, 389.62]);
    expect(out.total.oere).toBe(158862);
  });
});
