// Preview, delivery and "Send igen": the roster on a date against the last accepted one, validated by Spire before it
// is sent; an unchanged roster (or an unchanged day of komme/gå) is a no-op. The row is written in a short
// transaction under the municipality's lock, the service is called outside it, and its answer is recorded after.
import { createHash, randomUUID } from 'node:crypto';
import type { Db } from '../../platform/db/database.js';
import { LocalDate } from '../../shared/index.js';
import { personsById } from '../people/index.js';
import { employeeNames } from '../employees/index.js';
import { presenceOn, rosterOn } from './load.js';
import {
  acceptedAfter,
  addDelivery,
  answerDelivery,
  deliveryById,
  lastAcceptedPresence,
  lastAcceptedRoster,
  lockMunicipalityDeliveries,
  replaceDelivery,
  type DeliveryRow,
  type NewDelivery,
} from './queries.js';
import {
  diffRoster,
  digests,
  messageOf,
  rosterChecksum,
  typeOfDigest,
  type Change,
  type RosterDiff,
  type RosterPerson,
} from './roster.js';
import { uniloginFor, validateAny, type AnyMessage } from './service.js';
import { uniloginError } from './contract.js';

type Built = Omit<NewDelivery, 'municipality' | 'kind' | 'userId'> & { message: AnyMessage };

async function buildRoster(db: Db, municipality: string, kind: 'full' | 'delta', day: LocalDate, id: string) {
  const roster = await rosterOn(db, municipality, day);
  const last = await lastAcceptedRoster(db, municipality);
  const diff = diffRoster(roster, last?.roster ?? null);
  const message = messageOf(id, kind, roster, diff);
  const built: Built = {
    date: day.toString(),
    status: 'sent',
    payload: message,
    message,
    roster: digests(roster),
    checksum: rosterChecksum(roster),
    counts: {
      persons: roster.persons.length,
      added: diff.added.length,
      changed: diff.changed.length,
      removed: diff.removed.length,
    },
    errors: validateAny(message),
  };
  return { built, roster, diff, last };
}

async function buildPresence(db: Db, municipality: string, day: LocalDate, id: string) {
  const message = await presenceOn(db, municipality, day, id);
  const { deliveryId: _, ...stable } = message;
  const built: Built = {
    date: day.toString(),
    status: 'sent',
    payload: message,
    message,
    roster: {},
    checksum: createHash('sha256').update(JSON.stringify(stable)).digest('hex'),
    counts: {
      persons: message.institutions.reduce((s, i) => s + i.children.length, 0),
      added: 0,
      changed: 0,
      removed: 0,
    },
    errors: validateAny(message),
  };
  const last = await lastAcceptedPresence(db, municipality, day.toString());
  return { built, last };
}

export interface PreviewPerson {
  id: string;
  type: RosterPerson['type'];
  role: string;
  name: string;
  change: Change;
  institutions: string[];
  protected: boolean;
}

/** The preview of a roster delivery: counts, Spire's own errors, and one page of the persons that change. */
export async function previewRoster(db: Db, municipality: string, day: LocalDate, page: number, pageSize: number) {
  const { built, roster, diff, last } = await buildRoster(db, municipality, 'delta', day, randomUUID());
  const changes = changesOf(diff, last?.roster ?? {});
  const shown = changes.slice((page - 1) * pageSize, page * pageSize);
  // A removed person is named from the data when still there (a child who left, an employee whose period ended).
  const gone = shown.filter((c) => c.change === 'removed').map((c) => c.id);
  if (gone.length) {
    const [people, staff] = await Promise.all([personsById(db, gone), employeeNames(db, gone)]);
    const names = new Map(people.map((p) => [p.id, `${p.first_name} ${p.last_name}`]));
    for (const c of shown)
      if (c.change === 'removed') {
        c.name = names.get(c.id) ?? staff.get(c.id) ?? '';
      }
  }
  return {
    municipality,
    date: day.toString(),
    unchanged: last?.checksum === built.checksum,
    lastAccepted: last?.id ?? null,
    counts: {
      children: roster.persons.filter((p) => p.type === 'child').length,
      guardians: roster.persons.filter((p) => p.type === 'guardian').length,
      employees: roster.persons.filter((p) => p.type === 'employee').length,
      institutions: roster.institutions.length,
      ...built.counts,
    },
    errors: built.errors.slice(0, 100),
    changes: shown,
    total: changes.length,
    page,
    pageSize,
  };
}

/** Everyone who changes: added, then changed (each by name), then removed. */
function changesOf(diff: RosterDiff, before: Record<string, string>): PreviewPerson[] {
  const row = (p: RosterPerson, change: Change): PreviewPerson => ({
    id: p.id,
    type: p.type,
    role: p.role,
    name: `${p.firstName} ${p.lastName}`,
    change,
    institutions: p.institutions,
    protected: p.protected,
  });
  const byName = (a: PreviewPerson, b: PreviewPerson) => a.name.localeCompare(b.name, 'da');
  return [
    ...diff.added.map((p) => row(p, 'added')).sort(byName),
    ...diff.changed.map((p) => row(p, 'changed')).sort(byName),
    ...diff.removed.map((id): PreviewPerson => ({
      id,
      type: typeOfDigest(before[id] ?? 'child'),
      role: '',
      name: '',
      change: 'removed',
      institutions: [],
      protected: false,
    })),
  ];
}

export type Outcome = 'accepted' | 'refused' | 'failed' | 'unchanged';

/** Sends the message of a stored delivery and records the answer. */
async function send(db: Db, municipality: string, id: string, message: AnyMessage): Promise<Outcome> {
  try {
    const answer = await uniloginFor(municipality).deliver(message);
    await answerDelivery(
      db,
      id,
      answer.accepted ? { status: 'accepted', receipt: answer.receipt } : { status: 'refused', errors: answer.errors },
    );
    return answer.accepted ? 'accepted' : 'refused';
  } catch (e) {
    await answerDelivery(db, id, {
      status: 'failed',
      errors: [{ field: null, code: 'unreachable', text: `Unilogin kunne ikke nås: ${(e as Error).message}` }],
    });
    return 'failed';
  }
}

/** A full or delta roster delivery, or a day's komme/gå: the same state as the last accepted one is a no-op. */
export async function deliver(
  db: Db,
  municipality: string,
  kind: 'full' | 'delta' | 'presence',
  day: LocalDate,
  userId: string | null,
): Promise<{ outcome: Outcome; id: string | null }> {
  const id = randomUUID();
  const taken = await db.transaction().execute(async (trx) => {
    await lockMunicipalityDeliveries(trx, municipality);
    const { built, last } =
      kind === 'presence'
        ? await buildPresence(trx, municipality, day, id)
        : await buildRoster(trx, municipality, kind, day, id);
    if (last?.checksum === built.checksum) return null;
    const status = built.errors.length ? ('refused' as const) : ('sent' as const);
    await addDelivery(trx, { ...built, id, municipality, kind, status, userId });
    return { built, status };
  });
  if (!taken) return { outcome: 'unchanged', id: null };
  if (taken.status === 'refused') return { outcome: 'refused', id };
  return { outcome: await send(db, municipality, id, taken.built.message), id };
}

/** "Send igen": a refused or failed delivery built anew from today's data (the roster) or its day (komme/gå) and
 *  sent again; refused when a later delivery was accepted since. */
export async function retry(
  db: Db,
  municipality: string,
  id: string,
  today: LocalDate,
): Promise<{ outcome: Outcome; delivery: DeliveryRow }> {
  const taken = await db.transaction().execute(async (trx) => {
    await lockMunicipalityDeliveries(trx, municipality);
    const d = await deliveryById(trx, municipality, id);
    if (!d) throw uniloginError('unilogin.delivery-not-found');
    if (d.status !== 'refused' && d.status !== 'failed') throw uniloginError('unilogin.not-retryable');
    if (await acceptedAfter(trx, municipality, d.kind, d.on_date, d.seq)) throw uniloginError('unilogin.superseded');
    const { built } =
      d.kind === 'presence'
        ? await buildPresence(trx, municipality, LocalDate.parse(d.on_date), id)
        : await buildRoster(trx, municipality, d.kind, today, id);
    const status = built.errors.length ? ('refused' as const) : ('sent' as const);
    await replaceDelivery(trx, id, { ...built, status });
    return { built, status };
  });
  const outcome = taken.status === 'refused' ? 'refused' : await send(db, municipality, id, taken.built.message);
  return { outcome, delivery: (await deliveryById(db, municipality, id))! };
}
