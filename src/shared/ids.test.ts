import { describe, expect, expectTypeOf, it } from 'vitest';
import { asId, isUuid, type ChildId, type PersonId } from './ids.js';

describe('ids', () => {
  it('recognises UUIDs of any version, case-insensitively', () => {
    expect(isUuid('0b6b1e4e-8c2f-4a6e-9a51-2f0c1d7e3b9a')).toBe(true); // v4
    expect(isUuid('01890a5d-ac96-774b-bcce-b302099a8057')).toBe(true); // v7
    expect(isUuid('00000000-0000-0000-0000-000000000000')).toBe(true);
    expect(isUuid('0B6B1E4E-8C2F-4A6E-9A51-2F0C1D7E3B9A')).toBe(true);
  });

  it.each([
    '',
    'not-a-uuid',
    '0b6b1e4e8c2f4a6e9a512f0c1d7e3b9a',
    '{0b6b1e4e-8c2f-4a6e-9a51-2f0c1d7e3b9a}',
    '0b6b1e4e-8c2f-4a6e-9a51-2f0c1d7e3b9',
    '0b6b1e4e-8c2f-4a6e-9a51-2f0c1d7e3b9g',
    ' 0b6b1e4e-8c2f-4a6e-9a51-2f0c1d7e3b9a',
  ])('rejects %j', (s) => {
    expect(isUuid(s)).toBe(false);
    expect(() => asId(s)).toThrow(RangeError);
  });

  it('asId brands and lower-cases', () => {
    const id: ChildId = asId('0B6B1E4E-8C2F-4A6E-9A51-2F0C1D7E3B9A');
    expect(id).toBe('0b6b1e4e-8c2f-4a6e-9a51-2f0c1d7e3b9a');
    expectTypeOf(asId<'person'>(id)).toEqualTypeOf<PersonId>();
    expect(isUuid(42)).toBe(false);
  });
});
