// Loads a stored letter with its sender and recipients and renders it to PDF.
import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { lettersError } from './contract.js';
import { LocalDate } from '../../shared/index.js';
import { renderLetterPdf } from './pdf.js';
import type { LetterBlock } from './letters.js';

const MONTHS = [
  'januar',
  'februar',
  'marts',
  'april',
  'maj',
  'juni',
  'juli',
  'august',
  'september',
  'oktober',
  'november',
  'december',
];
export const danishDate = (d: string) => {
  const x = LocalDate.parse(d);
  return `${x.day}. ${MONTHS[x.month - 1]} ${x.year}`;
};

export async function renderLetter(db: Db, letterId: string) {
  const letter = await db
    .selectFrom('letter')
    .leftJoin('municipality as m', 'm.code', 'letter.municipality_code')
    .select([
      'letter.id',
      'letter.kind',
      'letter.subject',
      'letter.letter_date',
      'letter.content',
      'letter.municipality_code',
      'm.name as municipality',
    ])
    .where('letter.id', '=', letterId)
    .executeTakeFirst();
  if (!letter) throw lettersError('letters.not-found');
  const recipients = await db
    .selectFrom('letter_recipient as r')
    .innerJoin('person as p', 'p.id', 'r.person_id')
    .leftJoin('residence as res', (j) =>
      j.onRef('res.person_id', '=', 'p.id').on(sql<boolean>`res.valid @> ${letter.letter_date}::date`),
    )
    .leftJoin('household as h', 'h.id', 'res.household_id')
    .select(['p.first_name', 'p.last_name', 'p.address_protected', 'h.street', 'h.postal_code', 'h.city'])
    .where('r.letter_id', '=', letterId)
    .orderBy('p.last_name')
    .orderBy('p.first_name')
    .execute();
  const first = recipients[0];
  const senderName = letter.municipality ? `${letter.municipality} Kommune` : 'Spire';
  const pdf = await renderLetterPdf({
    sender: senderName,
    date: danishDate(letter.letter_date),
    subject: letter.subject,
    reference: letter.id.slice(0, 8),
    recipientLines: [
      recipients.map((r) => `${r.first_name} ${r.last_name}`).join(' og '),
      // Navne- og adressebeskyttelse: no address on a letter to or about a protected person (it goes by Digital Post).
      ...(first?.street && !recipients.some((r) => r.address_protected)
        ? [first.street, `${first.postal_code} ${first.city}`]
        : []),
    ],
    blocks: letter.content as LetterBlock[],
  });
  return { pdf, letter, senderName };
}
