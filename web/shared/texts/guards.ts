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
  'guard.book.fullTime': ['Fuld tid (40 timer om ugen)', 'Full time (40 hours a week)'],
  'guard.book.why': ['Hvorfor denne dato?', 'Why this date?'],
  'guard.book.laterAge': [
    'Tidligst {date}, fordi {child} først kan starte i dagtilbud fra {earliest}.',
    'From {date} at the earliest, because {child} can only start daycare from {earliest}.',
  ],
  'guard.book.laterFull': [
    'Tidligst {date}, fordi {unit} ikke har en ledig plads før (du ønskede {wished}).',
    'From {date} at the earliest, because {unit} has no free place before then (you wished {wished}).',
  ],
  'guard.book.chosen': [
    'Du har valgt {date} i kalenderen (du ønskede {wished}).',
    'You chose {date} in the calendar (you wished {wished}).',
  ],
  'guard.book.confirm': ['Book pladsen', 'Book the place'],
  'guard.move.title': ['Flyt bookingen?', 'Move the booking?'],
  'guard.move.confirm': ['Flyt bookingen', 'Move the booking'],
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
  'fp.childrenHint': [
    'Folkeregistret har {n} børn under 18 år på din adresse. Ret tallet, hvis det ikke passer.',
    'The population register has {n} children under 18 at your address. Correct the number if it is wrong.',
  ],
  'fp.receiptTitle': ['Ansøgning om økonomisk friplads', 'Application for a reduced fee'],
  'fp.receiptNext': [
    'Kommunen behandler ansøgningen og sender afgørelsen til din digitale post, normalt inden for 4 uger. Bevilges fripladsen, gælder den fra {month}.',
    'The municipality handles the application and sends the decision to your digital post, usually within 4 weeks. If granted, it applies from {month}.',
  ],
  'fp.receiptFollow': [
    'Se status under “Mine ansøgninger” herunder og afgørelsen i',
    'See the status under “My applications” below and the decision in',
  ],
  'fp.yes': ['Ja', 'Yes'],
  'fp.no': ['Nej', 'No'],
  'pl.receiptTitle': ['Ansøgning om plads til {child}', 'Application for a place for {child}'],
  'pl.receiptWishes': ['Ønsker', 'Wishes'],
  'pl.receiptNext': [
    '{child} er skrevet op på ventelisten. Kommunen sender tilbud om plads i din digitale post; du har {days} dage til at svare.',
    '{child} is on the waitlist. The municipality sends an offer of a place to your digital post; you have {days} days to reply.',
  ],
  'pl.receiptGuarantee': [
    'Kommunen skal tilbyde en plads senest {date} (garantidato).',
    'The municipality must offer a place by {date} (guarantee date).',
  ],
  'pl.receiptFollow': [
    'Følg placeringen på ventelisten her på siden under barnets navn. Breve finder du i',
    'Follow the waitlist position on this page under the child’s name. Letters are in',
  ],
  'pl.maxWishes': [
    'Du kan ønske op til {n} institutioner for et barn på {age} på behovsdatoen (kommunens regler).',
    'You can wish for up to {n} units for a child aged {age} on the date needed (the municipality’s rules).',
  ],
  'pl.kindSuggested': [
    'Valgt ud fra {child}s alder på behovsdatoen. Kun pladstyper, der passer til alderen, kan vælges.',
    'Chosen from {child}’s age on the date needed. Only kinds of place that fit the age can be chosen.',
  ],
  'pl.earliestAge': [
    'Tidligst {date}, fordi børn tidligst kan starte i dagtilbud, når de er {rule} gamle.',
    'From {date} at the earliest, because children can start daycare from the age of {rule}.',
  ],
  'pl.weeks': ['{n} uger', '{n} weeks'],
  'pl.months': ['{n} måneder', '{n} months'],
  'pl.guaranteeWhy': ['Garantidato {date}, fordi {reason}.', 'Guarantee date {date}, because {reason}.'],
  'pl.guarantee.needed': ['det er din behovsdato', 'it is your date needed'],
  'pl.guarantee.three-months': [
    'kommunen har mindst 3 måneder fra ansøgningen til at finde en plads',
    'the municipality has at least 3 months from the application to find a place',
  ],
  'pl.guarantee.age': [
    'pladsgarantien først gælder, når barnet er 26 uger, og en plads ønsket fra 26 uger kan komme op til 4 uger senere',
    'the guarantee only applies from 26 weeks of age, and a place wanted from 26 weeks may come up to 4 weeks later',
  ],
  'pl.guarantee.guarantee-day': [
    'datoen flyttes til næste hverdag (ikke weekend, helligdag, grundlovsdag eller juleaften)',
    'the date moves to the next working day (not a weekend, public holiday, Constitution Day or Christmas Eve)',
  ],
  'pl.seniorityDone': ['Opskrevet {date}', 'Registered {date}'],
  'pl.seniorityFuture': [
    'Opskrives {date}; anciennitet tæller fra den dag',
    'Registered on {date}; seniority counts from that day',
  ],
  'pl.seniorityLabel': ['Anciennitet', 'Seniority'],
} satisfies Record<string, readonly [string, string]>;
