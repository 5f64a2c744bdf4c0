// Refusal codes from the API (each module's contract.ts) as text: [da, en]. `satisfies` makes the compiler stop a
// module that adds a code without its texts.
import type { settingsError } from '../../../src/modules/settings/contract.js';
import type { registryError } from '../../../src/modules/registry/contract.js';
import type { peopleError } from '../../../src/modules/people/contract.js';
import type { attendanceError } from '../../../src/modules/attendance/contract.js';
import type { bookingError } from '../../../src/modules/booking/contract.js';
import type { placementError } from '../../../src/modules/placement/contract.js';
import type { billingError } from '../../../src/modules/billing/contract.js';
import type { lettersError } from '../../../src/platform/letters/contract.js';
import type { systemError } from '../../../src/platform/http/system-routes.js';
import type { usersError } from '../../../src/platform/auth/users/contract.js';
import type { employeesError } from '../../../src/modules/employees/contract.js';
import type { subsidiesError } from '../../../src/modules/subsidies/contract.js';
import type { reportingError } from '../../../src/modules/reporting/contract.js';
import type { uniloginError } from '../../../src/modules/unilogin/contract.js';
import type { retentionError } from '../../../src/modules/retention/contract.js';
import type { serviceplatformenError } from '../../../src/platform/serviceplatformen/errors.js';

type Code =
  | keyof typeof settingsError.codes
  | keyof typeof registryError.codes
  | keyof typeof peopleError.codes
  | keyof typeof attendanceError.codes
  | keyof typeof bookingError.codes
  | keyof typeof placementError.codes
  | keyof typeof billingError.codes
  | keyof typeof lettersError.codes
  | keyof typeof systemError.codes
  | keyof typeof usersError.codes
  | keyof typeof employeesError.codes
  | keyof typeof subsidiesError.codes
  | keyof typeof reportingError.codes
  | keyof typeof uniloginError.codes
  | keyof typeof retentionError.codes
  | keyof typeof serviceplatformenError.codes;

export const errorTexts = {
  'err.users.not-found': ['Brugeren findes ikke.', 'The user does not exist.'],
  'err.users.unit-scope-required': [
    'En institutionsleder eller pædagogisk personale skal have mindst én institution.',
    'A unit leader or unit staff member needs at least one unit.',
  ],
  'err.users.unit-not-found': ['En af de valgte institutioner findes ikke.', 'One of the chosen units does not exist.'],
  'err.users.end-before-start': ['Slutdatoen ligger før startdatoen.', 'The end date is before the start date.'],
  'err.users.oidc-subject-taken': [
    'En anden bruger har allerede dette login-id.',
    'Another user already has this login id.',
  ],
  'err.users.not-yourself': [
    'Du kan ikke afslutte dig selv eller fjerne din egen administratorrolle. Bed en anden administrator.',
    'You cannot end yourself or remove your own administrator role. Ask another administrator.',
  ],
  'err.employees.unit-not-found': ['Enheden findes ikke.', 'The unit does not exist.'],
  'err.employees.not-found': ['Medarbejderen findes ikke.', 'The employee does not exist.'],
  'err.employees.hours-out-of-range': [
    'Timetallet skal være over 0 og højst {max} timer om ugen.',
    'The hours must be above 0 and at most {max} hours a week.',
  ],
  'err.employees.end-before-start': ['Slutdatoen ligger før startdatoen.', 'The end date is before the start date.'],
  'err.employees.dagplejer-only-in-dagpleje': [
    'Dagplejere kan kun være ansat i en dagpleje.',
    'Childminders can only be employed in a childminding unit.',
  ],
  'err.employees.user-not-found': ['Brugeren findes ikke.', 'The user does not exist.'],
  'err.employees.placement-not-found': ['Pladsen findes ikke.', 'The place does not exist.'],
  'err.employees.not-a-dagplejer-of-unit': [
    'Vælg en dagplejer, der er ansat i denne dagpleje i pladsens periode.',
    'Choose a childminder employed in this unit during the placement.',
  ],
  'err.settings.end-before-start': ['Slutdatoen ligger før startdatoen.', 'The end date is before the start date.'],
  'err.settings.invalid-value': [
    'Værdien passer ikke til reglen ({problem}). Intet er gemt.',
    'The value does not fit the rule ({problem}). Nothing was saved.',
  ],
  'err.registry.unit-not-found': ['Enheden findes ikke.', 'The unit does not exist.'],
  'err.registry.nothing-to-change': ['Intet at ændre.', 'Nothing to change.'],
  'err.registry.end-before-start': ['Slutdatoen ligger før startdatoen.', 'The end date is before the start date.'],
  'err.registry.capacity-overlap': [
    'Perioden overlapper en eksisterende kapacitetsperiode for samme aldersgruppe.',
    'The period overlaps an existing capacity period for the same age group.',
  ],
  'err.registry.daginstitution-not-found': ['Daginstitutionen findes ikke.', 'The daginstitution does not exist.'],
  'err.registry.daginstitution-closed': ['Daginstitutionen er lukket.', 'The daginstitution is closed.'],
  'err.registry.closed-before-opened': [
    'Lukkedatoen ligger før åbningsdatoen.',
    'The closing date is before the opening date.',
  ],
  'err.registry.children-after-closing': [
    'Enheden har børn indskrevet efter lukkedatoen. Flyt eller udmeld dem først.',
    'Children are enrolled in the unit after the closing date. Move or unenrol them first.',
  ],
  'err.registry.number-taken': [
    'Nummeret er brugt før. Et nummer i Dagtilbudsregisteret genbruges aldrig.',
    'The number has been used before. A number in the Dagtilbudsregister is never reused.',
  ],
  'err.registry.daginstitution-has-open-units': [
    'Daginstitutionen har åbne enheder efter lukkedatoen. Luk dem først.',
    'The daginstitution has units open after the closing date. Close them first.',
  ],
  'err.registry.alternative-address-not-found': [
    'Den alternative adresse findes ikke.',
    'The alternative address does not exist.',
  ],
  'err.registry.import-has-errors': [
    'Registerudtrækket har fejl. Ret dem, før det kan indlæses.',
    'The register export has errors. Fix them before it can be imported.',
  ],
  'err.registry.import-stale': [
    'Registeret eller Spire er ændret siden forhåndsvisningen. Se den igen.',
    'The register or Spire has changed since the preview. Look at it again.',
  ],
  'err.registry.register-unavailable': [
    'Dagtilbudsregisteret kunne ikke nås.',
    'The Dagtilbudsregister could not be reached.',
  ],
  'err.registry.delivery-not-found': ['Indberetningen findes ikke.', 'The delivery does not exist.'],
  'err.registry.delivery-not-refused': [
    'Kun afviste indberetninger kan sendes igen.',
    'Only refused deliveries can be sent again.',
  ],
  'err.people.invalid-cpr': [
    'Ugyldigt CPR-nummer: fødselsdatoen findes ikke eller ligger i fremtiden.',
    'Invalid CPR number: the date of birth does not exist or is in the future.',
  ],
  'err.people.child-not-found': ['Barnet findes ikke.', 'The child does not exist.'],
  'err.people.cpr-unknown': [
    'CPR-registret kender ikke dette CPR-nummer.',
    'The CPR register does not know this number.',
  ],
  'err.people.cpr-unavailable': [
    'CPR-registret svarer ikke lige nu. Prøv igen om lidt – intet er ændret.',
    'The CPR register is not answering right now. Try again shortly – nothing was changed.',
  ],
  'err.people.cpr-file-malformed': [
    'Ændringsfilen kan ikke læses (forkert format). Intet er ændret.',
    'The change file cannot be read (wrong format). Nothing was changed.',
  ],
  'err.people.cpr-file-out-of-order': [
    'Ændringsfilen er ældre end en fil, der allerede er indlæst. Intet er ændret.',
    'The change file is older than a file already applied. Nothing was changed.',
  ],
  'err.people.cpr-no-initial-load': [
    'CPR-registeret leverer ikke en første indlæsning her. Brug ændringsfilerne eller hent familierne én ad gangen.',
    'The CPR register does not deliver an initial load here. Use the change files or fetch the families one at a time.',
  ],
  'err.people.no-cpr': ['Personen har intet CPR-nummer i Spire.', 'The person has no CPR number in Spire.'],
  'err.attendance.not-your-unit': ['Du har ikke adgang til denne enhed.', 'You do not have access to this unit.'],
  'err.attendance.leader-only': [
    'Kun enhedens leder kan administrere terminaler.',
    "Only the unit's leader can manage terminals.",
  ],
  'err.attendance.unit-not-found': ['Enheden findes ikke.', 'The unit does not exist.'],
  'err.attendance.end-before-start': ['Slutdatoen ligger før startdatoen.', 'The end date is before the start date.'],
  'err.attendance.period-too-long': ['Perioden må højst være {days} dage.', 'The period may be at most {days} days.'],
  'err.attendance.invalid-period': ['Ugyldig periode.', 'Invalid period.'],
  'err.attendance.not-enrolled': ['Barnet er ikke indskrevet i enheden.', 'The child is not enrolled in the unit.'],
  'err.attendance.enrolled-elsewhere': [
    'Barnet er ikke indskrevet i denne enhed.',
    'The child is not enrolled in this unit.',
  ],
  'err.attendance.enrolment-changed': [
    'Barnet er ikke indskrevet i enheden.',
    'The child is not enrolled in the unit.',
  ],
  'err.attendance.concurrent-change': [
    'Registreringen blev ændret samtidig. Prøv igen.',
    'The registration was changed at the same time. Try again.',
  ],
  'err.attendance.already-checked-in': ['Barnet er allerede tjekket ind.', 'The child is already checked in.'],
  'err.attendance.not-checked-in': ['Barnet er ikke tjekket ind.', 'The child is not checked in.'],
  'err.attendance.use-check-in-out': [
    'Brug ind- og udtjekning for at ændre til denne status.',
    'Use check-in and check-out to change to this status.',
  ],
  'err.attendance.check-in-first': ['Barnet skal være tjekket ind først.', 'The child must be checked in first.'],
  'err.attendance.check-out-first': [
    'Barnet er tjekket ind; tjek barnet ud først.',
    'The child is checked in; check the child out first.',
  ],
  'err.attendance.check-out-before-check-in': [
    'Udtjek kan ikke ligge før indtjek.',
    'Check-out cannot be before check-in.',
  ],
  'err.attendance.future-day': ['Der kan ikke rettes i fremtidige dage.', 'Future days cannot be corrected.'],
  'err.attendance.outside-correction-window': [
    'Registreringer kan højst rettes {days} dage tilbage.',
    'Registrations can be corrected at most {days} days back.',
  ],
  'err.attendance.correction-out-without-in': ['Et udtjek kræver et indtjek.', 'A check-out requires a check-in.'],
  'err.attendance.correction-out-before-in': [
    'Udtjek kan ikke ligge før indtjek.',
    'Check-out cannot be before check-in.',
  ],
  'err.attendance.correction-present-times': [
    'Et barn, der er til stede, skal have et indtjek og intet udtjek.',
    'A child who is present must have a check-in and no check-out.',
  ],
  'err.attendance.correction-checked-out-needs-out': [
    'Status "gået hjem" kræver et udtjek.',
    'The status "gone home" requires a check-out.',
  ],
  'err.attendance.correction-sent-home-needs-out': [
    'Et barn, der er sendt hjem syg, skal have et udtjek.',
    'A child sent home sick must have a check-out.',
  ],
  'err.attendance.correction-not-arrived-times': [
    'Et barn, der ikke er kommet, kan ikke have ind- eller udtjek.',
    'A child who has not arrived cannot have a check-in or check-out.',
  ],
  'err.attendance.terminal-not-found': ['Terminalen findes ikke.', 'The terminal does not exist.'],
  'err.attendance.terminal-unauthorized': ['Terminalen er ikke godkendt.', 'The terminal is not authorised.'],
  'err.attendance.terminal-revoked': [
    'Terminalen er ikke godkendt eller er spærret.',
    'The terminal is not authorised or has been revoked.',
  ],
  'err.attendance.undo-expired': [
    'Udtjekningen kan ikke længere fortrydes her. Bed personalet rette registreringen.',
    'The check-out can no longer be undone here. Ask the staff to correct the registration.',
  ],
  'err.attendance.closing-day-past': ['En lukkedag skal ligge i fremtiden.', 'A closing day must be in the future.'],
  'err.attendance.not-in-custody': ['Barnet er ikke i din forældremyndighed.', 'The child is not in your custody.'],
  'err.attendance.absence-too-old': [
    'Fravær kan højst meldes {days} dage tilbage i tiden.',
    'Absence can be reported at most {days} days back.',
  ],
  'err.attendance.absence-too-long': [
    'Fravær kan højst meldes for et år ad gangen.',
    'Absence can be reported for at most one year at a time.',
  ],
  'err.attendance.sick-only-today': [
    'Sygdom kan kun meldes for i dag eller i morgen.',
    'Sickness can only be reported for today or tomorrow.',
  ],
  'err.attendance.no-place-in-period': ['Barnet har ingen plads i perioden.', 'The child has no place in the period.'],
  'err.attendance.absence-not-found': ['Fraværet findes ikke.', 'The absence does not exist.'],
  'err.attendance.absence-started': [
    'Fravær, der er begyndt, kan ikke trækkes tilbage. Kontakt institutionen.',
    'An absence that has begun cannot be withdrawn. Contact the institution.',
  ],
  'err.attendance.questionnaire-not-found': ['Spørgeskemaet findes ikke.', 'The questionnaire does not exist.'],
  'err.attendance.questionnaire-not-for-child': [
    'Spørgeskemaet gælder ikke for dette barn.',
    'The questionnaire does not apply to this child.',
  ],
  'err.attendance.deadline-passed': ['Svarfristen er overskredet.', 'The deadline has passed.'],
  'err.attendance.day-outside-period': [
    'En dag ligger uden for spørgeskemaets periode.',
    "A day is outside the questionnaire's period.",
  ],
  'err.attendance.day-twice': ['Den samme dag er angivet to gange.', 'The same day is given twice.'],
  'err.attendance.unit-closed-on-day': [
    'Institutionen har lukket {date} (weekend, helligdag eller lukkedag); der spørges kun om åbne dage.',
    'The institution is closed on {date} (weekend, public holiday or closing day); only open days are asked about.',
  ],
  'err.attendance.questionnaire-period': [
    'Perioden skal være højst 3 måneder og slutte efter den starter.',
    'The period must be at most 3 months and end after it starts.',
  ],
  'err.attendance.questionnaire-deadline': [
    'Svarfristen skal ligge mellem i dag og periodens slutning.',
    'The deadline must be between today and the end of the period.',
  ],
  'err.booking.not-your-child': ['Barnet er ikke i din forældremyndighed.', 'The child is not in your custody.'],
  'err.booking.child-not-found': ['Barnet findes ikke.', 'The child does not exist.'],
  'err.booking.unit-not-found': ['Enheden findes ikke.', 'The unit does not exist.'],
  'err.booking.unit-not-daycare': [
    'Enheden findes ikke eller tager ikke imod børn i dagtilbud.',
    'The unit does not exist or does not take children in day care.',
  ],
  'err.booking.not-found': ['Bookingen findes ikke.', 'The booking does not exist.'],
  'err.booking.already-cancelled': ['Bookingen er allerede afmeldt.', 'The booking has already been cancelled.'],
  'err.booking.change-deadline': [
    'Bookingen kan kun ændres frem til {days} dage før start ({deadline}).',
    'The booking can only be changed until {days} days before the start ({deadline}).',
  ],
  'err.booking.current-place-not-extendable': [
    'Den nuværende plads kan ikke forlænges til den nye startdato. Vælg en tidligere dato.',
    'The current place cannot be extended to the new start date. Choose an earlier date.',
  ],
  'err.booking.already-booked': [
    'Barnet har allerede en booking i perioden. Flyt eller afmeld den i stedet.',
    'The child already has a booking in the period. Move or cancel it instead.',
  ],
  'err.booking.place-starts-in-period': [
    'Barnet har allerede en plads, der starter i perioden.',
    'The child already has a place starting in the period.',
  ],
  'err.booking.already-in-unit': ['Barnet går allerede i denne enhed.', 'The child already attends this unit.'],
  'err.booking.no-longer-free': [
    'Pladsen er ikke længere ledig. Se de nærmeste alternativer.',
    'The place is no longer free. See the nearest alternatives.',
  ],
  'err.booking.too-young': [
    'Barnet er for ungt til en plads på den dato.',
    'The child is too young for a place on that date.',
  ],
  'err.booking.school-age': ['Barnet er startet i skole på den dato.', 'The child has started school on that date.'],
  'err.booking.age-band': [
    'Enheden har ikke pladser til barnets aldersgruppe.',
    "The unit has no places for the child's age group.",
  ],
  'err.booking.waitlist': [
    'Pladser til denne aldersgruppe fordeles efter venteliste (anciennitet), ikke ved booking.',
    'Places for this age group are allocated by waiting list (seniority), not by booking.',
  ],
  'err.booking.hybrid-too-soon': [
    'Pladser med kort varsel fordeles efter venteliste; vælg en senere startdato.',
    'Places at short notice are allocated by waiting list; choose a later start date.',
  ],
  'err.booking.past': ['Startdatoen skal ligge efter i dag.', 'The start date must be after today.'],
  'err.booking.beyond-horizon': [
    'Startdatoen ligger længere ude, end der kan bookes.',
    'The start date is further ahead than places can be booked.',
  ],
  'err.booking.closed-day': [
    'Enheden holder lukket den dag; vælg en anden startdato.',
    'The unit is closed that day; choose another start date.',
  ],
  'err.booking.full': ['Pladsen er ikke længere ledig.', 'The place is no longer free.'],
  'err.placement.not-your-child': ['Barnet er ikke i din forældremyndighed.', 'The child is not in your custody.'],
  'err.placement.place-not-yours': ['Du har ikke adgang til dette.', 'You do not have access to this.'],
  'err.placement.child-not-found': ['Barnet findes ikke.', 'The child does not exist.'],
  'err.placement.needed-before-birth': [
    'Behovsdatoen ligger før barnets fødsel.',
    "The date of need is before the child's birth.",
  ],
  'err.placement.needed-in-past': ['Behovsdatoen ligger i fortiden.', 'The date of need is in the past.'],
  'err.placement.too-early': [
    'Barnet kan tidligst starte {earliest}.',
    'The child can start {earliest} at the earliest.',
  ],
  'err.placement.needed-after-school': [
    'Behovsdatoen ligger efter skolestart.',
    'The date of need is after school start.',
  ],
  'err.placement.kind-not-for-age': [
    'Pladstypen passer ikke til barnets alder på behovsdatoen.',
    "The kind of place does not fit the child's age on the date of need.",
  ],
  'err.placement.no-wishes': ['Vælg mindst ét ønske.', 'Choose at least one wish.'],
  'err.placement.duplicate-wish': [
    'Den samme institution er valgt flere gange.',
    'The same unit is chosen more than once.',
  ],
  'err.placement.too-many-wishes': [
    'Der kan højst vælges {max} ønsker for barnets alder.',
    "At most {max} wishes can be chosen for the child's age.",
  ],
  'err.placement.wish-not-found': ['En ønsket institution findes ikke.', 'A wished unit does not exist.'],
  'err.placement.wish-closed': ['En ønsket institution er lukket.', 'A wished unit is closed.'],
  'err.placement.wish-wrong-kind': [
    'En ønsket institution tilbyder ikke den valgte pladstype.',
    'A wished unit does not offer the chosen kind of place.',
  ],
  'err.placement.already-waiting': [
    'Barnet står allerede på venteliste til denne type plads. Ret den eksisterende ansøgning.',
    'The child is already on the waiting list for this kind of place. Change the existing application.',
  ],
  'err.placement.application-not-found': ['Ansøgningen findes ikke.', 'The application does not exist.'],
  'err.placement.application-not-active': [
    'Ansøgningen er ikke længere aktiv.',
    'The application is no longer active.',
  ],
  'err.placement.offer-pending': [
    'Der er allerede et tilbud, som venter på svar.',
    'An offer is already waiting for an answer.',
  ],
  'err.placement.start-in-past': ['Startdatoen ligger i fortiden.', 'The start date is in the past.'],
  'err.placement.no-room': ['Pladsen er ikke længere ledig.', 'The place is no longer free.'],
  'err.placement.offer-not-found': ['Tilbuddet findes ikke.', 'The offer does not exist.'],
  'err.placement.offer-not-open': ['Tilbuddet er ikke længere åbent.', 'The offer is no longer open.'],
  'err.placement.offer-expired': [
    'Svarfristen er overskredet; tilbuddet er udløbet.',
    'The deadline has passed; the offer has expired.',
  ],
  'err.placement.already-placed': [
    'Barnet har allerede en plads af samme slags fra samme tidspunkt.',
    'The child already has a place of the same kind from the same date.',
  ],
  'err.placement.place-not-found': ['Pladsen findes ikke.', 'The place does not exist.'],
  'err.placement.already-ended': [
    'Pladsen er allerede opsagt eller slutter før opsigelsesvarslet.',
    'The place has already been given notice or ends before the notice period.',
  ],
  'err.placement.preview-stale': [
    'Forhåndsvisningen er forældet — kør den igen.',
    'The preview is out of date — run it again.',
  ],
  'err.placement.round-not-found': ['Runden findes ikke.', 'The round does not exist.'],
  'err.placement.round-decided': [
    'Runden er allerede godkendt eller kasseret.',
    'The round has already been approved or discarded.',
  ],
  'err.placement.bad-horizon': [
    'Horisonten skal ligge efter i dag og højst 2 år frem.',
    'The horizon must be after today and at most 2 years ahead.',
  ],
  'err.placement.unit-closed': ['Institutionen findes ikke eller er lukket.', 'The unit does not exist or is closed.'],
  'err.placement.distribution-rule': [
    'Fordelingsreglen (§ 26 a): barnet kan ikke optages her, fordi for mange af årets nyoptagne kommer fra udsatte boligområder.',
    "The distribution rule (§ 26 a): the child cannot be admitted here, as too many of this year's new children come from vulnerable housing areas.",
  ],
  'err.placement.unit-wrong-kind': [
    'Institutionen har ikke pladser til et barn på denne alder på startdatoen.',
    'The unit has no places for a child of this age on the start date.',
  ],
  'err.placement.same-unit': [
    'Barnet har allerede pladsen i denne institution.',
    'The child already has the place in this unit.',
  ],
  'err.placement.move-date': [
    'Flyttedatoen skal ligge efter pladsens første dag og inden dens sidste.',
    'The moving date must be after the first day of the place and within it.',
  ],
  'err.placement.bad-last-day': [
    'Sidste dag kan ikke ligge før i dag eller før pladsen begynder.',
    'The last day cannot be before today or before the place starts.',
  ],
  'err.placement.hours-date': [
    'Datoen skal ligge inden for pladsens periode.',
    'The date must be within the period of the place.',
  ],
  'err.placement.same-hours': ['Pladsen har allerede dette timetal.', 'The place already has these hours.'],
  'err.placement.task-not-found': [
    'Opgaven findes ikke eller er allerede behandlet.',
    'The task does not exist or has already been handled.',
  ],
  'err.billing.end-before-start': ['Slutdatoen ligger før startdatoen.', 'The end date is before the start date.'],
  'err.billing.upper-below-lower': [
    'Den øvre indkomstgrænse skal være større end den nedre.',
    'The upper income limit must be greater than the lower one.',
  ],
  'err.billing.run-not-found': ['Kørslen findes ikke.', 'The run does not exist.'],
  'err.billing.payer-not-found': ['Betaleren findes ikke.', 'The payer does not exist.'],
  'err.billing.unsent-invoices': [
    'Der er {count} fakturaer for {month}, som ikke er sendt. Send dem først.',
    'There are {count} invoices for {month} that have not been sent. Send them first.',
  ],
  'err.billing.month-closed': [
    'Måneden {month} er lukket: der kan ikke køres opkrævning for den.',
    'The month {month} is closed: no billing run can be made for it.',
  ],
  'err.billing.month-not-billed': [
    '{month} er ikke kørt endnu: en måned kan først lukkes, når den er faktureret.',
    '{month} has not been run yet: a month can only be closed once it has been billed.',
  ],
  'err.billing.month-not-closed': ['{month} er ikke lukket.', '{month} is not closed.'],
  'err.billing.month-exported': [
    'Fakturaerne for {month} er eksporteret til debitorsystemet, så måneden kan ikke genåbnes. Ret i stedet med kørslen for {next}, som opkræver eller godskriver forskellen.',
    'The invoices for {month} have been exported to the debtor system, so the month cannot be reopened. Correct it with the run for {next} instead, which bills or credits the difference.',
  ],
  'err.billing.run-in-progress': [
    'Der kører allerede en opkrævning for kommunen. Vent til den er færdig.',
    'A billing run for the municipality is already in progress. Wait until it has finished.',
  ],
  'err.billing.no-scale': ['Der er ingen fripladsskala.', 'There is no friplads scale.'],
  'err.billing.application-not-found': ['Ansøgningen findes ikke.', 'The application does not exist.'],
  'err.billing.application-decided': ['Ansøgningen er allerede afgjort.', 'The application has already been decided.'],
  'err.billing.no-income-to-regulate': [
    'Husstanden har ingen registreret indkomst at regulere: den skal søge om friplads.',
    'The household has no registered income to regulate: it must apply for friplads.',
  ],
  'err.billing.household-not-found': ['Husstanden findes ikke.', 'The household does not exist.'],
  'err.billing.no-income-in-year': [
    'Husstanden havde ingen indkomst registreret i {year}: der er intet at efterregulere.',
    'The household had no income registered in {year}: there is nothing to true up.',
  ],
  'err.billing.friplads-past-month': [
    'Der kan kun søges friplads fra indeværende eller en kommende måned.',
    'Friplads can only be applied for from the current or a coming month.',
  ],
  'err.billing.no-address': [
    'Du har ingen registreret adresse i folkeregistret.',
    'You have no registered address in the civil register.',
  ],
  'err.billing.application-open': [
    'Husstanden har allerede en ansøgning under behandling.',
    'The household already has an application being processed.',
  ],
  'err.billing.year-not-over': [
    'Et år kan først efterreguleres, når det er slut.',
    'A year can only be trued up once it has ended.',
  ],
  'err.billing.placement-not-found': ['Pladsen findes ikke.', 'The place does not exist.'],
  'err.billing.leave30-not-daycare': [
    'Kun en plads i dagtilbud kan være en orlovsplads på 30 timer.',
    'Only a place in day care can be a 30-hour leave place.',
  ],
  'err.billing.leave30-too-many-hours': [
    'En orlovsplads er højst 30 timer om ugen; ret pladsens timetal først.',
    'A leave place is at most 30 hours a week; change the hours of the place first.',
  ],
  'err.system.clock-demo-only': ['Datoen kan kun sættes i demo-tilstand.', 'The date can only be set in demo mode.'],
  'err.billing.unbilled-children': [
    '{count} placerede børn kan ikke opkræves (mangler takst, fripladsskala eller betaler). Intet er sket: ret taksterne eller barnets data, og prøv igen.',
    '{count} placed children cannot be billed (a missing rate, friplads scale or payer). Nothing was done: correct the rates or the child’s data and try again.',
  ],
  'err.people.cpr-file-other-municipality': [
    'Ændringsfilen hører til en anden kommunes abonnement.',
    'The change file belongs to another municipality’s subscription.',
  ],
  'err.letters.not-found': ['Brevet findes ikke.', 'The letter does not exist.'],
  'err.subsidies.not-found': ['Sagen findes ikke.', 'The case does not exist.'],
  'err.subsidies.no-address': [
    'Vi kan ikke finde din adresse i folkeregistret, så vi ved ikke, hvilken kommune der skal behandle ansøgningen.',
    'We cannot find your address in the civil register, so we do not know which municipality handles the application.',
  ],
  'err.subsidies.not-your-child': [
    'Du kan kun søge for et barn, du har forældremyndighed over.',
    'You can only apply for a child in your custody.',
  ],
  'err.subsidies.end-before-start': ['Slutdatoen ligger før startdatoen.', 'The end date is before the start date.'],
  'err.subsidies.start-in-past': [
    'Tilskuddet kan tidligst starte i denne måned.',
    'The subsidy can start this month at the earliest.',
  ],
  'err.subsidies.no-terms': [
    'Kommunen tilbyder ikke ordningen i perioden ({rule}).',
    'The municipality does not offer the scheme in the period ({rule}).',
  ],
  'err.subsidies.not-offered': [
    'Kommunen tilbyder ikke tilskud til pasning af egne børn ({rule}).',
    'The municipality does not offer the subsidy for looking after your own children ({rule}).',
  ],
  'err.subsidies.no-rate': [
    'Kommunen har ikke fastsat et tilskudsbeløb for barnets aldersgruppe i perioden ({rule}).',
    'The municipality has no subsidy amount for the child’s age group in the period ({rule}).',
  ],
  'err.subsidies.too-young': [
    'Barnet er for ungt: tilskud gives tidligst fra barnet er 24 uger ({rule}).',
    'The child is too young: the subsidy starts at 24 weeks at the earliest ({rule}).',
  ],
  'err.subsidies.too-old': [
    'Perioden går ud over barnets skolestart eller kommunens aldersgrænse ({rule}).',
    'The period goes beyond school start or the municipality’s age limit ({rule}).',
  ],
  'err.subsidies.carer-limit': [
    'En privat passer må højst passe 5 børn ({rule}).',
    'A private carer may care for at most 5 children ({rule}).',
  ],
  'err.subsidies.expense-too-low': [
    'Udgiften til den private passer skal være dokumenteret og større end 0 kr. ({rule}).',
    'The expense for the private carer must be documented and above 0 kr. ({rule}).',
  ],
  'err.subsidies.period-too-short': [
    'Perioden skal være mindst 8 uger ({rule}).',
    'The period must be at least 8 weeks ({rule}).',
  ],
  'err.subsidies.period-too-long': [
    'Perioden kan højst være 1 år ({rule}).',
    'The period can be at most 1 year ({rule}).',
  ],
  'err.subsidies.household-limit': [
    'Der kan højst gives tilskud til 3 børn i husstanden ({rule}).',
    'At most 3 children in the household can have the subsidy ({rule}).',
  ],
  'err.subsidies.dagtilbud-overlap': [
    'Barnet har en plads i et dagtilbud fra {from} i perioden. Et barn kan kun have én plads eller ét tilskud ad gangen ({rule}).',
    'The child has a daycare place from {from} in the period. A child can have only one place or subsidy at a time ({rule}).',
  ],
  'err.subsidies.overlap': [
    'Barnet har allerede en ansøgning eller et tilskud i perioden ({rule}).',
    'The child already has an application or a subsidy in the period ({rule}).',
  ],
  'err.subsidies.already-decided': ['Sagen er allerede afgjort.', 'The case has already been decided.'],
  'err.subsidies.check-failed': [
    'En kontrol er ikke opfyldt ({rule}); ansøgningen kan ikke godkendes.',
    'A check is not met ({rule}); the application cannot be approved.',
  ],
  'err.subsidies.reason-required': ['Skriv en begrundelse for afslaget.', 'Write a reason for the refusal.'],
  'err.subsidies.not-approved': ['Kun et bevilget tilskud kan stoppes.', 'Only an approved subsidy can be stopped.'],
  'err.subsidies.stop-outside-period': [
    'Stopdatoen skal ligge i tilskuddets periode.',
    'The stop date must lie within the subsidy’s period.',
  ],
  'err.subsidies.complaint-state': [
    'Klagen er ikke i et trin, hvor det kan lade sig gøre.',
    'The complaint is not at a step where this is possible.',
  ],
  'err.subsidies.month-not-started': [
    'Tilskud kan højst udbetales én måned forud.',
    'Subsidies can be paid at most one month in advance.',
  ],
  'err.subsidies.case-overlap': [
    'Barnet har tilskud til privat pasning eller pasning af egne børn fra {from} i perioden ({rule}).',
    'The child has a private care or own-children subsidy from {from} in the period ({rule}).',
  ],
  'err.subsidies.enrolled-with-provider': [
    'Barnet er indmeldt i et privat tilbud fra {from} i perioden ({rule}).',
    'The child is enrolled with a private provider from {from} in the period ({rule}).',
  ],
  'err.subsidies.outside-approval': [
    'Perioden ligger uden for tilbuddets godkendelse ({rule}).',
    'The period lies outside the provider’s approval ({rule}).',
  ],
  'err.subsidies.supplement-not-allowed': [
    'Bygnings- og administrationstilskud gives kun til privatinstitutioner ({rule}).',
    'Building and administration supplements are only for private institutions ({rule}).',
  ],
  'err.subsidies.period-overlap': [
    'Der findes allerede en periode for samme aldersgruppe fra den dato eller senere. En tidligere periode ændres ikke.',
    'A period for the same age group already exists from that date or later. An earlier period is never changed.',
  ],
  'err.subsidies.not-child-of-household': [
    'Barnet har ingen adresse i kommunen på startdatoen.',
    'The child has no address in the municipality on the start date.',
  ],
  'err.subsidies.provider-exists': [
    'Et privat tilbud med dette CVR-nummer er allerede registreret i kommunen.',
    'A private provider with this CVR number is already registered in the municipality.',
  ],
  'err.subsidies.no-child': [
    'Der er intet barn med dette CPR-nummer i kommunen.',
    'There is no child with this CPR number in the municipality.',
  ],
  'err.reporting.no-rules': [
    'Der er ingen indberetningsregler for måneden.',
    'There are no reporting rules for the month.',
  ],
  'err.reporting.month-not-started': [
    'Måneden er ikke begyndt: børnene tælles den 1.',
    'The month has not started: children are counted on the 1st.',
  ],
  'err.reporting.invalid-extract': [
    'Udtrækket overholder ikke formatet og er ikke sendt: {errors}',
    'The extract does not follow the format and was not sent: {errors}',
  ],
  'err.reporting.unknown-municipality': ['Kommunen har ingen enheder.', 'The municipality has no units.'],
  'err.reporting.unit-not-found': ['Enheden findes ikke.', 'The unit does not exist.'],
  'err.reporting.delivery-not-found': ['Indberetningen findes ikke.', 'The delivery does not exist.'],
  'err.unilogin.unknown-municipality': ['Kommunen har ingen enheder.', 'The municipality has no units.'],
  'err.unilogin.delivery-not-found': ['Leveringen findes ikke.', 'The delivery does not exist.'],
  'err.unilogin.not-retryable': [
    'Kun afviste leveringer og leveringer, der ikke nåede frem, kan sendes igen.',
    'Only refused deliveries and deliveries that did not arrive can be sent again.',
  ],
  'err.unilogin.superseded': [
    'En senere levering er allerede modtaget: send en ny i stedet.',
    'A later delivery has already been accepted: send a new one instead.',
  ],
  'err.unilogin.future-day': ['Dagen er ikke kommet endnu.', 'The day has not come yet.'],
  'err.serviceplatformen.not-configured': [
    'Kommunen har ikke sat denne tjeneste op på Serviceplatformen.',
    'The municipality has not set up this service on Serviceplatformen.',
  ],
  'err.serviceplatformen.certificate-missing': [
    'Kommunens certifikat til Serviceplatformen mangler. Kontakt driften.',
    'The municipality’s Serviceplatformen certificate is missing. Contact operations.',
  ],
  'err.serviceplatformen.certificate-unreadable': [
    'Kommunens certifikat til Serviceplatformen kan ikke læses (fil, nøgle eller adgangskode). Kontakt driften.',
    'The municipality’s Serviceplatformen certificate cannot be read (file, key or passphrase). Contact operations.',
  ],
  'err.serviceplatformen.certificate-expired': [
    'Kommunens certifikat til Serviceplatformen er udløbet eller endnu ikke gyldigt. Kontakt driften.',
    'The municipality’s Serviceplatformen certificate has expired or is not yet valid. Contact operations.',
  ],
  'err.serviceplatformen.certificate-refused': [
    'Serviceplatformen afviste kommunens certifikat. Kontakt driften.',
    'Serviceplatformen refused the municipality’s certificate. Contact operations.',
  ],
  'err.retention.run-not-found': ['Kørslen findes ikke.', 'The run does not exist.'],
  'err.retention.dry-run-not-latest': [
    'Der er lavet en nyere prøvekørsel. Se den igennem, før du sletter.',
    'A newer dry run has been made. Review it before erasing.',
  ],
  'err.retention.dry-run-stale': [
    'Der er kommet ændringer siden prøvekørslen. Lav en ny prøvekørsel og se den igennem.',
    'Something has changed since the dry run. Make a new dry run and review it.',
  ],
} satisfies Record<`err.${Code}`, readonly [string, string]>;
