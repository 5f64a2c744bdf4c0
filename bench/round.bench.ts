// `npm run bench round [--scale small]`: the allocation round a caseworker runs, end to end, on a durable PostgreSQL 15
// server: the demo municipality (København at full scale) topped up to APPLICANTS waiting children (1–5 wishes each
// among the nearest daycare units, in households with a guardian in custody), then through the HTTP API of a separate
// server process with a caseworker's session: load the waitlist (GET /api/staff/waitlist), preview the round
// (POST /api/staff/rounds: waitlist and free places from the database, engine, §26 a rule, saved preview) and approve
// it (POST /api/staff/rounds/:id/approve: every offer written with its letter to the guardians and Digital Post).
// Naive baseline, on a copy of the same database: first come, first served in seniority order, one free-places query
// per wish (on the start date only), one transaction per offer with the same createOffer (offer + letter).
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { openDatabase, type Database } from '../src/platform/db/database.js';
import { migrate } from '../src/platform/db/migrate.js';
import { AppClock } from '../src/platform/clock.js';
import { createSession } from '../src/platform/auth/sessions.js';
import { DEMO_SCALES, seedDemo } from '../src/demo/seed.js';
import { LocalDate } from '../src/shared/index.js';
import { distanceKm } from '../src/modules/registry/index.js';
import { guaranteeDate } from '../src/modules/placement/rules.js';
import { createOffer } from '../src/modules/placement/offers.js';
import { policyOn } from '../src/modules/placement/placement-policy.js';
import { startPostgres, durability } from './postgres.js';
import { startServer } from './spawn-server.js';
import { machine, peakRssMb, round, RSS_LIMIT_MB, save, scale } from './common.js';

const TODAY = LocalDate.of(2026, 11, 23);
const SMALL = scale() === 'small';
const APPLICANTS = Number(process.env.BENCH_APPLICANTS ?? (SMALL ? 1_000 : 10_000));
const TARGET_SECONDS = 5;
const NURSERY = ['vuggestue', 'integreret', 'dagpleje'];

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Tops the waitlist up to APPLICANTS active dagtilbud applications: babies in new households near a random unit. */
async function topUp(database: Database) {
  const db = database.db,
    random = rng(7);
  const have = (
    await database.raw(
      `select count(*)::int n from application where status = 'active' and placement_kind = 'dagtilbud'`,
    )
  ).rows[0].n as number;
  const n = Math.max(0, APPLICANTS - have);
  const muni = (await database.raw(`select code from municipality order by code limit 1`)).rows[0].code as string;
  const units = await db
    .selectFrom('unit')
    .select(['id', 'type', 'lat', 'lon'])
    .where('closed_on', 'is', null)
    .where('type', 'in', NURSERY as any)
    .where('lat', 'is not', null)
    .execute();
  const households: any[] = [],
    people: any[] = [],
    residence: any[] = [],
    custody: any[] = [],
    apps: any[] = [],
    wishes: any[] = [];
  for (let i = 0; i < n; i++) {
    const home = units[Math.floor(random() * units.length)]!;
    const lat = home.lat! + (random() - 0.5) * 0.02,
      lon = home.lon! + (random() - 0.5) * 0.03;
    const hh = randomUUID(),
      g = randomUUID(),
      c = randomUUID();
    const birth = TODAY.minusDays(20 + Math.floor(random() * 330));
    households.push({
      id: hh,
      street: `Ventevej ${i + 1}`,
      postal_code: '2400',
      city: 'København NV',
      municipality_code: muni,
      lat,
      lon,
    });
    people.push(
      { id: g, first_name: 'Forælder', last_name: `Vente${i}`, birth_date: '1991-03-01', sex: 'female' },
      {
        id: c,
        first_name: 'Barn',
        last_name: `Vente${i}`,
        birth_date: birth.toString(),
        sex: i % 2 ? 'male' : 'female',
      },
    );
    residence.push(
      { person_id: g, household_id: hh, valid: '[2020-01-01,)' },
      { person_id: c, household_id: hh, valid: `[${birth},)` },
    );
    custody.push({ child_id: c, guardian_id: g, valid: `[${birth},)` });
    const needed = LocalDate.max(birth.plusWeeks(26), TODAY.plusDays(14 + Math.floor(random() * 240)))
      .firstOfMonth()
      .plusMonths(1);
    const applied = LocalDate.max(birth, TODAY.minusDays(5 + Math.floor(random() * 200)));
    const id = randomUUID();
    apps.push({
      id,
      child_id: c,
      place_kind: 'vuggestue',
      placement_kind: 'dagtilbud',
      needed_from: needed.toString(),
      hours_per_week: random() < 0.1 ? 30 : 40,
      applied_on: applied.toString(),
      seniority_date: LocalDate.max(applied, birth.plusMonths(4)).toString(),
      guarantee_date: guaranteeDate(birth, needed, applied, 'dagtilbud')!.toString(),
      special_needs: random() < 0.03,
    });
    const near = units
      .map((u) => ({ id: u.id, km: distanceKm({ lat, lon }, { lat: u.lat!, lon: u.lon! }) }))
      .sort((a, b) => a.km - b.km)
      .slice(0, 8);
    const k = 1 + Math.floor(random() * 5);
    const chosen = [...new Set(Array.from({ length: k }, () => near[Math.floor(random() ** 2 * near.length)]!.id))];
    chosen.forEach((unit_id, r) => wishes.push({ application_id: id, rank: r + 1, unit_id }));
  }
  const chunks = async (table: any, rows: any[], size = 1000) => {
    for (let i = 0; i < rows.length; i += size)
      await db
        .insertInto(table)
        .values(rows.slice(i, i + size))
        .execute();
  };
  await chunks('household', households);
  await chunks('person', people);
  await chunks('residence', residence);
  await chunks('custody', custody);
  await chunks('application', apps);
  await chunks('application_wish', wishes);
  return { fromDemo: have, added: n };
}

async function count(database: Database) {
  const q = async (s: string) => (await database.raw(s)).rows[0].n as number;
  return {
    offers: await q(`select count(*)::int n from offer where status = 'pending'`),
    letters: await q(`select count(*)::int n from letter`),
    digitalPost: await q(`select count(*)::int n from digital_post_message`),
  };
}

/** The naive round: FCFS by seniority, a query per wish, a transaction per offer. */
async function naiveRound(database: Database) {
  const db = database.db,
    t = TODAY.toString();
  const p = await policyOn(db, null, TODAY); // no settings in the bench: the defaults
  const apps = (
    await database.raw(
      `select a.id, a.needed_from::text needed, c.birth_date::text birth from application a join person c on c.id = a.child_id
      where a.status = 'active' and a.placement_kind = 'dagtilbud' and a.needed_from <= $1::date
        and not exists (select 1 from offer o where o.application_id = a.id and o.status = 'pending')
      order by a.seniority_date, a.id`,
      [TODAY.plusMonths(12).toString()],
    )
  ).rows;
  // The naive round is still a round: its offers belong to one (approved) allocation_round row.
  const roundId = (
    await db
      .insertInto('allocation_round')
      .values({
        placement_kind: 'dagtilbud',
        horizon: TODAY.plusMonths(12).toString(),
        mode: 'round',
        status: 'approved',
        result: JSON.stringify({ offers: [], unplaced: [] }),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  let offers = 0;
  for (const a of apps) {
    const start = a.needed < t ? TODAY.plusDays(1).toString() : a.needed;
    const wishes = (
      await database.raw(`select unit_id from application_wish where application_id = $1 order by rank`, [a.id])
    ).rows;
    for (const w of wishes) {
      const free = (
        await sql<{ free: number }>`select
          (select coalesce(sum(places * case age_band when '0-2' then ${p.nurseryWeight}::float8 else 1 end), 0) from capacity where unit_id = ${w.unit_id} and valid @> ${start}::date and age_band in ('0-2', '3-5'))
          - (select coalesce(sum(case when ${start}::date < (date_trunc('month', pe.birth_date + make_interval(months => ${p.transitionAgeMonths})))::date then ${p.nurseryWeight}::float8 else 1 end), 0)
             from placement pl join person pe on pe.id = pl.child_id where pl.unit_id = ${w.unit_id} and pl.kind = 'dagtilbud' and pl.valid @> ${start}::date)
          - (select coalesce(sum(${p.nurseryWeight}::float8), 0) from offer o where o.unit_id = ${w.unit_id} and o.status = 'pending') as free`.execute(
          db,
        )
      ).rows[0]!.free;
      if (free >= p.nurseryWeight) {
        const id = await db.transaction().execute((trx) =>
          createOffer(
            trx,
            {
              applicationId: a.id,
              unitId: w.unit_id,
              start: LocalDate.parse(start),
              roundId,
              priority: 'seniority',
              explanation: 'Tilbudt efter anciennitet.',
              reason: null,
              userId: null,
            },
            TODAY,
            true,
          ),
        );
        if (id) offers++;
        break;
      }
    }
  }
  return { applicants: apps.length, offers };
}

export default async function main() {
  const m0 = machine();
  const pg = startPostgres();
  try {
    const admin = await openDatabase({ url: `${pg.url}/postgres` });
    await admin.raw('CREATE DATABASE round_seed');
    const seedDb = await openDatabase({ url: `${pg.url}/round_seed` });
    await migrate(seedDb);
    const t0 = Date.now();
    await seedDemo(seedDb, { scale: SMALL ? 'small' : 'city', seed: 1, today: TODAY });
    const waiting = await topUp(seedDb);
    const clock = new AppClock();
    await clock.setToday(seedDb.db, TODAY);
    const user = await seedDb.db
      .insertInto('app_user')
      .values({
        role: 'caseworker',
        name: 'Bench sagsbehandler',
        municipality_code: DEMO_SCALES[SMALL ? 'small' : 'city'].municipalityCode,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const session = await createSession(seedDb.db, clock, user.id);
    await seedDb.raw('ANALYZE');
    const units = (
      await seedDb.raw(
        `select count(distinct w.unit_id)::int n from application_wish w join application a on a.id = w.application_id where a.status = 'active'`,
      )
    ).rows[0].n;
    const daycareUnits = (
      await seedDb.raw(
        `select count(*)::int n from unit where closed_on is null and type in ('dagpleje','vuggestue','boernehave','integreret','landsbyordning')`,
      )
    ).rows[0].n;
    const before = await count(seedDb);
    const durable = await durability((s) => seedDb.raw(s));
    await seedDb.close();
    console.error(
      `seeded in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${waiting.fromDemo + waiting.added} waiting, wishes for ${units} of ${daycareUnits} daycare units`,
    );
    await admin.raw('CREATE DATABASE round_spire TEMPLATE round_seed');
    await admin.raw('CREATE DATABASE round_naive TEMPLATE round_seed');
    // The seed's bulk load is flushed now, not by a checkpoint in the middle of the round (as in the booking bench).
    await admin.raw('CHECKPOINT');
    await admin.close();

    // Spire through HTTP, as the caseworker's browser calls it.
    const server = await startServer({ BENCH_DB_URL: `${pg.url}/round_spire`, BENCH_TODAY: TODAY.toString() });
    const headers = { cookie: `spire_session=${session.token}`, 'x-csrf-token': session.csrfToken };
    const call = async (method: string, path: string, body?: unknown) => {
      const s = performance.now();
      const r = await fetch(
        `${server.base}${path}`,
        body === undefined
          ? { method, headers }
          : { method, headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body) },
      );
      const json: any = await r.json();
      if (r.status >= 300)
        throw new Error(`${method} ${path} answered ${r.status}: ${JSON.stringify(json).slice(0, 300)}`);
      return { json, seconds: (performance.now() - s) / 1000 };
    };
    const wl = await call('GET', '/api/staff/waitlist');
    const preview = await call('POST', '/api/staff/rounds', {
      kind: 'dagtilbud',
      horizon: TODAY.plusMonths(12).toString(),
    });
    const approve = await call('POST', `/api/staff/rounds/${preview.json.id}/approve`);
    const serverPeakRssMb = await server.stop();
    const check = await openDatabase({ url: `${pg.url}/round_spire` });
    const after = await count(check);
    await check.close();
    const total = wl.seconds + preview.seconds + approve.seconds;
    console.error(
      `spire: waitlist ${wl.seconds.toFixed(2)} s, preview ${preview.seconds.toFixed(2)} s, approve ${approve.seconds.toFixed(2)} s: ${approve.json.offers} offers`,
    );

    const naiveDb = await openDatabase({ url: `${pg.url}/round_naive` });
    const n0 = performance.now();
    const naive = await naiveRound(naiveDb);
    const naiveSeconds = (performance.now() - n0) / 1000;
    const naiveAfter = await count(naiveDb);
    await naiveDb.close();
    console.error(`naive: ${naiveSeconds.toFixed(1)} s, ${naive.offers} offers`);

    return save('round', m0, {
      engine: {
        postgres: 15,
        ...durable,
        pool: 'default (10)',
        server: 'separate Node process, caseworker session over HTTP; a checkpoint after the seed',
      },
      workload: {
        waitingApplicants: waiting.fromDemo + waiting.added,
        fromDemo: waiting.fromDemo,
        added: waiting.added,
        unitsWished: units,
        daycareUnits,
        horizonMonths: 12,
        today: TODAY.toString(),
      },
      spire: {
        waitlistSeconds: round(wl.seconds),
        waitlistRows: wl.json.total,
        previewSeconds: round(preview.seconds),
        previewOffers: preview.json.offers.length,
        previewUnplaced: preview.json.unplaced.length,
        approveSeconds: round(approve.seconds),
        offers: approve.json.offers,
        lettersWritten: after.letters - before.letters,
        digitalPostMessages: after.digitalPost - before.digitalPost,
        totalSeconds: round(total),
        serverPeakRssMb,
      },
      naive: {
        seconds: round(naiveSeconds),
        applicants: naive.applicants,
        offers: naive.offers,
        lettersWritten: naiveAfter.letters - before.letters,
      },
      naiveDescription:
        'first come, first served by seniority in-process: one free-places query per wish (start date only), one transaction per offer (createOffer: offer + letter)',
      ratio: round(naiveSeconds / total, 1),
      targets: { totalSeconds: TARGET_SECONDS, serverRssMb: RSS_LIMIT_MB },
      met: { totalSeconds: total <= TARGET_SECONDS, serverRss: serverPeakRssMb <= RSS_LIMIT_MB },
      loadGeneratorPeakRssMb: peakRssMb(),
    });
  } finally {
    pg.stop();
  }
}
