import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../test/db.js';
import type { Database } from '../platform/db/database.js';
import { LocalDate } from '../shared/index.js';
import { loadInstitutions } from './institutions.js';
import { ageBand } from './placements.js';
import { NEIGHBOUR, seedDemo, type SeedResult } from './seed.js';

const today = LocalDate.of(2026, 11, 23);
const T = `date '${today}'`;

let database: Database;
let result: SeedResult;
const progress: string[] = [];

beforeAll(async () => {
  database = await openTestDatabase();
  result = await seedDemo(database, { scale: 'small', today, onProgress: (m) => progress.push(m) });
}, 180_000);

afterAll(async () => {
  await database?.close();
});

const rows = async (text: string) => (await database.raw(text)).rows;

/** Everything that identifies the generated people and placements, in a stable order. */
async function fingerprint(db: Database): Promise<string> {
  const people = (await db.raw(`SELECT cpr, first_name, last_name, birth_date, sex FROM person ORDER BY cpr`)).rows;
  const places = (
    await db.raw(`
    SELECT c.cpr, u.number, p.kind, p.valid::text AS valid, p.hours_per_week FROM placement p
    JOIN person c ON c.id = p.child_id JOIN unit u ON u.id = p.unit_id ORDER BY c.cpr, lower(p.valid)`)
  ).rows;
  return createHash('sha256')
    .update(JSON.stringify([people, places]))
    .digest('hex');
}

describe('seedDemo (small: Hjørring)', () => {
  it('reports progress and counts', async () => {
    expect(progress.at(-1)).toMatch(/demo data loaded/);
    const [{ n: units }] = await rows(`SELECT count(*)::int AS n FROM unit`);
    const [{ n: users }] = await rows(`SELECT count(*)::int AS n FROM app_user WHERE demo_persona`);
    expect(result.units).toBe(units);
    expect(result.users).toBe(users);
    expect(result.children).toBe(4500 + NEIGHBOUR.preschool + NEIGHBOUR.school);
    const [{ n: municipalities }] = await rows(`SELECT count(*)::int AS n FROM municipality`);
    expect(municipalities).toBe(98);
  });

  it('contains the real Hjørring register units with their real names', async () => {
    const real = loadInstitutions('0860');
    expect(real.length).toBeGreaterThanOrEqual(35);
    const units = await rows(`
      SELECT u.name, u.type, u.number AS unit_number, d.number AS inst_number, d.is_cluster, u.lat, u.lon
      FROM unit u JOIN daginstitution d ON d.id = u.daginstitution_id WHERE NOT u.synthetic AND d.municipality_code = '0860'`);
    expect(units.length).toBe(real.length);
    expect(new Set(units.map((u) => u.name))).toEqual(new Set(real.map((r) => r.name)));
    expect(units.map((u) => u.name)).toContain('Børnehuset Hirtshals');
    const hirtshals = units.find((u) => u.name === 'Børnehuset Hirtshals')!;
    const rec = real.find((r) => r.name === 'Børnehuset Hirtshals')!;
    expect([hirtshals.type, hirtshals.lat, hirtshals.lon]).toEqual(['integreret', rec.lat, rec.lng]);
    // Every real unit carries the register's own number (on the anvisningsenhed, where the register has it).
    expect(new Set(units.map((u) => u.unit_number))).toEqual(new Set(real.map((r) => r.number)));
  });

  it('has synthetic SFOs and klubber and 2–4 clusters of several units', async () => {
    const synthetic = await rows(`SELECT name, type FROM unit WHERE synthetic`);
    expect(synthetic.some((u) => u.type === 'sfo' && u.name.startsWith('SFO ved '))).toBe(true);
    expect(synthetic.some((u) => u.type === 'klub')).toBe(true);
    const clusters = await rows(`
      SELECT d.name, count(u.id)::int AS n FROM daginstitution d JOIN unit u ON u.daginstitution_id = d.id
      WHERE d.is_cluster AND d.municipality_code = '0860' GROUP BY d.name`);
    expect(clusters.length).toBeGreaterThanOrEqual(2);
    expect(clusters.length).toBeLessThanOrEqual(4);
    for (const c of clusters) expect(c.n).toBeGreaterThanOrEqual(2);
  });

  it('has children aged 0–5 and 6–9 within 10 % of the targets, each with a home and a guardian', async () => {
    const [c] = await rows(`
      SELECT count(*) FILTER (WHERE birth_date > ${T} - interval '6 years')::int AS preschool,
             count(*) FILTER (WHERE birth_date <= ${T} - interval '6 years' AND birth_date > ${T} - interval '10 years')::int AS school
      FROM person WHERE birth_date > ${T} - interval '18 years'`);
    expect(Math.abs(c.preschool - 3000 - NEIGHBOUR.preschool)).toBeLessThanOrEqual(300);
    expect(Math.abs(c.school - 1500 - NEIGHBOUR.school)).toBeLessThanOrEqual(150);
    const [orphans] = await rows(`
      SELECT count(*)::int AS n FROM person p WHERE p.birth_date > ${T} - interval '18 years'
      AND NOT EXISTS (SELECT 1 FROM custody k WHERE k.child_id = p.id AND k.valid @> ${T})`);
    expect(orphans.n).toBe(0);
    const [homeless] = await rows(`
      SELECT count(*)::int AS n FROM person p WHERE NOT EXISTS (SELECT 1 FROM residence r WHERE r.person_id = p.id AND r.valid @> ${T})`);
    expect(homeless.n).toBe(0);
    const [muni] = await rows(
      `SELECT count(DISTINCT municipality_code)::int AS n, min(municipality_code) AS code FROM household`,
    );
    // Hjørring and its small neighbour Frederikshavn (one installation, two municipalities).
    expect(muni).toEqual({ n: 2, code: '0813' });
  });

  it('staffs every unit from the real ratios: a leader, staff for the children, dagpleje children with a dagplejer', async () => {
    const units = await rows(`
      SELECT u.id, u.type,
             count(*) FILTER (WHERE e.job_type = 'leder')::int AS leaders,
             count(*) FILTER (WHERE e.job_type <> 'leder')::int AS staff,
             count(*) FILTER (WHERE e.job_type = 'dagplejer')::int AS dagplejere
      FROM unit u LEFT JOIN employee e ON e.unit_id = u.id AND e.valid @> ${T} GROUP BY u.id, u.type`);
    for (const u of units) {
      expect(u.leaders).toBe(1);
      expect(u.staff).toBeGreaterThanOrEqual(1);
      expect(u.dagplejere > 0).toBe(u.type === 'dagpleje');
    }
    // Hjørring 3–5 years: 6.5 children per adult (Danmarks Statistik 2023), so a børnehave's staff is about its children / 6.5.
    const [kg] = await rows(`
      SELECT sum(c.n)::int AS children, sum(e.n)::int AS staff FROM unit u
      JOIN LATERAL (SELECT count(*) AS n FROM placement p WHERE p.unit_id = u.id AND p.valid @> ${T}) c ON true
      JOIN LATERAL (SELECT count(*) AS n FROM employee e WHERE e.unit_id = u.id AND e.job_type <> 'leder') e ON true
      WHERE u.type = 'boernehave'`);
    if (kg.children > 0) expect(kg.children / kg.staff).toBeGreaterThan(4);
    const [d] = await rows(`
      SELECT count(*)::int AS n, count(*) FILTER (WHERE p.dagplejer_id IS NULL)::int AS without
      FROM placement p JOIN unit u ON u.id = p.unit_id WHERE u.type = 'dagpleje' AND p.valid @> ${T}`);
    expect(d.n).toBeGreaterThan(0);
    expect(d.without).toBe(0);
  });

  it('places most preschool children; about a tenth are waiting', async () => {
    const [r] = await rows(`
      SELECT count(*)::int AS total,
             count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM placement p WHERE p.child_id = c.id AND p.valid @> ${T}))::int AS waiting
      FROM person c WHERE c.birth_date > ${T} - interval '6 years'`);
    expect(r.waiting / r.total).toBeGreaterThan(0.05);
    expect(r.waiting / r.total).toBeLessThan(0.2);
  });

  it("fits every current placement's unit type and kind to the child's age", async () => {
    const current = await rows(`
      SELECT c.birth_date, u.type, p.kind FROM placement p JOIN person c ON c.id = p.child_id JOIN unit u ON u.id = p.unit_id
      WHERE p.valid @> ${T}`);
    expect(current.length).toBeGreaterThan(3000);
    const fits: Record<string, [string, number, number]> = {
      dagpleje: ['dagtilbud', 0, 36],
      vuggestue: ['dagtilbud', 0, 36],
      integreret: ['dagtilbud', 0, 72],
      boernehave: ['dagtilbud', 36, 72],
      sfo: ['fritidstilbud', 72, 120],
      klub: ['klub', 72, 168],
    };
    const misfits = current.filter((p) => {
      const months = LocalDate.parse(p.birth_date).ageInMonths(today);
      const [kind, lo, hi] = fits[p.type]!;
      return p.kind !== kind || months < lo || months >= hi;
    });
    expect(misfits).toEqual([]);
  });

  it('keeps every unit within its capacity on today in every age band, with ~5 % spare overall', async () => {
    const occupants = await rows(`
      SELECT p.unit_id, c.birth_date FROM placement p JOIN person c ON c.id = p.child_id WHERE p.valid @> ${T}`);
    const occupied = new Map<string, number>();
    for (const o of occupants) {
      const key = `${o.unit_id}|${ageBand(LocalDate.parse(o.birth_date), today)}`;
      occupied.set(key, (occupied.get(key) ?? 0) + 1);
    }
    const capacity = new Map<string, number>(
      (await rows(`SELECT unit_id, age_band, places FROM capacity WHERE valid @> ${T}`)).map((c) => [
        `${c.unit_id}|${c.age_band}`,
        c.places,
      ]),
    );
    const over = [...occupied].filter(([key, n]) => n > (capacity.get(key) ?? 0));
    expect(over).toEqual([]);
    const places = [...capacity.values()].reduce((a, b) => a + b, 0);
    expect(places / occupants.length).toBeGreaterThan(1.0);
    expect(places / occupants.length).toBeLessThan(1.12);
  });

  it('has demo personas for every staff role, unit scopes, and guardians with custody', async () => {
    const users = await rows(
      `SELECT id, role, name, person_id FROM app_user WHERE demo_persona AND municipality_code IS DISTINCT FROM '0813' ORDER BY role, name`,
    );
    for (const role of ['caseworker', 'finance', 'consultant', 'management', 'admin']) {
      expect(users.filter((u) => u.role === role)).toHaveLength(1);
    }
    expect(users.find((u) => u.role === 'caseworker').name).toBe('Pladsanvisning: Mette Kristensen');
    for (const u of users) expect(u.name.trim().length).toBeGreaterThan(3);
    const guardians = users.filter((u) => u.role === 'guardian');
    expect(guardians.length).toBeGreaterThanOrEqual(5);
    for (const g of guardians) {
      const [k] = await rows(
        `SELECT count(*)::int AS n FROM custody WHERE guardian_id = '${g.person_id}' AND valid @> ${T}`,
      );
      expect(k.n, g.name).toBeGreaterThanOrEqual(1);
      const [p] = await rows(`SELECT first_name || ' ' || last_name AS name FROM person WHERE id = '${g.person_id}'`);
      expect(g.name).toBe(p.name);
    }
    const scoped = await rows(`
      SELECT a.role, count(uu.unit_id)::int AS n, bool_or(d.is_cluster) AS cluster FROM app_user a
      JOIN user_unit uu ON uu.user_id = a.id JOIN unit u ON u.id = uu.unit_id JOIN daginstitution d ON d.id = u.daginstitution_id
      WHERE a.role IN ('unit_leader', 'unit_staff') GROUP BY a.id, a.role`);
    expect(scoped.length).toBeGreaterThanOrEqual(2);
    expect(scoped.some((s) => s.role === 'unit_leader' && s.cluster && s.n >= 2)).toBe(true);
  });

  it('has a second municipality with real register units, its own staff and its own rules', async () => {
    const units = await rows(`
      SELECT u.name FROM unit u JOIN daginstitution d ON d.id = u.daginstitution_id
      WHERE d.municipality_code = '0813' AND NOT u.synthetic`);
    expect(units.map((u) => u.name)).toEqual(expect.arrayContaining(loadInstitutions('0813').map((r) => r.name)));
    const staff = await rows(
      `SELECT role, municipality_code FROM app_user WHERE municipality_code = '0813' ORDER BY role`,
    );
    expect(staff.map((s) => s.role)).toEqual(['caseworker', 'finance']);
    const settings = await rows(`SELECT key, municipality_code FROM setting ORDER BY key`);
    expect(settings).toEqual([
      { key: 'booking.policy', municipality_code: '0813' },
      { key: 'placement.offer_deadline_days', municipality_code: '0813' },
    ]);
  });

  it('has separated families: two households each, shared custody, one or both parents paying, own incomes', async () => {
    const fams = await rows(`
      SELECT c.first_name AS child, string_agg(g.first_name, ',' ORDER BY g.first_name) AS guardians,
        count(DISTINCT gr.household_id)::int AS homes, bool_or(gr.household_id = cr.household_id) AS lives_with_one,
        count(*) FILTER (WHERE gr.household_id = cr.household_id)::int AS guardians_at_home,
        bool_and(EXISTS (SELECT 1 FROM household_income i WHERE i.household_id = gr.household_id AND i.valid @> ${T})) AS incomes,
        bool_and(EXISTS (SELECT 1 FROM app_user a WHERE a.person_id = g.id AND a.demo_persona)) AS personas,
        bool_or(EXISTS (SELECT 1 FROM placement p WHERE p.child_id = c.id AND p.valid @> ${T})) AS placed
      FROM person c JOIN custody k ON k.child_id = c.id AND k.valid @> ${T} JOIN person g ON g.id = k.guardian_id
      JOIN residence cr ON cr.person_id = c.id AND cr.valid @> ${T} JOIN residence gr ON gr.person_id = g.id AND gr.valid @> ${T}
      WHERE g.first_name || ' ' || g.last_name IN ('Louise Winther', 'Kasper Dahl', 'Sara Lind', 'Mikkel Skov')
      GROUP BY c.id, c.first_name ORDER BY c.first_name`);
    const all = { homes: 2, lives_with_one: true, guardians_at_home: 1, incomes: true, personas: true, placed: true };
    expect(fams).toEqual([
      { child: 'Ella', guardians: 'Mikkel,Sara', ...all },
      { child: 'Noah', guardians: 'Mikkel,Sara', ...all },
      { child: 'Oliver', guardians: 'Kasper,Louise', ...all },
    ]);
  });

  it('skips row history for the bulk load', async () => {
    const [h] = await rows(`SELECT count(*)::int AS n FROM row_history`);
    expect(h.n).toBe(0);
  });

  it('is deterministic: the same seed gives the same people and placements, another seed does not', async () => {
    const first = await fingerprint(database);
    const again = await openTestDatabase();
    const other = await openTestDatabase();
    try {
      await seedDemo(again, { scale: 'small', today, seed: 1 });
      expect(await fingerprint(again)).toBe(first);
      const five = `SELECT cpr, first_name, last_name FROM person ORDER BY id LIMIT 5`;
      expect((await again.raw(five)).rows).toEqual((await database.raw(five)).rows);
      await seedDemo(other, { scale: 'small', today, seed: 2 });
      expect(await fingerprint(other)).not.toBe(first);
    } finally {
      await again.close();
      await other.close();
    }
  }, 180_000);
});
