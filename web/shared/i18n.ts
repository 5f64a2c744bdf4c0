// Danish first, English second. One entry a key: [da, en]. The language lives in localStorage.
import { bookingTexts } from './texts/booking.js';
import { billingTexts } from './texts/billing.js';
import { lettersTexts } from './texts/letters.js';
import { attendanceTexts } from './texts/attendance.js';
import { placementTexts } from './texts/placement.js';
import { errorTexts } from './texts/errors.js';
import { auditTexts } from './texts/audit.js';
import { workTexts } from './texts/work.js';
import { usersTexts } from './texts/users.js';
import { peopleTexts } from './texts/people.js';
import { subsidiesTexts } from './texts/subsidies.js';
import { registerTexts } from './texts/register.js';
import { reportingTexts } from './texts/reporting.js';
import { uniloginTexts } from './texts/unilogin.js';
import { guardTexts } from './texts/guards.js';
import { retentionTexts } from './texts/retention.js';
import { uiTexts } from './texts/ui.js';
import { settingsTexts } from './texts/settings.js';
import { formTexts } from './texts/forms.js';
import {
  createContext,
  createElement,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from 'react';

const dict = {
  ...billingTexts,
  ...uiTexts,
  ...settingsTexts,
  ...formTexts,
  ...reportingTexts,
  ...uniloginTexts,
  'app.name': ['Spire', 'Spire'],
  'app.tagline': ['Pasning, fritid og klub', 'Childcare, leisure and clubs'],
  'app.staffTag': ['Medarbejder', 'Staff'],
  'app.footer': [
    'Spire · kommunal administration af dagtilbud, fritidstilbud og klubber',
    'Spire · municipal administration of daycare, after-school care and clubs',
  ],
  skip: ['Gå til indhold', 'Skip to content'],
  'lang.switch': ['English', 'Dansk'],
  'nav.main': ['Hovedmenu', 'Main menu'],
  'nav.menu': ['Menu', 'Menu'],
  'pager.label': ['Sider', 'Pages'],
  'pager.previous': ['Forrige', 'Previous'],
  'pager.next': ['Næste', 'Next'],
  'pager.showing': ['Viser {from}–{to} af {total}', 'Showing {from}–{to} of {total}'],
  'pager.previousPage': ['Forrige side', 'Previous page'],
  'pager.nextPage': ['Næste side', 'Next page'],
  'pager.page': ['side {page} af {pages}', 'page {page} of {pages}'],
  'nav.home': ['Forside', 'Home'],
  'nav.institutions': ['Find institution', 'Find a unit'],
  'nav.myChildren': ['Mine børn', 'My children'],
  'nav.login': ['Log ind', 'Log in'],
  'nav.staff': ['Til medarbejderdelen', 'Staff app'],
  'nav.citizen': ['Til borgerportalen', 'Citizen portal'],
  'nav.staffMenu': ['Medarbejdermenu', 'Staff menu'],
  'nav.staffHome': ['Forside', 'Home'],
  'nav.units': ['Institutioner', 'Units'],
  'nav.children': ['Børn og forældre', 'Children and guardians'],
  'nav.audit': ['Auditlog', 'Audit log'],
  'nav.settings': ['Indstillinger', 'Settings'],
  'user.loggedInAs': ['Logget ind som', 'Logged in as'],
  'user.municipality': ['Kommune', 'Municipality'],
  'user.logout': ['Log ud', 'Log out'],
  'demo.banner': [
    'Demo-miljø med opdigtede data. Dags dato i systemet: {today}',
    'Demo environment with fictitious data. Today in the system: {today}',
  ],
  loading: ['Henter …', 'Loading …'],
  'error.network': [
    'Kunne ikke få forbindelse til serveren. Prøv igen.',
    'Could not reach the server. Please try again.',
  ],
  'error.generic': ['Der opstod en fejl.', 'Something went wrong.'],
  retry: ['Prøv igen', 'Try again'],
  save: ['Gem', 'Save'],
  saving: ['Gemmer …', 'Saving …'],
  saved: ['Ændringerne er gemt.', 'Your changes have been saved.'],
  search: ['Søg', 'Search'],
  searching: ['Søger …', 'Searching …'],
  none: ['—', '—'],
  optional: ['valgfri', 'optional'],
  allTypes: ['Alle typer', 'All types'],
  allAreas: ['Alle områder', 'All areas'],
  'notFound.title': ['Siden findes ikke', 'Page not found'],
  'notFound.text': ['Adressen findes ikke. Gå til forsiden.', 'This address does not exist. Go to the home page.'],
  'auth.title': ['Log ind for at fortsætte', 'Log in to continue'],
  'auth.text': ['Du skal være logget ind for at se denne side.', 'You need to log in to see this page.'],
  'noAccess.title': ['Ingen adgang', 'No access'],
  'noAccess.text': ['Din rolle giver ikke adgang til denne side.', 'Your role does not give access to this page.'],
  'role.guardian': ['Forælder', 'Guardian'],
  'role.caseworker': ['Sagsbehandler', 'Caseworker'],
  'role.finance': ['Økonomi', 'Finance'],
  'role.consultant': ['Konsulent', 'Consultant'],
  'role.management': ['Ledelse', 'Management'],
  'role.admin': ['Administrator', 'Administrator'],
  'role.unit_leader': ['Institutionsleder', 'Unit leader'],
  'role.unit_staff': ['Pædagogisk personale', 'Unit staff'],
  'type.dagpleje': ['Dagpleje', 'Childminder'],
  'type.vuggestue': ['Vuggestue', 'Nursery'],
  'type.boernehave': ['Børnehave', 'Kindergarten'],
  'type.integreret': ['Integreret institution', 'Integrated unit'],
  'type.landsbyordning': ['Landsbyordning', 'Village scheme'],
  'type.fritidshjem': ['Fritidshjem', 'After-school centre'],
  'type.sfo': ['SFO', 'School after-care (SFO)'],
  'type.klub': ['Klub', 'Club'],
  'ejerform.kommunal': ['Kommunal', 'Municipal'],
  'ejerform.selvejende': ['Selvejende', 'Self-governing'],
  'ejerform.privat': ['Privat', 'Private'],
  'ejerform.udliciteret': ['Udliciteret', 'Contracted out'],
  'kind.dagtilbud': ['Dagtilbud', 'Daycare'],
  'kind.fritidstilbud': ['Fritidstilbud', 'After-school care'],
  'kind.klub': ['Klub', 'Club'],
  'op.I': ['Oprettet', 'Created'],
  'op.U': ['Ændret', 'Changed'],
  'op.D': ['Slettet', 'Deleted'],
  'day.mon': ['Mandag', 'Monday'],
  'day.tue': ['Tirsdag', 'Tuesday'],
  'day.wed': ['Onsdag', 'Wednesday'],
  'day.thu': ['Torsdag', 'Thursday'],
  'day.fri': ['Fredag', 'Friday'],
  'day.sat': ['Lørdag', 'Saturday'],
  'day.sun': ['Søndag', 'Sunday'],
  'sex.female': ['Pige', 'Girl'],
  'sex.male': ['Dreng', 'Boy'],
  'age.year': ['1 år', '1 year'],
  'age.years': ['{n} år', '{n} years'],
  'age.month': ['1 md.', '1 month'],
  'age.months': ['{n} mdr.', '{n} months'],
  'age.and': ['{a} og {b}', '{a} and {b}'],
  band: ['{band} år', '{band} years'],
  'home.title': ['Pasning, fritid og klub', 'Childcare, leisure and clubs'],
  'home.intro': [
    'Her kan du finde dagtilbud, fritidstilbud og klubber i kommunen og se dine børns pladser.',
    'Find daycare, after-school care and clubs in the municipality, and see your children’s places.',
  ],
  'home.find': ['Find en institution', 'Find a unit'],
  'home.findText': [
    'Se dagplejere, vuggestuer, børnehaver, SFO’er og klubber – og hvor de ligger.',
    'See childminders, nurseries, kindergartens, after-school care and clubs – and where they are.',
  ],
  'home.children': ['Mine børn', 'My children'],
  'home.childrenText': [
    'Se dine børns nuværende og kommende pladser.',
    'See your children’s current and future places.',
  ],
  'home.staff': ['For medarbejdere', 'For staff'],
  'home.staffText': [
    'Institutionsregister, børn og forældre, kapacitet og historik.',
    'Unit register, children and guardians, capacity and history.',
  ],
  'inst.title': ['Find institution', 'Find a unit'],
  'inst.filters': ['Vælg hvad du leder efter', 'Choose what you are looking for'],
  'inst.type': ['Type', 'Type'],
  'inst.area': ['Område', 'Area'],
  'inst.age': ['Barnets alder', 'Child’s age'],
  'inst.anyAge': ['Alle aldre', 'Any age'],
  'inst.count': ['{n} institutioner fundet', '{n} units found'],
  'inst.countOne': ['1 institution fundet', '1 unit found'],
  'inst.home': [
    'Afstande er målt i luftlinje fra din adresse: {address}.',
    'Distances are measured as the crow flies from your address: {address}.',
  ],
  'inst.noHome': [
    'Log ind som forælder for at se afstanden fra din adresse.',
    'Log in as a guardian to see the distance from your address.',
  ],
  'inst.list': ['Institutioner', 'Units'],
  'inst.distance': ['{km} fra din adresse', '{km} from your address'],
  'inst.places': ['Pladser', 'Places'],
  'inst.noPlaces': ['Ingen pladser oplyst', 'No places listed'],
  'inst.show': ['Vis på oversigten', 'Show on the plan'],
  'inst.none': ['Ingen institutioner matcher dine valg.', 'No units match your choices.'],
  'plan.title': ['Oversigt over placeringer', 'Plan of locations'],
  'plan.caption': [
    'Prikkerne viser institutionernes placering. Vælg en prik for at finde institutionen i listen.',
    'Each dot is a unit. Choose a dot to find the unit in the list.',
  ],
  'plan.home': ['Din adresse', 'Your address'],
  'plan.unit': ['Institution', 'Unit'],
  'plan.selected': ['Valgt', 'Selected'],
  'plan.empty': ['Der er ingen placeringer at vise.', 'There are no locations to show.'],
  'children.title': ['Mine børn', 'My children'],
  'children.none': ['Der er ingen børn registreret hos dig.', 'No children are registered with you.'],
  'children.born': ['Født {date}', 'Born {date}'],
  'children.current': ['Nuværende plads', 'Current place'],
  'children.future': ['Kommende plads', 'Future place'],
  'children.noCurrent': ['Ingen nuværende plads.', 'No current place.'],
  'children.noFuture': ['Ingen kommende pladser.', 'No future places.'],
  'children.staffUser': [
    'Siden er for forældre. Du er logget ind som medarbejder.',
    'This page is for guardians. You are logged in as staff.',
  ],
  'placement.period': ['{start} – {end}', '{start} – {end}'],
  'placement.from': ['Fra {start}', 'From {start}'],
  'placement.current': ['Nuværende', 'Current'],
  'placement.hours': ['{n} timer om ugen', '{n} hours a week'],
  'login.title': ['Log ind', 'Log in'],
  'login.banner': ['Demo: log ind som …', 'Demo: log in as …'],
  'login.bannerText': [
    'Vælg en af de opdigtede personer herunder. Der bruges ikke rigtigt login, og alle data er opdigtede.',
    'Choose one of the fictitious people below. No real login is used and all data is fictitious.',
  ],
  'login.citizens': ['Borgere', 'Citizens'],
  'login.staff': ['Medarbejdere', 'Staff'],
  'login.as': ['Log ind som {name}', 'Log in as {name}'],
  'login.oidcTitle': ['Kommunens login', 'The municipality’s login'],
  'login.oidcText': [
    'Log ind med den konto, kommunen har givet dig. Du sendes videre til kommunens login og tilbage til Spire.',
    'Log in with the account the municipality gave you. You are sent to the municipality’s login and back to Spire.',
  ],
  'login.oidcButton': ['Log ind med kommunens login', 'Log in with the municipality’s login'],
  'login.localTitle': ['Lokalt udviklings-login – ikke til drift', 'Local development login – not for production'],
  'login.localText': [
    'Denne installation er startet med SPIRE_LOCAL_IDP=true. Her logger du ind med dit login-id (OIDC-subject) uden adgangskode. Brug det kun på din egen maskine til at prøve Spire af.',
    'This installation was started with SPIRE_LOCAL_IDP=true. You log in with your login id (OIDC subject) without a password. Use it only on your own machine to try Spire.',
  ],
  'login.localSubject': ['Login-id (OIDC-subject)', 'Login id (OIDC subject)'],
  'login.localButton': ['Log ind', 'Log in'],
  'login.none': [
    'Der er ikke sat et login op endnu. Administratoren sætter OIDC_ISSUER m.fl. (se README, "Operations").',
    'No login has been set up yet. The administrator sets OIDC_ISSUER and related settings (see README, "Operations").',
  ],
  'login.current': ['Du er logget ind som {name}.', 'You are logged in as {name}.'],
  'staff.title': ['Velkommen, {name}', 'Welcome, {name}'],
  'staff.intro': ['Det der venter på dig, og dine områder.', 'What is waiting for you, and your areas.'],
  'staff.unitsText': [
    'Søg i registret og se kapacitet, stamdata og historik.',
    'Search the register and see capacity, details and history.',
  ],
  'staff.childrenText': [
    'Find et barn eller en forælder på navn eller CPR-nummer.',
    'Find a child or guardian by name or CPR number.',
  ],
  'staff.auditText': ['Se hvem der har set og ændret hvad.', 'See who viewed and changed what.'],
  'staff.settingsText': ['Vælg systemets dato i demo-miljøet.', 'Choose the system date in the demo environment.'],
  'units.title': ['Institutionsregister', 'Unit register'],
  'units.q': ['Navn eller nummer', 'Name or number'],
  'units.caption': ['Institutioner ({n})', 'Units ({n})'],
  'units.occupancy': ['{enrolled} af {places}', '{enrolled} of {places}'],
  'newUnit.title': ['Ny enhed', 'New unit'],
  'newUnit.lead': [
    'Opret en anvisningsenhed under en daginstitution. Numre genbruges aldrig.',
    'Create a unit under an institution. Numbers are never reused.',
  ],
  'newUnit.choose': ['Vælg daginstitution', 'Choose an institution'],
  'newUnit.newParent': ['+ Ny daginstitution', '+ New institution'],
  'newUnit.parentNumber': ['Daginstitutionens nummer', 'Institution number'],
  'newUnit.parentName': ['Daginstitutionens navn', 'Institution name'],
  'newUnit.create': ['Opret enhed', 'Create unit'],
  'newUnit.link': ['Ny enhed', 'New unit'],
  'units.none': ['Ingen institutioner fundet.', 'No units found.'],
  'col.number': ['Nr.', 'No.'],
  'col.name': ['Navn', 'Name'],
  'col.type': ['Type', 'Type'],
  'col.ejerform': ['Ejerform', 'Ownership'],
  'col.daginst': ['Daginstitution', 'Institution'],
  'col.area': ['Område', 'Area'],
  'col.city': ['By', 'Town'],
  'col.occupancy': ['Belægning', 'Occupancy'],
  'col.ageBand': ['Aldersgruppe', 'Age group'],
  'col.places': ['Pladser', 'Places'],
  'col.start': ['Fra', 'From'],
  'col.end': ['Til', 'To'],
  'col.birthDate': ['Fødselsdato', 'Date of birth'],
  'col.cpr': ['CPR-nummer', 'CPR number'],
  'col.personKind': ['Barn/voksen', 'Child/adult'],
  'col.unit': ['Institution', 'Unit'],
  'col.kind': ['Tilbud', 'Service'],
  'col.hours': ['Timer pr. uge', 'Hours a week'],
  'col.phone': ['Telefon', 'Phone'],
  'col.email': ['E-mail', 'Email'],
  'col.day': ['Dag', 'Day'],
  'col.hoursOpen': ['Åbent', 'Open'],
  'col.at': ['Tidspunkt', 'Time'],
  'col.user': ['Bruger', 'User'],
  'col.role': ['Rolle', 'Role'],
  'col.action': ['Handling', 'Action'],
  'col.subject': ['Hvem det angår', 'Concerning'],
  'col.ip': ['IP-adresse', 'IP address'],
  'col.details': ['Detaljer', 'Details'],
  'unit.back': ['Tilbage til registret', 'Back to the register'],
  'unit.facts': ['Stamdata', 'Details'],
  'unit.number': ['Institutionsnummer', 'Unit number'],
  'unit.daginst': ['Daginstitution', 'Institution'],
  'unit.cluster': ['{name} (klynge)', '{name} (cluster)'],
  'unit.address': ['Adresse', 'Address'],
  'unit.hours': ['Åbningstider', 'Opening hours'],
  'unit.closed': ['Lukket', 'Closed'],
  'unit.sections': ['Stuer og grupper', 'Groups'],
  'unit.sectionAges': ['{min}–{max} mdr.', '{min}–{max} months'],
  'unit.altAddresses': ['Andre adresser', 'Other addresses'],
  'unit.edit': ['Ret stamdata', 'Edit details'],
  'unit.street': ['Vej og husnummer', 'Street and number'],
  'unit.postalCode': ['Postnummer', 'Postcode'],
  'unit.city': ['By', 'Town'],
  'unit.name': ['Navn', 'Name'],
  'cap.title': ['Kapacitet', 'Capacity'],
  'cap.caption': ['Kapacitetsperioder', 'Capacity periods'],
  'cap.none': ['Ingen kapacitet registreret.', 'No capacity registered.'],
  'cap.add': ['Tilføj kapacitetsperiode', 'Add a capacity period'],
  'cap.added': ['Perioden er tilføjet.', 'The period has been added.'],
  'cap.endHint': [
    'Lad feltet stå tomt, hvis perioden ikke har en slutdato.',
    'Leave empty if the period has no end date.',
  ],
  'cap.open': ['Ingen slutdato', 'No end date'],
  'cap.submit': ['Tilføj periode', 'Add period'],
  'chart.title': ['Kapacitet og indskrevne børn i dag', 'Capacity and enrolled children today'],
  'chart.capacity': ['Kapacitet', 'Capacity'],
  'chart.enrolled': ['Indskrevne', 'Enrolled'],
  'chart.summary': ['{band}: {places} pladser, {enrolled} indskrevne', '{band}: {places} places, {enrolled} enrolled'],
  'history.title': ['Historik', 'History'],
  'history.none': ['Ingen ændringer registreret.', 'No changes recorded.'],
  'history.by': ['af {name}', 'by {name}'],
  'history.system': ['af systemet', 'by the system'],
  'history.empty': ['(tom)', '(empty)'],
  'search.title': ['Find barn eller forælder', 'Find a child or guardian'],
  'search.field': ['Navn eller CPR-nummer', 'Name or CPR number'],
  'search.hint': ['Fx “Emma Hansen” eller 010120-1234.', 'For example “Emma Hansen” or 010120-1234.'],
  'search.caption': ['Søgeresultater ({n})', 'Search results ({n})'],
  'search.none': ['Ingen personer fundet.', 'No people found.'],
  'search.child': ['Barn', 'Child'],
  'search.adult': ['Voksen', 'Adult'],
  'child.back': ['Tilbage til søgningen', 'Back to the search'],
  'child.facts': ['Oplysninger', 'Details'],
  'child.age': ['Alder', 'Age'],
  'child.sex': ['Køn', 'Sex'],
  'child.address': ['Adresse', 'Address'],
  'child.noAddress': ['Ingen adresse registreret', 'No address registered'],
  'child.guardians': ['Forældremyndighed', 'Guardians'],
  'child.noGuardians': ['Ingen forældre registreret.', 'No guardians registered.'],
  'child.guardiansCaption': ['Forældre og kontaktoplysninger', 'Guardians and contact details'],
  'child.placementsCaption': ['Alle pladser, nyeste først', 'All places, newest first'],
  'child.siblings': ['Søskende', 'Siblings'],
  'child.noSiblings': ['Ingen søskende registreret.', 'No siblings registered.'],
  'child.placements': ['Pladser', 'Places'],
  'child.noPlacements': ['Ingen pladser registreret.', 'No places registered.'],
  'child.edit': ['Ret navn', 'Edit name'],
  'child.firstName': ['Fornavn', 'First name'],
  'child.lastName': ['Efternavn', 'Last name'],
  'settings.heading': ['Kommunens regler og værdier', 'Municipal rules and values'],
  'settings.intro': [
    'Hver værdi gælder i en periode. En ny værdi afslutter den gældende dagen før sin startdato.',
    'Each value applies for a period. A new value ends the current one the day before it starts.',
  ],
  'settings.caption': ['Indstillinger ({n})', 'Settings ({n})'],
  'settings.key': ['Nøgle', 'Key'],
  'settings.value': ['Værdi', 'Value'],
  'settings.period': ['Gælder', 'Valid'],
  'settings.start': ['Gælder fra', 'Valid from'],
  'settings.add': ['Tilføj værdi', 'Add value'],
  'clock.title': ['Indstillinger', 'Settings'],
  'clock.heading': ['Demo-ur', 'Demo clock'],
  'clock.intro': [
    'I demo-miljøet kan en administrator vælge, hvilken dato systemet regner som i dag.',
    'In the demo environment an administrator can choose which date the system treats as today.',
  ],
  'clock.today': ['Dags dato', 'Today’s date'],
  'clock.current': ['Systemet regner lige nu {date} som i dag.', 'The system currently treats {date} as today.'],
  'clock.saved': ['Datoen er ændret til {date}.', 'The date has been changed to {date}.'],
  'clock.set': ['Skift dato', 'Change date'],
  'clock.notDemo': ['Uret kan kun ændres i demo-miljøet.', 'The clock can only be changed in the demo environment.'],
  ...lettersTexts,
  ...attendanceTexts,
  ...placementTexts,
  ...bookingTexts,
  ...usersTexts,
  ...registerTexts,
  ...errorTexts,
  ...auditTexts,
  ...workTexts,
  ...peopleTexts,
  ...subsidiesTexts,
  ...guardTexts,
  ...retentionTexts,
} satisfies Record<string, readonly [string, string]>;

export type Key = keyof typeof dict;
export const isKey = (k: string): k is Key => k in dict;
export type Lang = 'da' | 'en';
export type T = (key: Key, params?: Record<string, string | number>) => string;

const STORAGE_KEY = 'spire.lang';
const LangContext = createContext<{ lang: Lang; setLang: (l: Lang) => void }>({ lang: 'da', setLang: () => {} });

function initialLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'da';
  } catch {
    return 'da';
  }
}

export function LanguageProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const setLang = useCallback((l: Lang) => {
    setLangState(l);
    try {
      localStorage.setItem(STORAGE_KEY, l);
    } catch {
      /* private mode: keep it in memory */
    }
  }, []);
  const value = useMemo(() => ({ lang, setLang }), [lang, setLang]);
  return createElement(LangContext.Provider, { value }, children);
}

export function useT() {
  const { lang, setLang } = useContext(LangContext);
  const t = useCallback<T>(
    (key, params) => {
      let s: string = dict[key][lang === 'da' ? 0 : 1];
      if (params) for (const [k, v] of Object.entries(params)) s = s.replaceAll('{' + k + '}', String(v));
      return s;
    },
    [lang],
  );
  return { t, lang, setLang, locale: lang === 'da' ? 'da-DK' : 'en-GB' };
}
