// `npm run bench reporting [--scale small]`: the monthly Danmarks Statistik and FLIS extracts on a durable private
// PostgreSQL 15 server: every municipality (98, ≈ 300,000 children, one of Copenhagen's size with 30,000) and Copenhagen
// alone, each with its ratio against the naive way (the same facts queried unit by unit in a loop). Both run in this
// process through the same functions the routes call (extractOn, payloadOf, validatePayload).
// --scale small: 30,000 children in all, 3,000 in Copenhagen.
import { sql } from 'kysely';
import { openDatabase, type Db } from '../src/platform/db/database.js';
import { migrate } from '../src/platform/db/migrate.js';
import { LocalDate, MUNICIPALITIES } from '../src/shared/index.js';
import { extractOn, extractOnNaive, loadGroups, unitsOf, type UnitExtract } from '../src/modules/reporting/index.js';
import { payloadOf, validatePayload } from '../src/modules/reporting/formats.js';
import { generateMunicipality } from './billing-data.js';
import { placementsOnDay } from '../src/modules/placement/index.js';
import { employeesOn } from '../src/modules/employees/index.js';
import { birthDatesOf } from '../src/modules/people/index.js';
import { feeFactsOf } from '../src/modules/billing/index.js';
import { durability, startPostgres } from './postgres.js';
import { machine, peakRssMb, save, scale } from './common.js';

const DAY = LocalDate.of(2026, 12, 1);
const SMALL = scale() === 'small';
const CPH = SMALL ? 3_000 : 30_000,
  TOTAL = SMALL ? 30_000 : 300_000;
const TARGETS = { nationalSeconds: 10, copenhagenSeconds: 1 };

/** Staff for every unit with children (a leader, pædagoger and assistants, dagplejere at a dagpleje with ≤ 4 children
 *  each), and each dagpleje child placed with one of its unit's dagplejere. */
async function addStaff(db: Db) {
  await sql`insert into employee (unit_id, first_name, last_name, job_type, weekly_minutes, valid)
    select c.unit_id, 'Ansat', 'Nr' || g,
      (case when g = 1 then 'leder' when c.type = 'dagpleje' then 'dagplejer' when g % 3 = 0 then 'paedagogisk_assistent'
        when g % 7 = 0 then 'medhjaelper' else 'paedagog' end)::job_type,
      case when g % 4 = 0 then 1800 else 2220 end, '[2020-01-01,)'::daterange
    from (select p.unit_id, u.type, count(*) n from placement p join unit u on u.id = p.unit_id group by 1, 2) c,
      generate_series(1, greatest(2, (c.n / (case when c.type = 'dagpleje' then 4 else 5 end))::int + 1)) g`.execute(
    db,
  );
  await sql`with e as (select id, unit_id, row_number() over (partition by unit_id order by id) - 1 rn,
        count(*) over (partition by unit_id) n from employee where job_type = 'dagplejer'),
      pl as (select p.id, p.unit_id, row_number() over (partition by p.unit_id order by p.id) - 1 rn
        from placement p join unit u on u.id = p.unit_id where u.type = 'dagpleje')
    update placement set dagplejer_id = e.id from pl join e on e.unit_id = pl.unit_id and e.rn = pl.rn % e.n
    where placement.id = pl.id`.execute(db);
}

/** The run with the median time of `n` (each printed): one run on a machine shared with PostgreSQL can be an outlier. */
async function medianOf<T extends { seconds: number }>(n: number, run: () => Promise<T>) {
  const runs: T[] = [];
  for (let i = 0; i < n; i++) runs.push(await run());
  console.error(`runs: ${runs.map((r) => r.seconds).join(', ')} s`);
  const sorted = [...runs].sort((a, b) => a.seconds - b.seconds);
  return { ...sorted[(n - 1) >> 1]!, runs: runs.map((r) => r.seconds) };
}

/** Every named municipality's extracts for the month: figures once, then both payloads, validated. */
async function extracts(db: Db, municipalities?: string[]) {
  const t0 = performance.now(),
    c0 = process.cpuUsage();
  const units = await unitsOf(db, municipalities);
  const { units: figures } = await extractOn(db, DAY, units);
  const byMuni = new Map<string, UnitExtract[]>();
  for (const u of figures) byMuni.set(u.unit.municipality, [...(byMuni.get(u.unit.municipality) ?? []), u]);
  let bytes = 0,
    errors = 0;
  for (const [m, us] of byMuni)
    for (const kind of ['ds', 'flis'] as const) {
      const p = payloadOf(kind, m, DAY.toString(), us);
      errors += validatePayload(kind, p).length;
      bytes += p.length;
    }
  const c = process.cpuUsage(c0);
  return {
    seconds: +((performance.now() - t0) / 1000).toFixed(3),
    nodeCpuSeconds: +((c.user + c.system) / 1e6).toFixed(3),
    municipalities: byMuni.size,
    units: units.length,
    children: figures.reduce((s, u) => s + u.children, 0),
    payloadBytes: bytes,
    validationErrors: errors,
    figures,
  };
}

/** Where the national time goes: each owner's statement timed alone (after the runs, so caches are warm). */
async function phases(db: Db) {
  const time = async (f: () => Promise<unknown>) => {
    const t0 = performance.now();
    await f();
    return +((performance.now() - t0) / 1000).toFixed(3);
  };
  const units = await unitsOf(db);
  const ids = units.map((u) => u.id),
    d = DAY.toString();
  const places = await placementsOnDay(db, ids, d);
  const kids = [...new Set(places.map((p) => p.child_id))];
  return {
    // What extractOn runs: the children as one aggregation, and the staff (in parallel with it).
    childGroupsSeconds: await time(() => loadGroups(db, units, DAY, true)),
    // The per-child statements the aggregation replaced (kept for comparison; the naive baseline still uses them).
    unitsSeconds: await time(() => unitsOf(db)),
    placementsSeconds: await time(() => placementsOnDay(db, ids, d)),
    employeesSeconds: await time(() => employeesOn(db, ids, DAY)),
    birthDatesSeconds: await time(() => birthDatesOf(db, kids)),
    feeFactsSeconds: await time(() =>
      feeFactsOf(
        db,
        places.map((p) => ({ placementId: p.placement_id, childId: p.child_id, hours: p.hours })),
        d,
      ),
    ),
  };
}

async function naive(db: Db, municipalities?: string[]) {
  const t0 = performance.now();
  const units = await unitsOf(db, municipalities);
  const figures = await extractOnNaive(db, DAY, units);
  return { seconds: +((performance.now() - t0) / 1000).toFixed(3), figures };
}

const sameFigures = (a: UnitExtract[], b: UnitExtract[]) => JSON.stringify(a) === JSON.stringify(b);

export default async function reportingBench() {
  const m0 = machine();
  const cluster = startPostgres('-c shared_buffers=256MB -c work_mem=64MB -c max_wal_size=4GB');
  const results: Record<string, any> = {};
  try {
    const admin = await openDatabase({ url: `${cluster.url}/postgres` });
    await admin.raw('CREATE DATABASE bench_reporting');
    await admin.close();
    const database = await openDatabase({ url: `${cluster.url}/bench_reporting` });
    const db = database.db;
    await migrate(database);
    const t = performance.now();
    const munis = MUNICIPALITIES.slice(0, 98);
    const cph = munis.find((m) => m.code === '0101')!;
    const others = munis.filter((m) => m !== cph);
    const per = Math.floor((TOTAL - CPH) / others.length);
    await generateMunicipality(db, cph.code, cph.name, CPH, 0);
    for (const [i, m] of others.entries())
      await generateMunicipality(
        db,
        m.code,
        m.name,
        per + (i < TOTAL - CPH - per * others.length ? 1 : 0),
        (i + 1) * 10_000,
      );
    await addStaff(db);
    results.durability = await durability((s) => database.raw(s));
    await database.raw('ANALYZE');
    console.error(`generated ${TOTAL} children in ${Math.round(performance.now() - t)} ms`);

    await extracts(db); // warm-up (plans, caches), as a server that has run before
    const national = await medianOf(3, () => extracts(db));
    const copenhagen = await medianOf(5, () => extracts(db, ['0101']));
    results.nationalPhases = await phases(db);
    const naiveCph = await naive(db, ['0101']);
    const naiveNational = await naive(db);
    const { figures: nf, ...nationalOut } = national;
    const { figures: cf, ...copenhagenOut } = copenhagen;
    results.national = {
      ...nationalOut,
      limitSeconds: TARGETS.nationalSeconds,
      naiveSeconds: naiveNational.seconds,
      naiveSameFigures: sameFigures(nf, naiveNational.figures),
      ratioNaiveToFast: +(naiveNational.seconds / national.seconds).toFixed(1),
    };
    results.copenhagen = {
      ...copenhagenOut,
      limitSeconds: TARGETS.copenhagenSeconds,
      naiveSeconds: naiveCph.seconds,
      naiveSameFigures: sameFigures(cf, naiveCph.figures),
      ratioNaiveToFast: +(naiveCph.seconds / copenhagen.seconds).toFixed(1),
    };
    console.error(JSON.stringify(results.copenhagen));
    await database.close();
  } finally {
    cluster.stop();
  }
  const rss = peakRssMb();
  save('reporting', m0, {
    month: DAY.toString().slice(0, 7),
    engine: { postgres: 15, ...results.durability, process: 'in-process (the functions the routes call)' },
    national: { ...results.national, phases: results.nationalPhases },
    copenhagen: results.copenhagen,
    naiveDescription:
      'the same facts queried unit by unit in a loop (placements, employees, birth dates, fee facts per unit)',
    peakRssMb: rss,
    targets: TARGETS,
    met: {
      national: results.national.seconds <= TARGETS.nationalSeconds,
      copenhagen: results.copenhagen.seconds <= TARGETS.copenhagenSeconds,
    },
  });
}
