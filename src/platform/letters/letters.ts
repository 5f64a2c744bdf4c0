// Letters to families: stored as structured content (rendered to PDF on demand), one inbox row per recipient,
// and one queued Digital Post message per recipient. Cheap enough for a billing run's tens of thousands.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import type { LocalDate } from '../../shared/index.js';

export type LetterBlock =
  | { heading: string }
  | { text: string }
  | { table: { columns: string[]; rows: string[][]; alignRight?: number[] } };

export interface LetterDraft {
  /** Short machine name: offer, decision, withdrawal, booking, invoice, friplads … */
  kind: string;
  /** Danish subject line. */
  subject: string;
  /** Person ids of the guardians who receive it. */
  recipients: string[];
  childId?: string | null;
  blocks: LetterBlock[];
}

const CHUNK = 2000;

/** The rows one letter is stored as: the letter, and an inbox row and a queued Digital Post message per recipient. */
export function letterRows(d: LetterDraft, id: string, municipalityCode: string | null, today: LocalDate) {
  const recipients = [...new Set(d.recipients)].map((person_id) => ({ letter_id: id, person_id }));
  return {
    letter: {
      id,
      kind: d.kind,
      subject: d.subject,
      child_id: d.childId ?? null,
      letter_date: today.toString(),
      municipality_code: municipalityCode,
      content: JSON.stringify(d.blocks),
    },
    recipients,
  };
}

/** Inserts the letters, their recipients and their Digital Post messages; returns the letter ids in order. */
export async function sendLetters(db: Db, drafts: LetterDraft[], today: LocalDate): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < drafts.length; i += CHUNK) {
    const chunk = drafts.slice(i, i + CHUNK);
    const senders = await senderMunicipalities(
      db,
      chunk.map((d) => d.recipients[0]).filter((p): p is string => !!p),
      today,
    );
    const rows = chunk.map((d) =>
      letterRows(d, randomUUID(), d.recipients[0] ? (senders.get(d.recipients[0]) ?? null) : null, today),
    );
    await db
      .insertInto('letter')
      .values(rows.map((r) => r.letter))
      .execute();
    const recipients = rows.flatMap((r) => r.recipients);
    if (recipients.length) {
      await db.insertInto('letter_recipient').values(recipients).execute();
      await db.insertInto('digital_post_message').values(recipients).execute();
    }
    ids.push(...rows.map((r) => r.letter.id));
  }
  return ids;
}

/** The municipality each person lives in on `today` (the letter's sender). */
async function senderMunicipalities(db: Db, personIds: string[], today: LocalDate): Promise<Map<string, string>> {
  if (!personIds.length) return new Map();
  const rows = await db
    .selectFrom('residence')
    .innerJoin('household', 'household.id', 'residence.household_id')
    .select(['residence.person_id', 'household.municipality_code'])
    .where('residence.person_id', 'in', [...new Set(personIds)])
    .where(sql<boolean>`residence.valid @> ${today.toString()}::date`)
    .execute();
  return new Map(rows.map((r) => [r.person_id, r.municipality_code]));
}

/** Retention (issue 16): the letters about these children. */
export async function lettersAbout(db: Db, childIds: string[]): Promise<string[]> {
  if (!childIds.length) return [];
  const rows = await db.selectFrom('letter').select('id').where('child_id', 'in', childIds).execute();
  return rows.map((r) => r.id);
}

/** Deletes letters with their recipients and Digital Post messages; returns how many. */
export async function eraseLetters(trx: Db, ids: string[]): Promise<number> {
  if (!ids.length) return 0;
  const r = await trx.deleteFrom('letter').where('id', 'in', ids).executeTakeFirst();
  return Number(r.numDeletedRows);
}
