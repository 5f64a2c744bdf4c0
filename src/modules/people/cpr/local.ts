// LocalCprRegister: the stand-in for the national register in demo mode and tests. It serves fictitious people from
// a file in the SF1520 answer shape and change files in the SF6002 shape (data/cpr-standin.json), nothing else.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { LocalDate } from '../../../shared/index.js';
import { CHILD_MAX_AGE_YEARS } from '../queries.js';
import { PersonLookupResponse, personFromLookup, type CprPerson, type CprRegister } from './shapes.js';

export const STANDIN_FILE = fileURLToPath(new URL('../../../../data/cpr-standin.json', import.meta.url));

const StandIn = z.object({
  persons: z.array(PersonLookupResponse),
  changeFiles: z.array(z.object({ sequence: z.number().int() }).loose()).default([]),
});

export class LocalCprRegister implements CprRegister {
  readonly name = 'local-standin';
  private readonly persons: Map<string, CprPerson>;
  private readonly files: { sequence: number }[];

  constructor(data: unknown = JSON.parse(readFileSync(STANDIN_FILE, 'utf8'))) {
    const parsed = StandIn.parse(data);
    this.persons = new Map(parsed.persons.map((p) => [p.persondata.personnummer, personFromLookup(p)]));
    this.files = parsed.changeFiles;
  }

  lookup(cpr: string): Promise<CprPerson | null> {
    return Promise.resolve(this.persons.get(cpr) ?? null);
  }

  initialLoad(municipalityCode: string, today: LocalDate): Promise<string[]> {
    return Promise.resolve(
      [...this.persons.values()]
        .filter(
          (p) =>
            p.status === 'active' &&
            p.address?.kommunekode === municipalityCode &&
            p.birthDate.ageInYears(today) < CHILD_MAX_AGE_YEARS,
        )
        .map((p) => p.cpr)
        .sort(),
    );
  }

  changeFiles(afterSequence: number): Promise<unknown[]> {
    return Promise.resolve(
      this.files.filter((f) => f.sequence > afterSequence).sort((a, b) => a.sequence - b.sequence),
    );
  }
}
