// Offline dependency audit: every package pinned in package-lock.json must declare (in `engines.node`) support for the
// oldest Node.js the project promises (package.json `engines.node`, e.g. ">=20.19" → 20.19.0). No network: the lockfile
// records each package's engines. `npm run audit:deps` runs it; src/dependencies.test.ts runs it in the unit suite.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

type V = [number, number, number];
const cmp = (a: V, b: V) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];

/** A comparator as [lowest allowed (inclusive) | null, first excluded | null]. */
type Bound = { min: V | null; below: V | null };

function partial(s: string): (number | null)[] | null {
  const m = /^v?(\d+|[xX*])?(?:\.(\d+|[xX*]))?(?:\.(\d+|[xX*]))?(?:[-+].*)?$/.exec(s);
  if (!m) return null;
  return [m[1], m[2], m[3]].map((p) => (p === undefined || /^[xX*]$/.test(p) ? null : Number(p)));
}

function comparator(c: string): Bound | null {
  const m = /^(>=|<=|>|<|=|\^|~)?(.*)$/.exec(c)!;
  const op = m[1] ?? '',
    p = partial(m[2]!);
  if (!p) return null;
  const [maj, min, pat] = p;
  if (maj === null) return op === '' || op === '=' || op === '>=' || op === '<=' ? { min: null, below: null } : null;
  const lo: V = [maj, min ?? 0, pat ?? 0];
  // The first version after the partial's own span: "20" → 21.0.0, "20.1" → 20.2.0, "20.1.2" → 20.1.3.
  const after: V = min === null ? [maj + 1, 0, 0] : pat === null ? [maj, min + 1, 0] : [maj, min, pat + 1];
  switch (op) {
    case '':
    case '=':
      return { min: lo, below: after };
    case '>=':
      return { min: lo, below: null };
    case '>':
      return { min: after, below: null };
    case '<':
      return { min: null, below: lo };
    case '<=':
      return { min: null, below: after };
    case '~':
      return { min: lo, below: min === null ? [maj + 1, 0, 0] : [maj, min + 1, 0] };
    case '^':
      return {
        min: lo,
        below: maj > 0 || min === null ? [maj + 1, 0, 0] : min > 0 || pat === null ? [0, min + 1, 0] : [0, 0, pat + 1],
      };
  }
  return null;
}

/** Whether `version` satisfies the npm range `range` (the subset of node-semver engines fields use). Throws on syntax it does not know. */
export function satisfies(version: string, range: string): boolean {
  const v = partial(version);
  if (!v || v.some((x) => x === null)) throw new Error(`not a version: ${version}`);
  const ver = v as V;
  return range.split('||').some((set) => {
    let s = set.trim().replace(/(>=|<=|>|<|=|\^|~)\s+/g, '$1');
    const hyphen = /^(\S+)\s+-\s+(\S+)$/.exec(s);
    if (hyphen) s = `>=${hyphen[1]} <=${hyphen[2]}`;
    const parts = s === '' ? [''] : s.split(/\s+/);
    return parts.every((c) => {
      const b = comparator(c);
      if (!b) throw new Error(`unknown range syntax: "${range}"`);
      return (!b.min || cmp(ver, b.min) >= 0) && (!b.below || cmp(ver, b.below) < 0);
    });
  });
}

/** The lowest version a ">=20.19"-style engines field allows. */
export function minimumNode(range: string): string {
  const m = /^\s*>=\s*v?(\d+)(?:\.(\d+))?(?:\.(\d+))?\s*$/.exec(range);
  if (!m) throw new Error(`package.json engines.node should be ">=X.Y": ${range}`);
  return `${m[1]}.${m[2] ?? 0}.${m[3] ?? 0}`;
}

export interface LockFile {
  packages: Record<
    string,
    { version?: string; engines?: Record<string, string> | string[]; dev?: boolean; optional?: boolean }
  >;
}

/** Installed packages whose engines.node does not include `node`, as "path@version (engines)". */
export function auditEngines(lock: LockFile, node: string): string[] {
  const bad: string[] = [];
  for (const [path, pkg] of Object.entries(lock.packages)) {
    if (!path) continue;
    const range = pkg.engines && !Array.isArray(pkg.engines) ? pkg.engines.node : undefined;
    if (!range) continue;
    let ok: boolean;
    try {
      ok = satisfies(node, range);
    } catch {
      ok = false;
    }
    if (!ok) bad.push(`${path.replace(/^.*node_modules\//, '')}@${pkg.version} (node ${range}) at ${path}`);
  }
  return bad;
}

export function auditProject(root = fileURLToPath(new URL('..', import.meta.url))) {
  const pkg = JSON.parse(readFileSync(`${root}/package.json`, 'utf8'));
  const lock = JSON.parse(readFileSync(`${root}/package-lock.json`, 'utf8')) as LockFile;
  const node = minimumNode(pkg.engines.node);
  return { node, offenders: auditEngines(lock, node) };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { node, offenders } = auditProject();
  if (offenders.length) {
    console.error(`Packages that do not support Node.js ${node} (package.json engines):\n  ${offenders.join('\n  ')}`);
    process.exitCode = 1;
  } else {
    console.log(`All packages in package-lock.json support Node.js ${node}.`);
  }
}
