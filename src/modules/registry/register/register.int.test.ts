// The Dagtilbudsregister: the real snapshot imported for three municipalities and checked against an independent
// reading of the file, a second import that changes nothing, a bad export refused row by row with nothing written,
// and Spire's changes delivered to the register (refused with the register's error, then retried).
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { testApp, loginAs, type TestApp } from '../../../../test/app.js';
import { aMunicipality, aStaffUser } from '../../../../test/builders.js';
import { engine } from '../../../../test/db.js';
import { MUNICIPALITIES } from '../../../shared/index.js';
import { planImport } from './import.js';

let t: TestApp;
let admin: Awaited<ReturnType<typeof loginAs>>;
/** Each municipality's administrator imports that municipality's part of the register. */
const admins = new Map<string, Awaited<ReturnType<typeof loginAs>>>();
async function adminOf(municipality: string) {
  if (!admins.has(municipality))
    admins.set(municipality, await loginAs(t.app, await aStaffUser(t.database.db, 'admin', [], municipality)));
  return admins.get(municipality)!;
}
beforeAll(async () => {
  t = await testApp();
  await t.database.db
    .insertInto('municipality')
    .values(MUNICIPALITIES.map((m) => ({ code: m.code, name: m.name })))
    .onConflict((c) => c.doNothing())
    .execute();
  admin = await loginAs(t.app, await aStaffUser(t.database.db, 'admin'));
}, 120_000);
afterAll(async () => {
  await t?.close();
});

// The file read on its own terms, without the importer's code.
const file = JSON.parse(readFileSync(new URL('../../../../data/institutions.json', import.meta.url), 'utf8')) as {
  units: { number: string; name: string; kind: string; ownership: string; municipalityCode: string }[];
};
const expectedType: Record<string, [string, number]> = {
  aldersintegreret: ['integreret', 6012],
  vuggestue: ['vuggestue', 6010],
  boernehave: ['boernehave', 6011],
  dagpleje: ['dagpleje', 6013],
  sfo: ['sfo', 6021],
  klub: ['klub', 6022],
};
const THREE = ['0860', '0155', '0219'];

async function preview(municipality: string) {
  const r = await (
    await adminOf(municipality)
  ).call('GET', `/api/staff/register/import?municipality=${municipality}&pageSize=500`);
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
}

describe(`register import (${engine})`, () => {
  it('imports the real snapshot for three municipalities with the register numbers on the units', async () => {
    for (const m of THREE) {
      const fromFile = file.units.filter((u) => u.municipalityCode === m);
      const p = await preview(m);
      expect(p.errors).toEqual([]);
      // Each unit-level row: one anvisningsenhed and its derived daginstitution.
      expect(p.counts).toEqual({ create: fromFile.length * 2, update: 0, unchanged: 0, close: 0 });
      const r = await (
        await adminOf(m)
      ).call('POST', '/api/staff/register/import', { municipality: m, expected: p.counts });
      expect(r.statusCode, r.body).toBe(200);

      const inDb = (
        await sql<{ number: string; name: string; type: string; inst_type3: number; ejerform: string; dnum: string }>`
          select u.number, u.name, u.type, u.inst_type3, d.ejerform, d.number as dnum
          from unit u join daginstitution d on d.id = u.daginstitution_id where d.municipality_code = ${m}`.execute(
          t.database.db,
        )
      ).rows;
      expect(inDb.length).toBe(fromFile.length);
      const byNumber = new Map(inDb.map((u) => [u.number, u]));
      for (const f of fromFile) {
        const u = byNumber.get(f.number);
        expect(u, f.number).toBeDefined();
        expect([u!.name, u!.type, u!.inst_type3, u!.ejerform]).toEqual([
          f.name,
          expectedType[f.kind]![0],
          expectedType[f.kind]![1],
          f.ownership,
        ]);
        expect(u!.dnum).not.toBe(f.number);
      }
      const kinds = new Map<string, number>();
      for (const f of fromFile) kinds.set(expectedType[f.kind]![0], (kinds.get(expectedType[f.kind]![0]) ?? 0) + 1);
      const types = new Map<string, number>();
      for (const u of inDb) types.set(u.type, (types.get(u.type) ?? 0) + 1);
      expect(types).toEqual(kinds);
    }
    // Every kind of the file is among the three (klub in 0155, sfo in 0219).
    const all = (await sql<{ type: string }>`select distinct type from unit`.execute(t.database.db)).rows.map(
      (r) => r.type,
    );
    expect(new Set(all)).toEqual(new Set(Object.values(expectedType).map(([x]) => x)));
  });

  it('changes nothing on a second import', async () => {
    for (const m of THREE) {
      const p = await preview(m);
      expect(p.counts.create + p.counts.update + p.counts.close).toBe(0);
      expect(p.counts.unchanged).toBe(2 * file.units.filter((u) => u.municipalityCode === m).length);
      const r = await (
        await adminOf(m)
      ).call('POST', '/api/staff/register/import', { municipality: m, expected: p.counts });
      expect(r.json().counts.create).toBe(0);
    }
  });

  it('refuses an apply that no longer matches its preview', async () => {
    const r = await admin.call('POST', '/api/staff/register/import', {
      municipality: '0860',
      expected: { create: 1, update: 0, unchanged: 0, close: 0 },
    });
    expect([r.statusCode, r.json().error]).toEqual([409, 'registry.import-stale']);
  });

  it("refuses staff the import of another municipality's part of the register, or of all at once", async () => {
    const other = await adminOf('0155');
    expect((await other.call('GET', '/api/staff/register/import?municipality=0860')).statusCode).toBe(403);
    expect((await other.call('GET', '/api/staff/register/import?municipality=all')).statusCode).toBe(403);
    const counts = { create: 0, update: 0, unchanged: 0, close: 0 };
    for (const municipality of ['0860', 'all'])
      expect(
        (await other.call('POST', '/api/staff/register/import', { municipality, expected: counts })).statusCode,
      ).toBe(403);
  });

  it('reports a bad export row by row and writes nothing', async () => {
    const before = (await sql<{ n: number }>`select count(*)::int as n from unit`.execute(t.database.db)).rows[0]!.n;
    const bad = {
      daginstitutioner: [
        {
          daginstitutionsNummer: 'X00001',
          daginstitutionsNavn: 'Ny',
          ejerformKode: 1,
          lovgrundlagKode: 1,
          admKommuneKode: '0860',
        },
        {
          daginstitutionsNummer: 'X00002',
          daginstitutionsNavn: 'Ukendt',
          ejerformKode: 9,
          lovgrundlagKode: 1,
          admKommuneKode: '0860',
        },
      ],
      anvisningsenheder: [
        unitRow('Y00001', 'X00001', 6012),
        unitRow('Y00001', 'X00001', 6011),
        unitRow('Y00002', 'X00099', 6012),
        unitRow('Y00003', 'X00001', 7777),
      ],
    };
    const plan = await planImport(t.database.db, bad, '0860', t.clock.today());
    expect(plan.errors.map((e) => [e.level, e.number, e.code, e.field])).toEqual([
      ['daginstitution', 'X00002', 'unknown-code', 'ejerformKode'],
      ['anvisningsenhed', 'Y00001', 'duplicate-number', 'enhedsNummer'],
      ['anvisningsenhed', 'Y00002', 'missing-parent', 'daginstitutionsNummer'],
      ['anvisningsenhed', 'Y00003', 'unknown-code', 'instType3'],
    ]);
    const after = (await sql<{ n: number }>`select count(*)::int as n from unit`.execute(t.database.db)).rows[0]!.n;
    expect(after).toBe(before);
  });
});

function unitRow(number: string, parent: string, instType3: number) {
  return {
    enhedsNummer: number,
    daginstitutionsNummer: parent,
    enhedsNavn: `Enhed ${number}`,
    instType3,
    adresse: { vejOgHusnummer: 'Vestergade 1', postnummer: '9800', postdistrikt: 'Hjørring' },
  };
}

describe(`register deliveries (${engine})`, () => {
  it('delivers a change made in the staff app once; a refusal shows the register error and is sent again', async () => {
    await aMunicipality(t.database.db);
    const unit = (
      await sql<{ id: string; number: string }>`select u.id, u.number from unit u join daginstitution d
        on d.id = u.daginstitution_id where d.municipality_code = '0860' order by u.number limit 1`.execute(
        t.database.db,
      )
    ).rows[0]!;
    const log0 = (await admin.call('GET', '/api/staff/register/deliveries')).json();
    const r = await admin.call('PATCH', `/api/staff/units/${unit.id}`, { phone: '98 92 00 00' });
    expect(r.statusCode, r.body).toBe(200);
    let log = (await admin.call('GET', '/api/staff/register/deliveries')).json();
    expect(log.total).toBe(log0.total + 1);
    const d = log.rows[0];
    expect([d.level, d.operation, d.number, d.status]).toEqual(['anvisningsenhed', 'update', unit.number, 'queued']);
    expect(d.payload.data).toMatchObject({ enhedsNummer: unit.number, telefonNummer: '98 92 00 00' });
    // Another municipality's staff neither see nor send 0860's deliveries.
    const other = await adminOf('0155');
    const theirs = (await other.call('GET', '/api/staff/register/deliveries')).json();
    expect(theirs.rows.filter((x: { municipalityCode: string }) => x.municipalityCode !== '0155')).toEqual([]);
    await other.call('POST', '/api/staff/register/deliveries/send');
    expect((await admin.call('GET', '/api/staff/register/deliveries')).json().rows[0].status).toBe('queued');

    // The register needs a P-number on every anvisningsenhed; the snapshot has none.
    const sent = (await admin.call('POST', '/api/staff/register/deliveries/send')).json();
    expect(sent).toEqual({ accepted: 0, refused: 1, unreachable: 0 });
    log = (await admin.call('GET', '/api/staff/register/deliveries')).json();
    expect(log.rows[0].status).toBe('refused');
    expect(log.rows[0].errors).toEqual([
      { field: 'pNummer', code: 'R-301', text: 'P-nummer skal udfyldes for en anvisningsenhed.' },
    ]);
    expect((await other.call('POST', `/api/staff/register/deliveries/${d.id}/retry`)).statusCode).toBe(403);

    // The P-number is added (itself a change that waits behind the refused one), then "Send igen".
    expect((await admin.call('PATCH', `/api/staff/units/${unit.id}`, { pNumber: '1003456789' })).statusCode).toBe(200);
    expect((await admin.call('POST', '/api/staff/register/deliveries/send')).json().accepted).toBe(0);
    const retried = await admin.call('POST', `/api/staff/register/deliveries/${d.id}/retry`);
    expect(retried.statusCode, retried.body).toBe(200);
    expect([retried.json().status, retried.json().attempts]).toEqual(['accepted', 2]);
    log = (await admin.call('GET', '/api/staff/register/deliveries')).json();
    expect(log.rows.slice(0, 2).map((x: { status: string }) => x.status)).toEqual(['accepted', 'accepted']);
    // Nothing is sent twice, and an accepted delivery is not sent again.
    expect((await admin.call('POST', '/api/staff/register/deliveries/send')).json()).toEqual({
      accepted: 0,
      refused: 0,
      unreachable: 0,
    });
    const again = await admin.call('POST', `/api/staff/register/deliveries/${d.id}/retry`);
    expect([again.statusCode, again.json().error]).toEqual([409, 'registry.delivery-not-refused']);
  });

  it('creates top-down, refuses a reused number and closes bottom-up', async () => {
    const c = await admin.call('POST', '/api/staff/daginstitutioner', {
      number: 'K90001',
      name: 'Dagtilbud Vest',
      ejerform: 'kommunal',
    });
    expect(c.statusCode, c.body).toBe(201);
    const unit = await admin.call('POST', '/api/staff/units', {
      daginstitutionId: c.json().id,
      number: 'K90002',
      name: 'Vuggestuen Vest',
      type: 'vuggestue',
      street: 'Vestergade 2',
      postalCode: '9800',
      city: 'Hjørring',
      pNumber: '1003456790',
    });
    expect(unit.statusCode, unit.body).toBe(201);
    expect(unit.json().instType3).toBe(6010);
    const alt = await admin.call('POST', `/api/staff/units/${unit.json().id}/alternative-addresses`, {
      street: 'Skovvej 3',
      postalCode: '9800',
      city: 'Hjørring',
      start: '2026-12-01',
    });
    expect(alt.statusCode, alt.body).toBe(201);
    expect(alt.json().alternativeAddresses).toMatchObject([{ street: 'Skovvej 3', start: '2026-12-01', end: null }]);
    expect((await admin.call('POST', '/api/staff/register/deliveries/send')).json()).toEqual({
      accepted: 3,
      refused: 0,
      unreachable: 0,
    });
    const reused = await admin.call('POST', '/api/staff/daginstitutioner', {
      number: 'K90002',
      name: 'X',
      ejerform: 'kommunal',
    });
    expect(reused.statusCode).toBe(201); // a daginstitution number; K90002 was a unit's
    const again = await admin.call('POST', '/api/staff/daginstitutioner', {
      number: 'K90001',
      name: 'Y',
      ejerform: 'kommunal',
    });
    expect([again.statusCode, again.json().error]).toEqual([409, 'registry.number-taken']);

    const early = await admin.call('POST', `/api/staff/daginstitutioner/${c.json().id}/close`, {
      closedOn: '2027-06-30',
    });
    expect([early.statusCode, early.json().error]).toEqual([400, 'registry.daginstitution-has-open-units']);
    expect(
      (await admin.call('POST', `/api/staff/units/${unit.json().id}/close`, { closedOn: '2027-06-30' })).statusCode,
    ).toBe(200);
    expect(
      (await admin.call('POST', `/api/staff/daginstitutioner/${c.json().id}/close`, { closedOn: '2027-06-30' }))
        .statusCode,
    ).toBe(200);
    const log = (await admin.call('GET', '/api/staff/register/deliveries?status=queued')).json();
    // Bottom-up: the alternative address, then the unit, then the daginstitution (plus the new K90002 daginstitution).
    expect(
      log.rows
        .filter((x: { number: string; level: string }) => x.number !== 'K90002' || x.level !== 'daginstitution')
        .map((x: { level: string; operation: string }) => `${x.level}:${x.operation}`)
        .reverse(),
    ).toEqual(['alternativ_adresse:close', 'anvisningsenhed:close', 'daginstitution:close']);
    expect((await admin.call('POST', '/api/staff/register/deliveries/send')).json().refused).toBe(0);
  });
});
