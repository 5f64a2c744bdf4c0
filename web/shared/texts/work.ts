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
  'work.billingFailed': [
    'Opkrævningskørslen for {month} fejlede – start den igen',
    'The billing run for {month} failed – start it again',
  ],
  'work.billingRunning': ['Opkrævningen for {month} kører nu', 'Billing for {month} is running now'],
  'work.billingNotRun': ['Opkrævningen for {month} er ikke kørt endnu', 'Billing for {month} has not been run yet'],
  'work.billingWarnings': ['{count} advarsler i kørslen for {month}', '{count} warnings in the run for {month}'],
  'work.billingDrafts': [
    '{count} fakturaer for {month} venter på at blive sendt',
    '{count} invoices for {month} are waiting to be sent',
  ],
  'work.billingNotClosed': [
    'Opkrævningen for {month} er sendt ({count} fakturaer), men måneden er ikke lukket',
    'Billing for {month} is sent ({count} invoices), but the month is not closed',
  ],
  'work.billingNotExported': [
    '{count} fakturaer for {month} er ikke overført til debitorsystemet',
    '{count} invoices for {month} are not exported to the debtor system',
  ],
  'work.billingDone': [
    'Opkrævningen for {month} er lukket og overført ({count} fakturaer)',
    'Billing for {month} is closed and exported ({count} invoices)',
  ],
  'work.fripladsSubmitted': [
    '{count} ansøgninger om økonomisk friplads venter på afgørelse',
    '{count} friplads applications await a decision',
  ],
  'work.subsidyCases': [
    '{count} ansøgninger om tilskud venter på afgørelse',
    '{count} subsidy applications await a decision',
  ],
  'work.subsidyCasesBy': ['første frist {date}', 'first deadline {date}'],
  'work.payoutApproved': [
    'Udbetalingen af tilskud for {month} er godkendt ({count} linjer)',
    'The subsidy payout for {month} is approved ({count} lines)',
  ],
  'work.payoutNotApproved': [
    'Udbetalingen af tilskud for {month} er ikke godkendt endnu ({count} sager)',
    'The subsidy payout for {month} is not approved yet ({count} cases)',
  ],
  'work.tone.danger': ['Haster', 'Urgent'],
  'work.tone.warning': ['Bemærk', 'Note'],
} as const;
