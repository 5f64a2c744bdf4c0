// The naive baselines of the booking benchmark, served by the same server with the same sessions, custody checks,
// audit and letters, so the only difference is the implementation a competent engineer would write first:
// - availability: for the child's wished date, one SQL statement computes every unit's free weighted places per day
//   over the booking horizon (generate_series × capacity × placements), then a day-by-day scan per unit;
// - booking: lock the unit row (SELECT … FOR UPDATE), recheck every day of the place in SQL, insert the placement,
//   booking, event, audit row and letter. Same rules as Spire (age, policy, held-back share, closing days).
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { requireGuardian } from '../src/platform/auth/actor.js';
import { audit } from '../src/platform/audit/audit.js';
import { sendLetters } from '../src/platform/letters/index.js';
import { forbidden, notFound } from '../src/platform/http/errors.js';
import { bookingError, REFUSAL_CODE } from '../src/modules/booking/contract.js';
import type { RequestContext } from '../src/platform/http/context.js';
import { DateRange, isWorkingDay, LocalDate } from '../src/shared/index.js';
import { childIdsInCustody } from '../src/modules/people/index.js';
import { policyOn } from '../src/modules/booking/booking-policy.js';
import { childDates } from '../src/modules/booking/child-dates.js';
import {
  demandFor,
  heldShareFor,
  refusalBeforeLoad,
  unitFacts,
  type Context,
} from '../src/modules/booking/availability.js';
import { bookingFacts } from '../src/modules/booking/book.js';
import { bookingConfirmation } from '../src/modules/booking/letters.js';
import { fromEpochDay } from '../src/modules/booking/timeline.js';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

async function requireChild(ctx: RequestContext, childId: string) {
  const actor = requireGuardian(ctx.actor);
  if (!(await childIdsInCustody(ctx.db, actor.personId, ctx.clock.today())).includes(childId))
    throw forbidden('Barnet er ikke i din forældremyndighed.');
  const c = await ctx.db
    .selectFrom('person')
    .select(['id', 'first_name', 'last_name', 'birth_date'])
    .where('id', '=', childId)
    .executeTakeFirst();
  if (!c) throw notFound('Barnet findes ikke.');
  return c;
}

const WEIGHT = (band: string) => `case ${band} when '0-2' then 2 when '3-5' then 1 else 0 end`;

export const naiveBookingRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.get('/availability', { schema: { querystring: z.object({ childId: z.uuid(), wished: date }) } }, async (req) => {
    const { db, clock } = req.ctx,
      today = clock.today();
    const child = await requireChild(req.ctx, req.query.childId);
    const policy = await policyOn(db, null, today);
    const cd = childDates(LocalDate.parse(child.birth_date), policy);
    const wished = LocalDate.parse(req.query.wished),
      end = today.plusMonths(policy.horizonMonths);
    const { rows } = await sql<{ unit_id: string; d: string; cap: number; free: number }>`
      with days as (select d::date as d from generate_series(${wished.toString()}::date, ${end.toString()}::date - 1, '1 day') d),
      cap as (select c.unit_id, days.d, sum(c.places * ${sql.raw(WEIGHT('c.age_band'))}) as c
              from capacity c join unit u on u.id = c.unit_id and u.closed_on is null join days on c.valid @> days.d group by 1, 2),
      load as (select p.unit_id, days.d, sum(case when days.d < (date_trunc('month', pe.birth_date + make_interval(months => ${policy.transitionAgeMonths})))::date then ${policy.nurseryWeight} else 1 end) as l
               from placement p join person pe on pe.id = p.child_id join days on p.valid @> days.d
               where p.kind = 'dagtilbud' and days.d < make_date(extract(year from pe.birth_date)::int + 6, 8, 1) group by 1, 2)
      select cap.unit_id, cap.d::text as d, cap.c::float8 as cap, (cap.c - coalesce(load.l, 0))::float8 as free from cap left join load using (unit_id, d) order by 1, 2`.execute(
      db,
    );
    const units = new Map((await db.selectFrom('unit').select(['id', 'name', 'type']).execute()).map((u) => [u.id, u]));
    const ctx: Context = { policy, today, child: cd };
    const byUnit = new Map<string, typeof rows>();
    for (const r of rows) {
      const a = byUnit.get(r.unit_id) ?? [];
      a.push(r);
      byUnit.set(r.unit_id, a);
    }
    const items: { unitId: string; name: string; earliest: string }[] = [];
    for (const [u, days] of byUnit) {
      const unit = units.get(u);
      if (!unit) continue;
      const facts = unitFacts(u, unit.type);
      // Scan from the last day backwards: the earliest start from which every day up to the end of the place fits.
      let earliest: string | null = null;
      for (let i = days.length - 1; i >= 0; i--) {
        const x = days[i]!,
          s = LocalDate.parse(x.d);
        const dem = demandFor(facts, ctx, s);
        if (typeof dem === 'string') {
          if (dem === 'too_young') break;
          continue;
        }
        const need = s.isBefore(cd.transition) ? policy.nurseryWeight : 1;
        if (x.free - x.cap * heldShareFor(ctx, s) < need - 1e-9) break;
        if (isWorkingDay(s) && !refusalBeforeLoad(facts, ctx, s)) earliest = x.d;
      }
      if (earliest) items.push({ unitId: u, name: unit.name, earliest });
    }
    await audit(db, req.ctx, { action: 'booking.availability', subjectType: 'child', subjectIds: [child.id] });
    return { items: items.sort((a, b) => a.earliest.localeCompare(b.earliest)) };
  });

  app.post(
    '/bookings',
    { schema: { body: z.object({ childId: z.uuid(), unitId: z.uuid(), start: date }).strict() } },
    async (req, reply) => {
      const child = await requireChild(req.ctx, req.body.childId);
      const { db, clock } = req.ctx,
        today = clock.today(),
        start = LocalDate.parse(req.body.start);
      return db.transaction().execute(async (trx) => {
        const unit = await trx
          .selectFrom('unit')
          .innerJoin('daginstitution as d', 'd.id', 'unit.daginstitution_id')
          .select([
            'unit.id',
            'unit.name',
            'unit.type',
            'unit.street',
            'unit.postal_code',
            'unit.city',
            'd.municipality_code',
          ])
          .where('unit.id', '=', req.body.unitId)
          .forUpdate('unit')
          .executeTakeFirst();
        if (!unit) throw notFound('Enheden findes ikke.');
        const policy = await policyOn(trx, null, today);
        const ctx: Context = { policy, today, child: childDates(LocalDate.parse(child.birth_date), policy) };
        const facts = unitFacts(unit.id, unit.type);
        const pre = refusalBeforeLoad(facts, ctx, start);
        if (pre) throw bookingError(REFUSAL_CODE[pre]);
        const closed = await trx
          .selectFrom('closing_day')
          .select('date')
          .where('date', '=', start.toString())
          .where((eb) => eb.or([eb('unit_id', '=', unit.id), eb('municipality_code', '=', unit.municipality_code)]))
          .executeTakeFirst();
        if (!isWorkingDay(start) || closed) throw bookingError('booking.closed-day');
        const dem = demandFor(facts, ctx, start) as Exclude<ReturnType<typeof demandFor>, string>;
        const end = fromEpochDay(dem.end),
          tr = ctx.child.transition.toString(),
          held = heldShareFor(ctx, start);
        const { rows } = await sql<{ bad: number }>`
        with days as (select d::date as d from generate_series(${start.toString()}::date, ${end.toString()}::date - 1, '1 day') d)
        select count(*)::int as bad from days where
          (select coalesce(sum(c.places * ${sql.raw(WEIGHT('c.age_band'))}), 0) from capacity c where c.unit_id = ${unit.id} and c.valid @> days.d) * (1 - ${held}::float8)
          - (select coalesce(sum(case when days.d < (date_trunc('month', pe.birth_date + make_interval(months => ${policy.transitionAgeMonths})))::date then ${policy.nurseryWeight} else 1 end), 0)
             from placement p join person pe on pe.id = p.child_id where p.unit_id = ${unit.id} and p.kind = 'dagtilbud' and p.valid @> days.d
             and days.d < make_date(extract(year from pe.birth_date)::int + 6, 8, 1))
          < case when days.d < ${tr}::date then ${policy.nurseryWeight} else 1 end - 1e-9`.execute(trx);
        if (rows[0]!.bad > 0)
          return reply.code(409).send({ error: 'booking.no-longer-free', message: 'booking.no-longer-free' });
        const range = DateRange.of(start, end.minusDays(1)).toPgDaterange();
        const placementId = randomUUID(),
          bookingId = randomUUID();
        await trx
          .insertInto('placement')
          .values({ id: placementId, child_id: child.id, unit_id: unit.id, kind: 'dagtilbud', valid: range })
          .execute();
        await trx
          .insertInto('booking')
          .values({
            id: bookingId,
            child_id: child.id,
            unit_id: unit.id,
            placement_id: placementId,
            valid: range,
            booked_by: req.ctx.actor!.userId,
          })
          .execute();
        await trx
          .insertInto('booking_event')
          .values({
            booking_id: bookingId,
            kind: 'booked',
            unit_id: unit.id,
            valid: range,
            user_id: req.ctx.actor!.userId,
          })
          .execute();
        await audit(trx, req.ctx, {
          action: 'booking.book',
          subjectType: 'child',
          subjectIds: [child.id],
          details: { bookingId, unitId: unit.id, start: start.toString() },
        });
        const guardians = (
          await trx
            .selectFrom('custody')
            .select('guardian_id')
            .where('child_id', '=', child.id)
            .where(sql<boolean>`valid @> ${today.toString()}::date`)
            .execute()
        ).map((g) => g.guardian_id);
        const bf = bookingFacts(
          { id: child.id, name: `${child.first_name} ${child.last_name}` },
          unit,
          start,
          end,
          policy,
        );
        await sendLetters(trx, [bookingConfirmation(bf, guardians)], today);
        return reply
          .code(201)
          .send({ bookingId, placementId, unitId: unit.id, start: start.toString(), end: bf.end.toString() });
      });
    },
  );
};
