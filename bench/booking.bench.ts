// `npm run bench booking [--scale small]`: a booking rush the way families make it, on a durable PostgreSQL 15 server.
// The demo municipality (København at full scale) is loaded once; GUARDIANS families, each a guardian with a baby in
// custody and a real server-side session, book through the HTTP API of a separate server process (default pool):
// every booking request carries the session cookie and CSRF token and passes the custody check. The rush is
// concentrated: every family wants one of the 20 most popular units (Zipf-weighted preferences, 3 wishes in order)
// from the first working day of one of a few popular months; a 409 makes the family try its next wish. A few
// families also try to book a child who is not theirs (must be 403). Meanwhile other families run the availability
// search for their own child, for the 60 units the page lists, arriving on a schedule: its p95 is measured during the
// rush. Before each rush, up to WARM other families search and book quiet units, and a checkpoint flushes the seed's
// bulk load (a running server's state). The rush is run twice on copies of the same database: saturated (CONCURRENCY
// families at every moment, each followed at once by the next: the most bookings a second; RUSH_SEARCHES_PER_SECOND
// searches) and steady (the families arriving ARRIVALS_PER_SECOND a second, answered or not: what a search costs on a
// busy server that is not saturated; SEARCHES_PER_SECOND searches).
// The naive baseline runs the same workload, from the same database copy, against bench/naive-booking.ts.
// Counted: only 201 answers. Checked afterwards, independent of Spire's timeline code: 0 overbooked unit-days.
import { openDatabase, type Database } from '../src/platform/db/database.js';
import { migrate } from '../src/platform/db/migrate.js';
import { AppClock } from '../src/platform/clock.js';
import { createSession } from '../src/platform/auth/sessions.js';
import { seedDemo } from '../src/demo/seed.js';
import { isWorkingDay, LocalDate } from '../src/shared/index.js';
import { policyOn } from '../src/modules/booking/booking-policy.js';
import { childDates } from '../src/modules/booking/child-dates.js';
import { durability, postgresCpuSeconds, startPostgres, STATEMENT_STATS, statementStats } from './postgres.js';
import { startServer } from './spawn-server.js';
import { request } from './http-client.js';
import { machine, peakRssMb, round, RSS_LIMIT_MB, save, scale, stats } from './common.js';

const TODAY = LocalDate.of(2026, 11, 23);
const SMALL = scale() === 'small';
const GUARDIANS = Number(process.env.BENCH_GUARDIANS ?? (SMALL ? 300 : 3000));
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32); // families booking at the same moment
const POPULAR = 20;
/** Units a search lists, as the booking page asks for them (web/citizen/book-place.tsx). */
const SHOWN = 60;
/** Families who search and book quiet units before the rush (not counted): the server then meets the rush warm, as a
 *  running server does (its code compiled, its pool's connections open, their statements planned). With 40 families,
 *  V8 was still optimizing about 440 functions during the rush (--trace-opt), on the machine's two cores. */
const WARM = 1000;
/** The warm-up stops after this long (the naive baseline books slowly); the same rule for both. */
const WARM_MAX_SECONDS = 60;
/** New nursery places the popular units open for the rush, as a share of the families (BENCH_OPENING_SHARE). */
const OPENING_SHARE = Number(process.env.BENCH_OPENING_SHARE ?? 0.9);
// A rush (Spire's or the naive one) takes no new family after this many seconds: the naive baseline can take very
// long; its rate is then over the families it finished (the same families, in the same order, as Spire's).
const MAX_RUSH_SECONDS = Number(process.env.BENCH_MAX_RUSH_SECONDS ?? (SMALL ? 60 : 300));
/** The steady rush: the same families arriving on a schedule (open loop), as a busy morning's families do. */
const ARRIVALS_PER_SECOND = Number(process.env.BENCH_ARRIVALS_PER_SECOND ?? 100);
const SEARCHES_PER_SECOND = Number(process.env.BENCH_SEARCHES_PER_SECOND ?? 20);
/** Searches a second during the saturated rush: the rate four searchers reached there (119 a second at b9b1452) when
 *  each searched again as soon as answered. */
const RUSH_SEARCHES_PER_SECOND = Number(process.env.BENCH_RUSH_SEARCHES_PER_SECOND ?? 120);
/** Searches sent and not yet answered, at most (twice the four closed-loop searchers of before). */
const SEARCHES_IN_FLIGHT = 8;
const TARGETS = { bookingsPerSecond: 300, availabilityP95Ms: 20, overbookedUnitDays: 0, serverRssMb: RSS_LIMIT_MB };

interface Family {
  guardianId: string;
  childId: string;
  cookie: string;
  csrf: string;
  start: string;
  wishes: string[];
}

/** Seeded pseudo-random numbers: the workload is the same on every run. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

async function prepareWorkload(database: Database) {
  const db = database.db,
    random = rng(2026);
  const policy = await policyOn(db, null, TODAY); // no settings in the bench: the defaults
  const muni = (await database.raw(`select code from municipality order by code limit 1`)).rows[0].code as string;
  // The 20 popular units: those with the most nursery places today that take children 0–5.
  const popular = (
    await database.raw(
      `select u.id from unit u join capacity c on c.unit_id = u.id and c.age_band = '0-2' and c.valid @> $1::date
      where u.closed_on is null and u.type in ('integreret', 'landsbyordning') group by u.id order by sum(c.places) desc, u.id limit ${POPULAR * 2}`,
      [TODAY.toString()],
    )
  ).rows.map((r) => r.id as string);
  // The next 20 are the warm-up families' quiet units.
  const quiet = popular.splice(POPULAR);
  if (popular.length < POPULAR || quiet.length < 3)
    throw new Error(`only ${popular.length + quiet.length} units take children 0–5`);
  const closed = new Set(
    (
      await database.raw(
        `select distinct date::text d from closing_day where municipality_code = $1 or unit_id = any($2::uuid[])`,
        [muni, popular],
      )
    ).rows.map((r) => r.d as string),
  );
  // Each home is geocoded, as a registered address is: near one of the municipality's daycare units (another's where
  // it has none with coordinates: the small demo); its own numbers, so the rest of the workload is the same.
  const located = async (where: string) =>
    (
      await database.raw(
        `select u.lat, u.lon from unit u join daginstitution d on d.id = u.daginstitution_id
        where ${where} and u.lat is not null order by u.id`,
        [muni],
      )
    ).rows as { lat: number; lon: number }[];
  let anchors = await located('d.municipality_code = $1');
  if (!anchors.length) anchors = await located('$1::text is not null');
  const homeRandom = rng(11);
  const household = await db
    .insertInto('household')
    .values(
      [...Array(GUARDIANS + WARM)].map((_, i) => {
        const a = anchors[Math.floor(homeRandom() * anchors.length)]!;
        return {
          street: `Bookingvej ${i + 1}`,
          postal_code: '2100',
          city: 'København Ø',
          municipality_code: muni,
          lat: Math.round((a.lat + (homeRandom() - 0.5) * 0.02) * 1e6) / 1e6,
          lon: Math.round((a.lon + (homeRandom() - 0.5) * 0.03) * 1e6) / 1e6,
        };
      }),
    )
    .returning('id')
    .execute();
  const guardians = await db
    .insertInto('person')
    .values(
      [...Array(GUARDIANS + WARM)].map((_, i) => ({
        first_name: 'Forælder',
        last_name: `Booking${i}`,
        birth_date: '1990-05-01',
        sex: 'female' as const,
      })),
    )
    .returning('id')
    .execute();
  // Babies born 1–11 months ago: all old enough (26 weeks) by the popular start months.
  // (The warm-up families' births come from their own numbers, so the rush's families are the same as without them.)
  const warmRandom = rng(7);
  const births = [...Array(GUARDIANS + WARM)].map((_, i) =>
    TODAY.minusDays(30 + Math.floor((i < GUARDIANS ? random : warmRandom)() * 300)),
  );
  const babies = await db
    .insertInto('person')
    .values(
      births.map((b, i) => ({
        first_name: 'Baby',
        last_name: `Booking${i}`,
        birth_date: b.toString(),
        sex: (i % 2 ? 'male' : 'female') as 'male' | 'female',
      })),
    )
    .returning('id')
    .execute();
  await db
    .insertInto('residence')
    .values([
      ...guardians.map((g, i) => ({ person_id: g.id, household_id: household[i]!.id, valid: '[2020-01-01,)' })),
      ...babies.map((b, i) => ({ person_id: b.id, household_id: household[i]!.id, valid: `[${births[i]},)` })),
    ])
    .execute();
  await db
    .insertInto('custody')
    .values(babies.map((b, i) => ({ child_id: b.id, guardian_id: guardians[i]!.id, valid: `[${births[i]},)` })))
    .execute();
  const users = await db
    .insertInto('app_user')
    .values(guardians.map((g, i) => ({ role: 'guardian' as const, name: `Forælder Booking${i}`, person_id: g.id })))
    .returning('id')
    .execute();
  const clock = new AppClock();
  await clock.setToday(db, TODAY);
  const sessions: Awaited<ReturnType<typeof createSession>>[] = [];
  for (const u of users) sessions.push(await createSession(db, clock, u.id));
  // Popular start months: most families want January, February or August; Zipf-weighted popular units.
  const months = [TODAY.plusMonths(2), TODAY.plusMonths(3), TODAY.plusMonths(9)].map((d) =>
    LocalDate.of(d.year, d.month, 1),
  );
  const unitWeights = popular.map((_, k) => 1 / (k + 1)),
    total = unitWeights.reduce((a, b) => a + b, 0);
  const pickUnit = () => {
    let x = random() * total;
    for (let k = 0; k < popular.length; k++) {
      x -= unitWeights[k]!;
      if (x <= 0) return popular[k]!;
    }
    return popular.at(-1)!;
  };
  // Opening day: the popular units open new nursery places from the first popular month, in proportion to how
  // many families wish them first, OPENING_SHARE of the families in all (a rush where most families can get a
  // place, not one where the popular units are full after a few hundred and the rest is only 409s).
  const newPlaces = popular.map((_, k) => Math.round((OPENING_SHARE * GUARDIANS * unitWeights[k]!) / total));
  await openPlaces(database, popular, newPlaces, months[0]!);
  const families: Family[] = babies.map((b, i) => {
    const earliest = childDates(births[i]!, policy).earliestStart;
    let start = months[random() < 0.4 ? 0 : random() < 0.5 ? 1 : 2]!;
    if (start.isBefore(earliest)) start = earliest;
    while (!isWorkingDay(start) || closed.has(start.toString())) start = start.plusDays(1);
    const wishes = new Set<string>();
    while (wishes.size < 3) wishes.add(i < GUARDIANS ? pickUnit() : quiet[Math.floor(random() * quiet.length)]!);
    return {
      guardianId: guardians[i]!.id,
      childId: b.id,
      cookie: `spire_session=${sessions[i]!.token}`,
      csrf: sessions[i]!.csrfToken,
      start: start.toString(),
      wishes: [...wishes],
    };
  });
  return {
    families: families.slice(0, GUARDIANS),
    warm: families.slice(GUARDIANS),
    popular,
    newPlaces: newPlaces.reduce((a, b) => a + b, 0),
  };
}

/** Adds `extra[k]` nursery places to unit k from `from` on (its 0–2 capacity period there is split). */
async function openPlaces(database: Database, units: string[], extra: number[], from: LocalDate) {
  const f = from.toString();
  for (const [k, unitId] of units.entries()) {
    const n = extra[k]!;
    if (!n) continue;
    const cur = (
      await database.raw(
        `select id, places, upper(valid)::text hi from capacity where unit_id = $1 and age_band = '0-2' and valid @> $2::date and lower(valid) < $2::date`,
        [unitId, f],
      )
    ).rows;
    for (const c of cur) {
      await database.raw(`update capacity set valid = daterange(lower(valid), $2::date) where id = $1`, [c.id, f]);
      await database.raw(
        `insert into capacity (unit_id, age_band, places, valid) values ($1, '0-2', $2, daterange($3::date, $4::date))`,
        [unitId, c.places + n, f, c.hi],
      );
    }
    await database.raw(
      `update capacity set places = places + $3 where unit_id = $1 and age_band = '0-2' and lower(valid) > $2::date`,
      [unitId, f, n],
    );
  }
}

/** The family books `childId` into `unitId` from its start date, with its session and CSRF token. */
function postBooking(base: string, prefix: string, f: Family, childId: string, unitId: string) {
  return request(`${base}${prefix}/bookings`, {
    method: 'POST',
    headers: { cookie: f.cookie, 'x-csrf-token': f.csrf, 'content-type': 'application/json' },
    body: JSON.stringify({ childId, unitId, start: f.start }),
  });
}

/** Before the rush (not counted): the WARM families search and book their quiet units, ten at a time (the pool's
 *  size), as a running server's families have done before a rush (at most WARM_MAX_SECONDS). Returns how many did. */
async function warmUp(base: string, warm: Family[], prefix: '/api/citizen' | '/api/naive') {
  const search = `${base}${prefix}/${prefix === '/api/citizen' ? 'booking/' : ''}availability`;
  const t0 = performance.now();
  let k = 0;
  for (; k < warm.length && performance.now() - t0 < WARM_MAX_SECONDS * 1000; k += 10) {
    const some = warm.slice(k, k + 10);
    // (Not the naive search: it takes minutes, and the bookings warm its connections.)
    await Promise.all(
      (prefix === '/api/naive' ? [] : some).map((f) =>
        request(`${search}?childId=${f.childId}&wished=${f.start}&limit=${SHOWN}`, { headers: { cookie: f.cookie } }),
      ),
    );
    await Promise.all(
      some.map(async (f) => {
        for (const unitId of f.wishes) {
          if ((await postBooking(base, prefix, f, f.childId, unitId)).status === 201) break;
        }
      }),
    );
  }
  return Math.min(k, warm.length);
}

/** One rush against one server: bookers until every family is done, searchers meanwhile. */
async function rush(
  base: string,
  families: Family[],
  prefix: '/api/citizen' | '/api/naive',
  arrivalsPerSecond?: number,
) {
  const search =
    prefix === '/api/citizen' ? `${base}/api/citizen/booking/availability` : `${base}/api/naive/availability`;
  const statuses: Record<string, number> = {};
  const count = (k: string) => {
    statuses[k] = (statuses[k] ?? 0) + 1;
  };
  const searchMs: number[] = [],
    bookMs: number[] = [];
  let booked = 0,
    decided = 0,
    forbiddenOk = 0,
    forbiddenBreached = 0,
    next = 0,
    done = false;
  const post = async (f: Family, childId: string, unitId: string) => {
    const t = performance.now();
    const r = await postBooking(base, prefix, f, childId, unitId);
    bookMs.push(performance.now() - t);
    if ([201, 400, 403, 409].includes(r.status)) decided++;
    return r.status;
  };
  const t0 = performance.now();
  let finished = 0;
  /** One family: its wishes in order until one is booked (and, for every 50th, a try at someone else's child). */
  const book = async (i: number) => {
    const f = families[i]!;
    if (i % 50 === 7) {
      // someone else's child: the custody check must refuse it
      const s = await post(f, families[(i + 1) % families.length]!.childId, f.wishes[0]!);
      if (s === 403) forbiddenOk++;
      else forbiddenBreached++;
    }
    for (const unitId of f.wishes) {
      const s = await post(f, f.childId, unitId);
      count(String(s));
      if (s === 201) {
        booked++;
        break;
      }
      if (s !== 409 && s !== 400) throw new Error(`booking answered ${s}`);
    }
    finished++;
  };
  const open = () => performance.now() - t0 < MAX_RUSH_SECONDS * 1000;
  // Closed loop: CONCURRENCY families at every moment, each followed at once by the next (the server saturated).
  // Open loop (`arrivalsPerSecond`): families arrive on a schedule, whether or not the earlier ones are answered.
  const bookers = arrivalsPerSecond
    ? [
        (async () => {
          const arriving: Promise<void>[] = [];
          for (; next < families.length && open(); next++) {
            const due = t0 + (next * 1000) / arrivalsPerSecond - performance.now();
            if (due > 0) await new Promise((r) => setTimeout(r, due));
            arriving.push(book(next));
          }
          await Promise.all(arriving);
        })(),
      ]
    : [...Array(CONCURRENCY)].map(async () => {
        while (next < families.length && open()) await book(next++);
      });
  // The searches arrive on a schedule (open loop), whether or not the earlier ones are answered: a searcher who waited
  // for each answer would search more often the faster the answers came, and so measure its own speed.
  const searchesPerSecond = arrivalsPerSecond ? SEARCHES_PER_SECOND : RUSH_SEARCHES_PER_SECOND;
  // At most SEARCHES_IN_FLIGHT at once (a slow server would otherwise take every socket the load generator has); a
  // search that waits for one is timed from when it was due to be sent, and one still waiting when the rush ends from
  // then until the end.
  let inFlight = 0;
  const freed: (() => void)[] = [];
  const searchOnce = async (n: number) => {
    const f = families[(n * 7919) % families.length]!;
    const t = performance.now();
    while (inFlight >= SEARCHES_IN_FLIGHT) {
      await new Promise<void>((r) => freed.push(r));
      if (done) {
        // The rush is over and this search was never sent: it counts with what it waited (a lower bound).
        searchMs.push(performance.now() - t);
        freed.shift()?.();
        return;
      }
    }
    inFlight++;
    try {
      const r = await request(`${search}?childId=${f.childId}&wished=${f.start}&limit=${SHOWN}`, {
        headers: { cookie: f.cookie },
      });
      if (r.status !== 200) throw new Error(`availability answered ${r.status}`);
    } finally {
      inFlight--;
      freed.shift()?.();
    }
    searchMs.push(performance.now() - t);
  };
  const searching = (async () => {
    const sent: Promise<void>[] = [];
    for (let n = 0; ; n++) {
      const due = t0 + (n * 1000) / searchesPerSecond - performance.now();
      if (due > 0) await new Promise((r) => setTimeout(r, due));
      if (done) break;
      sent.push(searchOnce(n));
    }
    await Promise.all(sent);
  })();
  await Promise.all(bookers);
  const seconds = (performance.now() - t0) / 1000;
  done = true;
  await searching;
  return {
    families: finished,
    stoppedAfterMaxSeconds: finished < families.length ? MAX_RUSH_SECONDS : null,
    booked,
    perSecond: round(booked / seconds, 1),
    // Every booking request answered with a decision (201 booked, 409 no longer free, 400 refused, 403 not yours).
    decidedPerSecond: round(decided / seconds, 1),
    wallSeconds: round(seconds),
    answers: statuses,
    custodyProbes: { refused403: forbiddenOk, notRefused: forbiddenBreached },
    bookingLatencyMs: stats(bookMs),
    availabilityDuringRushMs: stats(searchMs),
  };
}

/** Weighted load over capacity, day by day in plain arrays (independent of Spire's timelines), on every day of every new booking. */
async function overbookedUnitDays(database: Database) {
  const D0 = TODAY,
    days = TODAY.daysUntil(TODAY.plusYears(7));
  const idx = (s: string) => D0.daysUntil(LocalDate.parse(s));
  const [caps, pls, bks] = await Promise.all([
    database.raw(`select unit_id, age_band, places, lower(valid)::text lo, upper(valid)::text hi from capacity`),
    database.raw(
      `select p.unit_id, lower(p.valid)::text lo, upper(p.valid)::text hi, pe.birth_date::text b from placement p join person pe on pe.id = p.child_id where p.kind = 'dagtilbud' and (upper_inf(p.valid) or upper(p.valid) > $1::date)`,
      [D0.toString()],
    ),
    database.raw(`select unit_id, lower(valid)::text lo, upper(valid)::text hi from booking where status = 'active'`),
  ]);
  const capOf = new Map<string, Float64Array>(),
    loadOf = new Map<string, Float64Array>();
  const arr = (m: Map<string, Float64Array>, u: string) => {
    let a = m.get(u);
    if (!a) m.set(u, (a = new Float64Array(days)));
    return a;
  };
  for (const c of caps.rows) {
    const wt = c.age_band === '0-2' ? 2 : c.age_band === '3-5' ? 1 : 0;
    const a = arr(capOf, c.unit_id),
      from = Math.max(0, idx(c.lo)),
      to = c.hi ? Math.min(days, idx(c.hi)) : days;
    for (let d = from; d < to; d++) a[d]! += c.places * wt;
  }
  for (const p of pls.rows) {
    const birth = LocalDate.parse(p.b),
      tr = idx(birth.plusMonths(34).firstOfMonth().toString()),
      school = idx(LocalDate.of(birth.year + 6, 8, 1).toString());
    const a = arr(loadOf, p.unit_id),
      from = Math.max(0, idx(p.lo)),
      to = Math.min(days, p.hi ? idx(p.hi) : days, school);
    for (let d = from; d < to; d++) a[d]! += d < tr ? 2 : 1;
  }
  const seen = new Set<string>();
  for (const b of bks.rows) {
    const cap = arr(capOf, b.unit_id),
      load = arr(loadOf, b.unit_id);
    for (let d = Math.max(0, idx(b.lo)); d < Math.min(days, b.hi ? idx(b.hi) : days); d++)
      if (load[d]! > cap[d]! + 1e-9) seen.add(`${b.unit_id}:${d}`);
  }
  return { overbookedUnitDays: seen.size, bookings: bks.rows.length };
}

/** What the server's connections do during a rush (pg_stat_activity, sampled every 50 ms from a separate connection):
 *  mean number running, waiting for a lock, waiting for the WAL, idle in a transaction (waiting for the server's JS),
 *  and idle (pool connections the server is not using). */
async function sampleBackends(url: string) {
  const db = await openDatabase({ url });
  const sums: Record<string, number> = {};
  let n = 0,
    on = true;
  const loop = (async () => {
    while (on) {
      const { rows } = await db.raw(
        `select case when state = 'idle in transaction' then 'idleInTransaction' when state = 'idle' then 'idle'
           when wait_event_type = 'Lock' then 'lockWait' when wait_event like 'WAL%' then 'walWait'
           when wait_event_type = 'Client' then 'clientRead' else 'running' end s, count(*)::int c
         from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend' group by 1`,
      );
      for (const r of rows) sums[r.s] = (sums[r.s] ?? 0) + r.c;
      n++;
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  return {
    stop: async () => {
      on = false;
      await loop;
      await db.close();
      return Object.fromEntries(Object.entries(sums).map(([k, v]) => [k, round(v / Math.max(n, 1), 2)]));
    },
  };
}

export default async function main() {
  const m0 = machine();
  const pg = startPostgres(`-c max_connections=100 -c shared_buffers=256MB ${STATEMENT_STATS}`);
  try {
    const admin = await openDatabase({ url: `${pg.url}/postgres` });
    await admin.raw('CREATE DATABASE spire_seed');
    const seedDb = await openDatabase({ url: `${pg.url}/spire_seed` });
    await migrate(seedDb);
    const t0 = Date.now();
    await seedDemo(seedDb, { scale: SMALL ? 'small' : 'city', seed: 1, today: TODAY });
    const { families, warm, popular, newPlaces } = await prepareWorkload(seedDb);
    await seedDb.raw('ANALYZE');
    const enrolled = (
      await seedDb.raw(`select count(*)::int n from placement where kind = 'dagtilbud' and valid @> $1::date`, [
        TODAY.toString(),
      ])
    ).rows[0].n;
    const units = (
      await seedDb.raw(
        `select count(*)::int n from unit where closed_on is null and type in ('dagpleje','vuggestue','boernehave','integreret','landsbyordning')`,
      )
    ).rows[0].n;
    const popularPlaces = (
      await seedDb.raw(
        `select coalesce(sum(places), 0)::int n from capacity where unit_id = any($1::uuid[]) and age_band = '0-2' and valid @> $2::date`,
        [popular, TODAY.toString()],
      )
    ).rows[0].n;
    const durable = await durability((s) => seedDb.raw(s));
    await seedDb.close();
    console.error(
      `seeded in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${enrolled} children in dagtilbud, ${units} daycare units, ${families.length} booking families`,
    );
    await admin.raw('CREATE DATABASE spire_fast TEMPLATE spire_seed');
    await admin.raw('CREATE DATABASE spire_naive TEMPLATE spire_seed');
    await admin.raw('CREATE DATABASE spire_steady TEMPLATE spire_seed');
    await admin.close();

    const runOn = async (dbName: string, naive: boolean, arrivalsPerSecond?: number) => {
      const server = await startServer({
        BENCH_DB_URL: `${pg.url}/${dbName}`,
        BENCH_TODAY: TODAY.toString(),
        BENCH_NAIVE: naive ? '1' : '0',
      });
      const warmedUp = await warmUp(server.base, warm, naive ? '/api/naive' : '/api/citizen');
      const statsDb = await openDatabase({ url: `${pg.url}/${dbName}` });
      // The seed's bulk load (gigabytes of WAL) is flushed now, not by a checkpoint in the middle of the rush: a
      // running server's checkpoints are spread over its ordinary writes.
      await statsDb.raw('CHECKPOINT');
      const stats = statementStats((s) => statsDb.raw(s));
      await stats.reset();
      const sampler = await sampleBackends(`${pg.url}/${dbName}`);
      const cpu0 = await server.cpu(),
        pg0 = postgresCpuSeconds(pg.dir),
        gen0 = process.cpuUsage();
      const r = await rush(server.base, families, naive ? '/api/naive' : '/api/citizen', arrivalsPerSecond);
      const cpu1 = await server.cpu(),
        pg1 = postgresCpuSeconds(pg.dir),
        gen = process.cpuUsage(gen0),
        loop = await server.loop();
      const backends = await sampler.stop();
      // Where PostgreSQL's time went: the statements that took the most of it during the rush.
      const statements = await stats.top(6);
      await statsDb.close();
      // The server's CPU per answered request during the rush (bookings and searches alike), and where the machine's
      // two cores went: the server, PostgreSQL and this load generator (its clients).
      const requests = r.bookingLatencyMs.n + r.availabilityDuringRushMs.n;
      const serverMs = cpu1.user - cpu0.user + cpu1.system - cpu0.system;
      const serverCpu = {
        userMs: round(cpu1.user - cpu0.user),
        systemMs: round(cpu1.system - cpu0.system),
        msPerRequest: round(serverMs / Math.max(requests, 1), 2),
        postgresMsPerRequest: pg0 === null || pg1 === null ? null : round(((pg1 - pg0) * 1000) / requests, 2),
        loadGeneratorMsPerRequest: round((gen.user + gen.system) / 1000 / requests, 2),
        coresBusy: {
          server: round(serverMs / 1000 / r.wallSeconds, 2),
          postgres: pg0 === null || pg1 === null ? null : round((pg1 - pg0) / r.wallSeconds, 2),
          loadGenerator: round((gen.user + gen.system) / 1e6 / r.wallSeconds, 2),
        },
        // What a request waits for besides its own work: the loop's delay, and the kernel preempting the server.
        eventLoopDelayMs: loop.delayMs,
        preemptionsPerSecond: round(loop.preemptions / r.wallSeconds),
        voluntarySwitchesPerSecond: round(loop.voluntarySwitches / r.wallSeconds),
      };
      const serverPeakRssMb = await server.stop();
      const check = await openDatabase({ url: `${pg.url}/${dbName}` });
      const over = await overbookedUnitDays(check);
      await check.close();
      console.error(
        `${naive ? 'naive' : arrivalsPerSecond ? `spire, ${arrivalsPerSecond} families/s` : 'spire'}: ${r.booked} booked, ${r.perSecond}/s (${r.decidedPerSecond} decided/s), booking p50 ${r.bookingLatencyMs.p50} ms, availability p95 ${r.availabilityDuringRushMs.p95} ms, ${over.overbookedUnitDays} overbooked unit-days`,
      );
      console.error(`backends during the rush (mean of samples every 50 ms): ${JSON.stringify(backends)}`);
      console.error(`server CPU during the rush: ${JSON.stringify(serverCpu)}`);
      return { ...r, ...over, warmedUp, serverPeakRssMb, serverCpu, backends, statements };
    };
    const spire = await runOn('spire_fast', false);
    const steady = await runOn('spire_steady', false, ARRIVALS_PER_SECOND);
    // BENCH_SKIP_NAIVE=1: only Spire's rush (to iterate on it); the saved result then has no baseline.
    const naive = process.env.BENCH_SKIP_NAIVE === '1' ? null : await runOn('spire_naive', true);
    const p95 = spire.availabilityDuringRushMs.p95 ?? Infinity;
    return save('booking', m0, {
      engine: {
        postgres: 15,
        ...durable,
        pool: 'default (10)',
        server: 'separate Node process, HTTP/1.1 keep-alive, real sessions + CSRF + custody check',
      },
      workload: {
        enrolledChildren: enrolled,
        daycareUnits: units,
        families: families.length,
        popularUnits: POPULAR,
        popularUnitsNurseryPlaces: popularPlaces,
        popularUnitsNewPlacesFromFirstMonth: newPlaces,
        wishesPerFamily: 3,
        bookingConcurrency: CONCURRENCY,
        searchesPerSecond: RUSH_SEARCHES_PER_SECOND,
        searchesInFlightAtMost: SEARCHES_IN_FLIGHT,
        warmUpFamilies: WARM,
        warmUpMaxSeconds: WARM_MAX_SECONDS,
        unitsListed: SHOWN,
        today: TODAY.toString(),
      },
      spire,
      steady: { arrivalsPerSecond: ARRIVALS_PER_SECOND, searchesPerSecond: SEARCHES_PER_SECOND, ...steady },
      naive,
      naiveDescription:
        'same HTTP workload and checks; availability = one SQL day-by-day scan of every unit over the horizon; booking = SELECT unit FOR UPDATE, day-by-day SQL recheck, inserts',
      ratios: naive && {
        bookingsPerSecond: round(spire.perSecond / Math.max(naive.perSecond, 1e-9), 1),
        availabilityP95: round((naive.availabilityDuringRushMs.p95 ?? 0) / p95, 1),
      },
      targets: TARGETS,
      met: {
        bookingsPerSecond: spire.perSecond >= TARGETS.bookingsPerSecond,
        availabilityP95: p95 <= TARGETS.availabilityP95Ms,
        steadyAvailabilityP95: (steady.availabilityDuringRushMs.p95 ?? Infinity) <= TARGETS.availabilityP95Ms,
        overbooked: spire.overbookedUnitDays === 0 && steady.overbookedUnitDays === 0,
        custody: spire.custodyProbes.notRefused === 0,
        serverRss: spire.serverPeakRssMb <= RSS_LIMIT_MB,
      },
      loadGeneratorPeakRssMb: peakRssMb(),
    });
  } finally {
    pg.stop();
  }
}
