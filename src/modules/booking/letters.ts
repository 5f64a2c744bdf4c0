// Letter content for bookings (confirmation, move, cancellation), as LetterDrafts for the letters platform.
import type { LocalDate } from '../../shared/index.js';

import type { LetterDraft } from '../../platform/letters/index.js';
export type { LetterDraft };

export interface BookingFacts {
  childName: string;
  childId: string;
  unitName: string;
  address: string;
  start: LocalDate;
  end: LocalDate;
  changeDeadline: LocalDate;
}

const da = (d: LocalDate) =>
  `${d.day}. ${['januar', 'februar', 'marts', 'april', 'maj', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'december'][d.month - 1]} ${d.year}`;

const placeTable = (b: BookingFacts) => ({
  table: {
    columns: ['', ''],
    rows: [
      ['Barn', b.childName],
      ['Enhed', b.unitName],
      ['Adresse', b.address],
      ['Start', da(b.start)],
      ['Pladsen gælder til og med', da(b.end)],
    ],
  },
});

/** A booking the municipality made, moved or cancelled on the family's behalf: why, and what else it meant. */
export interface BehalfLetter {
  reason: string;
  hours?: number;
  lines?: string[];
}

const behalfBlocks = (w: BehalfLetter) => [
  { text: `Begrundelse: ${w.reason}` },
  ...(w.lines ?? []).map((text) => ({ text })),
];

export function bookingConfirmation(b: BookingFacts, recipients: string[], behalf?: BehalfLetter): LetterDraft {
  return {
    kind: 'booking',
    subject: `Bekræftelse: plads til ${b.childName} i ${b.unitName}`,
    recipients,
    childId: b.childId,
    blocks: behalf
      ? [
          { heading: 'Kommunen har booket en plads på jeres vegne' },
          {
            text: `Pladsanvisningen har booket en plads til ${b.childName}${behalf.hours ? `, ${behalf.hours} timer om ugen` : ''}. Pladsen er hermed tildelt.`,
          },
          placeTable(b),
          ...behalfBlocks(behalf),
          { text: `I kan flytte eller afmelde bookingen i Spire frem til ${da(b.changeDeadline)}.` },
        ]
      : [
          { heading: 'Din booking er bekræftet' },
          { text: `Du har booket en plads til ${b.childName}. Pladsen er hermed tildelt; du skal ikke gøre mere.` },
          placeTable(b),
          { text: `Du kan flytte eller afmelde bookingen i Spire frem til ${da(b.changeDeadline)}.` },
        ],
  };
}

export function bookingMoved(b: BookingFacts, recipients: string[], behalf?: BehalfLetter): LetterDraft {
  return {
    kind: 'booking',
    subject: `Booking flyttet: ${b.childName}`,
    recipients,
    childId: b.childId,
    blocks: [
      { heading: behalf ? 'Kommunen har flyttet bookingen på jeres vegne' : 'Din booking er flyttet' },
      { text: `Bookingen for ${b.childName} er ændret. Den nye plads:` },
      placeTable(b),
      ...(behalf ? behalfBlocks(behalf) : []),
      { text: `Du kan flytte eller afmelde bookingen i Spire frem til ${da(b.changeDeadline)}.` },
    ],
  };
}

export function bookingCancelled(b: BookingFacts, recipients: string[], behalf?: BehalfLetter): LetterDraft {
  return {
    kind: 'booking',
    subject: `Booking afmeldt: ${b.childName}`,
    recipients,
    childId: b.childId,
    blocks: [
      { heading: behalf ? 'Kommunen har afmeldt bookingen på jeres vegne' : 'Din booking er afmeldt' },
      {
        text: `Bookingen af pladsen i ${b.unitName} fra ${da(b.start)} for ${b.childName} er afmeldt, og pladsen er givet fri.`,
      },
      ...(behalf ? behalfBlocks(behalf) : []),
    ],
  };
}
