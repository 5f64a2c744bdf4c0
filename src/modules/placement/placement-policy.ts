// The municipality's placement rules as versioned settings (src/modules/settings), with the legal/typical defaults.
import type { Db } from '../../platform/db/database.js';
import type { LocalDate } from '../../shared/index.js';
import { z } from 'zod';
import { defineSettingSchemas, settingOn } from '../settings/index.js';
import type { EarliestStart, NoticeRule } from './rules.js';

/** The priority classes a municipality may order; 'seniority' is everyone else and always last. */
export const PRIORITY_CLASSES = {
  special_needs: { da: 'Særlige behov (visiteret af sagsbehandler)', en: 'Special needs (set by a caseworker)' },
  moving_in: { da: 'Tilflytter (reserveret plads)', en: 'Moving in (reserved place)' },
  sibling: { da: 'Søskende i institutionen', en: 'Sibling in the unit' },
  distance: { da: 'Bor tæt på', en: 'Lives nearby' },
  seniority: { da: 'Anciennitet', en: 'Seniority' },
} as const;
export type PriorityClassId = keyof typeof PRIORITY_CLASSES;

export interface PlacementPolicy {
  seniorityFromMonths: number;
  earliestStart: EarliestStart;
  priorityClasses: PriorityClassId[];
  distanceKm: number;
  reservedMovingIn: number;
  seniorityOnChange: 'keep' | 'reset';
  distributionShare: number | null;
  vulnerableAreas: string[];
  nurseryWeight: number;
  transitionAgeMonths: number;
  /** Allocation rounds: 'strict-order' (default, § 27 waiting-list order) or 'maximise-children' (docs/formats/allocation.md). */
  fillMode: 'strict-order' | 'maximise-children';
  maxWishes: Record<string, number>;
  offerDeadlineDays: number;
  notice: NoticeRule;
  fritidOfferWindow: { from: string; to: string };
  clubFromGrade: number;
  riskDays: number;
}

/** Setting keys, their defaults and a one-line description for the policy editor. */
export const POLICY_KEYS: { key: string; field: keyof PlacementPolicy; default: unknown; da: string; en: string }[] = [
  {
    key: 'placement.seniority_from_months',
    field: 'seniorityFromMonths',
    default: 4,
    da: 'Anciennitet tæller fra barnets alder (måneder)',
    en: 'Seniority counts from age (months)',
  },
  {
    key: 'placement.earliest_start',
    field: 'earliestStart',
    default: { weeks: 26 },
    da: 'Tidligste start, fx {"weeks":26} eller {"months":6}',
    en: 'Earliest start, e.g. {"weeks":26} or {"months":6}',
  },
  {
    key: 'placement.priority_classes',
    field: 'priorityClasses',
    default: ['special_needs', 'moving_in', 'sibling', 'distance', 'seniority'],
    da: 'Prioritetsgrupper i rækkefølge',
    en: 'Priority classes in order',
  },
  {
    key: 'placement.distance_km',
    field: 'distanceKm',
    default: 2,
    da: 'Afstand for nærhedsprioritet (km)',
    en: 'Distance for the nearby priority (km)',
  },
  {
    key: 'placement.reserved_moving_in',
    field: 'reservedMovingIn',
    default: 6,
    da: 'Reserverede pladser til tilflyttere pr. institution pr. år',
    en: 'Places reserved for families moving in, per unit per year',
  },
  {
    key: 'placement.seniority_on_change',
    field: 'seniorityOnChange',
    default: 'keep',
    da: 'Anciennitet ved ændrede ønsker: "keep" eller "reset"',
    en: 'Seniority when wishes change: "keep" or "reset"',
  },
  {
    key: 'placement.distribution_share',
    field: 'distributionShare',
    default: 0.3,
    da: 'Fordelingsreglen §26 a: højeste andel fra udsatte boligområder (null = fra)',
    en: '§26 a distribution rule: maximum share from vulnerable areas (null = off)',
  },
  {
    key: 'placement.vulnerable_areas',
    field: 'vulnerableAreas',
    default: [],
    da: 'Udsatte boligområder (områdenavne) for §26 a',
    en: 'Vulnerable housing areas (area names) for §26 a',
  },
  {
    key: 'placement.nursery_weight',
    field: 'nurseryWeight',
    default: 2,
    da: 'Et vuggestuebarn tæller som antal børnehavepladser',
    en: 'Kindergarten places a nursery child counts',
  },
  {
    key: 'placement.transition_age_months',
    field: 'transitionAgeMonths',
    default: 34,
    da: 'Overgang vuggestue → børnehave (alder i måneder)',
    en: 'Nursery → kindergarten (age in months)',
  },
  {
    key: 'placement.fill_mode',
    field: 'fillMode',
    default: 'strict-order',
    da: 'Fordeling: "strict-order" (ventelistens rækkefølge, § 27) eller "maximise-children" (flest mulige børn; et barn kan springes over for flere mindre børn med lavere prioritet)',
    en: 'Allocation: "strict-order" (waiting-list order, § 27) or "maximise-children" (most children; a child may be passed over for several smaller children of lower priority)',
  },
  {
    key: 'placement.max_wishes',
    field: 'maxWishes',
    default: { '0-2': 2, '3-5': 3, '6-9': 2, '10-13': 2 },
    da: 'Antal ønsker pr. aldersgruppe',
    en: 'Wishes per age band',
  },
  {
    key: 'placement.offer_deadline_days',
    field: 'offerDeadlineDays',
    default: 14,
    da: 'Svarfrist på pladstilbud (dage)',
    en: 'Days to answer an offer',
  },
  {
    key: 'placement.notice',
    field: 'notice',
    default: { months: 1, to: '15_or_month_end' },
    da: 'Opsigelsesvarsel ved udmeldelse',
    en: 'Notice period for withdrawal',
  },
  {
    key: 'placement.fritid_offer_window',
    field: 'fritidOfferWindow',
    default: { from: '04-01', to: '08-01' },
    da: 'Tilbud om SFO/fritidshjem i skolestartsåret (MM-DD)',
    en: 'SFO/after-school offers in the school-start year (MM-DD)',
  },
  {
    key: 'placement.club_from_grade',
    field: 'clubFromGrade',
    default: 4,
    da: 'Klub fra klassetrin',
    en: 'Club from grade',
  },
  {
    key: 'placement.guarantee_risk_days',
    field: 'riskDays',
    default: 60,
    da: 'Vis garantirisiko når der er højst så mange dage til garantidatoen',
    en: 'Show guarantee risk within this many days',
  },
];

const int = (min: number, max: number) => z.number().int().min(min).max(max);
const monthDay = z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/);
/** What each rule's value must look like (the same limits as the rules page's form). */
defineSettingSchemas({
  'placement.seniority_from_months': int(0, 72),
  'placement.earliest_start': z.union([z.strictObject({ weeks: int(0, 104) }), z.strictObject({ months: int(0, 24) })]),
  'placement.priority_classes': z
    .array(z.enum(Object.keys(PRIORITY_CLASSES) as [PriorityClassId, ...PriorityClassId[]]))
    .refine((a) => new Set(a).size === a.length, 'each class once'),
  'placement.distance_km': z.number().gt(0).max(50),
  'placement.reserved_moving_in': int(0, 365),
  'placement.seniority_on_change': z.enum(['keep', 'reset']),
  'placement.distribution_share': z.number().min(0.01).max(1).nullable(),
  'placement.vulnerable_areas': z.array(z.string().min(1).max(100)).max(500),
  'placement.nursery_weight': z.number().min(1).max(3),
  'placement.transition_age_months': int(0, 72),
  'placement.fill_mode': z.enum(['strict-order', 'maximise-children']),
  'placement.max_wishes': z.record(z.enum(['0-2', '3-5', '6-9', '10-13']), int(1, 10)),
  'placement.offer_deadline_days': int(1, 365),
  'placement.notice': z.strictObject({ months: int(0, 6), to: z.enum(['month_end', '15_or_month_end']) }),
  'placement.fritid_offer_window': z
    .strictObject({ from: monthDay, to: monthDay })
    .refine((w) => w.from < w.to, 'from before to'),
  'placement.club_from_grade': int(0, 10),
  'placement.guarantee_risk_days': int(1, 365),
});

/** The municipality's placement policy on `date` (each key's default where it has no value; null: the defaults). */
export async function policyOn(db: Db, municipalityCode: string | null, date: LocalDate): Promise<PlacementPolicy> {
  const values = municipalityCode
    ? await Promise.all(POLICY_KEYS.map((k) => settingOn(db, municipalityCode, k.key, date)))
    : POLICY_KEYS.map(() => undefined);
  const p: Record<string, unknown> = {};
  POLICY_KEYS.forEach((k, i) => {
    p[k.field] = values[i] === undefined ? k.default : values[i];
  });
  const policy = p as unknown as PlacementPolicy;
  const known = policy.priorityClasses.filter((c): c is PriorityClassId => c in PRIORITY_CLASSES && c !== 'seniority');
  policy.priorityClasses = [...known, 'seniority'];
  return policy;
}
