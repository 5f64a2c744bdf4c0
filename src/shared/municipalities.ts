/** Danish regions; every municipality belongs to exactly one. */
export type Region = 'Hovedstaden' | 'Sjælland' | 'Syddanmark' | 'Midtjylland' | 'Nordjylland';

export interface Municipality {
  code: string;
  name: string;
  region: Region;
}

// The 98 municipalities since 2007. Codes/names copied from Danmarks Statistik data
// (kept inline: no runtime dependency on external files).
const m = (code: string, name: string, region: Region): Municipality => Object.freeze({ code, name, region });

export const MUNICIPALITIES: readonly Municipality[] = Object.freeze([
  m('0101', 'København', 'Hovedstaden'),
  m('0147', 'Frederiksberg', 'Hovedstaden'),
  m('0151', 'Ballerup', 'Hovedstaden'),
  m('0153', 'Brøndby', 'Hovedstaden'),
  m('0155', 'Dragør', 'Hovedstaden'),
  m('0157', 'Gentofte', 'Hovedstaden'),
  m('0159', 'Gladsaxe', 'Hovedstaden'),
  m('0161', 'Glostrup', 'Hovedstaden'),
  m('0163', 'Herlev', 'Hovedstaden'),
  m('0165', 'Albertslund', 'Hovedstaden'),
  m('0167', 'Hvidovre', 'Hovedstaden'),
  m('0169', 'Høje-Taastrup', 'Hovedstaden'),
  m('0173', 'Lyngby-Taarbæk', 'Hovedstaden'),
  m('0175', 'Rødovre', 'Hovedstaden'),
  m('0183', 'Ishøj', 'Hovedstaden'),
  m('0185', 'Tårnby', 'Hovedstaden'),
  m('0187', 'Vallensbæk', 'Hovedstaden'),
  m('0190', 'Furesø', 'Hovedstaden'),
  m('0201', 'Allerød', 'Hovedstaden'),
  m('0210', 'Fredensborg', 'Hovedstaden'),
  m('0217', 'Helsingør', 'Hovedstaden'),
  m('0219', 'Hillerød', 'Hovedstaden'),
  m('0223', 'Hørsholm', 'Hovedstaden'),
  m('0230', 'Rudersdal', 'Hovedstaden'),
  m('0240', 'Egedal', 'Hovedstaden'),
  m('0250', 'Frederikssund', 'Hovedstaden'),
  m('0253', 'Greve', 'Sjælland'),
  m('0259', 'Køge', 'Sjælland'),
  m('0260', 'Halsnæs', 'Hovedstaden'),
  m('0265', 'Roskilde', 'Sjælland'),
  m('0269', 'Solrød', 'Sjælland'),
  m('0270', 'Gribskov', 'Hovedstaden'),
  m('0306', 'Odsherred', 'Sjælland'),
  m('0316', 'Holbæk', 'Sjælland'),
  m('0320', 'Faxe', 'Sjælland'),
  m('0326', 'Kalundborg', 'Sjælland'),
  m('0329', 'Ringsted', 'Sjælland'),
  m('0330', 'Slagelse', 'Sjælland'),
  m('0336', 'Stevns', 'Sjælland'),
  m('0340', 'Sorø', 'Sjælland'),
  m('0350', 'Lejre', 'Sjælland'),
  m('0360', 'Lolland', 'Sjælland'),
  m('0370', 'Næstved', 'Sjælland'),
  m('0376', 'Guldborgsund', 'Sjælland'),
  m('0390', 'Vordingborg', 'Sjælland'),
  m('0400', 'Bornholm', 'Hovedstaden'),
  m('0410', 'Middelfart', 'Syddanmark'),
  m('0420', 'Assens', 'Syddanmark'),
  m('0430', 'Faaborg-Midtfyn', 'Syddanmark'),
  m('0440', 'Kerteminde', 'Syddanmark'),
  m('0450', 'Nyborg', 'Syddanmark'),
  m('0461', 'Odense', 'Syddanmark'),
  m('0479', 'Svendborg', 'Syddanmark'),
  m('0480', 'Nordfyns', 'Syddanmark'),
  m('0482', 'Langeland', 'Syddanmark'),
  m('0492', 'Ærø', 'Syddanmark'),
  m('0510', 'Haderslev', 'Syddanmark'),
  m('0530', 'Billund', 'Syddanmark'),
  m('0540', 'Sønderborg', 'Syddanmark'),
  m('0550', 'Tønder', 'Syddanmark'),
  m('0561', 'Esbjerg', 'Syddanmark'),
  m('0563', 'Fanø', 'Syddanmark'),
  m('0573', 'Varde', 'Syddanmark'),
  m('0575', 'Vejen', 'Syddanmark'),
  m('0580', 'Aabenraa', 'Syddanmark'),
  m('0607', 'Fredericia', 'Syddanmark'),
  m('0615', 'Horsens', 'Midtjylland'),
  m('0621', 'Kolding', 'Syddanmark'),
  m('0630', 'Vejle', 'Syddanmark'),
  m('0657', 'Herning', 'Midtjylland'),
  m('0661', 'Holstebro', 'Midtjylland'),
  m('0665', 'Lemvig', 'Midtjylland'),
  m('0671', 'Struer', 'Midtjylland'),
  m('0706', 'Syddjurs', 'Midtjylland'),
  m('0707', 'Norddjurs', 'Midtjylland'),
  m('0710', 'Favrskov', 'Midtjylland'),
  m('0727', 'Odder', 'Midtjylland'),
  m('0730', 'Randers', 'Midtjylland'),
  m('0740', 'Silkeborg', 'Midtjylland'),
  m('0741', 'Samsø', 'Midtjylland'),
  m('0746', 'Skanderborg', 'Midtjylland'),
  m('0751', 'Aarhus', 'Midtjylland'),
  m('0756', 'Ikast-Brande', 'Midtjylland'),
  m('0760', 'Ringkøbing-Skjern', 'Midtjylland'),
  m('0766', 'Hedensted', 'Midtjylland'),
  m('0773', 'Morsø', 'Nordjylland'),
  m('0779', 'Skive', 'Midtjylland'),
  m('0787', 'Thisted', 'Nordjylland'),
  m('0791', 'Viborg', 'Midtjylland'),
  m('0810', 'Brønderslev', 'Nordjylland'),
  m('0813', 'Frederikshavn', 'Nordjylland'),
  m('0820', 'Vesthimmerlands', 'Nordjylland'),
  m('0825', 'Læsø', 'Nordjylland'),
  m('0840', 'Rebild', 'Nordjylland'),
  m('0846', 'Mariagerfjord', 'Nordjylland'),
  m('0849', 'Jammerbugt', 'Nordjylland'),
  m('0851', 'Aalborg', 'Nordjylland'),
  m('0860', 'Hjørring', 'Nordjylland'),
]);

const BY_CODE = new Map(MUNICIPALITIES.map((x) => [x.code, x]));

/** Looks up a 4-digit code such as '0101'. */
export function municipalityByCode(code: string): Municipality | undefined {
  return BY_CODE.get(code);
}

export function isMunicipalityCode(code: unknown): code is string {
  return typeof code === 'string' && BY_CODE.has(code);
}
