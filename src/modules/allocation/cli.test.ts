// `spire allocate` as a user runs it: the documented example, and clear errors on invalid input.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { check } from './testkit/checker.js';

const spire = (...args: string[]) => spawnSync(process.execPath, ['bin/spire.mjs', ...args], { encoding: 'utf8' });
const dir = mkdtempSync(join(tmpdir(), 'spire-allocate-'));
const example = JSON.parse(readFileSync('docs/formats/allocation-example.json', 'utf8'));

// Each spawn starts tsx (~1 s idle, many more on a loaded shared machine): a generous timeout.
describe('spire allocate', { timeout: 60_000 }, () => {
  it('allocates the documented example round and writes the result', () => {
    const out = join(dir, 'result.json');
    const r = spire('allocate', '--in', 'docs/formats/allocation-example.json', '--out', out);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ out, placed: 3, justifiedEnvy: 0, waste: 0 });
    const result = JSON.parse(readFileSync(out, 'utf8'));
    expect(result.offers.map((o: any) => `${o.applicant}@${o.unit}`)).toEqual(['freja@maelk', 'ida@sol', 'noah@maelk']);
    expect(result.offers[1].explanation.en).toContain(
      'Not offered Mælkebøtten (1st wish), because a child with priority sibling got the last place',
    );
    const v = check(example, result);
    expect([v.invalid, v.overCapacity, v.envy.filter((e) => !e.siblingExempt), v.waste]).toEqual([[], [], [], []]);
  });

  it('prints the result without --out', () => {
    const r = spire('allocate', '--in', 'docs/formats/allocation-example.json');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).metrics.placed).toBe(3);
  });

  // Two spawns: Zod checks the shape first, then the cross-references; every problem is reported at once.
  it.each([
    [
      'shape errors',
      [
        [
          (x: any) => {
            x.applicants[1].birthDate = '2023-02-30';
          },
          'expected a real date',
        ],
        [
          (x: any) => {
            x.horizon = '31-12-2026';
          },
          'horizon',
        ],
        [
          (x: any) => {
            x.units[0].capacity[0].to = '2025-01-01';
          },
          'to is before from',
        ],
        [
          (x: any) => {
            x.units[1].capacity[0].places = -3;
          },
          'units[1].capacity[0].places',
        ],
        [
          (x: any) => {
            x.applicants[0].cpr = '0101011234';
          },
          'cpr',
        ],
      ],
    ],
    [
      'cross-reference errors',
      [
        [
          (x: any) => {
            x.applicants.push({ ...x.applicants[0] });
          },
          'duplicate applicant id ida',
        ],
        [
          (x: any) => {
            x.units.push({ ...x.units[0] });
          },
          'duplicate unit id maelk',
        ],
        [
          (x: any) => {
            x.applicants[0].wishes.push({ unit: 'nope' });
          },
          'unknown unit nope',
        ],
        [
          (x: any) => {
            x.applicants[0].wishes.push({ unit: 'sol' });
          },
          'unit sol wished twice',
        ],
        [
          (x: any) => {
            x.applicants[1].wishes[0].priority = 'vip';
          },
          'unknown priority class vip',
        ],
      ],
    ],
  ] as const)('rejects %s with exit code 2 and a message for each, writing nothing', (what, spoils) => {
    const bad = structuredClone(example);
    for (const [spoil] of spoils) spoil(bad);
    const inPath = join(dir, `${what}.json`),
      out = join(dir, `never-${what}.json`);
    writeFileSync(inPath, JSON.stringify(bad));
    const r = spire('allocate', '--in', inPath, '--out', out);
    expect(r.status).toBe(2);
    for (const [, message] of spoils) expect(r.stderr).toContain(message);
    expect(existsSync(out)).toBe(false);
  });

  it('rejects a file that is not JSON, and a missing --in', () => {
    const inPath = join(dir, 'garbage.json');
    writeFileSync(inPath, '{ not json');
    expect(spire('allocate', '--in', inPath).status).toBe(2);
    const r = spire('allocate');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('usage: spire allocate');
  });
});
