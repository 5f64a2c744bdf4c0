// The SOAP rendering and the answer parsing of the real client (no network): a protected person has no address
// element, text is escaped, and the register's <Fejl> elements become the delivery's errors.
import { describe, expect, it } from 'vitest';
import { buildRoster, diffRoster, messageOf } from './roster.js';
import { parseAnswer, soapEnvelope } from './service.js';

const roster = buildRoster('0860', '2026-11-23', {
  units: [{ id: 'u1', number: 'A10001', name: 'Sol & Måne' }],
  placements: [{ childId: 'c1', unitId: 'u1', dagplejerId: null }],
  custody: new Map([['c1', ['g1']]]),
  people: [
    {
      id: 'c1',
      cpr: '0101241234',
      first_name: 'Ida',
      last_name: 'Holm',
      birth_date: '2024-01-01',
      street: 'Vej 1',
      postal_code: '9800',
      city: 'Hjørring',
      protected: true,
    },
    {
      id: 'g1',
      cpr: '0101901234',
      first_name: 'Mette',
      last_name: 'Holm',
      birth_date: '1990-01-01',
      street: 'Vej 1',
      postal_code: '9800',
      city: 'Hjørring',
      protected: true,
    },
  ],
  employees: [{ id: 'e1', unit_id: 'u1', first_name: 'Lone', last_name: '<Leder>', job_type: 'leder' }],
});

describe('Unilogin SOAP client', () => {
  it('renders a full import without the addresses of protected persons, escaped', () => {
    const xml = soapEnvelope(messageOf('d1', 'full', roster, diffRoster(roster, null)));
    expect(xml).toContain('<uni:FullImport>');
    expect(xml).toContain('<uni:InstitutionName>Sol &amp; Måne</uni:InstitutionName>');
    expect(xml).toContain('<uni:FamilyName>&lt;Leder&gt;</uni:FamilyName>');
    expect(xml).toContain('<uni:ContactPerson childCustody="true"><uni:ChildLocalPersonId>c1</uni:ChildLocalPersonId>');
    expect(xml).not.toContain('Vej 1');
    expect(xml).not.toContain('<uni:Address>');
  });

  it('renders a delta with the removed persons and reads accepted and refused answers', () => {
    const diff = diffRoster(roster, { gone: 'child:x' });
    const xml = soapEnvelope(messageOf('d2', 'delta', roster, diff));
    expect(xml).toContain('<uni:Remove><uni:LocalPersonId>gone</uni:LocalPersonId></uni:Remove>');
    expect(parseAnswer('<Envelope><Body><Kvittering>K-1</Kvittering></Body></Envelope>')).toEqual({
      accepted: true,
      receipt: 'K-1',
    });
    expect(parseAnswer('<x:Fejl><x:felt>cpr</x:felt><x:kode>U-12</x:kode><x:tekst>Ukendt</x:tekst></x:Fejl>')).toEqual({
      accepted: false,
      errors: [{ field: 'cpr', code: 'U-12', text: 'Ukendt' }],
    });
  });
});
