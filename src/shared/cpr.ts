import { LocalDate } from './local-date.js';

export type Sex = 'female' | 'male';

export type CprResult =
  | { ok: true; cpr: string; birthDate: LocalDate; sex: Sex; mod11: boolean }
  | { ok: false; error: string };

const CPR = /^(\d{2})(\d{2})(\d{2})-?(\d{4})$/;
const MOD11_WEIGHTS = [4, 3, 2, 7, 6, 5, 4, 3, 2, 1];

/** Century from the 7th digit (first serial digit) and YY, per the CPR office's table. */
function century(digit7: number, yy: number): number {
  if (digit7 <= 3) return 1900;
  if (digit7 === 4 || digit7 === 9) return yy <= 36 ? 2000 : 1900;
  return yy <= 57 ? 2000 : 1800; // 5–8
}

/** Modulus 11 check. Informational only: CPR numbers without it exist since 2007. */
function hasMod11(digits: string): boolean {
  const sum = MOD11_WEIGHTS.reduce((acc, w, i) => acc + w * Number(digits[i]), 0);
  return sum % 11 === 0;
}

/** Parses 'DDMMYYSSSS' or 'DDMMYY-SSSS' (surrounding whitespace ignored). With `today`, a birth date after it is refused. */
export function parseCpr(input: string, today?: LocalDate): CprResult {
  const m = CPR.exec(String(input).trim());
  if (!m) return { ok: false, error: 'CPR number must be 10 digits, as DDMMYYSSSS or DDMMYY-SSSS' };
  const [, dd, mm, yy, serial] = m as unknown as [string, string, string, string, string];
  const year = century(Number(serial[0]), Number(yy)) + Number(yy);
  let birthDate: LocalDate;
  try {
    birthDate = LocalDate.of(year, Number(mm), Number(dd));
  } catch {
    return { ok: false, error: `CPR number has an invalid birth date: ${dd}-${mm}-${year}` };
  }
  if (today && birthDate.isAfter(today))
    return { ok: false, error: `CPR number has a birth date in the future: ${birthDate.toString()}` };
  const cpr = dd + mm + yy + serial;
  const sex: Sex = Number(serial[3]) % 2 === 1 ? 'male' : 'female';
  return { ok: true, cpr, birthDate, sex, mod11: hasMod11(cpr) };
}

export function parseCprOrThrow(input: string): Extract<CprResult, { ok: true }> {
  const r = parseCpr(input);
  if (!r.ok) throw new RangeError(r.error);
  return r;
}

function digitsOf(cpr: string): string {
  const m = CPR.exec(String(cpr).trim());
  if (!m) throw new RangeError('CPR number must be 10 digits, as DDMMYYSSSS or DDMMYY-SSSS');
  return m.slice(1).join('');
}

/** 'DDMMYY-SSSS'. */
export function formatCpr(cpr: string): string {
  const d = digitsOf(cpr);
  return `${d.slice(0, 6)}-${d.slice(6)}`;
}

/** 'DDMMYY-XXXX': birth date visible, serial hidden. */
export function maskCpr(cpr: string): string {
  return `${digitsOf(cpr).slice(0, 6)}-XXXX`;
}

/**
 * Deterministic, syntactically valid CPR for synthetic people: the 7th digit is
 * chosen among those whose century rule yields the birth year, the last digit
 * has the right parity for `sex`. Mod 11 is not enforced (not required since 2007).
 * Supports birth years 1858–2057 (the range the CPR century table can express).
 */
export function makeCpr(birthDate: LocalDate, sex: Sex, serialSeed: number): string {
  if (!Number.isSafeInteger(serialSeed)) throw new RangeError(`serialSeed must be a safe integer: ${serialSeed}`);
  const yy = birthDate.year % 100;
  const allowed = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].filter((d) => century(d, yy) + yy === birthDate.year);
  if (allowed.length === 0) throw new RangeError(`CPR cannot express birth year ${birthDate.year}`);
  const seed = Math.abs(serialSeed);
  const first = allowed[seed % allowed.length]!;
  let rest = Math.floor(seed / allowed.length) % 1000; // digits 8–10
  if ((rest % 2 === 1) !== (sex === 'male')) rest = rest % 2 === 1 ? rest - 1 : rest + 1;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(birthDate.day)}${pad(birthDate.month)}${pad(yy)}${first}${String(rest).padStart(3, '0')}`;
}
