// `spire register import --municipality 0860|all [--file export.json] [--apply]`: the preview as JSON (counts, errors,
// rows that change); with --apply the import runs in one transaction. Exit 1 when the export has errors.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Database } from '../../../platform/db/database.js';
import type { LocalDate } from '../../../shared/index.js';
import { applyImport, planImport } from './import.js';
import { stilRegisterFor } from './stil.js';

export async function registerCli(args: string[], database: Database, today: LocalDate): Promise<number> {
  const [sub, ...rest] = args;
  const { values } = parseArgs({
    args: rest,
    options: { municipality: { type: 'string' }, file: { type: 'string' }, apply: { type: 'boolean', default: false } },
  });
  if (sub !== 'import' || !/^(\d{4}|all)$/.test(values.municipality ?? '')) {
    console.error('register import --municipality 0860|all [--file export.json] [--apply]');
    return 2;
  }
  const scope = values.municipality === 'all' ? null : values.municipality!;
  const file = values.file
    ? (JSON.parse(readFileSync(values.file, 'utf8')) as unknown)
    : await stilRegisterFor(database.db).fetchExport(scope);
  const result = await database.db.transaction().execute(async (trx) => {
    const plan = await planImport(trx, file, scope, today);
    if (values.apply && !plan.errors.length) await applyImport(trx, plan, today, null);
    return plan;
  });
  console.log(
    JSON.stringify(
      {
        municipality: values.municipality,
        applied: values.apply && !result.errors.length,
        counts: result.counts,
        errors: result.errors,
        changes: result.rows.filter((r) => r.action !== 'unchanged'),
      },
      null,
      2,
    ),
  );
  return result.errors.length ? 1 : 0;
}
