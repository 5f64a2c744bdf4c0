// Letter content for offers, decisions and withdrawal confirmations (Danish), sent with src/platform/letters.
import type { LetterDraft } from '../../platform/letters/index.js';

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
export const dateDa = (s: string) => {
  const [y, m, d] = s.split('-').map(Number);
  return `${d}. ${MONTHS[m! - 1]} ${y}`;
};

export interface OfferFacts {
  childId: string;
  childName: string;
  guardians: string[];
  unitName: string;
  start: string;
  hours: number;
  deadline: string;
  explanation: string;
  guarantee: boolean;
}

export function offerLetter(o: OfferFacts): LetterDraft {
  return {
    kind: 'offer',
    subject: `Tilbud om plads til ${o.childName} i ${o.unitName}`,
    recipients: o.guardians,
    childId: o.childId,
    blocks: [
      { heading: 'Tilbud om plads' },
      {
        text: `Vi kan tilbyde ${o.childName} en plads i ${o.unitName} fra ${dateDa(o.start)}${o.hours === 30 ? ' (deltid, 30 timer om ugen)' : ''}.`,
      },
      {
        table: {
          columns: ['', ''],
          rows: [
            ['Institution', o.unitName],
            ['Start', dateDa(o.start)],
            ['Timer pr. uge', String(o.hours)],
            ['Svarfrist', dateDa(o.deadline)],
          ],
        },
      },
      { text: o.explanation },
      ...(o.guarantee ? [{ text: 'Tilbuddet opfylder pasningsgarantien (dagtilbudslovens § 23).' }] : []),
      {
        text: `Du skal svare senest ${dateDa(o.deadline)} på borgerportalen under "Pladser og ventelister". Svarer du ikke, bortfalder tilbuddet, og barnet står fortsat på ventelisten til de øvrige ønsker.`,
      },
    ],
  };
}

export function decisionLetter(o: {
  childId: string;
  childName: string;
  guardians: string[];
  unitName: string;
  start: string;
  hours: number;
  ended?: { unitName: string; lastDay: string } | null;
}): LetterDraft {
  return {
    kind: 'decision',
    subject: `Afgørelse: plads til ${o.childName} i ${o.unitName}`,
    recipients: o.guardians,
    childId: o.childId,
    blocks: [
      { heading: 'Bekræftelse af plads' },
      {
        text: `Du har takket ja. ${o.childName} er indmeldt i ${o.unitName} fra ${dateDa(o.start)}, ${o.hours} timer om ugen.`,
      },
      ...(o.ended
        ? [{ text: `Pladsen i ${o.ended.unitName} ophører automatisk med sidste dag ${dateDa(o.ended.lastDay)}.` }]
        : []),
      { text: 'Du kan klage over afgørelsen til kommunen inden 4 uger.' },
    ],
  };
}

export function withdrawalLetter(o: {
  childId: string;
  childName: string;
  guardians: string[];
  unitName: string;
  lastDay: string;
  /** A caseworker waived the notice period: why. */
  noticeWaived?: string | null;
}): LetterDraft {
  return {
    kind: 'withdrawal',
    subject: `Bekræftelse af udmeldelse: ${o.childName}`,
    recipients: o.guardians,
    childId: o.childId,
    blocks: [
      { heading: 'Bekræftelse af udmeldelse' },
      { text: `${o.childName} er udmeldt af ${o.unitName}. Sidste dag med plads og betaling er ${dateDa(o.lastDay)}.` },
      ...(o.noticeWaived ? [{ text: `Kommunen har frafaldet opsigelsesvarslet. Begrundelse: ${o.noticeWaived}` }] : []),
    ],
  };
}

/** A letter about something a caseworker did on the family's behalf: what, why, and how to complain. */
export function caseworkLetter(o: {
  childId: string;
  guardians: string[];
  subject: string;
  heading: string;
  lines: string[];
  reason: string;
  decision: boolean;
}): LetterDraft {
  return {
    kind: o.decision ? 'decision' : 'casework',
    subject: o.subject,
    recipients: o.guardians,
    childId: o.childId,
    blocks: [
      { heading: o.heading },
      ...o.lines.map((text) => ({ text })),
      { text: `Begrundelse: ${o.reason}` },
      ...(o.decision
        ? [
            {
              text: 'Du kan klage over afgørelsen til kommunen inden 4 uger. Kontakt pladsanvisningen, hvis noget er forkert.',
            },
          ]
        : [{ text: 'Kontakt pladsanvisningen, hvis noget er forkert.' }]),
    ],
  };
}
