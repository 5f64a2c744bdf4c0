// The daily guarantee overview (§23/§25): every active daycare application whose garantidato is near or passed and
// which is not covered by an enrolment or a pending offer starting by that date.
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import { LocalDate, isGuaranteeDay } from '../../shared/index.js';
import { policyOn } from './placement-policy.js';
import { peopleOfMunicipality, type MunicipalScope } from '../people/index.js';

/** Guarantee days from today (exclusive) up to and including the garantidato (0 when passed). */
export function guaranteeDaysLeft(today: LocalDate, g: LocalDate): number {
  let n = 0;
  for (let d = today.plusDays(1); !d.isAfter(g); d = d.plusDays(1)) if (isGuaranteeDay(d)) n++;
  return n;
}

/** The overview of one municipality: children living there (its guarantee duty) or placed in its units. */
export async function guaranteeOverview(db: Db, muni: MunicipalScope, today: LocalDate) {
  const p = await policyOn(db, muni.code, today);
  const limit = today.plusDays(p.riskDays).toString();
  const rows = await db
    .selectFrom('application as a')
    .innerJoin('person as c', 'c.id', 'a.child_id')
    .select([
      'a.id',
      'a.child_id',
      'c.first_name',
      'c.last_name',
      'c.birth_date',
      'a.place_kind',
      'a.needed_from',
      'a.guarantee_date',
      'a.applied_on',
    ])
    .where('a.status', '=', 'active')
    .where('a.placement_kind', '=', 'dagtilbud')
    .where('a.guarantee_date', 'is not', null)
    .where('a.guarantee_date', '<=', limit)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('placement')
            .select(sql`1`.as('x'))
            .whereRef('placement.child_id', '=', 'a.child_id')
            .where('placement.kind', '=', 'dagtilbud')
            .where(sql<boolean>`placement.valid @> a.guarantee_date`),
        ),
      ),
    )
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('offer')
            .select(sql`1`.as('x'))
            .whereRef('offer.application_id', '=', 'a.id')
            .where('offer.status', '=', 'pending')
            .whereRef('offer.start_date', '<=', 'a.guarantee_date'),
        ),
      ),
    )
    .orderBy('a.guarantee_date')
    .orderBy('a.id')
    .execute();
  const own = await peopleOfMunicipality(
    db,
    rows.map((r) => r.child_id),
    muni,
    today,
  );
  return rows
    .filter((r) => own.has(r.child_id))
    .map((r) => {
      const g = LocalDate.parse(r.guarantee_date!);
      const calendarDays = today.daysUntil(g);
      return {
        applicationId: r.id,
        childId: r.child_id,
        childName: `${r.first_name} ${r.last_name}`,
        birthDate: r.birth_date,
        placeKind: r.place_kind,
        neededFrom: r.needed_from,
        guaranteeDate: r.guarantee_date!,
        daysLeft: calendarDays,
        guaranteeDaysLeft: calendarDays < 0 ? 0 : guaranteeDaysLeft(today, g),
        breached: calendarDays < 0,
      };
    });
}
