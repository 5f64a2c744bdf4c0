// The staff home's "work for today" ([da, en]); keys are what the modules' work.ts send.
export const workTexts = {
  'work.heading': ['Dit arbejde i dag', 'Your work today'],
  'work.none': ['Intet venter på dig i dag.', 'Nothing is waiting for you today.'],
  'work.areas': ['Dine områder', 'Your areas'],
  'work.inbox': ['{count} opgaver i indbakken', '{count} tasks in the inbox'],
  'work.guaranteeBreached': [
    '{count} børn har passeret garantidatoen',
    '{count} children are past their guarantee date',
  ],
  'work.guaranteeRisk': ['{count} børn nærmer sig garantidatoen', '{count} children are near their guarantee date'],
  'work.offersPending': ['{count} pladstilbud venter på svar', '{count} offers await an answer'],
  'work.offersPendingBy': ['første svarfrist {date}', 'first deadline {date}'],
  'work.unitPlaced': [
    '{unit}: {count} børn i dag, {present} er kommet',
    '{unit}: {count} children today, {present} have arrived',
  ],
  'work.unitAway': ['{unit}: {count} syge eller fraværende ({sick} syge)', '{unit}: {count} ill or away ({sick} ill)'],
  'work.closingDays': [
    '{unit}: {count} lukkedage de næste 14 dage, første {date}',
    '{unit}: {count} closing days in the next 14 days, first {date}',
  ],
} as const;
