// Texts of the citizen form patterns (web/shared/steps.tsx: step indicator, error summary, summary before submit).
export const formTexts = {
  'form.steps': ['Trinindikator', 'Steps'],
  'form.stepOf': ['Trin {i} af {n}', 'Step {i} of {n}'],
  'form.stepDone': ['udfyldt', 'done'],
  'form.next': ['Næste', 'Next'],
  'form.back': ['Tilbage', 'Back'],
  'form.edit': ['Ret', 'Change'],
  'form.error': ['Fejl', 'Error'],
  'form.errorsOne': ['Der er 1 fejl i formularen', 'There is 1 error in the form'],
  'form.errors': ['Der er {n} fejl i formularen', 'There are {n} errors in the form'],
  'form.summary': ['Opsummering', 'Summary'],
  'form.summaryLead': [
    'Kontrollér oplysningerne, før du sender. Du kan rette hvert punkt.',
    'Check the details before you send. You can change each item.',
  ],
  'form.startOver': ['Start forfra', 'Start again'],
  'form.sentAt': ['Sendt', 'Sent'],
  // The stepped application for a place (web/citizen/placement-apply.tsx)
  'apply.step.child': ['Barn og behovsdato', 'Child and date needed'],
  'apply.step.wishes': ['Ønsker', 'Wishes'],
  'apply.step.hours': ['Timer', 'Hours'],
  'apply.err.date': ['Vælg den dato, du har brug for en plads fra.', 'Choose the date you need a place from.'],
  'apply.err.kind': ['Vælg en pladstype.', 'Choose a kind of place.'],
  'apply.hoursHint': [
    '30 timer om ugen kan vælges, når en forælder er på barsels- eller forældreorlov.',
    '30 hours a week can be chosen while a parent is on maternity or parental leave.',
  ],
  'apply.dates': ['Datoer, kommunen regner ud', 'Dates the municipality works out'],
  'apply.again': ['Søg plads til et barn mere', 'Apply for another child'],
  // Receipts after changes on "Pladser og ventelister"
  'rc.accept': ['Ja tak til plads i {unit}', 'Acceptance of a place at {unit}'],
  'rc.decline': ['Nej tak til plads i {unit}', 'Declining a place at {unit}'],
  'rc.declineNext': [
    'Tilbuddet er afslået. Kommunen registrerer svaret; se konsekvensen for ventelisten her på siden.',
    'The offer is declined. The municipality registers your answer; see what it means for the waitlist on this page.',
  ],
  'rc.withdrawApp': ['Tilbagetrækning af ansøgning for {child}', 'Withdrawal of the application for {child}'],
  'rc.withdrawAppNext': [
    'Ansøgningen er trukket tilbage, og barnet står ikke længere på ventelisten til den.',
    'The application is withdrawn and the child is no longer on its waitlist.',
  ],
  'rc.udmeld': ['Udmeldelse af {child} fra {unit}', 'Withdrawal of {child} from {unit}'],
  'rc.lastDay': ['Sidste dag', 'Last day'],
  'rc.change': ['Ændring af ansøgning for {child}', 'Change of the application for {child}'],
  'rc.wishes': ['Ændrede ønsker for {child}', 'Changed wishes for {child}'],
  // Booking a place: choose → summary → receipt (web/citizen/book-summary.tsx)
  'bk.step.choose': ['Vælg plads', 'Choose a place'],
  'bk.step.receipt': ['Kvittering', 'Receipt'],
  'bk.summary': ['Opsummering: book pladsen', 'Summary: book the place'],
  'bk.summaryMove': ['Opsummering: flyt bookingen', 'Summary: move the booking'],
  'bk.why.wished': ['Den dato, du ønskede.', 'The date you wished.'],
  'bk.why.until': [
    'Pladsen gælder, til barnet skal videre: fra vuggestue til børnehave, eller i skole.',
    'The place lasts until the child moves on: from nursery to kindergarten, or to school.',
  ],
  'bk.deadline': ['Du kan ændre bookingen til og med', 'You can change the booking until'],
  'bk.why.deadline': [
    'Kommunens regel: en booking kan flyttes eller afmeldes indtil {n} dage før start.',
    'The municipality’s rule: a booking can be moved or cancelled until {n} days before it starts.',
  ],
  'bk.receipt': ['Booking af plads til {child}', 'Booking of a place for {child}'],
  'bk.receiptMoved': ['Flytning af booking for {child}', 'Moving the booking for {child}'],
  'bk.follow': [
    'Se, flyt eller afmeld bookingen under “Mine bookinger” på denne side. Bekræftelsen ligger i',
    'See, move or cancel the booking under “My bookings” on this page. The confirmation is in',
  ],
  'bk.again': ['Søg en plads mere', 'Search for another place'],
  'bk.err.wished': [
    'Vælg en ønsket startdato fra {date} eller senere.',
    'Choose a wished start date on or after {date}.',
  ],
  'sub.receiptFollow': [
    'Følg ansøgningen under “Jeres sager” herunder. Afgørelsen kommer i',
    'Follow the application under “Your cases” below. The decision arrives in',
  ],
} satisfies Record<string, readonly [string, string]>;
