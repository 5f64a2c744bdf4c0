// Refusal codes from the API (each module's contract.ts) as text: [da, en]. `satisfies` makes the compiler stop a
// module that adds a code without its texts.
import type { settingsError } from '../../../src/modules/settings/contract.js';
import type { registryError } from '../../../src/modules/registry/contract.js';
import type { peopleError } from '../../../src/modules/people/contract.js';
import type { attendanceError } from '../../../src/modules/attendance/contract.js';

type Code = keyof typeof settingsError.codes
  | keyof typeof registryError.codes
  | keyof typeof peopleError.codes
  | keyof typeof attendanceError.codes;

export const errorTexts = {
  'err.settings.end-before-start': ['Slutdatoen ligger før startdatoen.', 'The end date is before the start date.'],
  'err.registry.unit-not-found': ['Enheden findes ikke.', 'The unit does not exist.'],
  'err.registry.nothing-to-change': ['Intet at ændre.', 'Nothing to change.'],
  'err.registry.end-before-start': ['Slutdatoen ligger før startdatoen.', 'The end date is before the start date.'],
  'err.registry.capacity-overlap': ['Perioden overlapper en eksisterende kapacitetsperiode for samme aldersgruppe.', 'The period overlaps an existing capacity period for the same age group.'],
  'err.registry.daginstitution-not-found': ['Daginstitutionen findes ikke.', 'The daginstitution does not exist.'],
  'err.registry.daginstitution-closed': ['Daginstitutionen er lukket.', 'The daginstitution is closed.'],
  'err.registry.closed-before-opened': ['Lukkedatoen ligger før åbningsdatoen.', 'The closing date is before the opening date.'],
  'err.registry.children-after-closing': ['Enheden har børn indskrevet efter lukkedatoen. Flyt eller udmeld dem først.', 'Children are enrolled in the unit after the closing date. Move or unenrol them first.'],
  'err.people.invalid-cpr': ['Ugyldigt CPR-nummer: fødselsdatoen findes ikke eller ligger i fremtiden.', 'Invalid CPR number: the date of birth does not exist or is in the future.'],
  'err.people.child-not-found': ['Barnet findes ikke.', 'The child does not exist.'],
  'err.attendance.not-your-unit': ['Du har ikke adgang til denne enhed.', 'You do not have access to this unit.'],
  'err.attendance.leader-only': ['Kun enhedens leder kan administrere terminaler.', "Only the unit's leader can manage terminals."],
  'err.attendance.unit-not-found': ['Enheden findes ikke.', 'The unit does not exist.'],
  'err.attendance.end-before-start': ['Slutdatoen ligger før startdatoen.', 'The end date is before the start date.'],
  'err.attendance.period-too-long': ['Perioden må højst være {days} dage.', 'The period may be at most {days} days.'],
  'err.attendance.invalid-period': ['Ugyldig periode.', 'Invalid period.'],
  'err.attendance.not-enrolled': ['Barnet er ikke indskrevet i enheden.', 'The child is not enrolled in the unit.'],
  'err.attendance.enrolled-elsewhere': ['Barnet er ikke indskrevet i denne enhed.', 'The child is not enrolled in this unit.'],
  'err.attendance.enrolment-changed': ['Barnet er ikke indskrevet i enheden.', 'The child is not enrolled in the unit.'],
  'err.attendance.concurrent-change': ['Registreringen blev ændret samtidig. Prøv igen.', 'The registration was changed at the same time. Try again.'],
  'err.attendance.already-checked-in': ['Barnet er allerede tjekket ind.', 'The child is already checked in.'],
  'err.attendance.not-checked-in': ['Barnet er ikke tjekket ind.', 'The child is not checked in.'],
  'err.attendance.use-check-in-out': ['Brug ind- og udtjekning for at ændre til denne status.', 'Use check-in and check-out to change to this status.'],
  'err.attendance.check-in-first': ['Barnet skal være tjekket ind først.', 'The child must be checked in first.'],
  'err.attendance.check-out-first': ['Barnet er tjekket ind; tjek barnet ud først.', 'The child is checked in; check the child out first.'],
  'err.attendance.check-out-before-check-in': ['Udtjek kan ikke ligge før indtjek.', 'Check-out cannot be before check-in.'],
  'err.attendance.future-day': ['Der kan ikke rettes i fremtidige dage.', 'Future days cannot be corrected.'],
  'err.attendance.outside-correction-window': ['Registreringer kan højst rettes {days} dage tilbage.', 'Registrations can be corrected at most {days} days back.'],
  'err.attendance.correction-out-without-in': ['Et udtjek kræver et indtjek.', 'A check-out requires a check-in.'],
  'err.attendance.correction-out-before-in': ['Udtjek kan ikke ligge før indtjek.', 'Check-out cannot be before check-in.'],
  'err.attendance.correction-present-times': ['Et barn, der er til stede, skal have et indtjek og intet udtjek.', 'A child who is present must have a check-in and no check-out.'],
  'err.attendance.correction-checked-out-needs-out': ['Status "gået hjem" kræver et udtjek.', 'The status "gone home" requires a check-out.'],
  'err.attendance.correction-sent-home-needs-out': ['Et barn, der er sendt hjem syg, skal have et udtjek.', 'A child sent home sick must have a check-out.'],
  'err.attendance.correction-not-arrived-times': ['Et barn, der ikke er kommet, kan ikke have ind- eller udtjek.', 'A child who has not arrived cannot have a check-in or check-out.'],
  'err.attendance.terminal-not-found': ['Terminalen findes ikke.', 'The terminal does not exist.'],
  'err.attendance.terminal-unauthorized': ['Terminalen er ikke godkendt.', 'The terminal is not authorised.'],
  'err.attendance.terminal-revoked': ['Terminalen er ikke godkendt eller er spærret.', 'The terminal is not authorised or has been revoked.'],
  'err.attendance.closing-day-past': ['En lukkedag skal ligge i fremtiden.', 'A closing day must be in the future.'],
  'err.attendance.not-in-custody': ['Barnet er ikke i din forældremyndighed.', 'The child is not in your custody.'],
  'err.attendance.absence-too-old': ['Fravær kan højst meldes {days} dage tilbage i tiden.', 'Absence can be reported at most {days} days back.'],
  'err.attendance.absence-too-long': ['Fravær kan højst meldes for et år ad gangen.', 'Absence can be reported for at most one year at a time.'],
  'err.attendance.sick-only-today': ['Sygdom kan kun meldes for i dag eller i morgen.', 'Sickness can only be reported for today or tomorrow.'],
  'err.attendance.no-place-in-period': ['Barnet har ingen plads i perioden.', 'The child has no place in the period.'],
  'err.attendance.absence-not-found': ['Fraværet findes ikke.', 'The absence does not exist.'],
  'err.attendance.absence-started': ['Fravær, der er begyndt, kan ikke trækkes tilbage. Kontakt institutionen.', 'An absence that has begun cannot be withdrawn. Contact the institution.'],
  'err.attendance.questionnaire-not-found': ['Spørgeskemaet findes ikke.', 'The questionnaire does not exist.'],
  'err.attendance.questionnaire-not-for-child': ['Spørgeskemaet gælder ikke for dette barn.', 'The questionnaire does not apply to this child.'],
  'err.attendance.deadline-passed': ['Svarfristen er overskredet.', 'The deadline has passed.'],
  'err.attendance.day-outside-period': ['En dag ligger uden for spørgeskemaets periode.', "A day is outside the questionnaire's period."],
  'err.attendance.day-twice': ['Den samme dag er angivet to gange.', 'The same day is given twice.'],
  'err.attendance.unit-closed-on-day': ['Institutionen har lukket {date} (weekend, helligdag eller lukkedag); der spørges kun om åbne dage.', 'The institution is closed on {date} (weekend, public holiday or closing day); only open days are asked about.'],
  'err.attendance.questionnaire-period': ['Perioden skal være højst 3 måneder og slutte efter den starter.', 'The period must be at most 3 months and end after it starts.'],
  'err.attendance.questionnaire-deadline': ['Svarfristen skal ligge mellem i dag og periodens slutning.', 'The deadline must be between today and the end of the period.'],
} satisfies Record<`err.${Code}`, readonly [string, string]>;
