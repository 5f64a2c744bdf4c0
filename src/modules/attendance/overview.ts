// Staff overviews of one unit: who is here now by group and age, presence per hour, planned against actual per day,
// FLIS full-time equivalents and the CSV export.
import type { Db } from '../../platform/db/database.js';
import type { LocalDate } from '../../shared/index.js';
import {
  byGroup,
  childrenOnDay,
  listedClosingDays,
  plannedPerDay,
  registrationsBetween,
  type DayChild,
} from './queries.js';
import { closingReason, fullTimeEquivalent, hhmm, IN_CARE, presentPerHour, STATUS } from './rules.js';

export const HOURS = [6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17] as const;

function counts(children: DayChild[]) {
  const present = children.filter((c) => IN_CARE.includes(c.status));
  const bands = [...new Set(children.map((c) => c.ageBand))].sort();
  return {
    placed: children.length,
    present: present.length,
    sick: children.filter((c) => c.status === STATUS.sick).length,
    absent: children.filter((c) => c.status === STATUS.absent).length,
    checkedOut: children.filter((c) => c.status === STATUS.checkedOut).length,
    notArrived: children.filter((c) => c.status === STATUS.notArrived).length,
    fte: { placed: sumFte(children), present: sumFte(present) },
    byAge: bands.map((band) => ({
      band,
      placed: children.filter((c) => c.ageBand === band).length,
      present: present.filter((c) => c.ageBand === band).length,
    })),
  };
}
const sumFte = (children: DayChild[]) => children.reduce((s, c) => s + fullTimeEquivalent(c.hoursPerWeek), 0);

export async function dayOverview(db: Db, unitId: string, date: LocalDate, now: string | null) {
  const [children, listed] = await Promise.all([
    childrenOnDay(db, unitId, date),
    listedClosingDays(db, unitId, date, date),
  ]);
  const groups = byGroup(children);
  return {
    date: date.toString(),
    closed: closingReason(date, listed),
    totals: counts(children),
    hours: presentPerHour(children, now, HOURS),
    groups: groups.map((g) => ({
      name: g.name,
      ...counts(g.children),
      hours: presentPerHour(g.children, now, HOURS),
      children: g.children.map((c) => ({
        id: c.id,
        firstName: c.firstName,
        lastName: c.lastName,
        initials: c.initials,
        ageMonths: c.ageMonths,
        ageBand: c.ageBand,
        status: c.status,
        checkIn: c.checkIn,
        checkOut: c.checkOut,
        pickupBy: c.pickupBy,
        absence: c.absence,
        hoursPerWeek: c.hoursPerWeek,
        fte: fullTimeEquivalent(c.hoursPerWeek),
      })),
    })),
    childIds: children.map((c) => c.id),
  };
}

/** Planned (placed, open, not reported absent) against actual (checked in) for each day in [from, to]. */
export async function plannedAgainstActual(db: Db, unitId: string, from: LocalDate, to: LocalDate) {
  const [days, listed] = await Promise.all([
    plannedPerDay(db, unitId, from, to),
    listedClosingDays(db, unitId, from, to),
  ]);
  let d = from;
  return days.map((r) => {
    const closed = closingReason(d, listed);
    d = d.plusDays(1);
    const planned = closed ? 0 : r.placed - r.absent;
    return {
      date: r.day,
      closed,
      placed: r.placed,
      absent: r.absent,
      planned,
      actual: r.checked_in,
      difference: r.checked_in - planned,
    };
  });
}

const STATUS_NAMES = [
  'Ikke kommet',
  'Syg',
  'Fravær/ferie',
  'Til stede',
  'På tur',
  'Sover',
  'Til aktivitet',
  'Fysisk placering',
  'Gået hjem',
];
export const statusName = (s: number) => STATUS_NAMES[s] ?? String(s);

/** Semicolon-separated (Danish spreadsheet default) with a BOM so Excel reads æøå. */
export async function exportCsv(db: Db, unitId: string, from: LocalDate, to: LocalDate) {
  const rows = await registrationsBetween(db, unitId, from, to);
  const cell = (v: string | number | null) => {
    const s = v === null ? '' : String(v);
    return /[";\n\r]/.test(s) || /^[=+\-@]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s; // no spreadsheet formulas
  };
  const lines = [['Dato', 'Fornavn', 'Efternavn', 'Statuskode', 'Status', 'Indtjek', 'Udtjek', 'Hentes af'].join(';')];
  for (const r of rows) {
    lines.push(
      [
        r.date,
        r.first_name,
        r.last_name,
        r.status,
        statusName(r.status),
        hhmm(r.check_in),
        hhmm(r.check_out),
        r.pickup_by,
      ]
        .map(cell)
        .join(';'),
    );
  }
  return { csv: '\ufeff' + lines.join('\r\n') + '\r\n', childIds: [...new Set(rows.map((r) => r.child_id))] };
}
