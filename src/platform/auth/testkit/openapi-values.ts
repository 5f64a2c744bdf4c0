// Values for calling every operation of /api/openapi.json with municipality A's data: A's ids by parameter name, and
// for other fields a valid value from the JSON schema (enough to pass validation and reach the access check).
import type { LocalDate } from '../../../shared/index.js';
import type { Side } from './two-municipalities.js';

/** valueOf(path, name, schema, today) for A's side and data. */
export function valuesOf(a: Side, ids: Record<string, string>) {
  /** A value of A for a parameter or body field, by its name (and the operation's path for a bare `id`). */
  function valueOf(path: string, name: string, schema: any, today: LocalDate): unknown {
    const day = today.plusDays(14).toString();
    const byName: Record<string, unknown> = {
      cvr: '12345678',
      unitId: a.unit,
      childId: a.child.id,
      placementId: a.placement,
      householdId: a.child.householdId,
      applicationId: ids.application,
      daginstitutionId: a.daginstitution,
      payerId: a.guardian.id,
      guardianId: a.guardian.id,
      municipality: '0860',
      municipalityCode: '0860',
      month: ids.month!.slice(0, 7),
      date: today.toString(),
      start: today.firstOfMonth().plusMonths(1).toString(),
      wantedFrom: today.firstOfMonth().plusMonths(1).toString(),
      wished: day,
      key: 'tenancy.test',
      cpr: ids.cpr,
      // A's CPR change file: a name change of A's child.
      file: {
        fileId: `SF6002-0860-wall`,
        sequence: 1,
        created: today.toString(),
        kommunekode: '0860',
        records: [
          {
            recordNo: 1,
            haendelse: 'navneaendring',
            personnummer: ids.cpr,
            dato: today.toString(),
            navn: { fornavn: 'ÆndretAaa', efternavn: 'EfternavnAaa' },
          },
        ],
      },
      checkIn: '08:00',
      checkOut: '15:00',
    };
    if (name === 'id') {
      if (path.includes('/units/')) return a.unit;
      if (path.includes('/children/')) return a.child.id;
      if (path.includes('/rounds/')) return ids.round;
      if (path.includes('/billing/runs/')) return ids.run;
      if (path.includes('/payers/')) return a.guardian.id;
      if (path.includes('/letters/')) return ids.letter;
      if (path.includes('/inbox/')) return ids.task;
      if (path.includes('/applications/')) return ids.application;
      if (path.includes('/friplads/')) return ids.friplads;
      if (path.includes('/terminals/')) return ids.terminal;
      if (path.includes('/questionnaires/')) return ids.questionnaire;
      if (path.includes('/placements/')) return a.placement;
      if (path.includes('/daginstitutioner/')) return a.daginstitution;
      if (path.includes('/subsidies/cases/')) return ids.subsidyCase;
      if (path.includes('/subsidies/carers/')) return ids.carer;
      return a.unit;
    }
    if (name in byName) return byName[name];
    return sample(schema, name, day);
  }

  /** A valid value for a JSON schema (enough to pass validation and reach the access check). */
  function sample(s: any, name: string, day: string): unknown {
    if (!s) return 'x';
    if (s.anyOf || s.oneOf) {
      const options = (s.anyOf ?? s.oneOf).filter((o: any) => o.type !== 'null');
      return sample(options[0], name, day);
    }
    if (s.const !== undefined) return s.const;
    if (s.enum) return s.enum[0];
    if (s.default !== undefined && s.type !== 'object') return s.default;
    const type = Array.isArray(s.type) ? s.type.find((x: string) => x !== 'null') : s.type;
    switch (type) {
      case 'object': {
        const o: Record<string, unknown> = {};
        for (const [k, v] of Object.entries<any>(s.properties ?? {}))
          if ((s.required ?? []).includes(k)) o[k] = sample(v, k, day);
        return o;
      }
      case 'array':
        return [sample(s.items, name, day)].slice(0, Math.max(1, s.minItems ?? 1));
      case 'integer':
      case 'number':
        return s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : 1);
      case 'boolean':
        return false;
      default:
        if (s.format === 'uuid') return a.unit;
        if (s.format === 'date' || /date|start|from|deadline|end/i.test(name)) return day;
        if (s.pattern === '^[0-9]{4}$' || /^\^?\\d\{4\}\$?$/.test(s.pattern ?? '')) return '0860';
        if (s.pattern && /\{6\}/.test(s.pattern)) return 'TZ0001';
        if (s.pattern && /\\d\{4\}-\\d\{2\}\$/.test(s.pattern)) return day.slice(0, 7);
        return 'Tekst';
    }
  }

  return valueOf;
}
