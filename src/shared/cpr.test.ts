import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatCpr, makeCpr, maskCpr, parseCpr, parseCprOrThrow, type Sex } from './cpr.js';
import { LocalDate } from './local-date.js';

const birth = (cpr: string) => parseCprOrThrow(cpr).birthDate.toString();

describe('parseCpr', () => {
  it('parses the classic example 070761-4285 (mod 11, male, 1961)', () => {
    const r = parseCpr('070761-4285');
    expect(r).toMatchObject({ ok: true, cpr: '0707614285', sex: 'male', mod11: true });
    expect(r.ok && r.birthDate.toString()).toBe('1961-07-07');
  });

  it('accepts both formats and trims', () => {
    expect(parseCprOrThrow('  1111111118 ').cpr).toBe('1111111118');
    expect(parseCprOrThrow('111111-1118')).toMatchObject({ sex: 'female', mod11: true });
    expect(birth('1111111118')).toBe('1911-11-11');
  });

  it('reports but never requires mod 11', () => {
    const r = parseCprOrThrow('0707614286');
    expect(r.mod11).toBe(false);
    expect(r.sex).toBe('female');
  });

  it('refuses a birth date after the given today', () => {
    const today = LocalDate.of(2026, 11, 23);
    expect(parseCpr('0101364000', today)).toMatchObject({ ok: false, error: expect.stringMatching(/future/) });
    expect(parseCpr('2311264001', today)).toMatchObject({ ok: true });
    expect(parseCpr('2411264001', today).ok).toBe(false);
  });

  it('applies the century table', () => {
    expect(birth('0101990000')).toBe('1999-01-01'); // 0–3 → 1900
    expect(birth('0101003999')).toBe('1900-01-01');
    expect(birth('0101364000')).toBe('2036-01-01'); // 4, YY ≤ 36 → 2000
    expect(birth('0101374000')).toBe('1937-01-01'); // 4, YY > 36 → 1900
    expect(birth('0101575000')).toBe('2057-01-01'); // 5–8, YY ≤ 57 → 2000
    expect(birth('0101588999')).toBe('1858-01-01'); // 5–8, YY > 57 → 1800
    expect(birth('0101009000')).toBe('2000-01-01'); // 9, YY ≤ 36 → 2000
    expect(birth('0101379999')).toBe('1937-01-01'); // 9, YY > 36 → 1900
  });

  it('validates the birth date including leap years per century', () => {
    expect(birth('2902004000')).toBe('2000-02-29');
    expect(parseCpr('2902001000')).toEqual({ ok: false, error: expect.stringMatching(/invalid birth date/) }); // 1900 not leap
    expect(parseCpr('3104901234').ok).toBe(false);
    expect(parseCpr('0013901234').ok).toBe(false);
    expect(parseCpr('0001901234').ok).toBe(false);
  });

  it.each(['', '070761 4285', '07076142851', '070761-428', 'abcdefghij', '0707-614285', '070761--4285'])(
    'rejects malformed %j',
    (s) => {
      const r = parseCpr(s);
      expect(r.ok).toBe(false);
      expect(!r.ok && r.error).toMatch(/10 digits/);
      expect(() => parseCprOrThrow(s)).toThrow(RangeError);
    },
  );
});

describe('formatCpr / maskCpr', () => {
  it('formats and masks', () => {
    expect(formatCpr('0707614285')).toBe('070761-4285');
    expect(formatCpr('070761-4285')).toBe('070761-4285');
    expect(maskCpr('0707614285')).toBe('070761-XXXX');
    expect(maskCpr('070761-4285')).toBe('070761-XXXX');
    expect(() => maskCpr('123')).toThrow(RangeError);
  });
});

describe('makeCpr', () => {
  it('generates valid CPRs for the birth date and sex', () => {
    const c = makeCpr(LocalDate.of(2021, 3, 9), 'female', 42);
    expect(c).toMatch(/^090321[4-9]\d{2}[02468]$/);
    expect(parseCprOrThrow(c)).toMatchObject({ sex: 'female' });
    expect(makeCpr(LocalDate.of(2021, 3, 9), 'female', 42)).toBe(c); // deterministic
    expect(makeCpr(LocalDate.of(1985, 12, 1), 'male', 7)).toMatch(/^011285[0-3]\d{2}[13579]$/);
    expect(makeCpr(LocalDate.of(2040, 1, 1), 'male', 0)).toMatch(/^010140[5-8]/);
  });

  it('rejects years the CPR cannot express', () => {
    expect(() => makeCpr(LocalDate.of(1857, 1, 1), 'male', 1)).toThrow(RangeError);
    expect(() => makeCpr(LocalDate.of(2058, 1, 1), 'male', 1)).toThrow(RangeError);
  });

  it('property: round trips through parseCpr', () => {
    const arbBirth = fc
      .integer({ min: 0, max: LocalDate.of(1858, 1, 1).daysUntil(LocalDate.of(2057, 12, 31)) })
      .map((n) => LocalDate.of(1858, 1, 1).plusDays(n));
    fc.assert(
      fc.property(arbBirth, fc.constantFrom<Sex>('female', 'male'), fc.integer(), (b, sex, seed) => {
        const r = parseCprOrThrow(makeCpr(b, sex, seed));
        return r.birthDate.isEqual(b) && r.sex === sex;
      }),
    );
  });
});
