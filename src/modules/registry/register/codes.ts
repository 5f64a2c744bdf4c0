// The Dagtilbudsregister's code lists as Spire uses them (docs/formats/dagtilbudsregister.md). Pure data.
import type { Ejerform, Lovgrundlag, UnitType } from '../../../platform/db/schema.js';

/** InstType3 per unit type (mirrors the inst_type table of migration 022; a unit test keeps them equal). */
export const INST_TYPE3: Record<UnitType, number> = {
  vuggestue: 6010,
  boernehave: 6011,
  integreret: 6012,
  dagpleje: 6013,
  landsbyordning: 6014,
  fritidshjem: 6020,
  sfo: 6021,
  klub: 6022,
};
export const TYPE_OF_INST_TYPE3 = new Map(Object.entries(INST_TYPE3).map(([t, c]) => [c, t as UnitType]));

/** InstType1 (hovedgruppe 60: dagtilbud og fritidstilbud) and InstType2 (601 daginstitutioner, 602 dagpleje,
 *  603 fritidshjem og SFO, 604 klubber) above an InstType3. */
export const INST_TYPE2: Record<UnitType, number> = {
  vuggestue: 601,
  boernehave: 601,
  integreret: 601,
  landsbyordning: 601,
  dagpleje: 602,
  fritidshjem: 603,
  sfo: 603,
  klub: 604,
};
export const INST_TYPE1 = 60;

export const EJERFORM_CODE: Record<Ejerform, number> = { kommunal: 1, selvejende: 2, privat: 3, udliciteret: 4 };
export const EJERFORM_OF_CODE = new Map(Object.entries(EJERFORM_CODE).map(([e, c]) => [c, e as Ejerform]));

export const LOVGRUNDLAG_CODE: Record<Lovgrundlag, number> = {
  dtl_19_2: 1,
  dtl_19_3: 2,
  dtl_19_4: 3,
  dtl_19_5: 4,
  dtl_21: 5,
  dtl_52: 6,
  dtl_66: 7,
  fsl_3_4: 8,
};
export const LOVGRUNDLAG_OF_CODE = new Map(Object.entries(LOVGRUNDLAG_CODE).map(([l, c]) => [c, l as Lovgrundlag]));

/** The law a daginstitution is run under, from what it runs and who owns it. */
export function lovgrundlagFor(type: UnitType, ejerform: Ejerform): Lovgrundlag {
  if (type === 'dagpleje') return 'dtl_21';
  if (type === 'fritidshjem') return 'dtl_52';
  if (type === 'klub') return 'dtl_66';
  if (type === 'sfo') return 'fsl_3_4';
  return ({ kommunal: 'dtl_19_2', selvejende: 'dtl_19_3', privat: 'dtl_19_4', udliciteret: 'dtl_19_5' } as const)[
    ejerform
  ];
}

/** The snapshot file's `kind` → Spire's unit type. */
export const TYPE_OF_KIND: Record<string, UnitType> = {
  aldersintegreret: 'integreret',
  vuggestue: 'vuggestue',
  boernehave: 'boernehave',
  dagpleje: 'dagpleje',
  landsbyordning: 'landsbyordning',
  fritidshjem: 'fritidshjem',
  sfo: 'sfo',
  klub: 'klub',
};

export const REGISTER_NUMBER = /^[A-Z0-9]{6}$/;

/** The derived daginstitution number for a unit-level row of the snapshot: `I` and the unit number's last five. */
export function derivedDaginstitutionNumber(unitNumber: string): string {
  return `I${unitNumber.slice(1)}`;
}
