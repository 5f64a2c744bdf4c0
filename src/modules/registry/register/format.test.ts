// The register's code lists, the snapshot's mapping onto the export shape and the SOAP request/answer, without a database.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { INST_TYPE3 } from './codes.js';
import { parseExport, snapshotToExport } from './format.js';
import { parseSoapAnswer, soapEnvelope } from './stil.js';

describe('register codes and formats', () => {
  it('keeps InstType3 in the code and in migration 022 the same', () => {
    const sqlText = readFileSync(new URL('../../../../migrations/022_register.sql', import.meta.url), 'utf8');
    const rows = [...sqlText.matchAll(/\((\d{4}), '([a-z]+)', 60, (\d{3}),/g)].map((m) => [m[2], Number(m[1])]);
    expect(Object.fromEntries(rows)).toEqual(INST_TYPE3);
  });

  it('keeps the register number on the unit and derives a daginstitution of its own', () => {
    const file = {
      units: [
        {
          number: 'G15515',
          name: 'Storkereden',
          kind: 'aldersintegreret',
          ownership: 'privat',
          municipalityCode: '0820',
          street: 'Troldbjergvej 6',
          postalCode: '9670',
          city: 'Løgstør',
          lat: 56.9,
          lng: 9.28,
        },
        {
          number: 'G15516',
          name: 'Dagplejen',
          kind: 'dagpleje',
          ownership: 'kommunal',
          municipalityCode: '0820',
          street: 'Torvet 1',
          postalCode: '9600',
          city: 'Aars',
          lat: null,
          lng: null,
        },
        {
          number: 'G15517',
          name: 'Ukendt',
          kind: 'natpasning',
          ownership: 'kommunal',
          municipalityCode: '0820',
          street: 'Torvet 2',
          postalCode: '9600',
          city: 'Aars',
        },
      ],
    };
    const p = parseExport(snapshotToExport(file));
    expect(p.units.map((u) => [u.number, u.daginstitutionNumber, u.type, u.instType3])).toEqual([
      ['G15515', 'I15515', 'integreret', 6012],
      ['G15516', 'I15516', 'dagpleje', 6013],
    ]);
    expect(p.daginstitutioner.slice(0, 2).map((d) => [d.number, d.ejerform, d.lovgrundlag, d.derived])).toEqual([
      ['I15515', 'privat', 'dtl_19_4', true],
      ['I15516', 'kommunal', 'dtl_21', true],
    ]);
    expect(p.errors).toEqual([
      {
        level: 'anvisningsenhed',
        row: 3,
        number: 'G15517',
        code: 'unknown-code',
        field: 'instType3',
        value: 'natpasning',
      },
    ]);
  });

  it('writes the SOAP request escaped and reads the register’s errors from its answer', () => {
    const xml = soapEnvelope({
      operation: 'Ret',
      element: 'Anvisningsenhed',
      admKommuneKode: '0860',
      leveranceId: 'x1',
      data: { enhedsNummer: 'G15515', enhedsNavn: 'Leg & Lær <Nord>', email: null },
    });
    expect(xml).toContain('<dtr:RetAnvisningsenhedRequest>');
    expect(xml).toContain('<dtr:enhedsNavn>Leg &amp; Lær &lt;Nord&gt;</dtr:enhedsNavn>');
    expect(xml).not.toContain('email');
    expect(parseSoapAnswer('<s:Envelope><s:Body><ok/></s:Body></s:Envelope>')).toEqual({ accepted: true });
    expect(
      parseSoapAnswer(
        '<Svar><Fejl><felt>pNummer</felt><kode>R-301</kode><tekst>P-nummer mangler</tekst></Fejl></Svar>',
      ),
    ).toEqual({ accepted: false, errors: [{ field: 'pNummer', code: 'R-301', text: 'P-nummer mangler' }] });
  });
});
