// The staff app's component library ([da, en]): tables, dialogs; the demo picker's line per persona (who they are and
// what to try).
export const uiTexts = {
  'table.filter': ['Filtrér tabellen', 'Filter the table'],
  'table.matches': ['{n} af {total} rækker passer', '{n} of {total} rows match'],
  'table.empty': ['Ingen rækker passer til filteret.', 'No rows match the filter.'],
  'table.sortAsc': ['Sortér stigende', 'Sort ascending'],
  'table.sortDesc': ['Sortér faldende', 'Sort descending'],
  'dialog.close': ['Luk', 'Close'],
  'persona.guardian': [
    'Forælder. Prøv: se jeres børn og pladser, book eller søg plads, meld fravær, se betaling og post.',
    'Parent. Try: see your children and places, book or apply for a place, report absence, see payments and post.',
  ],
  'persona.caseworker': [
    'Pladsanviser i kommunen. Prøv: indbakken, ventelisten, garantien og en fordelingsrunde med tilbud.',
    'Placement officer. Try: the inbox, the waiting list, the guarantee and an allocation round with offers.',
  ],
  'persona.finance': [
    'Økonomimedarbejder. Prøv: kør månedens opkrævning, send og luk den, godkend udbetaling af tilskud.',
    'Finance officer. Try: run the month’s billing, send and close it, approve the subsidy payout.',
  ],
  'persona.consultant': [
    'Pædagogisk konsulent. Prøv: belægning 12 måneder frem, normering og institutionernes fremmøde.',
    'Pedagogical consultant. Try: occupancy 12 months ahead, staffing ratios and the units’ attendance.',
  ],
  'persona.management': [
    'Dagtilbudschef. Prøv: belægning, politiksimulatoren og indberetninger til Danmarks Statistik.',
    'Head of daycare. Try: occupancy, the policy simulator and the reports to Statistics Denmark.',
  ],
  'persona.admin': [
    'Systemadministrator. Prøv: brugere, kommunens regler som formularer, demo-uret og auditloggen.',
    'System administrator. Try: users, the municipality’s rules as forms, the demo clock and the audit log.',
  ],
  'persona.unit_leader': [
    'Institutionsleder. Prøv: dagens fremmøde, lukkedage, medarbejdere og institutionens belægning.',
    'Unit leader. Try: today’s attendance, closing days, employees and the unit’s occupancy.',
  ],
  'persona.unit_staff': [
    'Pædagog på en institution. Prøv: dagens fremmøde – tjek børn ind og ud.',
    'Pedagogue at a unit. Try: today’s attendance – check children in and out.',
  ],
} as const;
