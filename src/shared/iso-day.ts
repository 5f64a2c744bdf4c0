// Dates as ISO strings ('YYYY-MM-DD') and epoch days, for hot loops over hundreds of thousands of rows (booking's
// timelines, billing's run) where a LocalDate per row would cost too much. The same calendar as LocalDate; the tests
// check them against it. Everywhere else, use LocalDate.
const pad = (n: number) => String(n).padStart(2, '0');

/** Epoch day of a 'YYYY-MM-DD' string (the same arithmetic as local-date's epochDay). */
export function epochOf(s: string): number {
  const y0 = +s.slice(0, 4),
    m = +s.slice(5, 7),
    d = +s.slice(8, 10);
  const y = m <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400),
    yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}
/** 'YYYY-MM-DD' of an epoch day (inverse of epochOf, civil-from-days). */
export function isoOf(z0: number): string {
  const z = z0 + 719468,
    era = Math.floor(z / 146097),
    doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100)),
    mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1,
    m = mp < 10 ? mp + 3 : mp - 9,
    y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${y}-${pad(m)}-${pad(d)}`;
}
export const yearOf = (d: number) => +isoOf(d).slice(0, 4);

/** The first day of the month `n` months after the month of `month` ('YYYY-MM' or a date in it). */
export function addMonths(month: string, n: number): string {
  const y = Number(month.slice(0, 4)),
    m = Number(month.slice(5, 7)) - 1 + n;
  const yy = y + Math.floor(m / 12),
    mm = (((m % 12) + 12) % 12) + 1;
  return `${yy}-${String(mm).padStart(2, '0')}-01`;
}

/** Whole years from `birth` to `on` (both 'YYYY-MM-DD'). Digit by digit, no substrings: billing's run calls it per child. */
export function ageInYears(birth: string, on: string): number {
  const a = digits(on, 0, 4) - digits(birth, 0, 4);
  return digits(on, 5, 2) * 100 + digits(on, 8, 2) < digits(birth, 5, 2) * 100 + digits(birth, 8, 2) ? a - 1 : a;
}
function digits(s: string, i: number, n: number): number {
  let v = 0;
  for (let k = i; k < i + n; k++) v = v * 10 + s.charCodeAt(k) - 48;
  return v;
}
