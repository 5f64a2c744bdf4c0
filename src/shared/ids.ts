/** Branded string id; the brand exists only at compile time. */
export type Id<T extends string> = string & { readonly __kind: T };

export type ChildId = Id<'child'>;
/** Any person: guardians, staff, other adults. */
export type PersonId = Id<'person'>;
export type UnitId = Id<'unit'>;
export type DaginstitutionId = Id<'daginstitution'>;
export type HouseholdId = Id<'household'>;
export type UserId = Id<'user'>;
export type AreaId = Id<'area'>;

// Any RFC 4122/9562-shaped UUID (all versions, incl. nil), case-insensitive.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(s: unknown): s is string {
  return typeof s === 'string' && UUID.test(s);
}

/**
 * Validates a UUID and brands it. Lower-cased so ids compare equal to what
 * PostgreSQL returns. Use as `asId<'child'>(s)` or `const id: ChildId = asId(s)`.
 */
export function asId<T extends string>(s: string): Id<T> {
  if (!isUuid(s)) throw new RangeError(`Invalid id ${JSON.stringify(s)}: expected a UUID`);
  return s.toLowerCase() as Id<T>;
}
