// Fictitious CPR register data for tests: fresh numbers per call, in the SF1520 answer shape (docs/formats/cpr.md),
// served by a LocalCprRegister made for the test.
import { randomInt, randomUUID } from 'node:crypto';
import { LocalDate, makeCpr } from '../src/shared/index.js';
import { LocalCprRegister } from '../src/modules/people/cpr/index.js';

let serial = randomInt(1, 1_000_000);
export const aCprNumber = (birth: LocalDate, sex: 'female' | 'male') => makeCpr(birth, sex, ++serial * 7919);

export interface AddressSpec {
  street?: string;
  kommunekode?: string;
  postnummer?: string;
  city?: string;
}
export const anAddress = (a: AddressSpec = {}) => ({
  darId: randomUUID(),
  kommunekode: a.kommunekode ?? '0860',
  vejnavn: a.street ?? `Testvej ${randomInt(1, 10_000)}`,
  husnummer: String(randomInt(1, 99)),
  postnummer: a.postnummer ?? '9800',
  postdistrikt: a.city ?? 'Hjørring',
});

/** A family in register shape: a mother, a father (own address unless `together`) and a child of two. */
export function aCprFamily(opts: { protectedMother?: boolean; motherStreet?: string; together?: boolean } = {}) {
  const childBirth = LocalDate.of(2024, 3, 3);
  const mother = aCprNumber(LocalDate.of(1991, 4, 4), 'female');
  const father = aCprNumber(LocalDate.of(1989, 9, 9), 'male');
  const child = aCprNumber(childBirth, 'female');
  const home = { ...anAddress({ street: opts.motherStreet }), tilflytningsdato: '2024-03-03' };
  const fatherHome = opts.together ? home : { ...anAddress(), tilflytningsdato: '2024-03-03' };
  const person = (cpr: string, fornavn: string, born: string, koen: 'K' | 'M', adr: object, extra: object = {}) => ({
    persondata: {
      personnummer: cpr,
      navn: { fornavn, efternavn: `Test${serial}` },
      foedselsdato: born,
      koen,
      status: { status: 1 },
      ...extra,
    },
    adresse: { aktuelAdresse: adr },
  });
  const protection = opts.protectedMother ? { adressebeskyttelse: { beskyttet: true } } : {};
  const persons = [
    {
      ...person(mother, 'Mor', '1991-04-04', 'K', home, protection),
      relationer: { barn: [{ personnummer: child }] },
    },
    { ...person(father, 'Far', '1989-09-09', 'M', fatherHome), relationer: { barn: [{ personnummer: child }] } },
    {
      ...person(child, 'Barn', childBirth.toString(), 'K', home, protection),
      relationer: {
        foraeldremyndighed: [
          { foraeldremyndighedtype: 3, relationPersonnummer: mother, foraeldremyndighedStartdato: '2024-03-03' },
          { foraeldremyndighedtype: 4, relationPersonnummer: father, foraeldremyndighedStartdato: '2024-03-03' },
        ],
      },
    },
  ];
  return { mother, father, child, home, fatherHome, persons, register: new LocalCprRegister({ persons }) };
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
/** The CPR-like numbers (ten digits, a dash after six allowed) in a text, leaving out its UUIDs: about one UUID in
 *  forty holds ten digits in a row, which a plain regex would take for a CPR number. */
export const cprLike = (text: string) => text.replace(UUID, '').match(/\d{6}-?\d{4}/g) ?? [];
