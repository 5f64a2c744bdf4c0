// Reads what the roster and the komme/gå message need through the owners' exported functions, set-based: one query
// per owner for the whole municipality.
import type { Db } from '../../platform/db/database.js';
import type { LocalDate } from '../../shared/index.js';
import { reportUnits } from '../registry/index.js';
import { placementsOnDay } from '../placement/index.js';
import { guardianIdsOfMany, rosterFactsOf } from '../people/index.js';
import { employeeRosterOn } from '../employees/index.js';
import { presenceOnDay } from '../attendance/index.js';
import { buildRoster, type Roster } from './roster.js';

export async function rosterOn(db: Db, municipality: string, date: LocalDate): Promise<Roster> {
  const units = await reportUnits(db, [municipality]);
  const unitIds = units.map((u) => u.id);
  const [placements, employees] = await Promise.all([
    placementsOnDay(db, unitIds, date.toString()),
    employeeRosterOn(db, unitIds, date),
  ]);
  const childIds = [...new Set(placements.map((p) => p.child_id))];
  const custody = await guardianIdsOfMany(db, childIds, date);
  const people = await rosterFactsOf(db, [...childIds, ...[...custody.values()].flat()], date);
  return buildRoster(municipality, date.toString(), {
    units,
    placements: placements.map((p) => ({ childId: p.child_id, unitId: p.unit_id, dagplejerId: p.dagplejer_id })),
    custody,
    people,
    employees,
  });
}

/** Aula's presence codes for an absence reported by the parents (1 sick, 2 reported absent or holiday). */
const ABSENCE_CODE = { sick: 1, day_off: 2, holiday: 2 } as const;

export interface PresenceMessage {
  deliveryId: string;
  municipality: string;
  kind: 'presence';
  date: string;
  institutions: {
    number: string;
    children: { id: string; status: number; checkIn: string | null; checkOut: string | null }[];
  }[];
}

/** The day's komme/gå per anvisningsenhed: every child placed there with its presence code (0 not arrived … 8 gone
 *  home), from the registration, else a reported absence, else 0. */
export async function presenceOn(db: Db, municipality: string, date: LocalDate, deliveryId: string) {
  const units = await reportUnits(db, [municipality]);
  const placements = await placementsOnDay(
    db,
    units.map((u) => u.id),
    date.toString(),
  );
  const { registrations, absences } = await presenceOnDay(
    db,
    units.map((u) => u.id),
    [...new Set(placements.map((p) => p.child_id))],
    date,
  );
  const reg = new Map(registrations.map((r) => [`${r.unit_id}:${r.child_id}`, r]));
  const absent = new Map(absences.map((a) => [a.child_id, ABSENCE_CODE[a.type]]));
  const byUnit = new Map<string, PresenceMessage['institutions'][number]['children']>();
  for (const p of placements) {
    const r = reg.get(`${p.unit_id}:${p.child_id}`);
    const list = byUnit.get(p.unit_id) ?? [];
    list.push({
      id: p.child_id,
      status: r ? r.status : (absent.get(p.child_id) ?? 0),
      checkIn: r?.check_in?.slice(0, 5) ?? null,
      checkOut: r?.check_out?.slice(0, 5) ?? null,
    });
    byUnit.set(p.unit_id, list);
  }
  const message: PresenceMessage = {
    deliveryId,
    municipality,
    kind: 'presence',
    date: date.toString(),
    institutions: units
      .filter((u) => byUnit.has(u.id))
      .map((u) => ({ number: u.number, children: byUnit.get(u.id)!.sort((a, b) => (a.id < b.id ? -1 : 1)) }))
      .sort((a, b) => (a.number < b.number ? -1 : 1)),
  };
  return message;
}
