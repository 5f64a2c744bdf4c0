// UI texts of guarded actions (confirmation dialogs, progress, receipts, undo) and rule-aware citizen forms: [da, en].
export const guardTexts = {
  'guard.cancel': ['Annullér', 'Cancel'],
  'guard.irreversible': ['Handlingen kan ikke fortrydes.', 'This cannot be undone.'],
  // Allocation round
  'guard.round.title': ['Godkend runden og send tilbud?', 'Approve the round and send offers?'],
  'guard.round.summary': [
    '{offers} tilbud til {units} institutioner. {letters} breve sendes til familierne med svarfrist.',
    '{offers} offers to {units} units. {letters} letters go to the families with a reply deadline.',
  ],
  'guard.round.caption': ['Tilbud pr. institution', 'Offers per unit'],
  'guard.round.count': ['Tilbud', 'Offers'],
  'guard.round.unplaced': ['{n} ansøgere får ikke tilbud i denne runde.', '{n} applicants get no offer in this round.'],
  'guard.round.consequence': [
    'Tilbud og breve kan ikke kaldes tilbage. Et tilbud kan kun ændres ved at familien takker nej.',
    'Offers and letters cannot be recalled. An offer only changes when the family declines it.',
  ],
  'guard.round.running': ['Sender {n} tilbud og breve …', 'Sending {n} offers and letters …'],
  'guard.job.title': ['Kør {job} nu?', 'Run {job} now?'],
  'guard.job.aarsrulning': [
    'Alle børn, der skal skifte tilbud (vuggestue → børnehave → SFO → klub), får deres næste plads oprettet, og familierne får brev.',
    'Every child due to move on (nursery → kindergarten → SFO → club) gets the next place created, and the families get a letter.',
  ],
  'guard.job.continuous': [
    'Ledige pladser fordeles til ventelisten efter reglerne, og familierne får tilbud med brev.',
    'Free places are offered to the waitlist by the rules, and the families get offers by letter.',
  ],
  'guard.job.consequence': [
    'Oprettede pladser og sendte tilbud kan ikke kaldes tilbage.',
    'Created places and sent offers cannot be recalled.',
  ],
  'guard.job.running': ['Kører …', 'Running …'],
  // Billing
  'guard.run.title': ['Start kørslen for {month}?', 'Start the run for {month}?'],
  'guard.run.summary': [
    'Kørslen beregner fakturakladder for alle betalere i kommunen for {month} og retter tidligere måneder.',
    'The run computes draft invoices for every payer in the municipality for {month} and corrects earlier months.',
  ],
  'guard.run.summaryPreview': [
    '{payers} betalere, {lines} linjer ({corrections} rettelser), i alt {total}.',
    '{payers} payers, {lines} lines ({corrections} corrections), {total} in total.',
  ],
  'guard.run.consequence': [
    'Kladder sendes ikke, før du vælger “Send fakturaer”. En ny kørsel erstatter kladderne.',
    'Drafts are not sent until you choose “Send invoices”. A new run replaces the drafts.',
  ],
  'guard.run.running': ['Kørslen er i gang …', 'The run is in progress …'],
  'guard.send.title': ['Send fakturaerne for {month}?', 'Send the invoices for {month}?'],
  'guard.send.summary': [
    '{n} fakturaer til {payers} betalere, i alt {total}. Hver betaler får et brev i Digital Post.',
    '{n} invoices to {payers} payers, {total} in total. Each payer gets a letter by Digital Post.',
  ],
  'guard.send.consequence': [
    'Sendte fakturaer kan ikke kaldes tilbage; fejl rettes af næste måneds kørsel.',
    'Sent invoices cannot be recalled; mistakes are corrected by next month’s run.',
  ],
  'guard.send.running': ['Sender {n} fakturaer …', 'Sending {n} invoices …'],
  'guard.close.title': ['Luk {month}?', 'Close {month}?'],
  'guard.close.summary': [
    '{n} sendte fakturaer til {payers} betalere, i alt {total}. Der kan ikke køres flere kørsler for måneden.',
    '{n} sent invoices to {payers} payers, {total} in total. No more runs can be made for the month.',
  ],
  'guard.close.consequence': [
    'Måneden kan genåbnes med en begrundelse, indtil fakturaerne er eksporteret til debitorsystemet.',
    'The month can be reopened with a reason until the invoices have been exported to the debtor system.',
  ],
  'guard.close.running': ['Lukker måneden …', 'Closing the month …'],
  'guard.close.neverBilled': [
    'Måneden er ikke kørt endnu: start en kørsel først.',
    'The month has not been run yet: start a run first.',
  ],
  'guard.close.drafts': ['Send kladderne først.', 'Send the drafts first.'],
  'billing.reopen': ['Genåbn måneden', 'Reopen the month'],
  'billing.reopen.reason': ['Begrundelse for genåbning', 'Reason for reopening'],
  'billing.reopen.hint': [
    'Begrundelsen gemmes i auditloggen. Eksporterede måneder kan ikke genåbnes.',
    'The reason is kept in the audit log. Exported months cannot be reopened.',
  ],
  'billing.reopen.title': ['Genåbn {month}?', 'Reopen {month}?'],
  'billing.reopen.summary': [
    'Måneden åbnes igen for kørsler. Nye kørsler retter de {n} sendte fakturaer med rettelsesfakturaer.',
    'The month opens for runs again. New runs correct the {n} sent invoices with correction invoices.',
  ],
  'billing.reopen.consequence': ['Begrundelse: “{reason}”', 'Reason: “{reason}”'],
  'billing.reopen.running': ['Genåbner …', 'Reopening …'],
  'billing.reopened': ['{month} er genåbnet.', '{month} has been reopened.'],
  'billing.exported': [
    'Eksporteret til debitorsystemet {date}: rettelser sker i næste måneds kørsel.',
    'Exported to the debtor system on {date}: corrections go into next month’s run.',
  ],
  // Attendance
  'guard.q.title': ['Send ferieforespørgslen?', 'Send the holiday questionnaire?'],
  'guard.q.summary': [
    '“{title}” for {start} – {end} sendes til alle familier med en plads i {municipality}. Svarfrist {deadline}.',
    '“{title}” for {start} – {end} goes to every family with a place in {municipality}. Reply by {deadline}.',
  ],
  'guard.q.consequence': [
    'Forespørgslen kan ikke kaldes tilbage, når den er sendt.',
    'The questionnaire cannot be recalled once sent.',
  ],
  'guard.q.running': ['Sender forespørgslen …', 'Sending the questionnaire …'],
  'term.undo': ['Fortryd', 'Undo'],
  'term.undoFor': ['Fortryd udtjekning af {name}', 'Undo check-out of {name}'],
  'term.undone': ['{name} er tjekket ind igen.', '{name} is checked in again.'],
  'term.undoSeconds': ['({s} sek.)', '({s} s)'],
  // Booking
  'guard.book.title': ['Book pladsen?', 'Book the place?'],
  'guard.book.unit': ['Institution', 'Unit'],
  'guard.book.child': ['Barn', 'Child'],
  'guard.book.start': ['Start', 'Start'],
  'guard.book.hours': ['Timer pr. uge', 'Hours a week'],
  'guard.book.consequence': [
    'Pladsen er bindende fra startdatoen. Du kan afbestille den under “Mine bookinger”, indtil den starter.',
    'The place is binding from the start date. You can cancel it under “My bookings” until it starts.',
  ],
  'guard.book.confirm': ['Book pladsen', 'Book the place'],
  'guard.book.running': ['Booker pladsen …', 'Booking the place …'],
  'guard.cancelBooking.title': ['Afbestil pladsen i {unit}?', 'Cancel the place at {unit}?'],
  'guard.cancelBooking.consequence': [
    'Pladsen gives til andre børn og kan ikke genskabes; du kan booke igen, hvis der er plads.',
    'The place goes to other children and cannot be restored; you may book again if there is room.',
  ],
  'guard.withdraw.title': ['Træk ansøgningen tilbage?', 'Withdraw the application?'],
  'guard.withdraw.summary': [
    '{kind} fra {date} med {n} ønsker. Barnet mister sin plads på ventelisterne.',
    '{kind} from {date} with {n} wishes. The child loses its place on the waitlists.',
  ],
  'guard.udmeld.title': ['Udmeld fra {unit}?', 'Withdraw from {unit}?'],
  'guard.udmeld.summary': [
    'Sidste dag bliver {date} (opsigelsesvarsel). Du betaler til og med den dag.',
    'The last day will be {date} (notice period). You pay up to and including that day.',
  ],
  'guard.offer.accept.title': ['Tag imod pladsen i {unit}?', 'Accept the place at {unit}?'],
  'guard.offer.accept.summary': [
    'Start {date}. Dine andre ønsker for samme type plads bortfalder.',
    'Start {date}. Your other wishes for the same kind of place lapse.',
  ],
  'guard.offer.decline.title': ['Sig nej tak til {unit}?', 'Decline the place at {unit}?'],
  'guard.offer.decline.summary': [
    '{unit} fjernes fra dine ønsker, og pladsen går til det næste barn.',
    '{unit} leaves your wishes, and the place goes to the next child.',
  ],
  // Receipts
  'receipt.heading': ['Kvittering', 'Receipt'],
  'receipt.sent': ['Det har du sendt', 'What you sent'],
  'receipt.next': ['Det sker nu', 'What happens next'],
  'receipt.follow': ['Her følger du sagen', 'Where to follow it'],
  'receipt.ok': ['OK', 'OK'],
} satisfies Record<string, readonly [string, string]>;
