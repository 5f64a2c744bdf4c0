// Districts (områder), street names and school names for the demo municipalities.
import type { InstitutionRecord } from './institutions.js';

/** København: bydel from the postal code. */
export function copenhagenArea(postalCode: string): string {
  const pc = Number(postalCode);
  if (pc >= 1000 && pc < 1500) return 'Indre By';
  if (pc >= 1500 && pc < 1800) return 'Vesterbro';
  switch (postalCode) {
    case '2100':
    case '2150':
      return 'Østerbro';
    case '2200':
      return 'Nørrebro';
    case '2300':
      return 'Amager';
    case '2400':
      return 'Bispebjerg (NV)';
    case '2450':
      return 'Sydhavn (SV)';
    case '2500':
      return 'Valby';
    case '2700':
      return 'Brønshøj-Husum';
    case '2720':
      return 'Vanløse';
    default:
      return 'Øvrige';
  }
}

const HJOERRING_TOWNS = ['Hjørring', 'Hirtshals', 'Sindal', 'Vrå', 'Løkken', 'Bindslev', 'Tårs'];

/** Hjørring: the town; a dagpleje registered at the town hall counts where its name says ("Dagplejen i Vrå"). */
export function hjoerringArea(u: InstitutionRecord): string {
  const named = HJOERRING_TOWNS.find((t) => new RegExp(`(^|\\s)i ${t}(\\s|$)`).test(u.name));
  if (named) return named;
  return HJOERRING_TOWNS.includes(u.city) ? u.city : 'Hjørring';
}

export function areaOf(u: InstitutionRecord): string {
  return u.municipalityCode === '0101' ? copenhagenArea(u.postalCode) : hjoerringArea(u);
}

export const STREETS: Record<string, readonly string[]> = {
  Hjørring: [
    'Østergade',
    'Vestergade',
    'Bispensgade',
    'Frederikshavnsvej',
    'Løkkensvej',
    'Skagensvej',
    'Asylgade',
    'Jernbanegade',
    'Åstrupvej',
    'Ringen',
    'Bjergbyvej',
    'Brinck Seidelins Gade',
    'Sofiendalsvej',
    'Hestkærvej',
    'Harkenvej',
    'Kingosvej',
    'Bagterpvej',
    'Lundergårdsvej',
    'Tornbygade',
    'Ålborgvej',
    'Fynsgade',
    'Nørregade',
  ],
  Hirtshals: [
    'Havnegade',
    'Nørregade',
    'Jyllandsgade',
    'Vestergade',
    'Hjørringgade',
    'Søndergade',
    'Kystvejen',
    'Fyrvej',
    'Emmersbækvej',
    'Tornby Strandvej',
    'Horne Kirkevej',
    'Skansen',
  ],
  Sindal: [
    'Jernbanegade',
    'Bredgade',
    'Hjørringvej',
    'Skagensvej',
    'Nørregade',
    'Kirkegade',
    'Lendumvej',
    'Poulstrupvej',
    'Mosbjergvej',
    'Engvej',
  ],
  Vrå: [
    'Algade',
    'Bøgevej',
    'Jernbanegade',
    'Højskolevej',
    'Lerbækvej',
    'Ahornvej',
    'Stationsvej',
    'Græsvangen',
    'Vrejlevvej',
  ],
  Løkken: [
    'Nørregade',
    'Søndergade',
    'Torvet',
    'Harboesvej',
    'Vrenstedvej',
    'Nørre Strandvej',
    'Hundelevvej',
    'Fuglsigvej',
  ],
  Bindslev: ['Tolnevej', 'Bakkegårdsvej', 'Hjørringvej', 'Sindalvej', 'Stationsvej', 'Mølleparken'],
  Tårs: ['Hovedgaden', 'Skolevej', 'Vrejlevvej', 'Sindalvej', 'Nygade', 'Ugiltvej'],
  Amager: [
    'Amagerbrogade',
    'Holmbladsgade',
    'Øresundsvej',
    'Englandsvej',
    'Sundholmsvej',
    'Italiensvej',
    'Backersvej',
    'Amager Boulevard',
    'Ørestads Boulevard',
    'Islands Brygge',
    'Artillerivej',
    'Kastrupvej',
    'Sundbyvestervej',
    'Lergravsvej',
    'Hørhusvej',
    'Gerbrandsvej',
    'Tycho Brahes Allé',
    'Vejlands Allé',
  ],
  Østerbro: [
    'Østerbrogade',
    'Nordre Frihavnsgade',
    'Classensgade',
    'Strandboulevarden',
    'Rosenvængets Allé',
    'Bryggervangen',
    'Vennemindevej',
    'Ribegade',
    'Randersgade',
    'Blegdamsvej',
    'Willemoesgade',
    'Kildevældsgade',
    'Ryesgade',
    'Lipkesgade',
    'Århusgade',
    'Vognmandsmarken',
  ],
  Nørrebro: [
    'Nørrebrogade',
    'Jagtvej',
    'Blågårdsgade',
    'Rantzausgade',
    'Griffenfeldsgade',
    'Guldbergsgade',
    'Heimdalsgade',
    'Fensmarkgade',
    'Stefansgade',
    'Hillerødgade',
    'Mimersgade',
    'Baggesensgade',
    'Ravnsborggade',
    'Thorsgade',
    'Prinsesse Charlottes Gade',
    'Ågade',
  ],
  'Bispebjerg (NV)': [
    'Frederikssundsvej',
    'Tagensvej',
    'Rentemestervej',
    'Bispebjerg Parkallé',
    'Utterslevvej',
    'Glasvej',
    'Lygten',
    'Emdrupvej',
    'Bispeparken',
    'Skoleholdervej',
    'Dortheavej',
    'Bogtrykkervej',
  ],
  'Sydhavn (SV)': [
    'Sydhavnsgade',
    'Mozartsvej',
    'Borgbjergsvej',
    'Sjælør Boulevard',
    'Wagnersvej',
    'P. Knudsens Gade',
    'Bådehavnsgade',
    'Scandiagade',
    'Hansstedvej',
    'Ellebjergvej',
    'Lykkebovej',
  ],
  Valby: [
    'Valby Langgade',
    'Toftegårds Allé',
    'Gammel Køge Landevej',
    'Vigerslev Allé',
    'Retortvej',
    'Ålholmvej',
    'Annexstræde',
    'Roskildevej',
    'Jyllandsvej',
    'Langgade',
    'Carl Jacobsens Vej',
    'Vigerslevvej',
  ],
  'Brønshøj-Husum': [
    'Frederikssundsvej',
    'Brønshøjvej',
    'Husumvej',
    'Krabbesholmvej',
    'Bellahøjvej',
    'Slotsherrensvej',
    'Klintevej',
    'Ruten',
    'Åkandevej',
    'Brønshøjholms Allé',
    'Tingbjerg Allé',
  ],
  Vanløse: [
    'Jernbane Allé',
    'Ålekistevej',
    'Hyltebjerg Allé',
    'Grøndals Parkvej',
    'Apuliavej',
    'Vanløse Allé',
    'Ruskærsvej',
    'Jyllingevej',
    'Linde Allé',
    'Halls Allé',
    'Kirkebjerg Allé',
    'Katrinedals Allé',
  ],
  'Indre By': [
    'Store Kongensgade',
    'Gothersgade',
    'Nørre Voldgade',
    'Dronningens Tværgade',
    'Borgergade',
    'Adelgade',
    'Kronprinsessegade',
    'Overgaden neden Vandet',
    'Christianshavns Voldgade',
    'Prinsessegade',
    'Sølvgade',
    'Krystalgade',
    'Nansensgade',
    'Ahlefeldtsgade',
  ],
  Vesterbro: [
    'Istedgade',
    'Vesterbrogade',
    'Enghavevej',
    'Sønder Boulevard',
    'Gasværksvej',
    'Matthæusgade',
    'Saxogade',
    'Oehlenschlægersgade',
    'Valdemarsgade',
    'Vesterfælledvej',
    'Dannebrogsgade',
    'Tøndergade',
  ],
};

const GENERIC_STREETS = [
  'Skolevej',
  'Kirkevej',
  'Møllevej',
  'Bakkevej',
  'Engvej',
  'Birkevej',
  'Ahornvej',
  'Lærkevej',
  'Rosenvej',
  'Violvej',
  'Egevej',
  'Granvej',
];

export function streetsFor(area: string): readonly string[] {
  return STREETS[area] ?? GENERIC_STREETS;
}

/** Schools an SFO / fritidshjem is attached to (names of real-sounding local schools). */
export const SCHOOLS: Record<string, readonly string[]> = {
  Hjørring: [
    'Hjørring Skole',
    'Bagterpskolen',
    'Lundergårdskolen',
    'Hjørring Søndre Skole',
    'Tolne Skole',
    'Bjergby Skole',
  ],
  Hirtshals: ['Hirtshals Skole', 'Tornby Skole'],
  Sindal: ['Sindal Skole', 'Lendum Skole'],
  Vrå: ['Vrå Skole'],
  Løkken: ['Løkken Skole', 'Hundelev Skole'],
  Bindslev: ['Bindslev Skole'],
  Tårs: ['Tårs Skole'],
  Amager: [
    'Sundbyøster Skole',
    'Amager Fælled Skole',
    'Dyvekeskolen',
    'Lergravsvejens Skole',
    'Gerbrandskolen',
    'Skolen på Islands Brygge',
    'Ørestad Skole',
    'Skolen ved Sundet',
    'Sundholmsvejens Skole',
    'Peder Lykke Skolen',
    'Sundparkens Skole',
    'Amagerbro Skole',
    'Højdevangens Skole',
    'Sønderbro Skole',
  ],
  Østerbro: [
    'Kildevældsskolen',
    'Strandvejsskolen',
    'Vibenshus Skole',
    'Øster Farimagsgades Skole',
    'Randersgades Skole',
    'Sortedamskolen',
    'Langelinieskolen',
    'Nordhavn Skole',
  ],
  Nørrebro: [
    'Rådmandsgades Skole',
    'Blågård Skole',
    'Guldberg Skole',
    'Nørre Fælled Skole',
    'Hans Tavsens Gades Skole',
    'Klostervængets Skole',
    'Lundehusskolen',
    'Heimdalsgades Skole',
  ],
  'Bispebjerg (NV)': ['Tagensbo Skole', 'Utterslev Skole', 'Holberg Skolen', 'Bispebjerg Skole', 'Emdrup Skole'],
  'Sydhavn (SV)': ['Sydhavn Skole', 'Bavnehøj Skole', 'Ellebjerg Skole', 'Skolen i Sydhavnen'],
  Valby: [
    'Vigerslev Allés Skole',
    'Ålholm Skole',
    'Lykkebo Skole',
    'Valby Skole',
    'Hanssted Skole',
    'Skolen i Charlottekvarteret',
  ],
  'Brønshøj-Husum': ['Husum Skole', 'Korsager Skole', 'Brønshøj Skole', 'Tingbjerg Skole', 'Bellahøj Skole'],
  Vanløse: ['Vanløse Skole', 'Hyltebjerg Skole', 'Kirkebjerg Skole', 'Katrinedals Skole'],
  'Indre By': ['Christianshavns Skole', 'Sølvgades Skole', 'Nyboder Skole', 'Gothersgade Skole'],
  Vesterbro: [
    'Oehlenschlægersgades Skole',
    'Gasværksvejens Skole',
    'Skolen på Sønderboulevard',
    'Vesterbro Ny Skole',
    'Tove Ditlevsens Skole',
  ],
};

/** Extra names when an area needs more fritidshjem than it has schools. */
export const FRITIDSHJEM_NAMES = [
  'Solstrålen',
  'Mælkebøtten',
  'Regnbuen',
  'Spiren',
  'Kastanjen',
  'Ankeret',
  'Myretuen',
  'Stjernen',
  'Skibet',
  'Trætoppen',
  'Lindetræet',
  'Kompasset',
  'Fyrtårnet',
  'Svalen',
  'Egern',
];
