// Lint and format are part of the suite: oxlint with type-aware rules (.oxlintrc.json) and oxfmt (.oxfmtrc.json).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const run = (bin: string, args: string[]) => {
  const r = spawnSync(`${root}node_modules/.bin/${bin}`, args, { cwd: root, encoding: 'utf8' });
  return { status: r.status, output: `${r.stdout}${r.stderr}`.trim() };
};

describe('house style', () => {
  it('oxlint finds nothing (fix: npm run lint)', { timeout: 300_000 }, () => {
    const r = run('oxlint', ['--type-aware', '--deny-warnings', '-f', 'unix', 'src', 'web', 'test', 'bench']);
    expect(r.output.split('\n').filter((l) => /:\d+:\d+:/.test(l))).toEqual([]);
    expect(r.status).toBe(0);
  });

  it('the code is formatted (fix: npm run format)', { timeout: 120_000 }, () => {
    const r = run('oxfmt', ['--check', 'src', 'web', 'test', 'bench']);
    expect(r.status, r.output.split('\n').slice(0, 20).join('\n')).toBe(0);
  });
});
