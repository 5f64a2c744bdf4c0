// The explanations a family reads: they name the unit and the reason, in Danish and English.
import { describe, expect, it } from 'vitest';
import { allocate } from './engine.js';
import { allocationInputSchema } from './schema.js';
import type { AllocationInput } from './types.js';

const classes = [
  { id: 'sibling', da: 'søskende', en: 'sibling' },
  { id: 'none', da: 'ingen', en: 'none' },
];
const child = (id: string, seniorityDate: string, wishes: AllocationInput['applicants'][number]['wishes']) => ({
  id,
  birthDate: '2022-01-10',
  seniorityDate,
  wishedStart: '2026-03-01',
  wishes,
});
const round = (applicants: AllocationInput['applicants'], places = 1): AllocationInput => ({
  horizon: '2026-12-31',
  policy: { priorityClasses: classes },
  units: [
    { id: 'maelk', name: 'Mælkebøtten', capacity: [{ from: '2026-01-01', places }] },
    { id: 'sol', name: 'Solsikken', capacity: [{ from: '2026-01-01', places: 5 }] },
  ],
  applicants,
});

describe('allocation explanations', () => {
  it('names the offered unit and the priority class that took the last place at a better wish', () => {
    const r = allocate(
      round([
        child('anna', '2025-01-01', [{ unit: 'maelk' }, { unit: 'sol' }]),
        child('bo', '2025-06-01', [{ unit: 'maelk', priority: 'sibling' }]),
      ]),
    );
    const anna = r.offers.find((o) => o.applicant === 'anna')!;
    expect(anna).toMatchObject({
      unit: 'sol',
      rank: 2,
      notOffered: [{ unit: 'maelk', rank: 1, code: 'lost-to-priority', byClass: 'sibling' }],
    });
    expect(anna.explanation.da).toContain('Tilbudt Solsikken, dit 2. ønske');
    expect(anna.explanation.da).toContain(
      'Ikke tilbudt Mælkebøtten (1. ønske), fordi et barn med prioritet søskende fik den sidste plads',
    );
    expect(anna.explanation.en).toContain('Offered Solsikken, your 2nd wish');
    expect(anna.explanation.en).toContain(
      'Not offered Mælkebøtten (1st wish), because a child with priority sibling got the last place',
    );
    expect(r.offers.find((o) => o.applicant === 'bo')!.explanation.en).toContain('Offered Mælkebøtten, your 1st wish');
  });

  it('says when the same class lost on seniority, and when by lot', () => {
    const r = allocate(
      round([child('early', '2025-01-01', [{ unit: 'maelk' }]), child('late', '2025-03-01', [{ unit: 'maelk' }])]),
    );
    expect(r.unplaced[0]).toMatchObject({
      applicant: 'late',
      notOffered: [{ code: 'lost-to-priority', byClass: 'none' }],
    });
    expect(r.unplaced[0]!.explanation.da).toContain(
      'et barn med samme prioritet (ingen) og længere anciennitet fik den sidste plads',
    );
    expect(r.unplaced[0]!.explanation.da).toContain('Dit barn står fortsat på ventelisten.');
    const tie = allocate(
      round([child('x', '2025-01-01', [{ unit: 'maelk' }]), child('y', '2025-01-01', [{ unit: 'maelk' }])]),
    );
    expect(tie.unplaced[0]!.notOffered[0]).toMatchObject({ code: 'lost-to-priority', byLot: true });
    expect(tie.unplaced[0]!.explanation.en).toContain('the same seniority got the last place by lot');
  });

  it('sets byLot only when the lot decided: not when the winner had a better class at the same seniority', () => {
    const r = allocate(
      round([
        child('x', '2025-01-01', [{ unit: 'maelk', priority: 'sibling' }]),
        child('y', '2025-01-01', [{ unit: 'maelk' }]),
      ]),
    );
    expect(r.unplaced[0]).toMatchObject({
      applicant: 'y',
      notOffered: [{ code: 'lost-to-priority', byClass: 'sibling' }],
    });
    expect(r.unplaced[0]!.notOffered[0]!.byLot).toBeUndefined();
    expect(r.unplaced[0]!.explanation.da).toContain('et barn med prioritet søskende fik den sidste plads');
  });

  it('calls the seniority date the date anciennitet counts from, which may lie after the round', () => {
    const r = allocate(round([child('later', '2027-03-04', [{ unit: 'maelk' }])]));
    expect(r.offers[0]!.explanation.da).toContain('anciennitet (regnet fra 4. marts 2027)');
    expect(r.offers[0]!.explanation.da).not.toContain('opskrevet');
    expect(r.offers[0]!.explanation.en).toContain('seniority (counted from 4 March 2027)');
  });

  it('names the full path of a duplicate priority class', () => {
    const bad = round([]);
    bad.policy = { priorityClasses: [...classes, { id: 'sibling', da: 'x', en: 'x' }] };
    const e = allocationInputSchema.safeParse(bad);
    expect(e.success).toBe(false);
    expect(e.error!.issues.map((i) => i.path)).toEqual([['policy', 'priorityClasses', 2, 'id']]);
  });

  it('explains a nursery child that does not fit the room left, and a unit outside the round', () => {
    const r = allocate(
      round(
        [
          child('big', '2025-01-01', [{ unit: 'maelk' }]),
          { ...child('baby', '2025-08-01', [{ unit: 'maelk' }, { unit: 'nowhere' }]), birthDate: '2025-06-01' },
          child('small', '2025-09-01', [{ unit: 'maelk' }]),
        ],
        2,
      ),
    );
    expect(r.offers.map((o) => o.applicant)).toEqual(['big', 'small']);
    const baby = r.unplaced[0]!;
    expect(baby.notOffered.map((o) => o.code)).toEqual(['too-big', 'unknown-unit']);
    expect(baby.explanation.da).toContain('et vuggestuebarn tæller 2 pladser');
    expect(baby.explanation.da).toContain(
      'Ikke tilbudt nowhere (2. ønske), fordi institutionen ikke er med i denne runde',
    );
  });
});
