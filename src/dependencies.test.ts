// Every pinned dependency must support the Node.js the project promises (package.json engines), checked offline.
import { describe, expect, it } from 'vitest';
import { auditEngines, auditProject, minimumNode, satisfies } from '../test/engines-audit.js';

describe('dependency engines', () => {
  it('reads npm ranges as node-semver does', () => {
    for (const r of [
      '>=20',
      '>=20.19.0',
      '^20.19.0 || >=22.12.0',
      '18 || 20 || >=22',
      '>= 0.8',
      '>=20.16.0||>=22.3.0',
      '*',
      '',
      '20.x',
      '^20.0.0 || ^22.0.0 || >=24.0.0',
      '>=18 <21',
      '18 - 20',
      '~20.19',
    ])
      expect(satisfies('20.19.0', r), r).toBe(true);
    for (const r of [
      '>=22',
      '>=22.13.0 || >=24',
      '^20.20.0',
      '^22.13.0 || >=23.5.0',
      '<20',
      '>20.19.0 <20.19.1',
      '~20.18',
      '^0.20.0',
    ])
      expect(satisfies('20.19.0', r), r).toBe(false);
    expect(minimumNode('>=20.19')).toBe('20.19.0');
  });

  it('flags a package that needs a newer Node.js', () => {
    const lock = {
      packages: {
        '': {},
        'node_modules/cookie': { version: '2.0.2', engines: { node: '>=22' } },
        'node_modules/ok': { version: '1.0.0', engines: { node: '>=18' } },
      },
    };
    expect(auditEngines(lock, '20.19.0')).toEqual(['cookie@2.0.2 (node >=22) at node_modules/cookie']);
  });

  it('every package in package-lock.json supports the promised Node.js', () => {
    const { node, offenders } = auditProject();
    expect(node).toBe('20.19.0');
    expect(offenders).toEqual([]);
  });
});
