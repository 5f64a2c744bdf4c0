// What the routes do: a month's extract as a preview, its delivery (idempotent, corrections as new versions), the
// overview of recent months and the normering over 12 months.
import type { Db } from '../../platform/db/database.js';
import { LocalDate } from '../../shared/index.js';
import { employeeNames } from '../employees/index.js';
import { municipalityNormering, yearlyNormering, type NormeringFigure, type UnitExtract } from './extracts.js';
import { checksum, payloadOf, validatePayload, type ExtractKind } from './formats.js';
import { extractOn, unitsOf } from './load.js';
import { addDelivery, deliveriesOf, latestDelivery, lockDeliveries, setReceipt } from './queries.js';
import { reportingError, type Delivery, type ExtractPreview, type Figure, type Normering } from './contract.js';
import { statisticsReceiver } from './receiver.js';

const x100 = (n: number) => n / 100;
export const figure = (f: NormeringFigure): Figure => ({
  children: x100(f.childrenFtex100),
  adults: x100(f.adultsFtex100),
  childrenPerAdult: f.childrenPerAdult,
});

export function toDelivery(r: {
  id: string;
  kind: ExtractKind;
  month: string;
  version: number;
  checksum: string;
  status: 'delivered' | 'failed';
  correction: boolean;
  receipt: string | null;
  created_at: string;
}): Delivery {
  return {
    id: r.id,
    kind: r.kind,
    month: String(r.month).slice(0, 10),
    version: r.version,
    checksum: r.checksum,
    status: r.status,
    correction: r.correction,
    receipt: r.receipt,
    createdAt: String(r.created_at),
  };
}

export const monthDay = (month: string) => LocalDate.parse(`${month}-01`);

async function municipalityUnits(db: Db, municipality: string) {
  const units = await unitsOf(db, [municipality]);
  if (!units.length) throw reportingError('reporting.unknown-municipality', { municipality });
  return units;
}

/** The extract of one municipality for a month: figures, payload, checksum and validation. */
export async function buildExtract(db: Db, municipality: string, day: LocalDate, kind: ExtractKind) {
  const units = await municipalityUnits(db, municipality);
  const { units: figures } = await extractOn(db, day, units);
  const payload = payloadOf(kind, municipality, day.toString(), figures);
  return { figures, payload, checksum: checksum(payload), errors: validatePayload(kind, payload) };
}

export async function previewExtract(
  db: Db,
  municipality: string,
  day: LocalDate,
  kind: ExtractKind,
): Promise<ExtractPreview> {
  const x = await buildExtract(db, municipality, day, kind);
  const latest = await latestDelivery(db, municipality, kind, day.toString());
  const names = await employeeNames(
    db,
    x.figures.flatMap((u) => u.dagplejere.map((d) => d.dagplejerId)),
  );
  const units = x.figures.map((u) => unitFigures(u, names));
  return {
    municipality,
    month: day.toString(),
    kind,
    totals: {
      units: units.length,
      children: units.reduce((s, u) => s + u.children, 0),
      fte: x100(x.figures.reduce((s, u) => s + u.ftex100, 0)),
      staffFte: x100(x.figures.reduce((s, u) => s + u.staff.reduce((t, st) => t + st.ftex100, 0), 0)),
    },
    units,
    payload: x.payload,
    checksum: x.checksum,
    errors: x.errors,
    latest: latest ? toDelivery(latest) : null,
    changedSinceDelivery: !!latest && latest.checksum !== x.checksum,
  };
}

function unitFigures(u: UnitExtract, names: Map<string, string>) {
  return {
    id: u.unit.id,
    number: u.unit.number,
    name: u.unit.name,
    type: u.unit.type,
    children: u.children,
    fte: x100(u.ftex100),
    groups: u.groups.map(({ ftex100, ...g }) => ({ ...g, fte: x100(ftex100) })),
    dagplejere: u.dagplejere.map((d) => ({ ...d, name: names.get(d.dagplejerId) ?? '' })),
    staff: u.staff.map((s) => ({ jobType: s.jobType, persons: s.persons, fte: x100(s.ftex100) })),
    normering: { '0-2': figure(u.normering['0-2']), '3-5': figure(u.normering['3-5']) },
  };
}

/**
 * Deliver a month: computed and validated now; the same checksum as the latest version is a no-op; otherwise a new
 * version (a correction after the first) goes to the receiver and into the log, in one transaction under a lock.
 */
export async function deliverExtract(
  db: Db,
  municipality: string,
  day: LocalDate,
  kind: ExtractKind,
  userId: string | null,
) {
  return (await deliverExtracts(db, municipality, day, [kind], userId))[0]!;
}

/**
 * Deliver a month to several receivers (DS and FLIS): the month's figures are computed once, each kind's payload is
 * built and validated from them (any invalid: nothing is delivered), then each kind is delivered as `deliverExtract`
 * does, in its own transaction under its own lock (one receiver's answer does not undo the other's delivery).
 */
export async function deliverExtracts(
  db: Db,
  municipality: string,
  day: LocalDate,
  kinds: readonly ExtractKind[],
  userId: string | null,
) {
  const units = await municipalityUnits(db, municipality);
  const { units: figures } = await extractOn(db, day, units);
  const month = day.toString();
  const built = kinds.map((kind) => {
    const payload = payloadOf(kind, municipality, month, figures);
    return { kind, payload, checksum: checksum(payload), errors: validatePayload(kind, payload) };
  });
  const errors = built.flatMap((x) => x.errors.map((e) => (kinds.length > 1 ? `${x.kind.toUpperCase()}: ${e}` : e)));
  if (errors.length) throw reportingError('reporting.invalid-extract', { errors: errors.slice(0, 5).join('; ') });
  const out = [];
  for (const x of built)
    out.push(
      await db.transaction().execute(async (trx) => {
        await lockDeliveries(trx, municipality, x.kind, month);
        const latest = await latestDelivery(trx, municipality, x.kind, month);
        if (latest && latest.checksum === x.checksum)
          return { outcome: 'unchanged' as const, delivery: toDelivery(latest) };
        const version = (latest?.version ?? 0) + 1;
        const row = await addDelivery(trx, {
          municipality,
          kind: x.kind,
          month,
          version,
          payload: x.payload,
          checksum: x.checksum,
          userId,
        });
        const receipt = await statisticsReceiver.send({
          kind: x.kind,
          municipality,
          month,
          version,
          checksum: x.checksum,
          payload: x.payload,
        });
        await setReceipt(trx, row.id, receipt);
        const saved = (await latestDelivery(trx, municipality, x.kind, month))!;
        return { outcome: 'delivered' as const, delivery: toDelivery(saved), figures };
      }),
    );
  return out;
}

/** This month and the two before: per kind, pending, delivered, or changed since its delivery. */
export async function overview(db: Db, municipality: string, today: LocalDate) {
  const units = await municipalityUnits(db, municipality);
  const rows = [];
  for (let i = 0; i < 3; i++) {
    const day = today.firstOfMonth().plusMonths(-i);
    const { units: figures } = await extractOn(db, day, units);
    for (const kind of ['ds', 'flis'] as const) {
      const latest = await latestDelivery(db, municipality, kind, day.toString());
      const sum = checksum(payloadOf(kind, municipality, day.toString(), figures));
      rows.push({
        month: day.toString(),
        kind,
        status: !latest
          ? ('pending' as const)
          : latest.checksum === sum
            ? ('delivered' as const)
            : ('changed' as const),
        latest: latest ? toDelivery(latest) : null,
      });
    }
  }
  return { municipality, rows };
}

export const deliveryLog = async (db: Db, municipality: string) =>
  (await deliveriesOf(db, municipality)).map(toDelivery);

/** Normering for the units over the 12 months up to `last` (the 1st of each month); `scope` names what it is of. */
export async function normering(
  db: Db,
  units: Awaited<ReturnType<typeof unitsOf>>,
  last: LocalDate,
  scope: Normering['scope'],
): Promise<Normering> {
  const months: Normering['months'] = [],
    raw = [];
  let lastUnits: UnitExtract[] = [],
    rules;
  for (let i = 11; i >= 0; i--) {
    const day = last.firstOfMonth().plusMonths(-i);
    const x = await extractOn(db, day, units, false);
    const m = municipalityNormering(x.units);
    raw.push(m);
    months.push({ month: day.toString(), '0-2': figure(m['0-2']), '3-5': figure(m['3-5']) });
    lastUnits = x.units;
    rules = x.rules;
  }
  const yearly = yearlyNormering(raw);
  return {
    scope,
    minimum: rules!.minChildrenPerAdult,
    leaderWeightPercent: rules!.leaderWeightPercent,
    months,
    yearly,
    units: lastUnits
      .filter((u) => u.normering['0-2'].childrenFtex100 + u.normering['3-5'].childrenFtex100 > 0)
      .map((u) => ({
        id: u.unit.id,
        number: u.unit.number,
        name: u.unit.name,
        '0-2': figure(u.normering['0-2']),
        '3-5': figure(u.normering['3-5']),
      })),
  };
}
