// Applications (opskrivning): apply, change wishes/date/hours, withdraw. Every refusal is a Danish 4xx, nothing changed.
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import { LocalDate } from '../../shared/index.js';
import { childIdsInCustody } from '../people/index.js';
import { policyOn, type PlacementPolicy } from './placement-policy.js';
import { ruleMunicipality } from './tenancy.js';
import {
  earliestStart,
  guaranteeDate,
  kindFitsAge,
  maxWishes,
  placementKindOf,
  schoolStart,
  seniorityDate,
  UNIT_TYPES_FOR,
} from './rules.js';
import type { InboxKind, PlaceKind } from './schema.js';
import { placementError } from './contract.js';

export interface ApplicationInput {
  childId: string;
  placeKind: PlaceKind;
  neededFrom: string;
  hoursPerWeek: 30 | 40;
  wishes: string[];
}

export async function inbox(db: Db, kind: InboxKind, childId: string | null, text: string, today: LocalDate) {
  await db.insertInto('staff_inbox').values({ kind, child_id: childId, text, created_on: today.toString() }).execute();
}

export async function requireCustody(db: Db, guardianId: string, childId: string, today: LocalDate) {
  if (!(await childIdsInCustody(db, guardianId, today)).includes(childId))
    throw placementError('placement.not-your-child');
}

const childName = async (db: Db, id: string) => {
  const c = await db
    .selectFrom('person')
    .select(['first_name', 'last_name', 'birth_date'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!c) throw placementError('placement.child-not-found');
  return { name: `${c.first_name} ${c.last_name}`, birth: LocalDate.parse(c.birth_date) };
};

/** Checks the date and the wishes against the child's age and the policy; returns the computed dates. */
async function validate(
  db: Db,
  p: PlacementPolicy,
  birth: LocalDate,
  kind: PlaceKind,
  neededFrom: LocalDate,
  wishes: string[],
  today: LocalDate,
) {
  if (neededFrom.isBefore(birth)) throw placementError('placement.needed-before-birth');
  if (neededFrom.isBefore(today)) throw placementError('placement.needed-in-past');
  const earliest = earliestStart(birth, p.earliestStart);
  if (placementKindOf(kind) === 'dagtilbud') {
    if (neededFrom.isBefore(earliest)) throw placementError('placement.too-early', { earliest: earliest.toString() });
    if (!neededFrom.isBefore(schoolStart(birth))) throw placementError('placement.needed-after-school');
  }
  if (!kindFitsAge(kind, birth, neededFrom, p.transitionAgeMonths, p.clubFromGrade))
    throw placementError('placement.kind-not-for-age');
  if (wishes.length === 0) throw placementError('placement.no-wishes');
  if (new Set(wishes).size !== wishes.length) throw placementError('placement.duplicate-wish');
  const max = maxWishes(p.maxWishes, birth.ageInMonths(neededFrom));
  if (wishes.length > max) throw placementError('placement.too-many-wishes', { max });
  const units = await db.selectFrom('unit').select(['id', 'type', 'closed_on']).where('id', 'in', wishes).execute();
  if (units.length !== wishes.length) throw placementError('placement.wish-not-found');
  for (const u of units) {
    if (u.closed_on) throw placementError('placement.wish-closed');
    if (!UNIT_TYPES_FOR[kind].includes(u.type)) throw placementError('placement.wish-wrong-kind');
  }
}

export async function apply(trx: Db, userId: string | null, input: ApplicationInput, today: LocalDate) {
  const p = await policyOn(trx, await ruleMunicipality(trx, input.childId, input.wishes, today), today);
  const { name, birth } = await childName(trx, input.childId);
  const neededFrom = LocalDate.parse(input.neededFrom);
  await validate(trx, p, birth, input.placeKind, neededFrom, input.wishes, today);
  const kind = placementKindOf(input.placeKind);
  const open = await trx
    .selectFrom('application')
    .select('id')
    .where('child_id', '=', input.childId)
    .where('placement_kind', '=', kind)
    .where('status', '=', 'active')
    .executeTakeFirst();
  if (open) throw placementError('placement.already-waiting');
  const g = guaranteeDate(birth, neededFrom, today, kind);
  const row = await trx
    .insertInto('application')
    .values({
      child_id: input.childId,
      place_kind: input.placeKind,
      placement_kind: kind,
      needed_from: neededFrom.toString(),
      hours_per_week: input.hoursPerWeek,
      applied_on: today.toString(),
      seniority_date: seniorityDate(birth, today, p.seniorityFromMonths).toString(),
      guarantee_date: g?.toString() ?? null,
      created_by: userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('application_wish')
    .values(input.wishes.map((unit_id, i) => ({ application_id: row.id, rank: i + 1, unit_id })))
    .execute();
  await inbox(
    trx,
    'application',
    input.childId,
    `Ny ansøgning (${input.placeKind}) for ${name} fra ${neededFrom.toDanish()}.`,
    today,
  );
  return { id: row.id, guaranteeDate: g?.toString() ?? null };
}

export async function loadApplication(db: Db, id: string) {
  const a = await db.selectFrom('application').selectAll().where('id', '=', id).executeTakeFirst();
  if (!a) throw placementError('placement.application-not-found');
  return a;
}

export interface ApplicationChange {
  neededFrom?: string;
  hoursPerWeek?: 30 | 40;
  wishes?: string[];
}

export async function changeApplication(trx: Db, id: string, change: ApplicationChange, today: LocalDate) {
  const a = await loadApplication(trx, id);
  if (a.status !== 'active') throw placementError('placement.application-not-active');
  const p = await policyOn(trx, await ruleMunicipality(trx, a.child_id, change.wishes ?? [], today), today);
  const { name, birth } = await childName(trx, a.child_id);
  const current = (
    await trx
      .selectFrom('application_wish')
      .select('unit_id')
      .where('application_id', '=', id)
      .orderBy('rank')
      .execute()
  ).map((w) => w.unit_id);
  const wishes = change.wishes ?? current;
  const neededFrom = change.neededFrom ? LocalDate.parse(change.neededFrom) : LocalDate.parse(a.needed_from);
  await validate(
    trx,
    p,
    birth,
    a.place_kind,
    neededFrom,
    wishes,
    change.neededFrom ? today : LocalDate.min(today, neededFrom),
  );
  const wishesChanged = wishes.join() !== current.join();
  const dateChanged = neededFrom.toString() !== a.needed_from;
  const g = dateChanged
    ? guaranteeDate(birth, neededFrom, today, a.placement_kind)
    : a.guarantee_date
      ? LocalDate.parse(a.guarantee_date)
      : null;
  await trx
    .updateTable('application')
    .set({
      needed_from: neededFrom.toString(),
      hours_per_week: change.hoursPerWeek ?? a.hours_per_week,
      guarantee_date: g?.toString() ?? null,
      ...(wishesChanged && p.seniorityOnChange === 'reset'
        ? { seniority_date: seniorityDate(birth, today, p.seniorityFromMonths).toString() }
        : {}),
    })
    .where('id', '=', id)
    .execute();
  if (wishesChanged) {
    await trx.deleteFrom('application_wish').where('application_id', '=', id).execute();
    await trx
      .insertInto('application_wish')
      .values(wishes.map((unit_id, i) => ({ application_id: id, rank: i + 1, unit_id })))
      .execute();
  }
  const what = [
    wishesChanged && 'ønsker',
    dateChanged && `behovsdato ${neededFrom.toDanish()}`,
    change.hoursPerWeek && change.hoursPerWeek !== a.hours_per_week && `${change.hoursPerWeek} timer/uge`,
  ]
    .filter(Boolean)
    .join(', ');
  if (what)
    await inbox(
      trx,
      change.hoursPerWeek && !wishesChanged && !dateChanged ? 'hours' : 'application_change',
      a.child_id,
      `Ansøgning for ${name} ændret: ${what}.`,
      today,
    );
  return { guaranteeDate: g?.toString() ?? null };
}

export async function withdrawApplication(trx: Db, id: string, today: LocalDate) {
  const a = await loadApplication(trx, id);
  if (a.status !== 'active') throw placementError('placement.application-not-active');
  await trx
    .updateTable('offer')
    .set({ status: 'cancelled', answered_on: today.toString() })
    .where('application_id', '=', id)
    .where('status', '=', 'pending')
    .execute();
  await trx
    .updateTable('application')
    .set({ status: 'withdrawn', closed_on: today.toString() })
    .where('id', '=', id)
    .execute();
  const { name } = await childName(trx, a.child_id);
  await inbox(
    trx,
    'application_withdrawn',
    a.child_id,
    `Ansøgning (${a.place_kind}) for ${name} trukket tilbage.`,
    today,
  );
}

/** Siblings (same home today) placed at one of the units on the behovsdato: found, not asked for. */
export async function siblingsAt(db: Db, childId: string, unitIds: string[], on: LocalDate, today: LocalDate) {
  if (!unitIds.length) return [];
  const t = today.toString();
  return db
    .selectFrom('residence as me')
    .innerJoin('residence as sib', (j) =>
      j.onRef('sib.household_id', '=', 'me.household_id').on(sql<boolean>`sib.valid @> ${t}::date`),
    )
    .innerJoin('placement', 'placement.child_id', 'sib.person_id')
    .innerJoin('person', 'person.id', 'sib.person_id')
    .select(['placement.unit_id as unitId', 'person.first_name as firstName', 'person.id as childId'])
    .where('me.person_id', '=', childId)
    .where(sql<boolean>`me.valid @> ${t}::date`)
    .where('sib.person_id', '<>', childId)
    .where('placement.unit_id', 'in', unitIds)
    .where(sql<boolean>`placement.valid @> ${on.toString()}::date`)
    .execute();
}
