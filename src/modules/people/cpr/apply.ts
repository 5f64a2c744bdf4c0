// From the CPR register into Spire: importPerson (a person and the family, from SF1520 answers) and applyChangeFile
// (an SF6002 change file: moves, custody, death, name, protection, emigration) in one transaction per file, recorded by
// file id, sequence and digest so a second delivery changes nothing. A placed child moving out of the municipality or
// leaving the country raises an `address` task in the staff inbox (the caseworker starts udmeldelse / §41).
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { setActor, type Db } from '../../../platform/db/database.js';
import { LocalDate, municipalityByCode } from '../../../shared/index.js';
import { ensureMunicipality } from '../../registry/index.js';
import { peopleError, type ChangeFileReport, type ImportResult } from '../contract.js';
import {
  CHILD_MAX_AGE_YEARS,
  appliedChangeFile,
  endCustodyOf,
  endResidence,
  householdAt,
  lastChangeSequence,
  moveTo,
  peopleOfMunicipality,
  personIdsByCpr,
  placementsOf,
  recordChangeFile,
  setCustodyHolders,
  updateRegisterFields,
  upsertRegisterPerson,
  type MunicipalScope,
  type RegisterAddress,
} from '../queries.js';
import {
  CHANGE_EVENTS,
  ChangeFileEnvelope,
  ChangeRecord,
  CprUnavailable,
  type AktuelAdresse,
  type CprPerson,
  type CprRegister,
} from './shapes.js';

const addressOf = (a: AktuelAdresse): RegisterAddress => ({
  darId: a.darId ?? null,
  street: [`${a.vejnavn} ${a.husnummer}`, [a.etage, a.sidedoer].filter(Boolean).join('. ')].filter(Boolean).join(', '),
  postalCode: a.postnummer,
  city: a.postdistrikt,
  municipalityCode: a.kommunekode,
});

/** Asks the register, turning its failures into the people codes (never a 500, never the number in a message). */
export async function lookupOrFail(register: CprRegister, cpr: string): Promise<CprPerson> {
  let p: CprPerson | null;
  try {
    p = await register.lookup(cpr);
  } catch (e) {
    if (e instanceof CprUnavailable) throw peopleError('people.cpr-unavailable', { reason: e.reason });
    throw e;
  }
  if (!p) throw peopleError('people.cpr-unknown');
  return p;
}

const isChild = (p: CprPerson, today: LocalDate) => p.birthDate.ageInYears(today) < CHILD_MAX_AGE_YEARS;

/** Everyone to import for one number: the person, their children under 18 and those children's custody holders (a
 *  child: the child and its custody holders). All asked before the transaction opens. */
async function familyOf(register: CprRegister, cpr: string, today: LocalDate): Promise<CprPerson[]> {
  const root = await lookupOrFail(register, cpr);
  const found = new Map([[root.cpr, root]]);
  const ask = async (c: string) => {
    if (!found.has(c)) found.set(c, await lookupOrFail(register, c));
    return found.get(c)!;
  };
  const children = isChild(root, today)
    ? [root]
    : (await Promise.all(root.children.map(ask))).filter((c) => isChild(c, today));
  for (const child of children) for (const h of child.custodyHolders) await ask(h.cpr);
  return [...found.values()];
}

/** Creates or updates the person and the family with homes and custody, in one transaction. */
export async function importPerson(
  db: Db,
  register: CprRegister,
  cpr: string,
  today: LocalDate,
  userId: string | null,
): Promise<ImportResult> {
  const family = await familyOf(register, cpr, today);
  return db.transaction().execute(async (trx) => {
    await setActor(trx, userId ?? '');
    let changes = 0;
    const ids = new Map<string, { id: string; created: boolean; p: CprPerson }>();
    for (const p of family) {
      const existed = (await personIdsByCpr(trx, [p.cpr])).has(p.cpr);
      const r = await upsertRegisterPerson(trx, {
        cpr: p.cpr,
        firstName: p.firstName,
        lastName: p.lastName,
        birthDate: p.birthDate.toString(),
        sex: p.sex,
        protected: p.protected,
        diedOn: p.status === 'dead' ? (p.statusDate ?? today).toString() : null,
        emigratedOn: p.status === 'emigrated' ? (p.statusDate ?? today).toString() : null,
      });
      if (r.changed) changes++;
      ids.set(p.cpr, { id: r.id, created: !existed, p });
      if (p.address && p.status === 'active') {
        await ensureMunicipality(trx, p.address.kommunekode);
        const household = await householdAt(trx, addressOf(p.address));
        if (!(await moveTo(trx, r.id, household, p.address.since)).unchanged) changes++;
      } else if (p.status !== 'active' && p.statusDate) {
        if (await endResidence(trx, r.id, p.statusDate)) changes++;
      }
    }
    for (const { id, p } of ids.values()) {
      if (!isChild(p, today) || !p.custodyHolders.length) continue;
      // Each holder from their own start; the register's list is the whole truth from the latest start on.
      const from = p.custodyHolders.map((h) => h.since).reduce((a, b) => (a.isAfter(b) ? a : b));
      const holders = p.custodyHolders.map((h) => ids.get(h.cpr)!.id);
      if (await setCustodyHolders(trx, id, holders, from)) changes++;
    }
    const root = ids.get(family[0]!.cpr)!;
    return {
      personId: root.id,
      people: [...ids.values()].map(({ id, created, p }) => ({
        id,
        firstName: p.firstName,
        lastName: p.lastName,
        isChild: isChild(p, today),
        created,
      })),
      changes,
    };
  });
}

type Outcome = ChangeFileReport['records'][number];

/** The digest of a file's content without its name: the same file delivered under another name is still the same file. */
const digestOf = (e: ChangeFileEnvelope) =>
  createHash('sha256')
    .update(JSON.stringify([e.sequence, e.created, e.kommunekode, e.records]))
    .digest('hex');

/** Checks a change file record by record; a file with any bad record is rejected whole (nothing applied). */
export function readChangeFile(
  raw: unknown,
): { ok: true; envelope: ChangeFileEnvelope; records: ChangeRecord[] } | { ok: false; report: ChangeFileReport } {
  const env = ChangeFileEnvelope.safeParse(raw);
  if (!env.success) {
    const path = env.error.issues[0]?.path.join('.') ?? '';
    throw peopleError('people.cpr-file-malformed', { field: path || 'file' });
  }
  const records: ChangeRecord[] = [];
  const outcomes: Outcome[] = [];
  const seen = new Set<number>();
  for (const r of env.data.records) {
    const parsed = ChangeRecord.safeParse(r);
    const obj = (r ?? {}) as Record<string, unknown>;
    const recordNo = typeof obj.recordNo === 'number' ? obj.recordNo : null;
    const event =
      typeof obj.haendelse === 'string' && (CHANGE_EVENTS as readonly string[]).includes(obj.haendelse)
        ? obj.haendelse
        : null;
    if (!parsed.success) {
      const field = parsed.error.issues[0]?.path.join('.') || 'record';
      outcomes.push({ recordNo, event, outcome: 'error', reason: `invalid:${field}`, personId: null });
    } else if (seen.has(parsed.data.recordNo)) {
      outcomes.push({ recordNo, event, outcome: 'error', reason: 'duplicate-record-no', personId: null });
    } else {
      seen.add(parsed.data.recordNo);
      records.push(parsed.data);
      outcomes.push({ recordNo, event, outcome: 'skipped', reason: 'not-applied', personId: null });
    }
  }
  if (outcomes.some((o) => o.outcome === 'error'))
    return {
      ok: false,
      report: {
        fileId: env.data.fileId,
        sequence: env.data.sequence,
        status: 'rejected',
        counts: count(outcomes),
        inboxTasks: 0,
        records: outcomes,
      },
    };
  return { ok: true, envelope: env.data, records };
}

const count = (rs: Outcome[]) => ({
  applied: rs.filter((r) => r.outcome === 'applied').length,
  unchanged: rs.filter((r) => r.outcome === 'unchanged').length,
  skipped: rs.filter((r) => r.outcome === 'skipped').length,
  error: rs.filter((r) => r.outcome === 'error').length,
});

const municipalityName = (code: string) => municipalityByCode(code)?.name ?? code;

/** Applies a change file in one transaction (records in their order); a second delivery returns the first report. */
export async function applyChangeFile(
  db: Db,
  raw: unknown,
  today: LocalDate,
  userId: string | null,
  municipality: MunicipalScope,
): Promise<ChangeFileReport> {
  const read = readChangeFile(raw);
  if (!read.ok) return read.report;
  const { envelope, records } = read;
  // A file is one municipality's subscription: another municipality's file is neither applied nor claimed here.
  if (envelope.kommunekode !== municipality.code) throw peopleError('people.cpr-file-other-municipality');
  const digest = digestOf(envelope);
  const before = await appliedChangeFile(db, envelope.fileId, digest);
  // Another municipality's file (its subscription, its people): neither applied again nor reported here.
  if (before && before.municipality_code !== municipality.code) throw peopleError('people.cpr-file-other-municipality');
  if (before) return { ...(before.report as ChangeFileReport), status: 'already-applied' };
  return db.transaction().execute(async (trx) => {
    await setActor(trx, userId ?? '');
    // Under the file table's lock: a parallel delivery of the same file waits, then finds it applied.
    await sql`lock table cpr_change_file in exclusive mode`.execute(trx);
    const again = await appliedChangeFile(trx, envelope.fileId, digest);
    if (again && again.municipality_code !== municipality.code) throw peopleError('people.cpr-file-other-municipality');
    if (again) return { ...(again.report as ChangeFileReport), status: 'already-applied' as const };
    if (envelope.sequence <= (await lastChangeSequence(trx, municipality.code)))
      throw peopleError('people.cpr-file-out-of-order', { sequence: envelope.sequence });
    const ids = await personIdsByCpr(trx, [
      ...records.map((r) => r.personnummer),
      ...records.flatMap((r) => (r.haendelse === 'foraeldremyndighed' ? r.indehavere : [])),
    ]);
    // Only the municipality's own people (living there or placed there), and people moving in.
    const own = await peopleOfMunicipality(trx, [...ids.values()], municipality, today);
    const movesIn = (r: (typeof records)[number]) =>
      r.haendelse === 'flytning' && r.aktuelAdresse.kommunekode === municipality.code;
    // A file about another municipality's people is that municipality's delivery: refused whole, nothing applied.
    if (records.some((r) => ids.has(r.personnummer) && !own.has(ids.get(r.personnummer)!) && !movesIn(r)))
      throw peopleError('people.cpr-file-other-municipality');
    const outcomes: Outcome[] = [];
    let inboxTasks = 0;
    // Placement's inbox, imported when used: placement's contract reads people's at load time (no import cycle).
    const { addInboxTask } = await import('../../placement/index.js');
    for (const r of records) {
      const personId = ids.get(r.personnummer) ?? null;
      const base = { recordNo: r.recordNo, event: r.haendelse, personId };
      if (!personId) {
        outcomes.push({ ...base, outcome: 'skipped', reason: 'unknown-person' });
        continue;
      }
      const on = LocalDate.parse(r.dato);
      const placed = async () => (await placementsOf(trx, [personId], today)).length > 0;
      let changed = false;
      switch (r.haendelse) {
        case 'flytning': {
          const to = r.aktuelAdresse.kommunekode;
          await ensureMunicipality(trx, to);
          const household = await householdAt(trx, addressOf(r.aktuelAdresse));
          const moved = await moveTo(trx, personId, household, on);
          changed = !moved.unchanged;
          if (!moved.unchanged && moved.fromMunicipality === envelope.kommunekode && to !== envelope.kommunekode) {
            if (await placed()) {
              await addInboxTask(trx, {
                kind: 'address',
                childId: personId,
                text: `Fraflytning: barnet er flyttet til ${municipalityName(to)} Kommune pr. ${on.toDanish()} (CPR). Tag stilling til udmeldelse eller mellemkommunal plads (§ 41).`,
                today,
              });
              inboxTasks++;
            }
          }
          break;
        }
        case 'foraeldremyndighed': {
          const holders = r.indehavere.map((c) => ids.get(c));
          if (holders.some((h) => !h)) {
            outcomes.push({ ...base, outcome: 'skipped', reason: 'unknown-holder' });
            continue;
          }
          changed = await setCustodyHolders(trx, personId, holders as string[], on);
          break;
        }
        case 'doedsfald': {
          changed = await updateRegisterFields(trx, personId, { diedOn: r.dato });
          const next = on.plusDays(1);
          changed = (await endCustodyOf(trx, personId, next)) || changed;
          changed = (await endResidence(trx, personId, next)) || changed;
          if (changed && (await placed())) {
            await addInboxTask(trx, {
              kind: 'withdrawal',
              childId: personId,
              text: `Dødsfald registreret i CPR pr. ${on.toDanish()}. Pladsen skal afsluttes.`,
              today,
            });
            inboxTasks++;
          }
          break;
        }
        case 'navneaendring':
          changed = await updateRegisterFields(trx, personId, {
            firstName: r.navn.fornavn,
            lastName: r.navn.efternavn,
          });
          break;
        case 'adressebeskyttelse':
          changed = await updateRegisterFields(trx, personId, { protected: r.beskyttet });
          break;
        case 'udrejse': {
          changed = await updateRegisterFields(trx, personId, { emigratedOn: r.dato });
          changed = (await endResidence(trx, personId, on)) || changed;
          if (changed && (await placed())) {
            await addInboxTask(trx, {
              kind: 'address',
              childId: personId,
              text: `Udrejse: barnet er udrejst af Danmark pr. ${on.toDanish()} (CPR). Start udmeldelse.`,
              today,
            });
            inboxTasks++;
          }
          break;
        }
      }
      outcomes.push({ ...base, outcome: changed ? 'applied' : 'unchanged', reason: null });
    }
    const report: ChangeFileReport = {
      fileId: envelope.fileId,
      sequence: envelope.sequence,
      status: 'applied',
      counts: count(outcomes),
      inboxTasks,
      records: outcomes,
    };
    await recordChangeFile(trx, {
      fileId: envelope.fileId,
      sequence: envelope.sequence,
      created: envelope.created,
      today,
      userId,
      digest,
      report,
      municipalityCode: municipality.code,
    });
    return report;
  });
}
