// What a setting's value must look like, declared by the module that reads it (placement rules, booking policy …), so
// the settings endpoint refuses a bad value with a 400 instead of storing it and falling back to defaults later.
import type { z } from 'zod';

const schemas = new Map<string, z.ZodType>();

export function defineSettingSchemas(entries: Record<string, z.ZodType>) {
  for (const [key, schema] of Object.entries(entries)) schemas.set(key, schema);
}

/** The first problem with `value` for `key`, or null (also for keys no module declares). */
export function settingValueProblem(key: string, value: unknown): string | null {
  const r = schemas.get(key)?.safeParse(value);
  if (!r || r.success) return null;
  const issue = r.error.issues[0]!;
  return `${issue.path.join('.') || key}: ${issue.message}`;
}
