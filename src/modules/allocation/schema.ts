// Zod schema of an allocation round (docs/formats/allocation.md): shape, real dates, and cross-references
// (unique ids, known units and priority classes, no unit wished twice), each with a message naming the place.
import { z } from 'zod';
import { LocalDate } from '../../shared/index.js';
import type { AllocationInput } from './types.js';

const date = z.string().refine((s) => LocalDate.tryParse(s) !== null, 'expected a real date YYYY-MM-DD');
const period = z
  .object({ from: date, to: date.nullable().optional(), places: z.number().finite().min(0) })
  .strict()
  .refine((p) => !p.to || p.to >= p.from, 'to is before from');
const text = z.string().min(1);

export const allocationInputSchema = z
  .object({
    horizon: date,
    policy: z
      .object({
        priorityClasses: z.array(z.object({ id: text, da: text, en: text }).strict()).min(1),
        nurseryWeight: z.number().finite().min(1).max(10).optional(),
        transitionAgeMonths: z.number().int().min(1).max(120).optional(),
        fillMode: z.enum(['strict-order', 'maximise-children']).optional(),
      })
      .strict(),
    units: z.array(
      z
        .object({
          id: text,
          name: text,
          ageGroups: z
            .array(z.enum(['nursery', 'kindergarten']))
            .min(1)
            .optional(),
          capacity: z.array(period),
          occupancy: z.array(period).optional(),
        })
        .strict(),
    ),
    applicants: z.array(
      z
        .object({
          id: text,
          birthDate: date,
          seniorityDate: date,
          wishedStart: date,
          wishes: z.array(z.object({ unit: text, priority: text.optional() }).strict()),
          siblingGroup: text.optional(),
          wantTogether: z.boolean().optional(),
        })
        .strict(),
    ),
  })
  .strict()
  .superRefine((v, ctx) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    const dup = (ids: string[], what: string, path: string[]) => {
      const seen = new Set<string>();
      ids.forEach((id, i) => {
        if (seen.has(id)) issue([...path, i, 'id'], `duplicate ${what} id ${id}`);
        seen.add(id);
      });
    };
    dup(
      v.units.map((u) => u.id),
      'unit',
      ['units'],
    );
    dup(
      v.applicants.map((a) => a.id),
      'applicant',
      ['applicants'],
    );
    dup(
      v.policy.priorityClasses.map((c) => c.id),
      'priority class',
      ['policy', 'priorityClasses'],
    );
    const units = new Set(v.units.map((u) => u.id)),
      classes = new Set(v.policy.priorityClasses.map((c) => c.id));
    v.applicants.forEach((a, i) => {
      if (a.birthDate > a.wishedStart)
        issue(['applicants', i, 'wishedStart'], `applicant ${a.id}: wished start before birth`);
      const seen = new Set<string>();
      a.wishes.forEach((w, j) => {
        if (!units.has(w.unit))
          issue(['applicants', i, 'wishes', j, 'unit'], `applicant ${a.id}: unknown unit ${w.unit}`);
        if (seen.has(w.unit))
          issue(['applicants', i, 'wishes', j, 'unit'], `applicant ${a.id}: unit ${w.unit} wished twice`);
        if (w.priority !== undefined && !classes.has(w.priority))
          issue(['applicants', i, 'wishes', j, 'priority'], `applicant ${a.id}: unknown priority class ${w.priority}`);
        seen.add(w.unit);
      });
    });
  });

export function parseAllocationInput(json: unknown): AllocationInput {
  return allocationInputSchema.parse(json) as AllocationInput;
}
